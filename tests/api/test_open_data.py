"""The open-data catalogue and its CSV files: licence, column descriptions, the columns
themselves, and the file format."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from kyodo_portal.core.api import opendata
from kyodo_portal.core.dates import display_date

pytestmark = pytest.mark.django_db

EXPECTED_DATASETS = {
    "cases",
    "calls",
    "call-criteria",
    "selection-results",
    "selection-rankings",
    "designations",
    "evaluation-summaries",
    "evaluation-scores",
    "project-statistics",
}


def read_csv(response) -> tuple[str, list[list[str]]]:
    raw = b"".join(response.streaming_content).decode("utf-8")
    return raw, list(csv.reader(io.StringIO(raw.lstrip("\ufeff"), newline="")))


def test_catalogue_describes_every_dataset(world, client_for):
    data = client_for("anonymous").get(reverse("api:open_data")).json()
    assert data["license"] == {
        "name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/deed.ja",
    }
    assert {d["id"] for d in data["datasets"]} == EXPECTED_DATASETS
    for dataset in data["datasets"]:
        assert dataset["title"] and dataset["description"] and dataset["publisher"]
        assert dataset["license"]["name"] == "CC BY 4.0"
        assert dataset["columns"][-1]["name"] == "license"
        for column in dataset["columns"]:
            assert column["title"] and column["description"] and column["type_label"]
            assert column["type"] in opendata.COLUMN_TYPES
        distribution = dataset["distributions"][0]
        assert distribution["media_type"] == "text/csv"
        assert distribution["url"].endswith(f"/api/v1/open-data/{dataset['id']}.csv")


@pytest.mark.parametrize("slug", sorted(EXPECTED_DATASETS))
def test_csv_columns_match_the_catalogue_and_state_the_licence(slug, world, client_for):
    client = client_for("anonymous")
    entry = next(
        d for d in client.get(reverse("api:open_data")).json()["datasets"] if d["id"] == slug
    )
    response = client.get(reverse("api:open_data_csv", args=[slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{slug}.csv"'
    assert (
        response["Link"] == '<https://creativecommons.org/licenses/by/4.0/deed.ja>; rel="license"'
    )
    raw, rows = read_csv(response)
    assert raw.startswith("\ufeff")  # spreadsheet software reads the Japanese text correctly
    assert "\r\n" in raw and "\n" not in raw.replace("\r\n", "")
    header, data = rows[0], rows[1:]
    assert header == [column["name"] for column in entry["columns"]]
    assert data, "every dataset has rows in the test world"
    assert {row[-1] for row in data} == {"CC BY 4.0"}
    assert all(len(row) == len(header) for row in data)

    columns = client.get(reverse("api:open_data_columns", args=[slug]))
    _raw, described = read_csv(columns)
    assert described[0] == ["name", "title", "type", "description"]
    assert [row[0] for row in described[1:]] == header
    assert all(row[1] and row[3] for row in described[1:])


def test_csv_values(world, client_for):
    client = client_for("anonymous")
    _raw, rows = read_csv(client.get(reverse("api:open_data_csv", args=["selection-results"])))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["call_id"] == str(world.call.pk)
    assert row["chosen_organization"] == world.application.organization.display_name
    assert row["decided_at"].endswith("+09:00")  # Japan time, ISO 8601
    _raw, rows = read_csv(client.get(reverse("api:open_data_csv", args=["evaluation-scores"])))
    scores = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert {(s["side"], s["score"]) for s in scores} == {("行政（担当課）", "4"), ("NPO", "2")}
    _raw, rows = read_csv(client.get(reverse("api:open_data_csv", args=["cases"])))
    assert len(rows) == 18 and rows[1][0] == "1"
    kinds = {row[0]: row[rows[0].index("kind")] for row in rows[1:]}
    assert kinds["1"] == "失敗事例" and kinds["17"] == "良い実践例"


def test_licence_comes_from_settings(world, client_for, settings):
    settings.OPEN_DATA_LICENSE = {"name": "CC0 1.0", "url": "https://example.jp/cc0"}
    client = client_for("anonymous")
    assert client.get(reverse("api:open_data")).json()["license"]["name"] == "CC0 1.0"
    _raw, rows = read_csv(client.get(reverse("api:open_data_csv", args=["cases"])))
    assert {row[-1] for row in rows[1:]} == {"CC0 1.0"}


def test_unknown_dataset(client_for, db):
    response = client_for("anonymous").get(reverse("api:open_data_csv", args=["secrets"]))
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_the_reasons_of_a_short_call_and_a_single_applicant_are_published(
    world, client_for, office
):
    """Published with the results: on the public API and in the results' open data."""
    import datetime

    from django.utils import timezone

    from projects.choices import Stage
    from selection.models import Call
    from tests.factories import ProjectFactory
    from tests.selection.support import apply, make_call

    call = make_call(
        ProjectFactory(owner_office=office, stage=Stage.AGREEMENT),
        status=Call.Status.PUBLISHED,
        deadline=timezone.now() - datetime.timedelta(days=30),
        decision_reason="実績を評価",
        short_period_reason="SHORT 年度内に事業を終えるため。",
        single_applicant_reason="SINGLE 説明会に3団体が参加したが応募は1団体。",
    )
    call.chosen_application = apply(call, world.application.organization)
    call.decided_at = call.results_published_at = timezone.now()
    call.save()
    client = client_for("anonymous")
    result = client.get(reverse("api:public-call-detail", args=[call.pk])).json()
    assert result["short_period_reason"] == "SHORT 年度内に事業を終えるため。"
    assert result["result"]["short_period_reason"] == "SHORT 年度内に事業を終えるため。"
    assert result["result"]["single_applicant_reason"] == (
        "SINGLE 説明会に3団体が参加したが応募は1団体。"
    )
    _raw, rows = read_csv(client.get(reverse("api:open_data_csv", args=["selection-results"])))
    by_id = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert by_id[str(call.pk)]["single_applicant_reason"] == (
        "SINGLE 説明会に3団体が参加したが応募は1団体。"
    )
    assert by_id[str(call.pk)]["short_period_reason"] == "SHORT 年度内に事業を終えるため。"
    assert by_id[str(world.call.pk)]["single_applicant_reason"] == ""
    _raw, rows = read_csv(client.get(reverse("api:open_data_csv", args=["calls"])))
    by_id = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert by_id[str(call.pk)]["short_period_reason"] == "SHORT 年度内に事業を終えるため。"


def test_pages_show_the_japanese_era_and_yen_while_csv_and_api_keep_iso(world, client_for):
    """People read 令和…年…月…日 and …円; the CSV and the API keep ISO 8601 and plain numbers."""
    client = client_for("anonymous")
    call = world.call
    decided = timezone.localtime(call.decided_at)
    era_date = display_date(decided, "ja")
    assert era_date.startswith("令和")

    page = client.get(call.get_public_url(), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert era_date in page
    assert f"{call.budget_cap:,}円" in page
    assert f"¥{call.budget_cap:,}" not in page

    english = client.get(call.get_public_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert display_date(decided, "en") in english
    assert f"¥{call.budget_cap:,}" in english

    raw, rows = read_csv(client.get(reverse("api:open_data_csv", args=["selection-results"])))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert datetime.datetime.fromisoformat(row["decided_at"]) == call.decided_at.replace(
        microsecond=0
    )
    assert "令和" not in raw

    data = client.get(reverse("api:public-call-detail", args=[call.pk])).json()
    assert datetime.date.fromisoformat(data["announcement_date"]) == call.announcement_date
    assert "令和" not in json.dumps(data, ensure_ascii=False)
