"""What every page's head offers browsers and search engines: an icon and, on public pages, a
description of the page."""

import re

import pytest
from django.templatetags.static import static
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_favicon_ico_redirects_to_the_portal_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == static("favicon.svg")


def test_pages_link_the_icon(client):
    html = client.get(reverse("landing")).content.decode()
    assert f'<link rel="icon" href="{static("favicon.svg")}"' in html


@pytest.mark.parametrize(
    "name",
    ["landing", "casebook:index", "casebook:guide", "selection:public_calls"],
)
def test_public_pages_describe_themselves(client, name):
    html = client.get(reverse(name)).content.decode()
    descriptions = re.findall(r'<meta name="description" content="([^"]+)">', html)
    assert len(descriptions) == 1
    assert len(descriptions[0]) > 20


def test_signed_in_pages_have_no_public_description(client, staff_user):
    client.force_login(staff_user)
    html = client.get(reverse("home")).content.decode()
    assert 'name="description"' not in html
