"""The token page linked from the profile: create (shown once), replace, revoke."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from kyodo_portal.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def works(key: str) -> int:
    return APIClient().get(reverse("api:me"), HTTP_AUTHORIZATION=f"Token {key}").status_code


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("api:tokens"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_profile_links_to_the_token_page(client, npo_user):
    client.force_login(npo_user)
    assert reverse("api:tokens") in client.get(reverse("partners:profile")).content.decode()


def test_create_show_once_replace_and_revoke(client, npo_user):
    client.force_login(npo_user)
    page = client.get(reverse("api:tokens"))
    assert page.status_code == 200 and "有効なトークンはありません。" in page.content.decode()

    created = client.post(reverse("api:tokens"), {"action": "create"})
    key = Token.objects.get(user=npo_user).key
    assert key in created.content.decode()
    assert "no-store" in created["Cache-Control"]
    assert works(key) == 200
    assert key not in client.get(reverse("api:tokens")).content.decode()  # shown once only

    client.post(reverse("api:tokens"), {"action": "create"})
    new_key = Token.objects.get(user=npo_user).key
    assert new_key != key and works(key) == 401 and works(new_key) == 200

    revoked = client.post(reverse("api:tokens"), {"action": "revoke"})
    assert "トークンを無効にしました" in revoked.content.decode()
    assert not Token.objects.filter(user=npo_user).exists()
    assert works(new_key) == 401

    actions = list(
        AuditEntry.objects.filter(actor=npo_user).order_by("pk").values_list("action", flat=True)
    )
    assert actions == ["api_token.create", "api_token.create", "api_token.revoke"]
    for entry in AuditEntry.objects.filter(actor=npo_user):
        assert key not in str(entry.details) + entry.target_repr
        assert new_key not in str(entry.details) + entry.target_repr


def test_each_person_manages_only_their_own_token(client, npo_user, staff_user):
    other = Token.objects.create(user=staff_user)
    client.force_login(npo_user)
    client.post(reverse("api:tokens"), {"action": "revoke"})
    assert Token.objects.filter(pk=other.pk).exists()


def test_token_page_needs_csrf(npo_user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(npo_user)
    assert client.post(reverse("api:tokens"), {"action": "create"}).status_code == 403
    assert not Token.objects.filter(user=npo_user).exists()
