"""A NUL character (U+0000) in an address or a form is refused with 400, not a server error.

PostgreSQL cannot compare or store text that holds NUL; before the check, such a request made
the database raise (an anonymous visitor's /survei/?q=%00 answered 500).
"""

from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.urls import reverse

from satu.surveys.elements import STANDARD_KEYS
from satu.surveys.models import SurveyResponse
from satu.surveys.tests.conftest import make_period

pytestmark = pytest.mark.django_db
REFUSAL = "karakter kontrol tak terlihat (NUL)"


@pytest.fixture
def open_period(agency_a):
    from satu.agencies.models import ServiceUnit

    cache.clear()  # the public form's rate limit counts in the cache
    yield make_period(ServiceUnit.objects.create(agency=agency_a, name="Loket Perizinan"))
    cache.clear()


@pytest.mark.parametrize(
    "address",
    ["/survei/?q=%00", "/survei/?q=a%00b", "/inovasi/?q=%00", "/survei/%00/", "/inovasi/?%00=1"],
)
def test_an_address_with_nul_is_refused_with_a_page(client, reference_data, address):
    client.raise_request_exception = False
    response = client.get(address)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert REFUSAL in response.content.decode()


def test_a_public_form_with_nul_is_refused_and_nothing_is_saved(client, open_period):
    answers = dict.fromkeys(STANDARD_KEYS, "3")
    response = client.post(
        reverse("surveys:form", args=[open_period.code]),
        urlencode({**answers, "website": "", "suggestion": "Antrean\x00lebih cepat"}),
        content_type="application/x-www-form-urlencoded",
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 400
    assert REFUSAL in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_multipart_form_with_nul_is_refused_by_its_form(client, open_period):
    """Multipart bodies are read by the view (after its upload limit is in place); Django's
    text fields refuse NUL themselves."""
    answers = dict.fromkeys(STANDARD_KEYS, "3")
    response = client.post(
        reverse("surveys:form", args=[open_period.code]),
        {**answers, "website": "", "suggestion": "Antrean\x00lebih cepat"},
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 400
    assert "suggestion" in response.context["form"].errors
    assert not SurveyResponse.objects.exists()


def test_an_ordinary_search_still_works(client, reference_data):
    assert client.get("/survei/?q=puskesmas").status_code == 200
