"""Login lockout: failures count against an account name from one address, and, at a higher limit,
against the address whatever the account names — so nobody can lock another person out from
elsewhere, and colleagues behind one office router do not lock each other out by mistyping."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import dateformat, timezone, translation

from kyodo_portal.lockout import ACCOUNT_LOCKED, ADDRESS_LOCKED, RETRY_AFTER

pytestmark = pytest.mark.django_db

ELSEWHERE = ["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5"]


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def login(address, username, password, **extra):
    return Client(REMOTE_ADDR=address).post(
        reverse("login"), {"username": username, "password": password}, **extra
    )


def test_failures_from_five_addresses_do_not_lock_the_account_from_a_sixth(manager_user, password):
    for address in ELSEWHERE:
        assert login(address, "manager", "wrong").status_code == 200
    assert login("198.51.100.6", "manager", password).status_code == 302


def test_five_accounts_tried_once_from_one_address_do_not_lock_the_address(staff_user, password):
    for username in ["manager", "npo", "reviewer", "someone", "staff"]:
        assert login("192.0.2.10", username, "wrong").status_code == 200
    assert login("192.0.2.10", "staff", password).status_code == 302


def test_five_failures_from_one_address_lock_that_account_from_that_address_only(
    staff_user, manager_user, password
):
    for _ in range(4):
        assert login("192.0.2.10", "staff", "wrong").status_code == 200
    locked = login("192.0.2.10", "staff", "wrong")
    assert locked.status_code == 429
    # Even the right password is refused for this account from this address...
    refused = login("192.0.2.10", "staff", password)
    assert refused.status_code == 429
    assert str(ACCOUNT_LOCKED) in refused.content.decode()
    # ...but the account signs in from elsewhere, and others sign in from this address.
    assert login("198.51.100.6", "staff", password).status_code == 302
    assert login("192.0.2.10", "manager", password).status_code == 302


def test_refused_attempts_during_a_lockout_do_not_push_the_retry_time_back(staff_user, password):
    for _ in range(5):
        login("192.0.2.10", "staff", "wrong")
    recorded = AccessAttempt.objects.get(username="staff").attempt_time
    for _ in range(3):
        assert login("192.0.2.10", "staff", password).status_code == 429
    attempt = AccessAttempt.objects.get(username="staff")
    assert (attempt.attempt_time, attempt.failures_since_start) == (recorded, 5)


def test_one_address_failing_for_many_accounts_is_stopped_at_its_own_limit(
    settings, staff_user, password
):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    for number in range(7):
        assert login("192.0.2.10", f"guess{number}", "wrong").status_code == 200
    locked = login("192.0.2.10", "guess7", "wrong")
    assert locked.status_code == 429
    assert str(ADDRESS_LOCKED) in locked.content.decode()
    # The whole address is stopped, whichever account and password it tries...
    refused = login("192.0.2.10", "staff", password)
    assert refused.status_code == 429
    assert str(ADDRESS_LOCKED) in refused.content.decode()
    # ...and no other address is.
    assert login("198.51.100.6", "staff", password).status_code == 302


def test_the_address_limit_counts_every_account_name_and_reads_its_setting(settings, staff_user):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 6
    for _ in range(4):
        assert login("192.0.2.10", "staff", "wrong").status_code == 200
    assert login("192.0.2.10", "manager", "wrong").status_code == 200
    assert login("192.0.2.10", "npo", "wrong").status_code == 429


def test_a_successful_login_takes_that_persons_failures_off_the_address_count(
    settings, staff_user, password
):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    for _ in range(2):
        login("192.0.2.10", "staff", "wrong")
    assert login("192.0.2.10", "staff", password).status_code == 302
    assert [login("192.0.2.10", name, "wrong").status_code for name in "abc"] == [200, 200, 429]


def seed_failures(*, username, address, failures, minutes_ago, seconds=20):
    """A failure record whose last failure happened at a chosen time, so the retry time is known."""
    now = timezone.now().replace(second=0, microsecond=0)
    attempt_time = now - timedelta(minutes=minutes_ago) + timedelta(seconds=seconds)
    attempt = AccessAttempt.objects.create(
        username=username,
        ip_address=address,
        user_agent="",
        get_data="",
        post_data="",
        http_accept="",
        path_info="/login/",
        failures_since_start=failures,
    )
    # attempt_time is filled in on creation whatever is passed.
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=attempt_time)
    return attempt_time


def clock(moment, fmt="G時i分"):
    return dateformat.format(timezone.localtime(moment), fmt)


def test_the_lockout_page_says_what_happened_and_when_to_retry(staff_user, password):
    last_failure = seed_failures(username="staff", address="192.0.2.10", failures=5, minutes_ago=12)
    response = login("192.0.2.10", "staff", password)
    assert response.status_code == 429
    html = response.content.decode()
    # Thirty minutes after the last failure (at hh:mm:20), so from the following minute, in Tokyo.
    retry = last_failure + timedelta(minutes=30, seconds=40)
    assert f"{clock(retry)}以降に" in html
    assert str(ACCOUNT_LOCKED) in html
    assert "<h1" in html and 'role="alert"' in html
    assert 18 * 60 <= int(response["Retry-After"]) <= 19 * 60 + 1

    with translation.override("en"):
        english = login("192.0.2.10", "staff", password, HTTP_ACCEPT_LANGUAGE="en")
        html = english.content.decode()
        assert str(ACCOUNT_LOCKED) in html
        assert str(RETRY_AFTER).split("%(time)s")[0] in html
        assert f"{clock(retry, 'G:i')}" in html


def test_the_address_lock_lifts_when_enough_failures_have_aged_out(settings, staff_user, password):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    seed_failures(username="a", address="192.0.2.10", failures=4, minutes_ago=25)
    second = seed_failures(username="b", address="192.0.2.10", failures=4, minutes_ago=20)
    seed_failures(username="c", address="192.0.2.10", failures=4, minutes_ago=5)
    response = login("192.0.2.10", "staff", password)
    assert response.status_code == 429
    html = response.content.decode()
    assert str(ADDRESS_LOCKED) in html
    # When "a" ages out, eight failures still count; when "b" does too, four — below eight.
    assert f"{clock(second + timedelta(minutes=30, seconds=40))}以降に" in html


def test_a_background_request_gets_the_lockout_as_json(staff_user):
    seed_failures(username="staff", address="192.0.2.10", failures=5, minutes_ago=1)
    response = login("192.0.2.10", "staff", "wrong", HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 429
    body = response.json()
    assert body["code"] == "locked_out"
    assert body["message"].startswith(str(ACCOUNT_LOCKED))
    assert "以降に" in body["message"]
    assert body["retry_at"]


def test_a_forged_forwarded_address_does_not_escape_the_lock(settings, staff_user, password):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    proxy = "10.0.0.2"
    # Behind the portal's proxy the caller is the address the proxy appended, not what the
    # caller wrote before it.
    for number in range(5):
        forged = f"203.0.113.{number}, 192.0.2.10"
        login(proxy, "staff", "wrong", HTTP_X_FORWARDED_FOR=forged)
    refused = login(proxy, "staff", password, HTTP_X_FORWARDED_FOR="203.0.113.99, 192.0.2.10")
    assert refused.status_code == 429
    # Another person behind the same proxy is a different address.
    assert login(proxy, "staff", password, HTTP_X_FORWARDED_FOR="198.51.100.6").status_code == 302


def test_a_forwarded_address_is_ignored_when_not_behind_a_proxy(staff_user, password):
    for number in range(5):
        login("192.0.2.10", "staff", "wrong", HTTP_X_FORWARDED_FOR=f"203.0.113.{number}")
    refused = login("192.0.2.10", "staff", password, HTTP_X_FORWARDED_FOR="198.51.100.6")
    assert refused.status_code == 429
