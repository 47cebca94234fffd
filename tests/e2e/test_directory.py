"""Browser journey: staff look for a partner NPO in the directory by keyword and activity field."""

import pytest
from django.urls import reverse

from partners.models import ActivityField
from tests.e2e.conftest import login, screenshot
from tests.factories import NpoFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_search_the_directory_by_keyword_and_field(page, staff_user, password):
    # transaction=True flushes the tables between tests, the migrated activity fields with them.
    children, _created = ActivityField.objects.get_or_create(
        number=13,
        defaults={
            "name_ja": "子どもの健全育成を図る活動",
            "name_en": "Healthy upbringing of children",
        },
    )
    hidamari = NpoFactory(name="特定非営利活動法人 ひだまり子育てネット", description="親子の広場")
    hidamari.fields.set([children])
    NpoFactory(name="特定非営利活動法人 親子劇場の会", description="親子で観る演劇")
    NpoFactory(name="荒川みどりの会", description="河川敷の清掃")

    login(page, staff_user.username, password)
    page.goto(page.base_url + reverse("partners:directory"))
    page.get_by_label("キーワード").fill("親子")
    page.get_by_role("group", name="活動分野").get_by_label(children.name_ja).check()
    page.get_by_role("button", name="検索する").click()
    page.wait_for_url("**/partners/directory/?*")

    assert page.get_by_role("heading", name="1団体").is_visible()
    assert page.get_by_role("link", name=hidamari.name).is_visible()
    assert page.get_by_text("親子劇場の会").count() == 0  # the keyword alone is not enough
    # The conditions stay as entered, so the search can be refined.
    assert page.get_by_label("キーワード").input_value() == "親子"
    assert page.get_by_role("group", name="活動分野").get_by_label(children.name_ja).is_checked()
    screenshot(page, "directory-search")

    page.get_by_role("group", name="活動分野").get_by_label(children.name_ja).uncheck()
    page.get_by_role("button", name="検索する").click()
    page.wait_for_url("**/partners/directory/?*")
    assert page.get_by_role("heading", name="2団体").is_visible()
