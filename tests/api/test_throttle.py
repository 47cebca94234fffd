"""Rate limits: per person for token callers (re-issuing a token does not reset the count), per
address for anonymous ones; a 429 says how long to wait."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from kyodo_portal.api import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_limits(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"token": "3/minute", "anon": "2/minute"},
    }


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {services.api_token_create(user=user).key}")
    return client


def test_each_token_has_its_own_budget(low_limits, staff_user, npo_user):
    staff, npo = token_client(staff_user), token_client(npo_user)
    url = reverse("api:me")
    assert [staff.get(url).status_code for _ in range(3)] == [200, 200, 200]
    refused = staff.get(url)
    assert refused.status_code == 429
    assert refused.json()["code"] == "throttled"
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert npo.get(url).status_code == 200  # someone else's token is unaffected
    # A fresh token for the same person does not reset the count.
    assert token_client(staff_user).get(url).status_code == 429


def test_anonymous_callers_are_limited_by_address(low_limits, db):
    url = reverse("api:public-case-list")
    first = APIClient(REMOTE_ADDR="192.0.2.1")
    assert [first.get(url).status_code for _ in range(3)] == [200, 200, 429]
    assert APIClient(REMOTE_ADDR="192.0.2.2").get(url).status_code == 200
    # A forged X-Forwarded-For does not buy a new budget when not behind our proxy.
    forged = APIClient(REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert forged.get(url).status_code == 429
