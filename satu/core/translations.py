"""Strings of Django itself that its Indonesian catalog does not translate yet.

Listing them here puts them in our catalog, which takes precedence over Django's own.
"""

from django.utils.translation import gettext_noop

DJANGO_STRINGS = [
    # Django 6.1's label for the empty choice of a select.
    gettext_noop("- Select an option -"),
]
