from django import forms
from django.utils.translation import gettext_lazy as _

from satu.innovations.models import Innovation
from satu.regions.models import Region

from .models import Decision, Indicator, Outcome, PredicateBand, Programme, RuleSet

LEVEL_CHOICES = [("", _("Not answered")), ("1", "1"), ("2", "2"), ("3", "3")]


class StartForm(forms.Form):
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args, regions=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions if regions is not None else Region.objects.none()


class AnswerForm(forms.Form):
    code = forms.CharField(max_length=8, widget=forms.HiddenInput)
    level = forms.TypedChoiceField(
        label=_("Parameter"), choices=LEVEL_CHOICES, coerce=int, empty_value=None, required=False
    )
    basis = forms.ChoiceField(
        label=_("Measurement basis"),
        choices=[("", "—")] + [(c, c) for c in "abcdef"],
        required=False,
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, JPEG, PNG, WebP or MP4 (the video indicator: MP4 only)."),
    )
    url = forms.URLField(
        label=_("or a link"), required=False, max_length=500, assume_scheme="https"
    )

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if bool(data.get("file")) == bool(data.get("url")):
            raise forms.ValidationError(_("Give either a file or a link."))
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(Decision.ACCEPTED, _("Accept")), (Decision.REJECTED, _("Reject"))],
    )
    note = forms.CharField(label=_("Reason (needed to reject)"), required=False, max_length=1000)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("What must be corrected"), widget=forms.Textarea(attrs={"rows": 3})
    )


class IncludeForm(forms.Form):
    innovation = forms.ModelChoiceField(label=_("Innovation"), queryset=Innovation.objects.none())

    def __init__(self, *args, innovations=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if innovations is not None:
            self.fields["innovation"].queryset = innovations


class ForwardForm(forms.Form):
    innovation = forms.ModelChoiceField(label=_("Innovation"), queryset=Innovation.objects.none())
    programme = forms.ChoiceField(label=_("Programme"), choices=Programme.choices)
    programme_name = forms.CharField(
        label=_("Name of the programme (for another programme)"), required=False, max_length=200
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    forwarded_on = forms.DateField(
        label=_("Forwarded on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, innovations=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if innovations is not None:
            self.fields["innovation"].queryset = innovations


class OutcomeForm(forms.Form):
    outcome = forms.ModelChoiceField(
        label=_("Outcome"),
        queryset=Outcome.objects.none(),
        required=False,
        empty_label=_("No outcome yet"),
    )
    outcome_on = forms.DateField(
        label=_("Received on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    predicate = forms.CharField(label=_("Predicate"), required=False, max_length=60)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, programme=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["outcome"].queryset = Outcome.objects.filter(programme=programme)


class CopyRuleSetForm(forms.Form):
    year = forms.IntegerField(label=_("Year of the new rule set"), min_value=2000, max_value=2100)
    name = forms.CharField(label=_("Name"), required=False, max_length=120)


class RuleSetForm(forms.ModelForm):
    class Meta:
        model = RuleSet
        fields = [
            "name",
            "source",
            "confidence",
            "note",
            "divisor_min",
            "count_weight",
            "count_cap",
            "coverage_min",
            "design_min_words",
            "window_start",
            "window_end",
        ]
        widgets = {
            "source": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 3}),
            "window_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "window_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "name",
            "variable",
            "weight",
            "parameter_1",
            "parameter_2",
            "parameter_3",
            "mandatory",
            "evidence",
            "needs_video",
        ]


class BandForm(forms.ModelForm):
    class Meta:
        model = PredicateBand
        fields = ["name", "minimum"]
