from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from satu.agencies.models import Agency
from satu.competitions.models import Competition, CompetitionJuror, Entry, JurorKind
from satu.regions.models import Region
from satu.urusan.models import Urusan

from . import rubrics
from .models import Criterion, Rubric
from .services.pool import JurorDetails

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class JurorForm(forms.Form):
    """A juror's place in the pool (``user`` only when adding)."""

    user = forms.ModelChoiceField(label=_("User with the juror role"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=JurorKind.choices)
    agency = forms.ModelChoiceField(
        label=_("Works at"),
        queryset=Agency.objects.none(),
        required=False,
        help_text=_(
            "Entries of this agency, of the agencies above and below it and (for a "
            "kabupaten/kota agency) of its kabupaten/kota are kept from the juror."
        ),
    )
    home_region = forms.ModelChoiceField(
        label=_("Home kabupaten/kota"),
        queryset=Region.objects.none(),
        required=False,
        help_text=_("Entries from this kabupaten/kota are kept from the juror."),
    )
    expertise = forms.ModelMultipleChoiceField(
        label=_("Expertise (urusan)"),
        queryset=Urusan.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("The assignment prefers entries of these urusan."),
    )
    max_load = forms.IntegerField(
        label=_("Maximum number of entries per round"), min_value=1, max_value=500, initial=20
    )

    def __init__(self, *args, competition: Competition, users=None, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if users is None:
            del self.fields["user"]
        else:
            self.fields["user"].queryset = users
            self.fields["user"].label_from_instance = lambda u: f"{u.full_name} <{u.email}>"
        province = competition.region
        self.fields["agency"].queryset = (
            Agency.objects.in_region(province).select_related("region").order_by("region", "name")
        )
        self.fields["agency"].label_from_instance = lambda a: (
            a.name if a.region_id == province.pk else f"{a.name} ({a.region.name})"
        )
        self.fields["home_region"].queryset = province.children.order_by("name")

    def details(self) -> JurorDetails:
        data = self.cleaned_data
        return JurorDetails(
            kind=data["kind"],
            max_load=data["max_load"],
            agency=data["agency"],
            home_region=data["home_region"],
            expertise=tuple(data["expertise"]),
        )


class RubricTemplateForm(forms.Form):
    template = forms.ChoiceField(label=_("Template"))

    def __init__(self, *args, round_kind: str = "", **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [
            (code, template.name) for code, template in rubrics.templates().items()
        ]
        # The IGA aspects are presentation aspects; the KIPP ones judge a written proposal.
        self.fields["template"].initial = (
            "iga-presentation-2023" if round_kind == "presentation" else "kipp-2023"
        )


class RubricForm(forms.ModelForm):
    class Meta:
        model = Rubric
        fields = ["name", "scale_min", "scale_max", "scale_step"]


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["name", "weight", "comment_required", "description", "code"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "weight": forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        }

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False
        self.fields["code"].help_text = _("Made from the aspect when left empty.")

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("code") and data.get("name"):
            data["code"] = rubrics.criterion_code(data["name"])[:60]
        return data


CriterionFormSet = forms.formset_factory(CriterionForm, extra=2, can_delete=True)


class SecretariatConflictForm(forms.Form):
    juror = forms.ModelChoiceField(label=_("Juror"), queryset=CompetitionJuror.objects.none())
    entry = forms.ModelChoiceField(label=_("Entry"), queryset=Entry.objects.none())
    note = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, competition: Competition, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["juror"].queryset = competition.jurors.select_related("user")
        self.fields["juror"].label_from_instance = lambda j: j.user.full_name
        self.fields["entry"].queryset = (
            Entry.objects.filter(competition=competition)
            .active()
            .select_related("innovation", "agency")
            .order_by("innovation__name")
        )
        self.fields["entry"].label_from_instance = lambda e: (
            f"{e.innovation.name} — {e.agency.name}"
        )


class DeclareConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you should not judge this entry"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example: you advised the team, you know the people, or you work with them. "
            "The secretariat reads this; the entry is taken off your list at once."
        ),
    )


class PairForm(forms.Form):
    juror = forms.ModelChoiceField(label=_("Juror"), queryset=CompetitionJuror.objects.none())
    entry = forms.ModelChoiceField(label=_("Entry"), queryset=Entry.objects.none())

    def __init__(self, *args, competition: Competition, entries, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["juror"].queryset = competition.jurors.select_related("user")
        self.fields["juror"].label_from_instance = lambda j: j.user.full_name
        self.fields["entry"].queryset = entries
        self.fields["entry"].label_from_instance = lambda e: e.innovation.name


class DeadlineForm(forms.Form):
    closes_at = forms.DateTimeField(
        label=_("Jurors submit by"),
        required=False,
        widget=DATETIME,
        help_text=_("Late jurors get a reminder a day, starting a few days before."),
    )


class ScoreForm(forms.Form):
    """The marks and comments of one sheet; the service is the judge of what may be saved."""

    note = forms.CharField(
        label=_("General comment (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, rubric: Rubric, criteria: list[Criterion], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.rubric, self.criteria = rubric, criteria
        step = rubric.scale_step
        for criterion in criteria:
            if criterion.is_scored:
                self.fields[f"mark_{criterion.code}"] = forms.CharField(
                    label=criterion.name,
                    required=False,
                    widget=forms.NumberInput(
                        attrs={
                            "min": _plain(rubric.scale_min),
                            "max": _plain(rubric.scale_max),
                            "step": _plain(step) if step else "any",
                            "inputmode": "decimal" if not step or step % 1 else "numeric",
                            "class": "mark-input",
                            "placeholder": f"{_plain(rubric.scale_min)}–{_plain(rubric.scale_max)}",
                        }
                    ),
                )
            self.fields[f"comment_{criterion.code}"] = forms.CharField(
                label=criterion.name,
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.order_fields(
            [f"mark_{c.code}" for c in criteria if c.is_scored]
            + [f"comment_{c.code}" for c in criteria]
            + ["note"]
        )

    def rows(self) -> list[tuple[Criterion, forms.BoundField | None]]:
        return [(c, self[f"mark_{c.code}"] if c.is_scored else None) for c in self.criteria]

    def required_comment_rows(self) -> list[tuple[Criterion, forms.BoundField]]:
        return [(c, self[f"comment_{c.code}"]) for c in self.criteria if c.comment_required]

    def optional_comment_rows(self) -> list[tuple[Criterion, forms.BoundField]]:
        return [(c, self[f"comment_{c.code}"]) for c in self.criteria if not c.comment_required]

    def has_optional_comments(self) -> bool:
        """Open the optional comments when one is written or has an error."""
        return any(
            (field.value() or "").strip() or field.errors
            for _criterion, field in self.optional_comment_rows()
        )

    def values(self) -> tuple[dict[str, str], dict[str, str], str]:
        """(marks, comments, note) as typed; cleaned_data is plain text."""
        data = self.cleaned_data
        marks = {c.code: data.get(f"mark_{c.code}", "") for c in self.criteria if c.is_scored}
        comments = {c.code: data.get(f"comment_{c.code}", "") for c in self.criteria}
        return marks, comments, data.get("note", "")

    def add_sheet_errors(self, errors: dict[str, str]) -> None:
        for key, message in errors.items():
            name = key if key.startswith("comment_") or key == "note" else f"mark_{key}"
            if name in self.fields:
                self.add_error(name, message)
            else:
                self.add_error(None, message)


def _plain(value: Decimal | None) -> str:
    return "" if value is None else format(Decimal(value).normalize(), "f")


def sheet_initial(sheet) -> dict[str, str]:  # type: ignore[no-untyped-def]
    if sheet is None:
        return {}
    initial = {f"mark_{code}": mark for code, mark in sheet.marks.items()}
    initial.update({f"comment_{code}": text for code, text in sheet.comments.items()})
    initial["note"] = sheet.note
    return initial
