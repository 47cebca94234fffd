import pytest

from tests.e2e.conftest import login, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_logs_in_and_sees_the_japanese_home_page(page, staff_user, password):
    page.goto(page.base_url + "/")
    assert page.locator("html").get_attribute("lang") == "ja"
    page.get_by_role("link", name="ログイン", exact=True).first.click()
    login(page, staff_user.username, password)
    assert page.get_by_role("heading", name="山田 花子さんのホーム").is_visible()
    assert page.get_by_role("heading", name="担当課の協働事業").is_visible()
    assert page.locator("main#main").count() == 1
    screenshot(page, "home-staff-ja")
    # Logging out returns to the public landing page.
    page.get_by_role("button", name="ログアウト").click()
    page.wait_for_url(page.base_url + "/")
    assert page.get_by_role("link", name="ログイン", exact=True).first.is_visible()
