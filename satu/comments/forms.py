from django import forms
from django.utils.translation import gettext_lazy as _

from satu.accounts.forms import HoneypotMixin

from .models import MAX_COMMENT_LENGTH, ReportReason


class CommentForm(HoneypotMixin):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_COMMENT_LENGTH}),
        help_text=_("Be polite and stay on topic. Your name is shown, your email never."),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class RatingForm(forms.Form):
    stars = forms.TypedChoiceField(
        label=_("Your rating"),
        coerce=int,
        choices=[(n, n) for n in range(5, 0, -1)],
        widget=forms.RadioSelect,
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with this comment?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Anything to add (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Reason for hiding"), max_length=300)
