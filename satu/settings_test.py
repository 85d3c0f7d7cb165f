"""Settings for the test suite: the real databases, fast hashing, files in a temporary folder."""

import os
import tempfile

os.environ.setdefault("SATU_ENV", "test")
os.environ.setdefault("SATU_VAR_DIR", tempfile.mkdtemp(prefix="satu-test-var-"))

from satu.settings import *  # noqa: F403
from satu.settings import STORAGES, VAR_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# live_server serves /static/ from the finders with plain names; manifest names would 404.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Off by default so that tests see what they just wrote; satu/core/tests/test_pagecache.py
# turns it on.
SATU_PAGE_CACHE_SECONDS = 0
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# whitenoise warns about a missing STATIC_ROOT; the tests serve static files from the finders.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
