import pytest
from django.test import Client
from django.urls import reverse

from kyodo_portal.lockout import ACCOUNT_LOCKED

pytestmark = pytest.mark.django_db


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    return settings


def test_security_headers_in_production(production):
    client = Client()
    redirect = client.get("/")
    assert redirect.status_code == 301 and redirect["Location"].startswith("https://")
    response = client.get("/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in directives["script-src"]
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"


def test_cookies_are_secure_and_http_only_in_production(production, staff_user, password):
    client = Client()
    response = client.post(
        reverse("login"), {"username": "staff", "password": password}, secure=True
    )
    session = response.cookies[production.SESSION_COOKIE_NAME]
    assert session["secure"] and session["httponly"]
    assert session["max-age"] == "" or int(session["max-age"]) <= 8 * 3600


def test_healthz_is_reachable_over_http_for_probes(production):
    assert Client().get("/healthz").status_code == 200


def test_no_inline_scripts_in_pages(client):
    html = client.get("/").content.decode()
    import re

    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag


def test_repeated_failed_logins_lock_the_account_with_a_clear_message(client, staff_user, password):
    for _ in range(4):
        response = client.post(reverse("login"), {"username": "staff", "password": "wrong"})
        assert response.status_code == 200
        assert "正しいユーザー名とパスワードを入力してください" in response.content.decode()
    # The fifth failure locks; from then on even the right password is refused.
    response = client.post(reverse("login"), {"username": "staff", "password": "wrong"})
    assert response.status_code == 429
    response = client.post(reverse("login"), {"username": "staff", "password": password})
    assert response.status_code == 429
    assert str(ACCOUNT_LOCKED) in response.content.decode()
    # The lock is on the account from this address: the person signs in from another.
    other = Client(REMOTE_ADDR="198.51.100.7")
    response = other.post(reverse("login"), {"username": "staff", "password": password})
    assert response.status_code == 302


def test_a_successful_login_resets_the_failure_count(client, staff_user, password):
    for _ in range(4):
        client.post(reverse("login"), {"username": "staff", "password": "wrong"})
    assert (
        client.post(reverse("login"), {"username": "staff", "password": password}).status_code
        == 302
    )
    client.post(reverse("logout"))
    for _ in range(4):
        client.post(reverse("login"), {"username": "staff", "password": "wrong"})
    assert (
        client.post(reverse("login"), {"username": "staff", "password": password}).status_code
        == 302
    )


def test_password_validators_refuse_weak_passwords(client, staff_user, password):
    client.force_login(staff_user)
    response = client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    assert "このパスワードは一般的すぎます" in response.content.decode()


def test_session_expires(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
