from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from satu.regions.models import Region

from .elements import ANSWERS, STANDARD_ELEMENTS
from .models import MAX_WEIGHT, PROFILE_TITLES, ExtraElement, SurveyPeriod
from .results import LEVELS
from .services import MAX_EXTRA_ELEMENTS, MAX_SUGGESTION, MAX_TOKENS_PER_BATCH, PERIOD_FIELDS

DATE_WIDGET = {"type": "date"}


class ServicesField(forms.CharField):
    """One service per line in a text area; a list of names in the model."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value: object) -> object:
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value: object) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        names: list[str] = []
        for line in str(text).splitlines():
            name = line.strip()[:200]
            if name and name not in names:
                names.append(name)
        if len(names) > 30:
            raise ValidationError(_("List at most 30 services."))
        return names


class PeriodForm(forms.ModelForm):
    services = ServicesField(
        label=_("Services"),
        required=False,
        help_text=_("One per line. Respondents say which one they used; leave empty to not ask."),
    )
    copy_from = forms.ModelChoiceField(
        label=_("Copy the questionnaire of"),
        queryset=SurveyPeriod.objects.none(),
        required=False,
        empty_label=_("— the standard questionnaire —"),
        help_text=_("Takes over the weights and the extra elements of an earlier period."),
    )

    class Meta:
        model = SurveyPeriod
        fields = list(PERIOD_FIELDS)
        widgets = {
            "start_date": forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
        }

    def __init__(self, *args: object, unit: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        earlier = SurveyPeriod.objects.filter(unit=unit).order_by("-start_date")
        if self.instance.pk:
            del self.fields["copy_from"]
        elif earlier.exists():
            self.fields["copy_from"].queryset = earlier
        else:
            del self.fields["copy_from"]

    def clean(self) -> dict:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The last day cannot be before the first day."))
        return data


class WeightsForm(forms.Form):
    """The weight of each standard element (whole numbers, relative to each other)."""

    def __init__(self, *args: object, period: SurveyPeriod, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for element in STANDARD_ELEMENTS:
            self.fields[element.key] = forms.IntegerField(
                label=f"U{element.number} {element.name}",
                min_value=1,
                max_value=MAX_WEIGHT,
                initial=period.standard_weight(element.key),
                widget=forms.NumberInput(attrs={"class": "weight-input"}),
            )


class ExtraElementForm(forms.ModelForm):
    class Meta:
        model = ExtraElement
        fields = ["name", "question", "question_en", "scale", "weight"]
        widgets = {"weight": forms.NumberInput(attrs={"class": "weight-input"})}


ExtraElementFormSet = forms.formset_factory(
    ExtraElementForm, extra=1, max_num=MAX_EXTRA_ELEMENTS, validate_max=True, can_delete=True
)


class ResponseForm(forms.Form):
    """The public questionnaire: the elements, the profile questions, a suggestion."""

    website = forms.CharField(
        label=_("Leave this field empty"), required=False, max_length=200
    )  # honeypot: people never see it, simple bots fill it in

    def __init__(
        self, *args: object, period: SurveyPeriod, extras: list[ExtraElement], language: str,
        **kwargs: object,
    ) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.period = period
        self.extras = extras
        required = _("Please choose an answer.")
        for element in STANDARD_ELEMENTS:
            self.fields[element.key] = forms.TypedChoiceField(
                label=element.question,
                choices=list(zip(ANSWERS, element.labels, strict=True)),
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": required},
            )
        for extra in extras:
            self.fields[extra.key] = forms.TypedChoiceField(
                label=extra.question_text(language),
                choices=list(zip(ANSWERS, extra.labels, strict=True)),
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": required},
            )
        for field_name, choices in period.profile_questions:
            self.fields[field_name] = forms.ChoiceField(
                label=PROFILE_TITLES[field_name],
                choices=[("", _("— choose —")), *choices.choices],
                required=False,
            )
        if period.services:
            self.fields["service"] = forms.ChoiceField(
                label=_("Service used"),
                choices=[("", _("— choose —")), *((s, s) for s in period.services)],
                required=False,
            )
        self.fields["suggestion"] = forms.CharField(
            label=_("Your suggestion for this service (optional)"),
            required=False,
            max_length=MAX_SUGGESTION,
            widget=forms.Textarea(attrs={"rows": 4}),
        )
        if period.require_token:
            self.fields["token"] = forms.CharField(
                label=_("Code on your receipt"),
                max_length=20,
                help_text=_("Eight letters and digits, for example K7M2-QX9A."),
                widget=forms.TextInput(
                    attrs={"autocomplete": "off", "autocapitalize": "characters"}
                ),
            )

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def element_fields(self) -> list[forms.BoundField]:
        keys = [e.key for e in STANDARD_ELEMENTS] + [e.key for e in self.extras]
        return [self[key] for key in keys]

    def profile_fields(self) -> list[forms.BoundField]:
        names = [f for f, _c in self.period.profile_questions]
        if "service" in self.fields:
            names.append("service")
        return [self[name] for name in names]


class TokenForm(forms.Form):
    count = forms.IntegerField(
        label=_("Number of codes"), min_value=1, max_value=MAX_TOKENS_PER_BATCH, initial=50
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (XLSX or CSV)"),
        help_text=_("One row per questionnaire, with the column names of the template."),
    )


class RollupForm(forms.Form):
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=None,
    )
    level = forms.ChoiceField(
        label=_("Group by"),
        choices=[
            ("region", _("Kabupaten/kota")),
            ("agency", _("Agency")),
            ("unit", _("Service unit")),
        ],
        required=False,
    )
    start = forms.DateField(
        label=_("Periods ending from"),
        required=False,
        widget=forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=_("until"),
        required=False,
        widget=forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
    )

    def __init__(self, *args: object, regions: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["region"].queryset = regions

    def clean_level(self) -> str:
        level = self.cleaned_data.get("level") or "region"
        return level if level in LEVELS else "region"
