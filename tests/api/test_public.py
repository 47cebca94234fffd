"""The public endpoints: what they show, and that nothing private ever appears in them."""

import pytest
from django.urls import reverse
from django.utils import translation

from casebook import selectors as casebook_selectors
from kyodo_portal.core.api import opendata
from projects.api import STATS_STAGES
from projects.models import Project
from selection.models import CommitteeMember
from tests.api.conftest import SECRET

pytestmark = pytest.mark.django_db

PUBLIC_LISTS = [
    "api:public-call-list",
    "api:public-result-list",
    "api:public-designation-list",
    "api:public-evaluation-list",
    "api:public-case-list",
]


def public_urls(world) -> list[str]:
    urls = [reverse(name) for name in PUBLIC_LISTS]
    urls += [
        reverse("api:public-call-detail", args=[world.call.pk]),
        reverse("api:public-call-detail", args=[world.open_call.pk]),
        reverse("api:public-result-detail", args=[world.call.pk]),
        reverse("api:public-designation-detail", args=[world.designation.pk]),
        reverse("api:public-evaluation-detail", args=[world.published_round.pk]),
        reverse("api:public-case-detail", args=[1]),
        reverse("api:public-statistics"),
        reverse("api:open_data"),
    ]
    for slug in opendata.DATASETS:
        urls.append(reverse("api:open_data_csv", args=[slug]))
        urls.append(reverse("api:open_data_columns", args=[slug]))
    return urls


def body(response) -> str:
    content = response.getvalue() if response.streaming else response.content
    return content.decode("utf-8")


@pytest.mark.parametrize("role", ["anonymous", "manager", "staff"])
def test_public_endpoints_never_show_private_data(world, client_for, npo, role):
    """Drafts, sealed sheets, reviewers' comments and conflict reasons, the texts of the
    evaluation sheets, meeting attendees and NPO contact details: none of it, for anyone."""
    client = client_for(role)
    for url in public_urls(world):
        response = client.get(url)
        assert response.status_code == 200, url
        text = body(response)
        assert SECRET not in text, (url, text[text.find(SECRET) - 200 : text.find(SECRET) + 50])
        for private in (npo.email, npo.phone, npo.contact_person, npo.address):
            assert private not in text, (url, private)


def test_private_fixtures_really_contain_the_markers(world, client_for):
    """The leak test above would be empty if the fixtures lost their markers: check them here,
    where they may legitimately be read."""
    staff = client_for("staff")
    sheet = staff.get(reverse("api:evaluation-sheet-detail", args=[world.sealed_sheet.pk]))
    assert SECRET in sheet.content.decode()
    npo = client_for("npo")
    draft = npo.get(reverse("api:proposal-detail", args=[world.proposal_draft.pk]))
    assert SECRET in draft.content.decode()
    application = staff.get(reverse("api:application-detail", args=[world.application.pk]))
    assert SECRET in application.content.decode()


def test_public_call_lists_published_calls_with_criteria_and_timeline(world, client_for):
    data = client_for("anonymous").get(reverse("api:public-call-list")).json()
    ids = {row["id"] for row in data["results"]}
    assert ids == {world.call.pk, world.open_call.pk}  # never the draft call
    row = next(r for r in data["results"] if r["id"] == world.open_call.pk)
    assert [c["weight"] for c in row["criteria"]] == [20, 25, 15, 25, 15]
    assert sum(c["weight"] for c in row["criteria"]) == row["total_points"]
    assert row["method"]["value"] == "both"
    assert row["accepting"] is True
    assert row["result"] is None
    for key in ("application_deadline", "scoring_deadline", "announcement_date", "published_at"):
        assert row[key]


def test_public_call_detail_shows_results_ranking_and_committee_without_names(world, client_for):
    url = reverse("api:public-call-detail", args=[world.call.pk])
    data = client_for("anonymous").get(url).json()
    assert data["result"]["chosen_organization"] == world.application.organization.display_name
    assert data["result"]["decision_reason"] == "地域での見守りの実績が最も豊富なため。"
    rows = data["ranking"]["rows"]
    assert rows[0]["organization"] == world.application.organization.display_name
    assert rows[0]["chosen"] is True and rows[0]["rank"] == 1
    # Reviewer A (conflicted on the second) and B scored: means, not individual scores.
    assert rows[0]["total"] == 84.5  # 20×4.5/5 + 25×4/5 + 15×4/5 + 25×4.5/5 + 15×4/5
    assert set(rows[0]) == {
        "rank",
        "shares_rank",
        "organization",
        "total",
        "chosen",
        "scoring_members",
        "recused_members",
        "status",
        "criteria",
    }
    assert data["committee"]["composition"] == [
        {"category": "academic", "label": "学識経験者", "count": 2}
    ]
    assert data["committee"]["named_members"] == []
    CommitteeMember.objects.filter(call=world.call).update(publish_name=True)
    data = client_for("anonymous").get(url).json()
    assert len(data["committee"]["named_members"]) == 2


def test_open_call_has_no_result_yet(world, client_for):
    url = reverse("api:public-call-detail", args=[world.open_call.pk])
    data = client_for("anonymous").get(url).json()
    assert data["result"] is None and data["ranking"] is None


def test_public_results_and_designations_carry_the_reasons(world, client_for):
    client = client_for("anonymous")
    results = client.get(reverse("api:public-result-list")).json()["results"]
    assert [r["call_id"] for r in results] == [world.call.pk]
    assert results[0]["committee_summary"] == "どの応募も熱意がありました。"
    designations = client.get(reverse("api:public-designation-list")).json()["results"]
    assert designations[0]["justification"] == "災害時の協定に基づく唯一の団体のため。"
    assert designations[0]["route"] == {"value": "designated", "label": "特命（指名）"}


def test_published_evaluation_shows_both_sides_scores_and_conclusions_only(world, client_for):
    data = (
        client_for("anonymous")
        .get(reverse("api:public-evaluation-detail", args=[world.published_round.pk]))
        .json()
    )
    assert data["conclusions"] == "次年度も広場を続け、平日夜の回を増やす。"
    assert data["partners"] == [world.application.organization.display_name]
    first = data["scores"][0]
    assert first["government"] == 4
    assert first["npos"][0]["score"] == 2 and first["npos"][0]["gap"] == -2
    assert "meeting_attendees" not in data
    listed = client_for("anonymous").get(reverse("api:public-evaluation-list")).json()
    assert [r["id"] for r in listed["results"]] == [world.published_round.pk]


def test_filters_mean_what_they_mean_on_the_pages(world, client_for, other_office):
    client = client_for("anonymous")
    calls = reverse("api:public-call-list")
    assert [r["id"] for r in client.get(calls, {"state": "accepting"}).json()["results"]] == [
        world.open_call.pk
    ]
    assert [r["id"] for r in client.get(calls, {"state": "results"}).json()["results"]] == [
        world.call.pk
    ]
    assert client.get(calls, {"office": other_office.pk}).json()["count"] == 0
    bad = client.get(calls, {"state": "someday"})
    assert bad.status_code == 400
    assert bad.json()["code"] == "invalid" and "state" in bad.json()["errors"]
    assert client.get(calls, {"office": 999999}).status_code == 400

    cases = reverse("api:public-case-list")
    for query in ({"stage": "agreement"}, {"method": "commission"}, {"q": "保険"}):
        got = [c["number"] for c in client.get(cases, query).json()["results"]]
        expected = casebook_selectors.search_cases(
            stage=query.get("stage", ""), method=query.get("method", ""), query=query.get("q", "")
        )
        assert got == [c.number for c in expected] and got
    good = client.get(cases, {"kind": "good_practice", "q": "申し込み"}).json()["results"]
    assert [(c["number"], c["kind"]["value"]) for c in good] == [(17, "good_practice")]

    evaluations = reverse("api:public-evaluation-list")
    assert client.get(evaluations, {"method": "cooperation"}).json()["count"] == 1
    assert client.get(evaluations, {"method": "subsidy"}).json()["count"] == 0
    assert client.get(evaluations, {"fiscal_year": 2025}).json()["count"] == 1
    assert client.get(evaluations, {"fiscal_year": 2024}).json()["count"] == 0


def test_pagination(world, client_for):
    client = client_for("anonymous")
    first = client.get(reverse("api:public-case-list"), {"page_size": 5}).json()
    assert first["count"] == 17 and len(first["results"]) == 5 and first["next"]
    last = client.get(reverse("api:public-case-list"), {"page_size": 5, "page": 4}).json()
    assert [c["number"] for c in last["results"]] == [16, 17] and last["next"] is None
    missing = client.get(reverse("api:public-case-list"), {"page": 99})
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"


def test_statistics_count_only_decided_projects(world, client_for):
    data = client_for("anonymous").get(reverse("api:public-statistics")).json()
    decided = Project.objects.filter(stage__in=STATS_STAGES)
    assert data["total"] == decided.count()
    assert Project.objects.count() > decided.count()  # the draft and planning ones stay out
    by_method = {row["key"]: row["projects"] for row in data["by_method"]}
    assert by_method["cooperation"] == decided.filter(method="cooperation").count() == 1
    assert sum(row["projects"] for row in data["by_stage"]) == data["total"]
    assert len(data["by_field"]) == 20
    years = {row["key"]: row["projects"] for row in data["by_fiscal_year"]}
    assert years["2025"] == 1
    assert (
        next(r for r in data["by_fiscal_year"] if r["key"] == "2025")["label"]
        == "令和7年度（2025年度）"
    )


def test_case_in_english(world, client_for):
    data = (
        client_for("anonymous")
        .get(reverse("api:public-case-detail", args=[1]), HTTP_ACCEPT_LANGUAGE="en")
        .json()
    )
    case = casebook_selectors.case_detail(1)
    assert data["title"] == case.title_en
    with translation.override("en"):
        assert data["stages"][0]["label"] == str(case.stages[0].label)
