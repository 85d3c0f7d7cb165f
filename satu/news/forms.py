from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Article


class ArticleForm(forms.ModelForm):
    photo_upload = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG or WebP; it is resized for the web and its metadata removed."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)

    class Meta:
        model = Article
        fields = [
            "title",
            "category",
            "status",
            "published_at",
            "summary",
            "body",
            "photo_alt",
            "photo_credit",
        ]
        widgets = {
            "published_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 16}),
        }
        help_texts = {
            "body": _(
                "Separate paragraphs with an empty line, or write HTML: paragraphs, headings "
                "(h2–h4), bold, italic, links, lists, quotes and tables. Anything else is removed."
            ),
        }


class NewsFilterForm(forms.Form):
    kategori = forms.SlugField(required=False)
