"""Browser journey: a resident opens the list of local governments, picks a city and finds its
open call; the pages pass axe (JIS X 8341-3 AA) and the call list filters by the body."""

import pytest
from django.urls import reverse

from projects.choices import Stage
from selection.models import Call
from tests.e2e.axe import axe_violations, describe
from tests.e2e.conftest import screenshot
from tests.e2e.test_layouts import check_layout
from tests.factories import BodyFactory, OfficeFactory, ProjectFactory
from tests.selection.support import make_call

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_resident_finds_a_city_and_its_open_call(page, office):
    city = BodyFactory(name="テスト市", name_en="Test City", slug="test-city")
    city_office = OfficeFactory(body=city, name="協働推進課")
    park = make_call(
        ProjectFactory(owner_office=city_office, stage=Stage.PARTNER_SELECTION),
        status=Call.Status.OPEN,
        title="テスト市の公園づくりの公募",
    )
    prefecture_call = make_call(
        ProjectFactory(owner_office=office, stage=Stage.PARTNER_SELECTION),
        status=Call.Status.OPEN,
        title="県の子育て広場の公募",
    )

    page.goto(page.base_url + reverse("body_index"))
    assert page.get_by_role("heading", name="参加している自治体", level=1).is_visible()
    violations = axe_violations(page)
    assert not violations, describe(violations)
    # The prefecture comes first, its municipalities under it.
    names = page.locator("ul.body-index a").all_inner_texts()
    assert names[0] == office.body.name and "テスト市" in names
    page.get_by_role("link", name="テスト市").click()
    page.wait_for_url("**/b/test-city/")

    assert page.get_by_role("heading", name="テスト市", level=1).is_visible()
    assert page.get_by_role("link", name=park.title).is_visible()
    assert page.get_by_text(prefecture_call.title).count() == 0
    violations = axe_violations(page)
    assert not violations, describe(violations)
    screenshot(page, "body-page")
    check_layout(page, "body-page")  # no overflow or squeezed labels from phone to wide screen
    page.set_viewport_size({"width": 1280, "height": 900})

    # The call's page names the city and leads back to it.
    page.get_by_role("link", name=park.title).click()
    page.wait_for_url(f"**{park.get_public_url()}")
    assert page.get_by_role("link", name="テスト市").is_visible()

    # The public calls list filters by body with a labelled select.
    page.goto(page.base_url + reverse("selection:public_calls"))
    page.get_by_label("自治体", exact=True).select_option("test-city")
    page.get_by_role("button", name="絞り込む").click()
    page.wait_for_url("**/public/calls/?body=test-city")
    assert page.get_by_role("link", name=park.title).is_visible()
    assert page.get_by_text(prefecture_call.title).count() == 0
    violations = axe_violations(page)
    assert not violations, describe(violations)
    screenshot(page, "public-calls-by-body")

    # The landing page too, filtered by the same control.
    page.goto(page.base_url + reverse("landing") + "?body=test-city")
    assert page.get_by_label("自治体", exact=True).input_value() == "test-city"
    assert page.get_by_role("link", name=park.title).is_visible()
    assert page.get_by_text(prefecture_call.title).count() == 0
    violations = axe_violations(page)
    assert not violations, describe(violations)
    screenshot(page, "landing-by-body")


def test_a_resident_reads_every_result_of_a_city_a_page_at_a_time(page, monkeypatch):
    from selection import selectors

    monkeypatch.setattr(selectors, "PUBLIC_GROUP_SHOWN", 2)
    monkeypatch.setattr(selectors, "PUBLIC_GROUP_PAGE", 2)
    city = BodyFactory(name="テスト市", name_en="Test City", slug="test-city")
    city_office = OfficeFactory(body=city, name="協働推進課")
    titles = []
    for number in range(4):
        call = make_call(
            ProjectFactory(owner_office=city_office, stage=Stage.PARTNER_SELECTION),
            status=Call.Status.PUBLISHED,
            title=f"テスト市の公募{number}",
        )
        titles.append(call.title)

    page.goto(page.base_url + reverse("body_detail", args=["test-city"]))
    assert page.get_by_text("新しいものから2件を表示しています。").is_visible()
    page.get_by_role("link", name="選定結果（公募）の全4件を見る").click()
    page.wait_for_url("**/public/calls/results/?body=test-city")
    assert page.get_by_role("heading", name="選定結果（公募）", level=1).is_visible()
    assert page.get_by_label("自治体", exact=True).input_value() == "test-city"
    first = page.locator("tbody th a").all_inner_texts()
    assert len(first) == 2
    violations = axe_violations(page)
    assert not violations, describe(violations)
    screenshot(page, "public-results-of-a-city")
    check_layout(page, "public-results-of-a-city")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("link", name="次へ").click()
    page.wait_for_url("**/public/calls/results/?body=test-city&page=2")
    second = page.locator("tbody th a").all_inner_texts()
    assert sorted(first + second) == sorted(titles)
