"""No export turns text someone typed into a spreadsheet formula (CSV/formula injection).

An NPO's reason reaches the managers' results exports and the round exports; an organisation's
name reaches the anonymous open-data CSVs. Each is planted as a formula and every writer must
hand it back as text, while numbers stay numbers."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from evaluation.models import Answer, Side
from kyodo_portal.core.api import opendata
from kyodo_portal.core.spreadsheet import FORMULA_STARTS, safe_cell

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/0","x")'
NAME = "=cmd|' /C calc'!A0 団体"


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_text_that_starts_like_a_formula_is_written_as_text(start):
    assert safe_cell(f"{start}1+1") == f"'{start}1+1"
    assert safe_cell(safe_cell(f"{start}1")) == f"'{start}1"


@pytest.mark.parametrize("value", [-3, -0.5, 0, 12, "", "普通の文章", "3-2", None])
def test_numbers_and_ordinary_text_are_left_alone(value):
    assert safe_cell(value) == value


def _csv_cells(content: bytes) -> list[str]:
    text = content.decode("utf-8-sig")
    return [value for row in csv.reader(io.StringIO(text)) for value in row]


def _xlsx_cells(content: bytes) -> list:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def _assert_no_formula(cells: list[str]):
    bad = [v for v in cells if v.startswith(FORMULA_STARTS) and v != "-" and not _is_number(v)]
    assert not bad, f"cells a spreadsheet would run: {bad}"


@pytest.fixture
def planted(world):
    Answer.objects.filter(
        evaluation__round=world.published_round, evaluation__side=Side.NPO
    ).update(reason=FORMULA)
    npo = world.application.organization
    npo.name = NAME
    npo.save()
    return world


def _stream(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_managers_and_round_exports_give_the_reason_back_as_text(
    client, planted, manager_user, staff_user
):
    cases = [
        (manager_user, reverse("evaluation:results_export", args=["csv"])),
        (manager_user, reverse("evaluation:results_export", args=["xlsx"])),
        (staff_user, reverse("evaluation:round_export", args=[planted.published_round.pk, "csv"])),
        (
            staff_user,
            reverse("evaluation:round_export", args=[planted.published_round.pk, "xlsx"]),
        ),
    ]
    for user, url in cases:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, url
        content = _stream(response)
        if url.endswith(".csv"):
            cells = _csv_cells(content)
            assert "'" + FORMULA in cells, url
            _assert_no_formula(cells)
            # Scores stay plain numbers.
            assert "2" in cells
        else:
            cells = _xlsx_cells(content)
            texts = [c.value for c in cells if isinstance(c.value, str)]
            assert "'" + FORMULA in texts, url
            assert not [c for c in cells if c.data_type == "f"], url
            _assert_no_formula(texts)
            assert any(isinstance(c.value, int) for c in cells), url


def test_the_dashboard_exports_keep_negative_numbers_as_numbers(client, planted, manager_user):
    client.force_login(manager_user)
    response = client.get(reverse("evaluation:dashboard_export", args=["xlsx"]))
    cells = _xlsx_cells(_stream(response))
    assert not [c for c in cells if c.data_type == "f"]
    _assert_no_formula([c.value for c in cells if isinstance(c.value, str)])
    numbers = [c.value for c in cells if isinstance(c.value, (int, float))]
    assert numbers and any(value < 0 for value in numbers), "the perception gap is negative here"
    response = client.get(reverse("evaluation:dashboard_export", args=["csv"]))
    cells = _csv_cells(_stream(response))
    _assert_no_formula(cells)
    assert any(value.startswith("-") and _is_number(value) for value in cells)


def test_an_organisation_named_like_a_formula_reaches_open_data_as_text(client, planted):
    found = False
    for slug in opendata.DATASETS:
        for name in ("api:open_data_csv", "api:open_data_columns"):
            response = client.get(reverse(name, args=[slug]))
            assert response.status_code == 200, slug
            cells = _csv_cells(_stream(response))
            _assert_no_formula(cells)
            found = found or any(NAME in value for value in cells)
    assert found, "the planted name appears in at least one public dataset"
