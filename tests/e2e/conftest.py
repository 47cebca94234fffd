"""Browser journeys: Playwright driving the system Chromium against Django's live server."""

import os
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.e2e.axe import AXE_SOURCE, AXE_TAGS, BLOCKING_IMPACTS, axe_violations, describe

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still
# synchronous, so Django's async-safety guard is lifted for browser tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


AXE_REPORT = SCREENSHOTS.parent / "axe-pages.txt"
# Every distinct page (address with its numbers folded, as anonymous or signed in) checked by
# axe in this run, in both languages; written to test-results/axe-pages.txt at the end.
CHECKED_PAGES: set[tuple[str, str]] = set()
LANGUAGE_COOKIE = "django_language"
# Known exception (stated on /accessibility/): the API documentation is Swagger UI's own markup
# (its colours and its expandable rows), not the portal's; the page around it is checked.
AXE_EXCLUDE = {"/api/docs/": ["#swagger-ui"]}


def _axe(page, path: str) -> list[dict]:
    exclude = AXE_EXCLUDE.get(path)
    if not exclude:
        return axe_violations(page)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        """async ([tags, exclude]) => await axe.run(
            {include: [document], exclude: exclude.map((s) => [s])},
            {runOnly: {type: 'tag', values: tags}})""",
        [AXE_TAGS, exclude],
    )
    return [v for v in result["violations"] if v.get("impact") in BLOCKING_IMPACTS]


def _fold(url: str) -> str:
    parts = urlsplit(url)
    path = re.sub(r"/\d+", "/<n>", parts.path)
    return path + ("?" + "&".join(sorted(parse_qs(parts.query))) if parts.query else "")


class PageRecorder:
    """Notes every HTML page a journey lands on (GET, 200, same site, top frame) and whether
    the person was signed in then, so each can be checked by axe when the test ends."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.person = ""  # the username once signed in
        self.visits: dict[str, str] = {}  # url -> who visited it ("" for anonymous)

    def on_request(self, request):
        # A login form sent: from here on the pages are a signed-in person's.
        if request.method == "POST" and urlsplit(request.url).path == "/accounts/login/":
            fields = parse_qs(request.post_data or "")
            self.person = (fields.get("username") or ["?"])[0]

    def on_response(self, response):
        request = response.request
        if request.resource_type != "document" or request.method != "GET":
            return
        if response.frame.parent_frame is not None or response.status != 200:
            return
        if not response.url.startswith(self.base_url):
            return
        if "text/html" not in response.headers.get("content-type", ""):
            return
        url = response.url.split("#")[0]
        self.visits.setdefault(url, self.person)

    def attach(self, context):
        context.on("request", self.on_request)
        context.on("response", self.on_response)

    def detach(self, context):
        context.remove_listener("request", self.on_request)
        context.remove_listener("response", self.on_response)


def axe_check_visits(browser, context, recorder: PageRecorder) -> list[str]:
    """Re-open every recorded page in Japanese and in English and run axe on it.

    Pages seen before signing in are opened in a fresh anonymous context; the others in the
    journey's own context (same person, same session). A page already checked for the same
    person in this run (same address pattern, other numbers) is not checked again, which keeps
    the journeys fast. Returns readable failures."""
    failures = []
    contexts = {}
    try:
        for url, person in recorder.visits.items():
            key = (_fold(url), person or "anonymous")
            if key in CHECKED_PAGES:
                continue
            if person:
                target = context
            else:
                target = contexts.get("anonymous") or _new_context(browser)
                contexts["anonymous"] = target
            page = target.new_page()
            try:
                for language in ("ja", "en"):
                    target.add_cookies(
                        [{"name": LANGUAGE_COOKIE, "value": language, "url": recorder.base_url}]
                    )
                    response = page.goto(url)
                    if response is None or response.status != 200:
                        # The journey moved on (e.g. the agreement is confirmed and no longer
                        # edited); the page as it was cannot be shown again.
                        break
                    assert page.evaluate("document.documentElement.lang") == language, url
                    path = urlsplit(url).path
                    violations = _axe(page, path)
                    CHECKED_PAGES.add(key)
                    if violations:
                        failures.append(
                            f"[{language}] {person or 'anonymous'} {path}\n" + describe(violations)
                        )
            finally:
                page.close()
    finally:
        if "anonymous" in contexts:
            contexts["anonymous"].close()
    return failures


def _new_context(browser):
    context = browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    return context


def _finish(browser, context, recorder, request):
    recorder.detach(context)
    # A test that failed already has its own message; the axe list would only hide it.
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        return
    failures = axe_check_visits(browser, context, recorder)
    if failures:
        pytest.fail(
            "axe found serious or critical violations:\n" + "\n\n".join(failures),
            pytrace=False,
        )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report


def pytest_sessionfinish(session):
    if CHECKED_PAGES:
        AXE_REPORT.parent.mkdir(parents=True, exist_ok=True)
        lines = sorted(f"{who}\t{path}" for path, who in CHECKED_PAGES)
        # Distinct address patterns, whoever viewed them.
        patterns = len({path for path, _who in CHECKED_PAGES})
        AXE_REPORT.write_text(
            f"{len(CHECKED_PAGES)} page × person pairs ({patterns} distinct pages), each in ja"
            " and en\n" + "\n".join(lines) + "\n",
            encoding="utf-8",
        )


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def page(browser, live_server, request):
    """A browser page; every page it lands on is checked by axe (ja and en) when the test ends."""
    context = _new_context(browser)
    recorder = PageRecorder(live_server.url)
    recorder.attach(context)
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    try:
        _finish(browser, context, recorder, request)
    finally:
        context.close()


@pytest.fixture
def new_page(browser, live_server, request):
    """A further browser session (another person), closed after the test; its pages are
    checked by axe like those of ``page``."""
    sessions = []

    def make():
        context = _new_context(browser)
        recorder = PageRecorder(live_server.url)
        recorder.attach(context)
        sessions.append((context, recorder))
        page = context.new_page()
        page.base_url = live_server.url
        return page

    yield make
    try:
        for context, recorder in sessions:
            _finish(browser, context, recorder, request)
    finally:
        for context, _recorder in sessions:
            context.close()


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def login(page, username: str, password: str) -> None:
    """Sign in through the real login page."""
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(password)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url("**/home/")
