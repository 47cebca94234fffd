"""Requests no client should send, answered in the API's own shape: methods an address does not
take, addresses with a line break in them, and a browser session without its CSRF token."""

import pytest
from django.urls import URLResolver, get_resolver, reverse
from django.utils import translation
from rest_framework.test import APIClient

from kyodo_portal.api import authentication, errors

pytestmark = pytest.mark.django_db

CSV_ADDRESSES = [
    ("api:open_data_csv", ["calls"]),
    ("api:open_data_columns", ["calls"]),
]
UNSUPPORTED = ["post", "put", "patch", "delete"]


@pytest.fixture
def browser(staff_user):
    """A signed-in browser that has loaded a page, so it holds a CSRF cookie (as the docs page
    does when it tries the API)."""
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(staff_user)
    client.get(reverse("api:tokens"))
    assert "csrftoken" in client.cookies
    return client


def _assert_method_not_allowed(response, method: str):
    assert response.status_code == 405, response.content[:300]
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "method_not_allowed"
    assert method.upper() in response.json()["message"]
    assert response["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize(("name", "args"), CSV_ADDRESSES)
@pytest.mark.parametrize("method", UNSUPPORTED)
@pytest.mark.parametrize(
    "body",
    [
        {"data": "{}", "content_type": "application/json"},
        {"data": "a=1", "content_type": "application/x-www-form-urlencoded"},
        {},
    ],
    ids=["json", "form", "empty"],
)
def test_csv_addresses_refuse_other_methods_for_a_signed_in_browser(
    browser, name, args, method, body
):
    response = getattr(browser, method)(reverse(name, args=args), **body)
    _assert_method_not_allowed(response, method)


@pytest.mark.parametrize(("name", "args"), CSV_ADDRESSES)
@pytest.mark.parametrize("role", ["anonymous", "staff"])
def test_csv_addresses_refuse_other_methods_for_tokens_and_visitors(
    world, client_for, name, args, role
):
    response = client_for(role).post(reverse(name, args=args), {"a": 1}, format="json")
    _assert_method_not_allowed(response, "post")


def test_a_browser_without_the_csrf_token_still_cannot_change_anything(world, browser):
    response = browser.post(
        reverse("api:project-advance", args=[world.active.pk]),
        {"to": "implementation"},
        format="json",
    )
    assert response.status_code == 403
    assert response.json() == {
        "code": "permission_denied",
        "message": str(authentication.CSRF_FAILED),
    }


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_csrf_refusal_is_in_the_callers_language(world, browser, language):
    response = browser.post(
        reverse("api:proposal-list"), {}, format="json", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 403
    message = response.json()["message"]
    with translation.override(language):
        assert message == str(authentication.CSRF_FAILED)
    assert ("トークン" in message) == (language == "ja")


# --- addresses with a line break ----------------------------------------------------------------

SAMPLE_KWARGS = {"pk": "1", "number": "1", "slug": "calls"}


def _api_routes():
    """(name, kwargs) of every named address under /api/."""
    api = next(
        p
        for p in get_resolver().url_patterns
        if isinstance(p, URLResolver) and p.namespace == "api"
    )

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns)
            elif pattern.name:
                yield pattern.name, sorted(pattern.pattern.regex.groupindex)

    return sorted(set((name, tuple(groups)) for name, groups in walk(api.url_patterns)))


ROUTES = _api_routes()


def _variants(name: str, groups: tuple[str, ...]) -> list[str]:
    """The address with a line break at the very end, and after each parameter."""
    kwargs = {group: SAMPLE_KWARGS[group] for group in groups}
    real = reverse(f"api:{name}", kwargs=kwargs)
    return [
        real + "%0A",
        *(real.replace(f"/{kwargs[g]}", f"/{kwargs[g]}%0A", 1) for g in groups),
    ]


def test_every_api_route_is_checked():
    names = {name for name, _groups in ROUTES}
    assert {"public-case-detail", "project-detail", "open_data_csv", "docs", "me"} <= names
    assert all(set(groups) <= set(SAMPLE_KWARGS) for _name, groups in ROUTES)


@pytest.mark.parametrize(("name", "groups"), ROUTES, ids=[name for name, _ in ROUTES])
def test_a_line_break_in_an_address_is_the_apis_json_404(world, client_for, name, groups):
    client = client_for("staff")
    for address in _variants(name, groups):
        response = client.get(address)
        assert response.status_code == 404, address
        assert response["Content-Type"] == "application/json", address
        assert response.json()["code"] == "not_found", address


@pytest.mark.parametrize("digits", ["١", "１", "۱"])
def test_ids_are_ascii_digits_only(world, client_for, digits):
    """Other scripts' digits are not a second address for the same row."""
    client = client_for("staff")
    for address in (
        f"/api/v1/public/cases/{digits}/",
        f"/api/v1/projects/{digits}/",
        f"/api/v1/public/calls/{digits}/",
    ):
        response = client.get(address)
        assert response.status_code == 404, address
        assert response.json() == {"code": "not_found", "message": str(errors.NOT_FOUND)}
