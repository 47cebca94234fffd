"""Browser check: the dashboard's print view prints its charts (as SVG, visible on the printed
page), without the portal's navigation, and passes axe."""

import pytest
from django.urls import reverse

from tests.e2e.conftest import SCREENSHOTS, login, screenshot
from tests.evaluation.helpers import evaluated_project, fill
from tests.factories import OfficeFactory, member

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_print_view_prints_its_charts(
    page, office, npo, staff_user, npo_user, manager_user, password
):
    from kyodo_portal.core.roles import Role

    project = evaluated_project(office, npo)
    fill(project, office, staff_user, default=4)
    fill(project, npo, npo_user, default=3, synergy=5)
    other = OfficeFactory(body=office.body, name="少子政策課")
    second = evaluated_project(other, npo, title="放課後の居場所", fiscal_year_start=2024)
    fill(second, other, member(Role.STAFF, other), default=2)
    fill(second, npo, npo_user, default=4)

    login(page, manager_user.username, password)
    page.goto(page.base_url + reverse("evaluation:dashboard"))
    page.get_by_role("link", name="印刷用の表示").click()
    page.wait_for_url("**/evaluation/dashboard/print/**")
    page.emulate_media(media="print")
    charts = page.locator("svg.chart-svg")
    assert charts.count() == 6
    for index in range(charts.count()):
        chart = charts.nth(index)
        assert chart.is_visible()
        box = chart.bounding_box()
        assert box["width"] > 300 and box["height"] > 80
    assert page.get_by_role(
        "img", name="担当課別の認識の差（NPO − 行政、すべての項目）"
    ).is_visible()
    assert not page.get_by_role("button", name="印刷する").is_visible()  # .no-print
    assert page.locator("header, nav").count() == 0
    screenshot(page, "evaluation-dashboard-print")
    pdf = SCREENSHOTS / "evaluation-dashboard-print.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    assert pdf.stat().st_size > 20_000
    page.emulate_media(media="screen")
