from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from satu.agencies.models import Agency, ServiceUnit
from satu.urusan.models import Urusan

from . import history
from .models import (
    EvidenceKind,
    Innovation,
    Stage,
    Status,
    YearStatus,
)
from .sdgs import SDG_GOALS
from .uploads import (
    ALLOWED_EXTENSIONS,
    allowed_types_text,
    max_upload_bytes,
    too_large_message,
)

DATE_WIDGET = {"type": "date"}


class InnovationProfileForm(forms.ModelForm):
    """The long profile form, shown in fieldsets; it saves drafts, incomplete or not."""

    based_on_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    sdg_goals = forms.TypedMultipleChoiceField(
        label=_("SDG goals"),
        choices=SDG_GOALS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The Sustainable Development Goals the innovation contributes to."),
    )

    FIELDSETS = [
        (_("Identity"), history.IDENTITY_FIELDS),
        (_("Government affairs and goals"), history.URUSAN_FIELDS),
        (_("Dates and budget"), history.DATE_FIELDS),
        (_("Design and results"), history.DESIGN_FIELDS),
        (_("Proposal (KIPP)"), history.KIPP_FIELDS),
    ]

    class Meta:
        model = Innovation
        fields = list(history.EDITABLE_FIELDS)
        widgets = {
            "trial_date": forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
            "launch_date": forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
            "related_urusan": forms.CheckboxSelectMultiple,
            "design": forms.Textarea(attrs={"rows": 10}),
            "summary": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "design": _(
                "Legal basis, the problem, strategic issues, the method of renewal, what is new "
                "and how it works. The Indeks Inovasi Daerah expects at least 300 words."
            ),
            "initiator_name": _(
                "Required unless the initiator is the agency itself: the person or group."
            ),
            "launch_date": _("Required for the stage “Implementation”."),
            "trial_date": _("Required for the stage “Trial”."),
            "budget": _("In rupiah, without dots."),
        }

    def __init__(self, *args: object, agency: Agency, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.agency = agency
        self.instance.agency = agency
        units = ServiceUnit.objects.filter(agency=agency, is_active=True).order_by("name")
        if self.instance.service_unit_id:
            units = units | ServiceUnit.objects.filter(pk=self.instance.service_unit_id)
        self.fields["service_unit"].queryset = units
        self.fields["service_unit"].empty_label = _("— none —")
        self.fields["main_urusan"].queryset = Urusan.objects.order_by("code")
        self.fields["main_urusan"].empty_label = _("— choose —")
        for name in ("stage", "form", "initiator_kind"):
            field = self.fields[name]
            field.choices = [("", _("— choose —")), *[c for c in field.choices if c[0]]]
        self.fields["related_urusan"].queryset = Urusan.objects.order_by("code")
        self.fields["related_urusan"].required = False
        year = timezone.localdate().year
        self.fields["programme_year"].widget = forms.Select(
            choices=[(y, str(y)) for y in range(year + 1, year - 6, -1)]
        )
        if not self.instance.pk:
            self.fields["programme_year"].initial = year
        self.fields["based_on_version"].initial = self.instance.version
        for name in ("design", "goals", "benefits", "results_before", "results_after"):
            self.fields[name].widget.attrs.setdefault("rows", 5)
        self.fields["summary"].widget.attrs["data-max-words"] = "200"

    def fieldsets(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(legend, [self[name] for name in names]) for legend, names in self.FIELDSETS]

    def profile_values(self) -> dict[str, object]:
        data = self.cleaned_data
        return {name: data[name] for name in self.Meta.fields}


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EvidenceKind.choices)
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the file name."),
    )
    file = forms.FileField(label=_("File"), required=False)
    url = forms.URLField(
        label=_("or a link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("A video or web page, starting with https://"),
    )
    is_public = forms.BooleanField(
        label=_("Show to the public once the innovation is accepted"), required=False
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["file"].help_text = _("%(types)s; at most %(size)s MB.") % {
            "types": allowed_types_text(),
            "size": max_upload_bytes() // (1024 * 1024),
        }
        self.fields["file"].widget.attrs.update(
            {
                "accept": ",".join(f".{ext}" for ext in ALLOWED_EXTENSIONS),
                # Checked in the browser too (upload-limit.js), so a big file is not sent.
                "data-max-bytes": str(max_upload_bytes()),
                "data-too-large": too_large_message(),
            }
        )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        has_file, has_link = bool(data.get("file")), bool(data.get("url"))
        if has_file and has_link:
            raise forms.ValidationError(_("Give either a file or a link, not both."))
        if not has_file and not has_link and not self.errors:
            raise forms.ValidationError(_("Upload a file or give a link."))
        if has_link and not has_file and not data.get("title"):
            self.add_error("title", _("Give the link a title."))
        return data


class YearStatusForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    status = forms.ChoiceField(label=_("Status"), choices=YearStatus.choices)
    development_note = forms.CharField(
        label=_("What was developed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Required for “developed further” when the innovation is more than two years old."
        ),
    )
    stop_reason = forms.CharField(
        label=_("Why it stopped"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the innovation stopped."),
    )

    def __init__(self, *args: object, years: list[int], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["year"].choices = [(y, str(y)) for y in years]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        error_messages={
            "required": _("Write the reason, so that the operator knows what to correct.")
        },
        help_text=_("The operator sees this text: say what must be corrected."),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
    )


class InnovationFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    year = forms.TypedChoiceField(label=_("Programme year"), coerce=int, required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All statuses")), *Status.choices], required=False
    )
    stage = forms.ChoiceField(
        label=_("Stage"), choices=[("", _("All stages")), *Stage.choices], required=False
    )
    agency = forms.ModelChoiceField(
        label=_("Agency"),
        queryset=Agency.objects.none(),
        required=False,
        empty_label=_("All agencies"),
    )

    def __init__(self, *args: object, agencies: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        year = timezone.localdate().year
        self.fields["year"].choices = [("", _("All years"))] + [
            (y, str(y)) for y in range(year + 1, 2017, -1)
        ]
        self.fields["agency"].queryset = agencies
        if agencies.count() < 2:  # type: ignore[attr-defined]
            del self.fields["agency"]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (XLSX or CSV)"),
        help_text=_("Use the template: one innovation per row, the header in the first row."),
    )
