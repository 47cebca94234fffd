"""The platform administrator adds a government body with its first office and manager, through
the pages; nobody else reaches those pages, and the role opens no body's projects."""

import pytest
from django.conf import settings
from django.urls import reverse

from kyodo_portal.core.models import AuditEntry
from kyodo_portal.core.roles import Role
from partners.models import GovernmentBody, Membership, Organization, User
from partners.selectors import managed_body_ids
from tests.factories import ProjectFactory, body_named, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def platform_admin(db):
    operator = Organization.objects.create(kind=Organization.Kind.OTHER, name="運営事務局")
    return member(Role.PLATFORM_ADMIN, operator, username="platform_admin", name="運営 太郎")


def _new_city(**overrides) -> dict:
    values = {
        "code": "112089",  # 所沢市
        "name": "所沢市",
        "name_en": "Tokorozawa City",
        "slug": "tokorozawa",
        "level": "municipality",
        "prefecture": body_named("埼玉県", "prefecture").pk,
        "office_name": "市民協働推進課",
        "manager_username": "tokorozawa_manager",
        "manager_name": "所沢 花子",
        "manager_email": "manager@tokorozawa.example.jp",
    }
    values.update(overrides)
    return values


def test_a_body_and_its_first_manager_are_added_end_to_end(client, platform_admin):
    client.force_login(platform_admin)
    assert client.get(reverse("platform:bodies")).status_code == 200
    assert client.get(reverse("platform:body_create")).status_code == 200

    response = client.post(reverse("platform:body_create"), _new_city())
    assert response.status_code == 200
    page = response.content.decode()
    assert "所沢市を追加しました" in page

    body = GovernmentBody.objects.get(code="112089")
    assert body.level == "municipality" and body.prefecture.name == "埼玉県"
    office = Organization.objects.get(body=body)
    assert office.name == "市民協働推進課" and office.is_government
    manager = User.objects.get(username="tokorozawa_manager")
    assert not manager.has_usable_password()
    assert Membership.objects.filter(user=manager, organization=office, role=Role.MANAGER).exists()
    assert managed_body_ids(manager) == {body.pk}
    assert AuditEntry.objects.filter(
        action="partners.body_create", actor=platform_admin, target_id=body.pk
    ).exists()

    # the one-time link lets the new manager choose a password, then sign in
    link = page[page.index("/accounts/password/reset/") :].split('"')[0]
    client.logout()
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    assert set_url.endswith("/set-password/")
    done = client.post(
        set_url, {"new_password1": "Tokorozawa-new-2026!", "new_password2": "Tokorozawa-new-2026!"}
    )
    assert done.status_code == 302
    assert client.login(username="tokorozawa_manager", password="Tokorozawa-new-2026!")
    # the link is spent
    client.logout()
    assert "reset/set-password" not in client.get(link, follow=True).request["PATH_INFO"]

    client.force_login(platform_admin)
    listing = client.get(reverse("platform:bodies")).content.decode()
    assert "所沢市" in listing and "112089" in listing


def test_a_wrong_check_digit_is_refused_in_japanese_and_the_entries_kept(client, platform_admin):
    client.force_login(platform_admin)
    response = client.post(
        reverse("platform:body_create"), _new_city(code="112088"), HTTP_ACCEPT_LANGUAGE="ja"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "全国地方公共団体コード（6桁・検査数字付き）として正しくありません。" in page
    for kept in ('value="112088"', 'value="所沢市"', 'value="tokorozawa_manager"'):
        assert kept in page
    assert not GovernmentBody.objects.filter(name="所沢市").exists()
    assert not User.objects.filter(username="tokorozawa_manager").exists()


def test_a_municipality_without_its_prefecture_and_a_taken_login_are_refused(
    client, platform_admin
):
    client.force_login(platform_admin)
    page = client.post(
        reverse("platform:body_create"), _new_city(prefecture="", manager_username="platform_admin")
    ).content.decode()
    assert "市町村には都道府県を指定してください。" in page
    assert "このログインIDはすでに使われています。" in page
    assert not GovernmentBody.objects.filter(name="所沢市").exists()


@pytest.mark.parametrize("role", [Role.MANAGER, Role.STAFF, Role.REVIEWER, Role.NPO])
def test_every_other_role_gets_404(client, role, office, npo):
    user = member(role, npo if role == Role.NPO else office)
    client.force_login(user)
    assert client.get(reverse("platform:bodies")).status_code == 404
    assert client.get(reverse("platform:body_create")).status_code == 404
    assert client.post(reverse("platform:body_create"), _new_city()).status_code == 404
    assert not GovernmentBody.objects.filter(name="所沢市").exists()


def test_a_superuser_is_not_a_platform_administrator(client, db):
    root = User.objects.create_superuser("root", "root@example.jp", "x-Root-2026-long")
    client.force_login(root)
    assert client.get(reverse("platform:bodies")).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(reverse("platform:bodies"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_platform_administrator_reads_no_body_s_projects(client, platform_admin, office):
    project = ProjectFactory(owner_office=office, title="県の内部事業")
    client.force_login(platform_admin)
    assert client.get(reverse("projects:project_detail", args=[project.pk])).status_code == 404
    assert client.get(reverse("projects:project_list")).status_code == 404
    assert client.get(reverse("evaluation:project", args=[project.pk])).status_code == 404
    dashboard = client.get(reverse("evaluation:dashboard"))
    assert dashboard.status_code == 403
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert "県の内部事業" not in home.content.decode()
    # the navigation leads them to their own pages
    assert reverse("platform:bodies") in home.content.decode()


def test_the_platform_pages_read_in_english(client, platform_admin):
    from tests.security.test_english_pages import JAPANESE, readable

    client.force_login(platform_admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    created = client.post(reverse("platform:body_create"), _new_city(), HTTP_ACCEPT_LANGUAGE="en")
    refused = client.post(
        reverse("platform:body_create"),
        _new_city(code="112088", slug="other", manager_username="other"),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    user_data = ("所沢市", "埼玉県", "市民協働推進課", "所沢 花子", "運営 太郎", "運営事務局")
    for response in (
        client.get(reverse("platform:bodies"), HTTP_ACCEPT_LANGUAGE="en"),
        client.get(reverse("platform:body_create"), HTTP_ACCEPT_LANGUAGE="en"),
        created,
        refused,
    ):
        text = readable(response)
        for value in user_data:
            text = text.replace(value, " ")
        assert not JAPANESE.findall(text), JAPANESE.findall(text)
