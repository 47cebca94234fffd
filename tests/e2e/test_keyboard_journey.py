"""Keyboard only: a staff member signs in and confirms the agreement without the mouse.

Tab, Shift+Tab and Enter through page.keyboard; text is typed only into the control that
keyboard focus has reached. Visible focus (outline or box-shadow) is checked along the way.
"""

import pytest

from projects import services as project_services
from projects.choices import Method, Stage
from projects.models import AgreementConfirmation
from tests.api.conftest import COST_LINES, RESPONSIBILITY_LINES, ROLE_LINES
from tests.factories import ProjectFactory, add_partner

pytestmark = pytest.mark.django_db(transaction=True)

FOCUSED = """() => {
  const e = document.activeElement;
  if (!e) return "";
  const text = (e.innerText || e.value || "").trim().slice(0, 80);
  return (e.getAttribute("name") || "") + "|" + text + "|" + e.tagName;
}"""
FOCUS_STYLE = """() => {
  const s = getComputedStyle(document.activeElement);
  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
  return outline || s.boxShadow !== "none";
}"""


def tab_to(page, predicate, *, limit=250, backwards=False) -> str:
    """Press Tab (or Shift+Tab) until the focused element's description satisfies predicate."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        focused = page.evaluate(FOCUSED)
        if predicate(focused):
            return focused
    raise AssertionError("keyboard focus never reached the control")


def assert_visible_focus(page):
    assert page.evaluate(FOCUS_STYLE), f"no visible focus on {page.evaluate(FOCUSED)}"


def test_staff_confirms_the_agreement_with_the_keyboard_only(
    page, office, npo, staff_user, npo_user, password
):
    project = ProjectFactory(
        title="子育て広場の運営",
        owner_office=office,
        stage=Stage.AGREEMENT,
        method=Method.COMMISSION,
    )
    add_partner(project, npo)
    project_services.agreement_save(
        project=project,
        by=staff_user,
        roles=ROLE_LINES,
        costs=COST_LINES,
        responsibilities=RESPONSIBILITY_LINES,
        revision=0,
    )
    project_services.agreement_confirm(project=project, by=npo_user, side="npo", number=1)

    page.goto(page.base_url + "/accounts/login/")
    tab_to(page, lambda f: f.startswith("username|"))
    assert_visible_focus(page)
    page.keyboard.type(staff_user.username)
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED).startswith("password|")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    page.wait_for_url("**/home/")

    # From the home page to the project, then to its agreement, by links reached with Tab.
    tab_to(page, lambda f: "子育て広場の運営" in f)
    assert_visible_focus(page)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: f"/projects/{project.pk}/" in url)
    page.wait_for_load_state()
    if not page.url.endswith(f"/projects/{project.pk}/agreement/"):
        # The home page's link went to the project: on to its agreement tab.
        tab_to(page, lambda f: "協定" in f and f.endswith("|A"))
        assert_visible_focus(page)
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/projects/{project.pk}/agreement/")

    # The tick first (Space checks it), then the button after it.
    tab_to(page, lambda f: f.startswith("confirm|") and f.endswith("|INPUT"))
    assert_visible_focus(page)
    page.keyboard.press("Space")
    assert page.locator('input[name="confirm"]').first.is_checked()
    tab_to(page, lambda f: "第1版の内容を確認しました" in f and f.endswith("|BUTTON"))
    assert_visible_focus(page)
    # Shift+Tab back and forth: focus order is stable.
    page.keyboard.press("Shift+Tab")
    tab_to(page, lambda f: "第1版の内容を確認しました" in f)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator('[data-confirmed="government"]').is_visible()
    assert AgreementConfirmation.objects.filter(
        version__agreement__project=project, side="government", confirmed_by=staff_user
    ).exists()
