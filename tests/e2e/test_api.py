"""In the system Chromium: the API documentation runs under the portal's Content-Security-Policy
(no inline script, no CDN), and a person creates a token from their profile and uses it."""

import json

import pytest

from tests.api.conftest import world  # noqa: F401 (the API tests' fixture world)
from tests.e2e.conftest import login, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_docs_render_under_the_csp(page):
    refused, errors, outside, failed = [], [], [], []
    # A script or style the policy refuses shows as a console message, a script error as a page
    # error. (The browser's own favicon request is not the page's business.)
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(page.base_url) else None,
    )
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto(page.base_url + "/api/docs/")
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() >= 25
    assert page.get_by_text("/api/v1/public/calls/", exact=True).first.is_visible()
    screenshot(page, "api-docs")
    assert (refused, errors, failed) == ([], [], [])
    assert [url for url in outside if not url.startswith("data:")] == []


def test_token_from_the_profile_page_then_used(page, npo_user, password, live_server, world):  # noqa: F811 (fixture)
    login(page, npo_user.username, password)
    page.goto(page.base_url + "/partners/profile/")
    page.get_by_role("link", name="APIトークン（ほかのシステムとの連携）").click()
    page.get_by_role("button", name="トークンを発行する").click()
    key = page.get_by_label("トークン", exact=True).input_value()
    assert len(key) == 40
    screenshot(page, "api-token-created")
    answer = page.request.get(
        live_server.url + "/api/v1/projects/",
        headers={"Authorization": f"Token {key}", "Accept-Language": "ja"},
    )
    assert answer.status == 200
    titles = [row["title"] for row in json.loads(answer.text())["results"]]
    assert "子育て広場の運営" in titles and "DRAFT-SECRET 構想中の事業" not in titles
    page.get_by_role("button", name="トークンを無効にする").click()
    assert page.get_by_text("トークンを無効にしました").is_visible()
    refused = page.request.get(
        live_server.url + "/api/v1/me/", headers={"Authorization": f"Token {key}"}
    )
    assert refused.status == 401
