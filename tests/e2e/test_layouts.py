"""Layouts that hold in Japanese at every width: nothing but a scrolling box is wider than the
screen, no menu label breaks inside a word, wide tables scroll with readable columns, and the
dashboard's charts and number links stay usable on a phone."""

import pytest
from django.urls import reverse

from kyodo_portal.core.roles import Role
from projects.choices import Method
from selection import services as selection_services
from selection.models import Call
from tests.e2e.conftest import login, screenshot
from tests.evaluation.helpers import evaluated_project, fill
from tests.factories import NpoFactory, ProjectFactory, member
from tests.selection.support import apply, make_call, score_all, seat, selection_project

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = (375, 768, 1024, 1280, 1920)

# Elements wider than the screen, leaving out those inside a box that scrolls sideways.
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const x = getComputedStyle(p).overflowX;
      if (x === 'auto' || x === 'scroll' || x === 'hidden') return true;
    }
    return false;
  };
  const offenders = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right > width + 1 && !scrolls(el)) {
      const cls = typeof el.className === 'string' ? el.className : '';
      offenders.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (cls ? '.' + cls.split(' ').join('.') : '') + ' right=' + Math.round(r.right));
    }
  }
  const scrollWidth = document.documentElement.scrollWidth;
  return {scrollWidth, width, offenders: offenders.slice(0, 5)};
}"""

# Header labels (menu links, buttons, the site name) that take more than one line.
WRAPPED_LABELS_JS = """() => {
  const wrapped = [];
  const items = document.querySelectorAll(
    '.portal-header :is(.navbar-brand, .nav-link, .btn, label)');
  for (const el of items) {
    if (!el.offsetParent) continue;  // collapsed away
    for (const node of el.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE || !node.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (lines.size > 1) wrapped.push(node.textContent.trim());
    }
  }
  return wrapped;
}"""

# Header cells of scrolling tables that wrap, and first columns narrower than six characters.
SQUEEZED_TABLES_JS = """() => {
  const problems = [];
  for (const table of document.querySelectorAll('main .table-responsive > table')) {
    if (!table.offsetParent) continue;
    for (const th of table.querySelectorAll('thead th')) {
      const range = document.createRange();
      range.selectNodeContents(th);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (lines.size > 1 && !th.querySelector('br')) {
        problems.push('header wraps: ' + th.textContent.trim());
      }
    }
    const first = table.querySelector('tbody tr > :first-child:not([colspan])');
    if (first) {
      const em = parseFloat(getComputedStyle(first).fontSize);
      if (first.getBoundingClientRect().width < 6 * em) {
        problems.push('first column squeezed: ' + first.textContent.trim().slice(0, 20));
      }
    }
  }
  return problems;
}"""

SMALL_TARGETS_JS = """() => [
  ...document.querySelectorAll('.dashboard-table td a, .dashboard-number')]
  .filter((a) => a.offsetParent)
  .map((a) => ({text: a.textContent.trim(), w: a.getBoundingClientRect().width,
                h: a.getBoundingClientRect().height}))
  .filter((t) => t.w < 24 || t.h < 24)"""


def check_layout(page, name: str) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(100)
        toggler = page.locator(".navbar-toggler")
        if toggler.is_visible() and toggler.get_attribute("aria-expanded") != "true":
            toggler.click()  # the collapsed menu's labels are checked too
            page.locator("#portal-nav.show").wait_for()
            page.wait_for_timeout(400)  # the opening animation
        overflow = page.evaluate(OVERFLOW_JS)
        assert overflow["scrollWidth"] <= overflow["width"], (name, width, overflow)
        assert overflow["offenders"] == [], (name, width, overflow)
        assert page.evaluate(WRAPPED_LABELS_JS) == [], (name, width)
        assert page.evaluate(SQUEEZED_TABLES_JS) == [], (name, width)
        screenshot(page, f"layout-{name}-{width}")


def _ranked_call(office):
    """A decided call whose ranking of three NPOs is published."""
    call = make_call(
        selection_project(office, title="子育て広場の運営"), status=Call.Status.SCORING
    )
    reviewers = [seat(call), seat(call)]
    applications = [
        apply(call, NpoFactory(name=name))
        for name in (
            "特定非営利活動法人こどもの森ネットワーク",
            "NPO法人まちづくり応援団",
            "地域福祉サポートの会",
        )
    ]
    for index, application in enumerate(applications):
        for reviewer in reviewers:
            score_all(application, reviewer, [5 - index, 4, 3, 4 - index % 2, 3])
    staff = member(Role.STAFF, office)
    selection_services.call_decide(
        call=call, by=staff, application=applications[0], reason="合計点が最も高いため"
    )
    selection_services.call_publish_results(call=call, by=staff)
    return call


def test_public_and_staff_pages_hold_at_every_width(page, office, npo, staff_user, password):
    call = _ranked_call(office)
    project = ProjectFactory(owner_office=office, title="高齢者の見守りと地域の居場所づくり事業")
    for title in ("子ども食堂の運営支援", "多文化共生のための日本語教室", "河川敷の環境保全活動"):
        ProjectFactory(owner_office=office, title=title)

    page.goto(page.base_url + reverse("landing"))
    check_layout(page, "landing")
    page.goto(page.base_url + reverse("selection:public_call_detail", args=[call.pk]))
    assert page.get_by_text("特定非営利活動法人こどもの森ネットワーク").first.is_visible()
    check_layout(page, "public-ranking")

    login(page, staff_user.username, password)
    check_layout(page, "home-staff")
    page.goto(page.base_url + reverse("projects:project_list"))
    assert page.get_by_role("link", name="子ども食堂の運営支援").is_visible()
    check_layout(page, "project-list")
    page.goto(page.base_url + reverse("projects:project_detail", args=[project.pk]))
    check_layout(page, "project-detail")
    page.goto(page.base_url + reverse("selection:ranking", args=[call.pk]))
    check_layout(page, "ranking")


def test_dashboard_holds_at_every_width_with_tables_for_charts_on_phones(
    page, office, npo, other_npo, staff_user, npo_user, other_npo_user, manager_user, password
):
    project = evaluated_project(office, npo)
    other = evaluated_project(office, other_npo, title="環境学習への補助", method=Method.SUBSIDY)
    fill(project, office, staff_user, default=4)
    fill(project, npo, npo_user, default=3)
    fill(other, office, staff_user, default=3)
    fill(other, other_npo, other_npo_user, default=3)

    login(page, manager_user.username, password)
    page.goto(page.base_url + reverse("evaluation:dashboard"))
    check_layout(page, "dashboard")

    # Phones: the charts give way to their tables, which carry the same figures.
    page.set_viewport_size({"width": 375, "height": 900})
    assert not page.locator("#chart-stage").is_visible()
    assert page.locator("#table-stage").is_visible()
    assert page.evaluate(SMALL_TARGETS_JS) == []
    # Wider screens: the charts are drawn at a readable height.
    page.set_viewport_size({"width": 768, "height": 900})
    page.wait_for_timeout(300)
    assert page.locator("#chart-stage").is_visible()
    assert page.locator("#chart-stage").bounding_box()["height"] >= 180
    assert page.evaluate(SMALL_TARGETS_JS) == []


def test_pages_hold_in_english_at_every_width(page, office, staff_user, password):
    """English labels are longer than Japanese ones: the header and tables must hold too."""
    project = ProjectFactory(owner_office=office, title="Community watch and local meeting places")
    login(page, staff_user.username, password)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": page.base_url}])
    page.goto(page.base_url + reverse("landing"))
    assert page.locator("html").get_attribute("lang") == "en"
    check_layout(page, "landing-en")
    page.goto(page.base_url + reverse("home"))
    check_layout(page, "home-staff-en")
    assert page.get_by_text("Membership: ").first.is_visible()
    page.goto(page.base_url + reverse("projects:project_detail", args=[project.pk]))
    check_layout(page, "project-detail-en")
