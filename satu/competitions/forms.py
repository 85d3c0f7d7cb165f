from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from satu.accounts.forms import HoneypotMixin
from satu.innovations.models import Innovation

from .models import (
    Award,
    Category,
    ChecklistItem,
    Competition,
    CompetitionJuror,
    EntryStatus,
    Group,
    LocationSource,
    Round,
    ScreeningReason,
    TimelineStep,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class CompetitionForm(forms.ModelForm):
    groups = forms.MultipleChoiceField(
        label=_("Groups open"), choices=Group.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Competition
        fields = [
            "year",
            "name",
            "description",
            "min_age_years",
            "age_reference_date",
            "exclude_top_winners",
            "shortlist_limit",
            "quota_per_region",
            "quota_per_provincial_agency",
            "groups",
            "correction_ends_on",
            "shortlist_mode",
            "shortlist_size",
            "shortlist_threshold",
            "shortlist_proportional_groups",
            "shortlist_max_per_region",
            "objection_days",
            "presentation_minutes",
            "interview_minutes",
            "panel_size",
            "winners_per_category",
        ]
        widgets = {"age_reference_date": DATE, "correction_ends_on": DATE}


CategoryFormSet = inlineformset_factory(
    Competition, Category, fields=["name", "order", "winners"], extra=1
)
TimelineFormSet = inlineformset_factory(
    Competition,
    TimelineStep,
    fields=["stage", "starts_on", "ends_on"],
    extra=1,
    widgets={"starts_on": DATE, "ends_on": DATE},
)
RoundFormSet = inlineformset_factory(
    Competition,
    Round,
    fields=["kind", "order", "weight", "blind_review", "normalise", "jurors_per_entry"],
    extra=1,
)
ChecklistFormSet = inlineformset_factory(
    Competition, ChecklistItem, fields=["text", "order"], extra=2
)

SETUP_FORMSETS = {
    "categories": (CategoryFormSet, _("Categories")),
    "timeline": (TimelineFormSet, _("Timeline")),
    "rounds": (RoundFormSet, _("Rounds")),
    "checklist": (ChecklistFormSet, _("Field verification checklist")),
}


class EntryForm(forms.Form):
    innovation = forms.ModelChoiceField(label=_("Innovation"), queryset=Innovation.objects.none())
    group = forms.ChoiceField(label=_("Group"), choices=Group.choices)
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.none(), required=False
    )
    original = forms.ModelChoiceField(
        label=_("Original innovation (for a replication)"),
        queryset=Innovation.objects.none(),
        required=False,
        help_text=_("Leave empty to use the original named in the innovation's record."),
    )

    def __init__(self, *args, competition, innovations, with_innovation=True, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [(g, Group(g).label) for g in competition.groups]
        categories = competition.categories.all()
        self.fields["category"].queryset = categories
        self.fields["category"].required = categories.exists()
        self.fields["original"].queryset = Innovation.objects.public().select_related("agency")
        if with_innovation:
            self.fields["innovation"].queryset = innovations
        else:
            del self.fields["innovation"]


class EntryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All"))] + EntryStatus.choices, required=False
    )
    group = forms.ChoiceField(
        label=_("Group"), choices=[("", _("All"))] + Group.choices, required=False
    )
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.none(), required=False
    )
    level = forms.ChoiceField(
        label=_("Level"),
        choices=[
            ("", _("All")),
            ("province", _("Provincial agencies")),
            ("local", _("Kabupaten/kota")),
        ],
        required=False,
    )

    def __init__(self, *args, competition, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = competition.categories.all()


class ScreeningForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("pass", _("Pass")), ("fail", _("Fail"))],
        widget=forms.RadioSelect,
    )
    reasons = forms.MultipleChoiceField(
        label=_("Reasons (for a failure)"),
        choices=ScreeningReason.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=_("Note to the agency"), widget=forms.Textarea, required=False)
    scope = forms.ChoiceField(
        label=_("Apply to"),
        choices=[
            ("selected", _("The entries ticked below")),
            ("filtered", _("Every entry matching the filters")),
        ],
        widget=forms.RadioSelect,
        initial="selected",
    )


class StageMoveForm(forms.Form):
    to_stage = forms.CharField(widget=forms.HiddenInput)
    force = forms.BooleanField(label=_("Move on despite unfinished work"), required=False)
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for reopening"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ObjectionForm(HoneypotMixin):
    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(
        label=_("Your email address"), help_text=_("Not published; we send the decision here.")
    )
    text = forms.CharField(
        label=_("Your objection"),
        max_length=5000,
        widget=forms.Textarea,
        help_text=_("What is wrong with this innovation? Facts help the secretariat decide."),
    )


class ResolveForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("dismiss", _("Dismiss: the entry stays")),
            ("uphold", _("Uphold: remove the entry")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}))


class AutoScheduleForm(forms.Form):
    first_day = forms.DateField(label=_("First day"), widget=DATE)
    last_day = forms.DateField(label=_("Last day"), widget=DATE)
    day_start = forms.TimeField(label=_("From"), widget=TIME, initial="08:00")
    day_end = forms.TimeField(label=_("Until"), widget=TIME, initial="12:00")
    weekends = forms.BooleanField(label=_("Include Saturdays and Sundays"), required=False)
    location = forms.CharField(label=_("Place or video link"), required=False, max_length=300)

    def clean(self) -> dict:
        data = super().clean()
        first, last = data.get("first_day"), data.get("last_day")
        if first and last and (last < first or (last - first).days > 60):
            self.add_error("last_day", _("Choose a last day up to 60 days after the first."))
        return data


class BookSlotForm(forms.Form):
    entry = forms.ChoiceField(label=_("Entry"))
    starts_at = forms.DateTimeField(
        label=_("Starts"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    jurors = forms.ModelMultipleChoiceField(
        label=_("Panel"),
        queryset=CompetitionJuror.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    location = forms.CharField(label=_("Place or video link"), required=False, max_length=300)

    def __init__(self, *args, competition, entries, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = [(e.pk, e.innovation.name) for e in entries]
        self.fields["jurors"].queryset = competition.jurors.select_related("user")
        self.fields["jurors"].label_from_instance = lambda j: j.user.full_name


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault(
            "widget",
            MultipleFileInput(
                attrs={"accept": "image/jpeg,image/png,image/webp", "capture": "environment"}
            ),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):  # type: ignore[no-untyped-def]
        clean_one = super().clean
        if isinstance(data, list | tuple):
            return [clean_one(item, initial) for item in data if item]
        return [clean_one(data, initial)] if data else []


YES_NO = [("yes", _("Yes, confirmed")), ("no", _("No, not confirmed"))]


class VerificationForm(forms.Form):
    visited_on = forms.DateField(label=_("Date of the visit"), widget=DATE)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    score = forms.DecimalField(
        label=_("Score (0–100)"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.5"}),
    )
    latitude = forms.DecimalField(
        label=_("Latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        decimal_places=6,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}),
    )
    longitude = forms.DecimalField(
        label=_("Longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        decimal_places=6,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}),
    )
    location_source = forms.ChoiceField(
        choices=[("", "")] + LocationSource.choices, required=False, widget=forms.HiddenInput
    )
    photos = MultiplePhotoField(
        label=_("Photos"), required=False, help_text=_("JPEG, PNG or WebP, up to 10 MB each.")
    )

    def __init__(self, *args, items: list[str], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.items = items
        for index, text in enumerate(items):
            self.fields[f"item_{index}"] = forms.ChoiceField(
                label=text, choices=YES_NO, widget=forms.RadioSelect
            )

    def item_fields(self) -> list:  # type: ignore[type-arg]
        return [self[f"item_{index}"] for index in range(len(self.items))]

    def checklist(self) -> list[dict]:
        return [
            {"item": text, "confirmed": self.cleaned_data[f"item_{index}"] == "yes"}
            for index, text in enumerate(self.items)
        ]


class AwardForm(forms.ModelForm):
    class Meta:
        model = Award
        fields = [
            "innovation",
            "source",
            "year",
            "title",
            "is_top_winner",
            "is_shortlisting",
            "note",
        ]

    def __init__(self, *args, innovations, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["innovation"].queryset = innovations
