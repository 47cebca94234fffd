import re

import pytest
from django.core import mail
from django.urls import reverse

from partners.permissions import NOT_YOUR_ORGANIZATION, can_edit_organization

pytestmark = pytest.mark.django_db

ROLES = ["staff", "npo", "reviewer", "manager"]
ROLE_SECTION = {
    "staff": "担当課の協働事業",
    "npo": "団体の協働",
    "reviewer": "採点待ちの応募はありません",
    "manager": "協働の状況",
}


@pytest.mark.parametrize("role", ROLES)
def test_login_and_logout_per_role(client, users_by_role, password, role):
    user = users_by_role[role]
    response = client.post(reverse("login"), {"username": user.username, "password": password})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).context["user"] == user
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302  # back to login


def test_wrong_password_is_refused_in_japanese(client, staff_user):
    response = client.post(reverse("login"), {"username": "staff", "password": "wrong"})
    assert response.status_code == 200
    assert "正しいユーザー名とパスワードを入力してください" in response.content.decode()
    assert 'value="staff"' in response.content.decode()  # what was typed is kept


@pytest.mark.parametrize("role", ROLES)
def test_home_page_shows_only_the_sections_of_the_persons_roles(client, users_by_role, role):
    client.force_login(users_by_role[role])
    html = client.get(reverse("home")).content.decode()
    for other_role, marker in ROLE_SECTION.items():
        assert (marker in html) == (other_role == role), other_role


def test_home_requires_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_anonymous_landing_page(client):
    response = client.get(reverse("landing"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ja">' in html
    assert "協働ポータル" in html
    assert "公募中の協働事業" in html
    assert 'href="#main"' in html  # skip link
    assert reverse("login") in html


def test_navigation_shows_only_what_the_role_may_use(client, npo_user, staff_user):
    client.force_login(npo_user)
    html = client.get(reverse("home")).content.decode()
    assert "公募の管理" not in html and "評価ダッシュボード" not in html


def test_npo_member_edits_own_profile(client, npo_user, npo):
    client.force_login(npo_user)
    url = reverse("partners:organization_edit", args=[npo.pk])
    data = {
        "name": npo.name,
        "legal_form": "npo_corporation",
        "area": "さいたま市南区",
        "description": "子育て広場を運営しています。",
        "established_year": "2009",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    npo.refresh_from_db()
    assert npo.area == "さいたま市南区"


def test_npo_member_cannot_edit_another_npos_profile(client, npo_user, other_npo):
    client.force_login(npo_user)
    url = reverse("partners:organization_edit", args=[other_npo.pk])
    assert client.get(url).status_code == 404
    response = client.post(url, {"name": "乗っ取り", "legal_form": "npo_corporation"})
    assert response.status_code == 404
    other_npo.refresh_from_db()
    assert other_npo.name != "乗っ取り"
    assert can_edit_organization(npo_user, other_npo) == (False, str(NOT_YOUR_ORGANIZATION))


@pytest.mark.parametrize("role", ["staff", "reviewer", "manager"])
def test_government_roles_cannot_edit_an_npo_profile(client, users_by_role, npo, role):
    client.force_login(users_by_role[role])
    assert client.get(reverse("partners:organization_edit", args=[npo.pk])).status_code == 404


def test_profile_edit_keeps_input_on_error(client, npo_user):
    client.force_login(npo_user)
    response = client.post(
        reverse("partners:profile"),
        {"name": "田中 直子（更新）", "email": "not-an-address", "preferred_language": "ja"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "有効なメールアドレスを入力してください" in html
    assert "田中 直子（更新）" in html


def test_contact_details_hidden_from_other_npos(client, other_npo_user, npo_user, staff_user, npo):
    url = reverse("partners:organization_detail", args=[npo.pk])
    client.force_login(other_npo_user)
    assert npo.phone not in client.get(url).content.decode()
    client.force_login(staff_user)
    assert npo.phone in client.get(url).content.decode()
    client.force_login(npo_user)
    assert npo.phone in client.get(url).content.decode()


def test_language_switch_to_english_and_back(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Kyodo Portal" in html
    response = client.post(reverse("set_language"), {"language": "ja", "next": "/"}, follow=True)
    assert '<html lang="ja">' in response.content.decode()


def test_password_change(client, staff_user, password):
    client.force_login(staff_user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": password,
            "new_password1": "a-new-long-passphrase-2026",
            "new_password2": "a-new-long-passphrase-2026",
        },
    )
    assert response.status_code == 302
    staff_user.refresh_from_db()
    assert staff_user.check_password("a-new-long-passphrase-2026")


def test_password_reset_by_mail(client, staff_user):
    response = client.post(reverse("password_reset"), {"email": staff_user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "パスワード再設定" in message.subject
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+)", message.body).group(1)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url,
        {"new_password1": "reset-passphrase-2026-x", "new_password2": "reset-passphrase-2026-x"},
    )
    assert response.status_code == 302
    staff_user.refresh_from_db()
    assert staff_user.check_password("reset-passphrase-2026-x")
