"""Conventions shared by every endpoint: the error body, the caller's language, authentication
failures, and answers to malformed requests."""

import pytest
from django.urls import reverse
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from kyodo_portal.api import authentication, errors, pagination

pytestmark = pytest.mark.django_db


def test_not_signed_in(world, client_for):
    response = client_for("anonymous").get(reverse("api:project-list"))
    assert response.status_code == 401
    assert response.json() == {
        "code": "not_authenticated",
        "message": str(errors.NOT_AUTHENTICATED),
    }
    assert response["WWW-Authenticate"].startswith("Token")


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("Token not-a-real-token", authentication.TOKEN_INVALID),
        ("Token two words", authentication.TOKEN_MALFORMED),
        ("Token", authentication.TOKEN_MALFORMED),
    ],
)
def test_bad_tokens(header, message, db):
    response = APIClient().get(reverse("api:me"), HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json() == {"code": "authentication_failed", "message": str(message)}


def test_bearer_is_accepted_too(staff_user):
    key = Token.objects.create(user=staff_user).key
    response = APIClient().get(reverse("api:me"), HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200 and response.json()["username"] == "staff"


def test_inactive_person_token_stops_working(staff_user):
    key = Token.objects.create(user=staff_user).key
    staff_user.is_active = False
    staff_user.save()
    response = APIClient().get(reverse("api:me"), HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 401
    assert response.json()["message"] == str(authentication.ACCOUNT_INACTIVE)


def test_service_refusal_keeps_its_reason(world, client_for):
    """A refusal from the service is the same sentence the page shows."""
    from projects.permissions import NOT_OWNER_STAFF

    response = client_for("npo").post(
        reverse("api:project-advance", args=[world.active.pk]),
        {"to": "implementation"},
        format="json",
    )
    assert response.status_code == 403
    assert response.json() == {"code": "permission_denied", "message": str(NOT_OWNER_STAFF)}


def test_validation_errors_are_per_field_and_in_the_callers_language(world, client_for):
    client = client_for("staff")
    url = reverse("api:project-advance", args=[world.active.pk])
    japanese = client.post(url, {}, format="json").json()
    assert japanese["code"] == "invalid"
    assert japanese["errors"]["to"] == ["この項目は必須です。"]
    assert japanese["message"] == "この項目は必須です。"
    english = client.post(url, {}, format="json", HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["errors"]["to"] == ["This field is required."]


@pytest.mark.parametrize("language", ["ja", "en"])
def test_own_messages_follow_accept_language(language, world, client_for):
    response = client_for("anonymous").get(
        reverse("api:public-call-detail", args=[999999]), HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 404
    assert response["Content-Language"] == language
    with translation.override(language):
        assert response.json() == {"code": "not_found", "message": str(errors.NOT_FOUND)}


def test_unknown_api_address_answers_in_json(db):
    response = APIClient().get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_method_not_allowed(world, client_for):
    response = client_for("staff").delete(reverse("api:project-detail", args=[world.active.pk]))
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


def test_malformed_json_and_wrong_media_type(world, client_for):
    client = client_for("staff")
    url = reverse("api:project-advance", args=[world.active.pk])
    broken = client.post(url, data="{not json", content_type="application/json")
    assert broken.status_code == 400 and broken.json()["code"] == "parse_error"
    form = client.post(
        url, data="to=implementation", content_type="application/x-www-form-urlencoded"
    )
    assert form.status_code == 415 and form.json()["code"] == "unsupported_media_type"


def test_session_callers_need_csrf_for_changes(world, staff_user):
    """The browser session works for reading (the docs page) but a change needs the CSRF token."""
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(staff_user)
    assert client.get(reverse("api:project-list")).status_code == 200
    response = client.post(
        reverse("api:project-advance", args=[world.active.pk]),
        {"to": "implementation"},
        format="json",
    )
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"


# DRF's own wording, as its catalogues give it: Japanese by default, English on request.
DRF_MESSAGES = {
    "ja": {"blank": "この項目は空にできません。", "integer": "有効な整数を入力してください。"},
    "en": {"blank": "This field may not be blank.", "integer": "A valid integer is required."},
}


@pytest.mark.parametrize("language", ["ja", "en", None])
def test_drf_validation_messages_follow_the_callers_language(world, client_for, language):
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    response = client_for("npo").patch(
        reverse("api:proposal-detail", args=[world.proposal_draft.pk]),
        {"title": "", "version": "x"},
        format="json",
        **headers,
    )
    assert response.status_code == 400
    expected = DRF_MESSAGES[language or "ja"]
    assert response.json()["errors"] == {
        "title": [expected["blank"]],
        "version": [expected["integer"]],
    }
    assert response["Content-Language"] == (language or "ja")


@pytest.mark.parametrize("value", ["null", "", "0", "-1", "2.5", "１０"])
def test_an_unreadable_page_size_is_a_400_not_the_default_page(world, client_for, value):
    response = client_for("staff").get(reverse("api:project-list"), {"page_size": value})
    assert response.status_code == 400
    assert response.json()["errors"] == {"page_size": [str(pagination.PAGE_SIZE_INVALID)]}


def test_a_valid_page_size_still_pages(world, client_for):
    from casebook.models import Case

    response = client_for("anonymous").get(reverse("api:public-case-list"), {"page_size": "2"})
    assert response.status_code == 200
    assert response.json()["count"] == Case.objects.count() > 2
    assert len(response.json()["results"]) == 2
