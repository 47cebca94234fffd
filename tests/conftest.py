"""Fixtures shared by every app's tests: one named person per role, and their organisations."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from kyodo_portal.celery import app as celery_app
from kyodo_portal.core.roles import Role
from partners.models.bodies import forget_bodies
from tests.factories import TEST_PASSWORD, NpoFactory, OfficeFactory, member


def _separate_redis_cache_per_test_worker() -> None:
    """Parallel test workers (pytest-xdist) each get their own Redis database for the cache, since
    a test's cache.clear() empties the whole database it uses."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    cache_settings = settings.CACHES["default"]
    if worker.startswith("gw") and "redis" in cache_settings["BACKEND"].lower():
        base = cache_settings["LOCATION"].rsplit("/", 1)[0]
        cache_settings["LOCATION"] = f"{base}/{10 + int(worker[2:])}"


_separate_redis_cache_per_test_worker()


@pytest.fixture(autouse=True)
def _isolated_cache_and_eager_celery(request):
    """Each test starts with an empty cache; Celery runs in-process unless the test needs the
    real broker and worker (marked ``broker``)."""
    cache.clear()
    # Test databases roll back, so a body id may be reused with another name in the next test.
    forget_bodies()
    eager = request.node.get_closest_marker("broker") is None
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = eager
    yield
    celery_app.conf.task_always_eager = previous
    cache.clear()


@pytest.fixture(autouse=True)
def _portal_language():
    """Each test starts in the portal's own language. A request through the test client in English
    leaves English active in the thread (LocaleMiddleware activates it and nothing deactivates it),
    and the next test on that worker would otherwise word its amounts and labels in English."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def password():
    return TEST_PASSWORD


@pytest.fixture
def office(db):
    return OfficeFactory(jurisdiction="埼玉県", level="prefecture", name="県民生活課")


@pytest.fixture
def other_office(db):
    return OfficeFactory(jurisdiction="川越市", name="市民活動支援課")


@pytest.fixture
def npo(db):
    return NpoFactory(name="特定非営利活動法人 ひだまり子育てネット")


@pytest.fixture
def other_npo(db):
    return NpoFactory(name="特定非営利活動法人 となりまち環境の会")


@pytest.fixture
def staff_user(office):
    return member(Role.STAFF, office, username="staff", name="山田 花子")


@pytest.fixture
def other_staff_user(other_office):
    return member(Role.STAFF, other_office, username="other_staff", name="川越 次郎")


@pytest.fixture
def npo_user(npo):
    return member(Role.NPO, npo, username="npo", name="田中 直子")


@pytest.fixture
def other_npo_user(other_npo):
    return member(Role.NPO, other_npo, username="other_npo", name="別団 体子")


@pytest.fixture
def reviewer_user(office):
    return member(Role.REVIEWER, office, username="reviewer", name="高橋 美咲")


@pytest.fixture
def manager_user(office):
    return member(Role.MANAGER, office, username="manager", name="鈴木 一郎")


@pytest.fixture
def users_by_role(staff_user, npo_user, other_npo_user, reviewer_user, manager_user):
    """Every kind of person the access tests walk through (None is the anonymous visitor)."""
    return {
        "anonymous": None,
        "staff": staff_user,
        "npo": npo_user,
        "other_npo": other_npo_user,
        "reviewer": reviewer_user,
        "manager": manager_user,
    }


@pytest.fixture(scope="session")
def browser():
    """One system Chromium for the whole run (Playwright cannot start a second sync instance in
    the same thread while the first is open, so every browser test shares this one)."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def pytest_collection_modifyitems(config, items):
    """The smoke subset (tests/smoke.py) carries the ``smoke`` marker."""
    from tests.smoke import SMOKE_TESTS

    for item in items:
        if item.nodeid.split("[", 1)[0] in SMOKE_TESTS:
            item.add_marker(pytest.mark.smoke)
