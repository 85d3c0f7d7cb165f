"""The production profile refuses insecure values and passes Django's deployment checks."""

import os
import subprocess
import sys

import pytest

GOOD = {
    "SATU_ENV": "production",
    "SECRET_KEY": "k3Jd9-sL2mQ8vZ1xR7tY4uW6pA0bC5nE8fG2hJ4kL6mN9qS1tV3wX5yZ7aB9cD0e",
    "SATU_AUDIT_KEY": "Qm7-vT2xN9pL4sK8wE1rY6uJ3hG5fD0cB7aZ2yX4wV6tU8sR",
    "ALLOWED_HOSTS": "inovasi.jatengprov.go.id",
    "DATABASE_URL": "postgres://satu@127.0.0.1:5432/satu",
    "DJANGO_SETTINGS_MODULE": "satu.settings",
}


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    dropped = {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "SATU_VAR_DIR", "TASKS_BACKEND"}
    clean = {k: v for k, v in os.environ.items() if k not in GOOD and k not in dropped}
    return subprocess.run(
        [sys.executable, "manage.py", *args], env={**clean, **env}, capture_output=True, text=True
    )


def test_production_settings_pass_the_deployment_checks():
    result = run(GOOD, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"DEBUG": "1"}, "DEBUG must be off"),
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"SECRET_KEY": "django-insecure-" + "a" * 50}, "SECRET_KEY"),
        ({"SATU_AUDIT_KEY": ""}, "SATU_AUDIT_KEY"),
        ({"SATU_AUDIT_KEY": "too-short"}, "SATU_AUDIT_KEY"),
        ({"SATU_AUDIT_KEY": GOOD["SECRET_KEY"]}, "SATU_AUDIT_KEY must differ from SECRET_KEY"),
        ({"SECRET_KEY": "abcde" * 10}, "fewer than 16 different characters"),
        ({"SECRET_KEY": "k3Jd9-sL2mQ8vZ1xR7tY4uW6pA0" * 3}, "not a piece repeated"),
        ({"SECRET_KEY": "k3Jd9-sL2mQ8vZ1xR7tY4uW6pA0" * 2 + "k3Jd"}, "not a piece repeated"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": ".go.id"}, "not wildcards (.go.id)"),
        ({"ALLOWED_HOSTS": "inovasi.jatengprov.go.id,.id"}, "not wildcards (.id)"),
        ({"DATABASE_URL": "sqlite:////tmp/x.sqlite3"}, "PostgreSQL"),
        # The undocumented way around the PostgreSQL rule is gone.
        ({"DATABASE_URL": "sqlite:////tmp/x.sqlite3", "SATU_ALLOW_SQLITE": "1"}, "PostgreSQL"),
    ],
)
def test_production_refuses_to_start_with_an_insecure_value(change, complaint):
    result = run({**GOOD, **change}, "check")
    assert result.returncode != 0
    assert "Refusing to start in production" in result.stderr
    assert complaint in result.stderr


def test_a_random_hex_key_and_an_internal_host_name_are_accepted():
    key = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
    result = run(
        {**GOOD, "SECRET_KEY": key, "ALLOWED_HOSTS": "inovasi.jatengprov.go.id,web"}, "check"
    )
    assert result.returncode == 0, result.stderr


def test_a_malformed_value_is_named():
    result = run({**GOOD, "CONN_MAX_AGE": "forever"}, "check")
    assert result.returncode != 0
    assert "CONN_MAX_AGE must be a whole number" in result.stderr


def test_the_embedded_install_queues_background_work_for_the_worker(tmp_path):
    """`make serve` runs a task worker: imports and emails never run inside a web request."""
    embedded = {
        "SATU_ENV": "embedded",
        "SATU_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "satu.settings",
    }
    result = run(embedded, "shell", "-c", "from django.conf import settings; print(settings.TASKS)")
    assert result.returncode == 0, result.stderr
    assert "django_tasks_db.DatabaseBackend" in result.stdout
