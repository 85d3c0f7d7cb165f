"""Every page refuses a body larger than the site accepts, before reading it."""

import io

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


class Unreadable(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, size=-1):
        raise AssertionError("the body was read")

    readline = read


def test_an_anonymous_gigabyte_multipart_post_to_the_sign_in_page_is_refused_unread():
    client = Client(enforce_csrf_checks=True)
    response = client.generic(
        "POST",
        reverse("accounts:login"),
        b"",
        CONTENT_TYPE="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(1024**3),
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413
    assert "20 MB" in response.content.decode()


def test_a_large_urlencoded_post_is_refused_unread():
    response = Client().generic(
        "POST",
        reverse("accounts:login"),
        b"",
        CONTENT_TYPE="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(50 * 1024**2),
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413


def test_a_post_within_the_limit_reaches_the_page(client):
    response = client.post(reverse("accounts:login"), {"username": "x", "password": "y"})
    assert response.status_code == 200
