from django import forms
from django.utils.translation import gettext_lazy as _

from satu.agencies.models import Agency, AgencyType
from satu.regions.models import Region

from . import rules
from .board import STATUS_LABELS
from .models import CountingRule, ProgrammeYear
from .services import PROGRAMME_YEAR_FIELDS

AGENCY_SORTS = [
    ("region", _("Region")),
    ("name", _("Name")),
    ("status", _("Status, complied first")),
    ("-status", _("Status, nothing yet first")),
]
REGION_SORTS = ("code", "name", "-name", "percent", "-percent", "obliged", "-obliged")


class BoardFilterForm(forms.Form):
    """The board's filters; every choice ends up in the URL, so a view can be shared."""

    region = forms.ChoiceField(label=_("Region"), required=False)
    type = forms.ChoiceField(
        label=_("Agency type"),
        required=False,
        choices=[("", _("All types")), *AgencyType.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *[(s, STATUS_LABELS[s]) for s in rules.STATUSES]],
    )
    sort = forms.ChoiceField(label=_("Order agencies by"), required=False, choices=AGENCY_SORTS)

    def __init__(self, *args: object, regions: list[Region], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        choices: list[tuple[str, str]] = [("", str(_("All regions")))]
        for region in regions:
            label = region.name
            if region.is_province:
                label = str(_("%(province)s provincial agencies") % {"province": region.name})
            choices.append((region.code, label))
        self.fields["region"].choices = choices
        self.regions = {region.code: region for region in regions}

    def cleaned(self) -> dict[str, object]:
        """The valid filters (an invalid one is dropped rather than failing the page)."""
        data = {"region": None, "type": "", "status": "", "sort": "region"}
        if self.is_bound:
            self.is_valid()
            cleaned = getattr(self, "cleaned_data", {})
            data["region"] = self.regions.get(cleaned.get("region") or "")
            data["type"] = cleaned.get("type") or ""
            data["status"] = cleaned.get("status") or ""
            data["sort"] = cleaned.get("sort") or "region"
        return data


class CommaDaysField(forms.CharField):
    """A list of day counts typed as "30, 14, 7, 1"."""

    def prepare_value(self, value: object) -> object:
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value)
        return value

    def to_python(self, value: object) -> list[int]:
        text = super().to_python(value)
        days = []
        for part in text.replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            if not part.isdigit():
                raise forms.ValidationError(
                    _("Enter whole numbers of days separated by commas, e.g. 30, 14, 7, 1.")
                )
            days.append(int(part))
        return days


class ProgrammeYearForm(forms.ModelForm):
    obliged_types = forms.MultipleChoiceField(
        label=_("Obliged agency types"),
        choices=AgencyType.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Agencies of the ticked types must register an innovation this year."),
    )
    counting_rule = forms.ChoiceField(
        label=_("What counts"), choices=CountingRule.choices, widget=forms.RadioSelect
    )
    reminder_days = CommaDaysField(
        label=_("Reminders (days before the deadline)"),
        required=False,
        help_text=_("E.g. 30, 14, 7, 1. Leave empty for no reminders."),
    )
    escalation_days = CommaDaysField(
        label=_("Escalations (days after the deadline)"),
        required=False,
        help_text=_("E.g. 1, 7. Leave empty for no escalation."),
    )

    class Meta:
        model = ProgrammeYear
        fields = ["year", *PROGRAMME_YEAR_FIELDS]
        widgets = {"registration_deadline": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if self.instance.pk:
            del self.fields["year"]
        self.fields["registration_deadline"].widget.format = "%Y-%m-%d"

    def _post_clean(self) -> None:
        # The service validates and saves; the form only parses.
        pass


class ExemptionRequestForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("Agency"), queryset=Agency.objects.none(), empty_label=_("Choose an agency")
    )
    reason = forms.CharField(
        label=_("Justification"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("E.g. created or merged during the year, or in the middle of restructuring."),
    )

    def __init__(self, *args: object, agencies, **kwargs: object) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["agency"].queryset = agencies.select_related("region").order_by(
            "region__code", "name"
        )
        self.fields["agency"].label_from_instance = lambda a: f"{a.name} — {a.region.name}"


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when rejecting or revoking."),
    )
