"""Fixtures shared by the whole test suite: reference data, named personas, the browser."""

import io
import os

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, settings

# Property tests run the same examples on every run and never fail for being slow: the suite
# shares 2 cores with browser tests, and speed is measured by `make bench`, not by tests.
settings.register_profile(
    "satu", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("satu")

# pytest-playwright's sync API runs an event loop in the main thread; without this the ORM
# refuses to run in the tests that use it. Test-only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "args": BROWSER_ARGS,
    }


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the reference data once; tests run inside transactions that roll back."""
    with django_db_blocker.unblock():
        call_command("load_reference_data", verbosity=0, stdout=io.StringIO())


@pytest.fixture
def reference_data(db):
    """The reference data, also after a transactional test flushed the database."""
    from satu.regions.models import Region

    if not Region.objects.exists():
        call_command("load_reference_data", stdout=io.StringIO())


pytest_plugins = ["satu.core.testing.clock", "satu.core.testing.personas"]


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Browse as an Indonesian visitor would."""
    return {**browser_context_args, "locale": "id-ID"}
