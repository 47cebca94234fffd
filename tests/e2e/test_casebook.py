"""Browse the casebook in Chromium: filter by a method, open a case, read the guide."""

import pytest

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def casebook(transactional_db):
    # transaction=True flushes the tables between tests, taking the migrated cases with them.
    from casebook.services import casebook_load

    casebook_load()


def test_visitor_filters_by_method_and_opens_a_case(page, casebook):
    page.goto(page.base_url + "/casebook/")
    assert page.get_by_role("heading", level=1).count() == 1
    assert page.get_by_text("17件の事例").is_visible()

    page.get_by_label("協働方法").select_option("co_hosting")
    page.get_by_role("button", name="絞り込む").click()
    page.wait_for_url("**/casebook/?*method=co_hosting*")
    assert page.get_by_text("4件の事例").is_visible()  # cases 6, 7, 11 and good practice 16
    results = page.locator("#results-heading ~ ol article h3")
    assert results.count() == 4
    screenshot(page, "casebook-index-co-hosting")

    page.get_by_role("link", name="事例7：共催イベントで参加者がけがをした").click()
    page.wait_for_url("**/casebook/7/")
    title = "共催イベントで参加者がけがをした"
    assert page.get_by_role("heading", level=1, name=title).is_visible()
    assert page.get_by_role("heading", name="解決のヒント").is_visible()
    assert page.get_by_text("保険").first.is_visible()
    assert page.get_by_role("heading", name="関連する事例").is_visible()
    screenshot(page, "casebook-case-7")

    page.get_by_role("link", name="研修用に印刷する").click()
    page.wait_for_url("**/casebook/7/print/")
    page.emulate_media(media="print")
    assert not page.locator("header.portal-header").is_visible()
    assert page.locator(".notes-space").count() == 4  # three questions and the group notes
    screenshot(page, "casebook-case-7-print")


def test_keyword_search_and_english_version(page, casebook):
    page.goto(page.base_url + "/casebook/")
    page.get_by_label("キーワード").fill("保険")
    page.get_by_role("button", name="絞り込む").click()
    assert page.get_by_text("2件の事例").is_visible()  # the accident, and the agreement for one
    assert page.get_by_role("link", name="事例7：共催イベントで参加者がけがをした").is_visible()

    page.get_by_label("言語 / Language").select_option("en")
    page.locator(".language-switcher button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(page.base_url + "/casebook/7/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role(
        "heading", level=1, name="A participant is injured at a co-hosted event"
    ).is_visible()
    screenshot(page, "casebook-case-7-en")


def test_visitor_finds_good_practice_written_another_way(page, casebook):
    page.goto(page.base_url + "/casebook/")
    page.get_by_label("事例の種類").select_option("good_practice")
    # The case writes 申込み; the visitor types it with full okurigana.
    page.get_by_label("キーワード").fill("申し込み")
    page.get_by_role("button", name="絞り込む").click()
    page.wait_for_url("**/casebook/?*kind=good_practice*")
    assert page.get_by_text("1件の事例").is_visible()
    link = page.get_by_role(
        "link", name="事例17：別々に評価して持ち寄ったことが、次の事業につながった"
    )
    assert page.locator("#results-heading ~ ol .badge", has_text="良い実践例").count() == 1
    screenshot(page, "casebook-index-good-practice")
    link.click()
    page.wait_for_url("**/casebook/17/")
    assert page.get_by_role("heading", name="何がよかったのか").is_visible()
    assert page.get_by_role("heading", name="取り入れるためのヒント").is_visible()
    screenshot(page, "casebook-case-17")


def test_guide_methods_page_links_to_cases(page, casebook):
    page.goto(page.base_url + "/casebook/guide/")
    page.get_by_role("link", name="六つの協働方法").click()
    page.wait_for_url("**/casebook/guide/methods/")
    assert page.get_by_role("heading", level=2, name="4. 事業共催").is_visible()
    screenshot(page, "casebook-guide-methods")
    page.get_by_role("link", name="事例10：毎年同じ団体に出ている補助金").click()
    page.wait_for_url("**/casebook/10/")
