from django import forms
from django.utils.translation import gettext_lazy as _

from satu.regions.models import Region

from .models import Agency, AgencyType, ServiceUnit


class AgencyForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = [
            "name",
            "abbreviation",
            "type",
            "region",
            "parent",
            "location",
            "valid_from",
            "valid_until",
            "successor",
        ]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: object, manager: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        from .policies import manageable_agencies, regions_for_new_agencies

        self.fields["region"].queryset = regions_for_new_agencies(manager)
        agencies = manageable_agencies(manager).select_related("region").order_by("name")
        if self.instance.pk:
            agencies = agencies.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = agencies
        self.fields["successor"].queryset = agencies


class ServiceUnitForm(forms.ModelForm):
    class Meta:
        model = ServiceUnit
        fields = ["name", "address", "is_active"]


class AgencyFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or abbreviation"), required=False)
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.none(),
        required=False,
        to_field_name="code",
        empty_label=_("All regions"),
    )
    type = forms.ChoiceField(
        label=_("Type"), choices=[("", _("All types")), *AgencyType.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Active")), ("ended", _("Ended")), ("all", _("All"))],
    )

    def __init__(self, *args: object, regions: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["region"].queryset = regions
