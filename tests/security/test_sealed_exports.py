"""No file or list carries a sealed or a draft evaluation sheet, for anyone.

One sheet of a round is submitted but sealed (the office's), the other is a draft (the NPO's).
Every export and download the portal offers — personal data, organisation data, the round
exports, the dashboard and results exports (in the request and built in the background), the
open-data CSVs and the API — is fetched as each kind of person, and neither sheet's words may
appear. The pages may show a side its own sheet; a file never does until the round unseals."""

import io
import json

import openpyxl
import pytest
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from evaluation import services as evaluation_services
from evaluation.models import ResultsExport, RoundKind
from kyodo_portal.core.api import opendata
from tests.api.conftest import ROLES, sheet_answers

pytestmark = pytest.mark.django_db

SEALED = "SEALED-SECRET"
DRAFT = "DRAFT-SHEET-SECRET"


@pytest.fixture
def planted(world, npo, npo_user):
    """The world's sealed round gains the NPO's draft beside the office's sealed sheet."""
    draft = evaluation_services.evaluation_save(
        project=world.sealed_project,
        kind=RoundKind.FINAL,
        organization=npo,
        by=npo_user,
        answers=sheet_answers(2, reason=f"{DRAFT} 理由", comment=DRAFT),
        overall_comment=DRAFT,
        submit=False,
    )
    assert not world.sealed_sheet.round.is_unsealed and not draft.is_submitted
    return world


def _text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        return _workbook_text(body)
    return body.decode("utf-8", "replace")


def _workbook_text(body: bytes) -> str:
    workbook = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
    return " ".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def _api_paths(world) -> list[str]:
    """Every GET list of the API, and the sealed project's summaries. (A sheet's own detail,
    /api/v1/evaluation-sheets/<id>/, is the API's sheet page: a side reads its own sheet there as
    on the page; the API permission tests cover who else may.)"""
    document = SchemaGenerator().get_schema(request=None, public=True)
    ids = {
        "/api/v1/evaluations/{id}/": [world.sealed_project.pk],
        "/api/v1/projects/{id}/": [world.sealed_project.pk],
        "/api/v1/open-data/{slug}.csv": list(opendata.DATASETS),
        "/api/v1/open-data/{slug}/columns.csv": list(opendata.DATASETS),
    }
    paths = []
    for path, operations in document["paths"].items():
        if "get" not in operations:
            continue
        if "{" not in path:
            paths.append(path)
        for value in ids.get(path, []):
            paths.append(path.replace("{id}", str(value)).replace("{slug}", str(value)))
    return paths


def _urls(world, people, office, other_office, npo, other_npo) -> list[str]:
    urls = [reverse("personal_data")]
    organizations = (office, other_office, npo, other_npo)
    urls += [reverse("organization_data", args=[org.pk]) for org in organizations]
    for round_ in (world.sealed_sheet.round, world.published_round):
        urls += [reverse("evaluation:round_export", args=[round_.pk, f]) for f in ("csv", "xlsx")]
    for name in ("evaluation:dashboard_export", "evaluation:results_export"):
        urls += [reverse(name, args=[fmt]) for fmt in ("csv", "xlsx")]
        # The filter that selects the sealed project's office and year only.
        urls.append(reverse(name, args=["csv"]) + f"?office={office.pk}&round_kind=final")
    urls += _api_paths(world)
    return urls


@pytest.mark.parametrize("role", ROLES)
def test_no_export_or_list_carries_a_sealed_or_draft_sheet(
    client, planted, people, role, office, other_office, npo, other_npo
):
    user = people[role]
    if user is not None:
        client.force_login(user)
    answered = 0
    for url in _urls(planted, people, office, other_office, npo, other_npo):
        response = client.get(url, HTTP_ACCEPT="application/json, text/csv, */*")
        text = _text(response)
        assert SEALED not in text, f"{role} read the sealed sheet at {url}"
        assert DRAFT not in text, f"{role} read the draft sheet at {url}"
        answered += response.status_code == 200
    # The world is not empty for anyone: the public lists answer everyone.
    assert answered >= len(opendata.DATASETS)


def test_a_reviewer_and_a_manager_of_the_office_download_its_data_without_the_sealed_sheet(
    client, planted, people, office
):
    """The case found: the office's own members got its sealed and draft sheets in the file
    while the sheet page and the API answered them 404/403."""
    for role in ("reviewer", "manager", "staff"):
        client.force_login(people[role])
        response = client.get(reverse("organization_data", args=[office.pk]))
        assert response.status_code == 200
        data = json.loads(response.content)
        sheet_ids = {row["id"] for row in data["evaluations"]}
        assert planted.sealed_sheet.pk not in sheet_ids
        answers = {row["evaluation_id"] for row in data["evaluation_answers"]}
        assert planted.sealed_sheet.pk not in answers
        # What the person may open page by page is still there.
        expected = set(
            planted.published_round.sheets.filter(organization=office).values_list("pk", flat=True)
        )
        assert sheet_ids == (expected if role != "reviewer" else set())


def test_the_workbook_built_in_the_background_carries_no_sealed_or_draft_sheet(
    planted, manager_user, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    export = ResultsExport.objects.create(requested_by=manager_user, filters={})
    evaluation_services.results_export_build(export_id=export.pk)
    export.refresh_from_db()
    assert export.status == ResultsExport.Status.DONE
    with export.file.open("rb") as handle:
        text = _workbook_text(handle.read())
    assert "SHEET-REASON-SECRET" in text  # the unsealed round's answers are there
    assert SEALED not in text and DRAFT not in text
