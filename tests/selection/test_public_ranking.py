"""The published ranking says, per applicant, how many members scored it and that a member stood
aside for a conflict (never who): on the public page, on the applicant's own page, in
/api/v1/public/results/<id>/ and in the open-data file, all with the same totals and ranks; and
each applicant reads 採択 / 不採択 once the results are decided (the public once published)."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from kyodo_portal.core.roles import Role
from selection import services
from selection.models import Call
from selection.scoring import published_ranking
from tests.factories import member
from tests.selection.support import apply, declare, make_call, score_all, seat, selection_project

pytestmark = pytest.mark.django_db

WINNER_MEMBERS = "2名（1名は利害関係により回避）"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def decided(office, npo, other_npo, staff_user):
    """Three members; the one who did not consent to be named stood aside from the winner."""
    call = make_call(
        selection_project(office, title="子育て広場運営事業"),
        status=Call.Status.SCORING,
        deadline=timezone.now() - datetime.timedelta(days=1),
    )
    chair = member(Role.REVIEWER, name="公表 同意子")
    quiet = member(Role.REVIEWER, name="非公表 委員男")
    recused = member(Role.REVIEWER, name="回避 委員")
    seat(call, chair, category="academic", is_chair=True, publish_name=True)
    seat(call, quiet, category="intermediary")
    seat(call, recused, category="government")
    winner, runner = apply(call, npo), apply(call, other_npo)
    score_all(winner, chair, [5, 5, 4, 4, 4])
    score_all(winner, quiet, [4, 5, 4, 5, 4])
    declare(winner, recused, conflict=True)
    for reviewer in (chair, quiet, recused):
        score_all(runner, reviewer, [3, 3, 3, 3, 3])
    services.call_decide(
        call=call, by=staff_user, application=winner, reason="地域での実績を評価した。"
    )
    return call, winner, runner


@pytest.fixture
def published(decided, staff_user):
    call, winner, runner = decided
    services.call_publish_results(call=call, by=staff_user)
    call.refresh_from_db()
    return call, winner, runner


def _ranking_row(page: str, organization) -> str:
    start = page.index(f'<th scope="row">{organization}')
    return page[start : page.index("</tr>", start)]


def test_the_public_page_says_how_many_scored_and_that_one_stood_aside(client, published):
    call, winner, runner = published
    page = client.get(reverse("selection:public_call_detail", args=[call.pk])).content.decode()
    assert "採点した委員" in page
    assert WINNER_MEMBERS in _ranking_row(page, winner.organization)
    runner_row = _ranking_row(page, runner.organization)
    assert "3名" in runner_row and "回避" not in runner_row
    assert "回避 委員" not in page and "非公表 委員男" not in page


def test_the_applicants_own_page_says_the_same_and_selected_or_not(
    client, published, npo_user, other_npo_user
):
    _call, winner, runner = published
    client.force_login(npo_user)
    page = client.get(reverse("selection:application_detail", args=[winner.pk])).content.decode()
    assert "採点した委員：" + WINNER_MEMBERS in page
    assert "回避 委員" not in page
    assert ">採択<" in page
    client.force_login(other_npo_user)
    page = client.get(reverse("selection:application_detail", args=[runner.pk])).content.decode()
    assert "採点した委員：3名" in page and ">不採択<" in page


def test_before_publication_the_applicant_reads_only_submitted(
    client, decided, npo_user, staff_user
):
    _call, winner, _runner = decided
    url = reverse("selection:application_detail", args=[winner.pk])
    client.force_login(npo_user)
    page = client.get(url).content.decode()
    assert ">採択<" not in page and ">提出済み<" in page
    client.force_login(staff_user)  # the office that decided reads the outcome at once
    assert ">採択<" in client.get(url).content.decode()


def test_the_results_api_carries_the_ranking_the_page_shows(published):
    call, winner, runner = published
    api = APIClient()
    data = api.get(reverse("api:public-result-detail", args=[call.pk])).json()
    rows = {row["organization"]: row for row in data["ranking"]["rows"]}
    shown = published_ranking(call)
    for application in (winner, runner):
        row = rows[application.organization.display_name]
        page_row = shown.row_for(application.pk)
        assert row["rank"] == page_row.rank
        assert row["total"] == float(page_row.total_display)
    assert rows[winner.organization.display_name]["scoring_members"] == 2
    assert rows[winner.organization.display_name]["recused_members"] == 1
    assert rows[runner.organization.display_name]["scoring_members"] == 3
    assert rows[runner.organization.display_name]["recused_members"] == 0
    assert rows[winner.organization.display_name]["status"] == {
        "value": "selected",
        "label": "採択",
    }
    assert rows[runner.organization.display_name]["status"]["value"] == "not_selected"
    assert "回避 委員" not in str(data) and "非公表 委員男" not in str(data)
    detail = api.get(reverse("api:public-call-detail", args=[call.pk])).json()
    assert detail["ranking"]["rows"] == data["ranking"]["rows"]


def test_the_results_api_says_nothing_before_publication(decided):
    call, _winner, _runner = decided
    response = APIClient().get(reverse("api:public-result-detail", args=[call.pk]))
    assert response.status_code == 404


def test_the_open_data_file_has_a_row_per_applicant(published):
    call, winner, runner = published
    response = APIClient().get(reverse("api:open_data_csv", args=["selection-rankings"]))
    raw = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    by_name = {row["organization"]: row for row in rows if row["call_id"] == str(call.pk)}
    top = by_name[winner.organization.display_name]
    shown = published_ranking(call).row_for(winner.pk)
    assert top["rank"] == "1" and top["total"] == str(shown.total_display)
    assert (top["scoring_members"], top["recused_members"], top["status"]) == ("2", "1", "採択")
    other = by_name[runner.organization.display_name]
    assert (other["scoring_members"], other["recused_members"], other["status"]) == (
        "3",
        "0",
        "不採択",
    )


def test_an_unpublished_call_is_not_in_the_open_data_file(decided):
    call, _winner, _runner = decided
    response = APIClient().get(reverse("api:open_data_csv", args=["selection-rankings"]))
    raw = b"".join(response.streaming_content).decode("utf-8-sig")
    assert all(row["call_id"] != str(call.pk) for row in csv.DictReader(io.StringIO(raw)))


def test_the_applications_api_gives_the_outcome_once_published(
    decided, staff_user, npo_user, other_npo_user
):
    from rest_framework.authtoken.models import Token

    call, winner, runner = decided

    def result_for(person, application):
        api = APIClient()
        key = Token.objects.get_or_create(user=person)[0].key
        api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return api.get(reverse("api:application-detail", args=[application.pk])).json()["result"]

    assert result_for(npo_user, winner) is None  # decided, not yet published
    services.call_publish_results(call=call, by=staff_user)
    assert result_for(npo_user, winner) == {"value": "selected", "label": "採択"}
    assert result_for(other_npo_user, runner) == {"value": "not_selected", "label": "不採択"}
