"""What a signed-in person sees is never kept by a browser or proxy cache (a shared office PC, a
forward proxy): every answer to a signed-in request says ``private, no-store`` unless its view
chose its own caching. Published pages read anonymously keep theirs."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from evaluation.models import EvaluationRound
from tests.evaluation.helpers import evaluated_project, fill

pytestmark = pytest.mark.django_db


def _assert_no_store(response):
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives, response["Cache-Control"]


@pytest.fixture
def exchanged(office, npo, staff_user, npo_user):
    project = evaluated_project(office, npo)
    fill(project, office, staff_user)
    fill(project, npo, npo_user)
    return EvaluationRound.objects.get(project=project)


@pytest.mark.parametrize("name", ["home", "notifications", "reminder_settings"])
def test_private_pages(client, staff_user, name):
    client.force_login(staff_user)
    response = client.get(reverse(name))
    assert response.status_code == 200
    _assert_no_store(response)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_round_export(client, exchanged, staff_user, fmt):
    client.force_login(staff_user)
    response = client.get(reverse("evaluation:round_export", args=[exchanged.pk, fmt]))
    assert response.status_code == 200
    _assert_no_store(response)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_dashboard_export(client, exchanged, manager_user, fmt):
    client.force_login(manager_user)
    response = client.get(reverse("evaluation:dashboard_export", args=[fmt]))
    assert response.status_code == 200
    _assert_no_store(response)


def test_a_signed_in_persons_view_of_a_public_page(client, staff_user):
    """The page carries the person's name and menu, so it is private too."""
    client.force_login(staff_user)
    response = client.get(reverse("landing"))
    assert response.status_code == 200
    _assert_no_store(response)


def test_api_answers_to_a_token(client, staff_user):
    key = Token.objects.create(user=staff_user).key
    response = client.get(reverse("api:me"), HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    _assert_no_store(response)


def test_views_that_choose_their_own_caching_keep_it(client, staff_user):
    key = Token.objects.create(user=staff_user).key
    # The public lists are the same for everyone and revalidate with their ETag.
    public = client.get(reverse("api:public-call-list"), HTTP_AUTHORIZATION=f"Token {key}")
    assert public["Cache-Control"] == "public, max-age=0, must-revalidate"
    client.force_login(staff_user)
    download = client.get(reverse("personal_data"))
    assert download["Cache-Control"] == "no-store"


@pytest.mark.parametrize("name", ["landing", "accessibility", "casebook:index"])
def test_anonymous_pages_are_left_alone(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert "Cache-Control" not in response
