"""The dashboard's perception gap and trend by office, one-decimal figures everywhere, and the
list behind a figure with the partner NPO and its export."""

import io
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from evaluation import dashboard as dash
from kyodo_portal.core.numbers import one_decimal
from kyodo_portal.core.roles import Role
from projects.choices import Method, Stage
from tests.evaluation.helpers import fill
from tests.evaluation.test_dashboard import other_office, world  # noqa: F401 (fixtures)
from tests.factories import BodyFactory, OfficeFactory, ProjectFactory, add_partner, member

pytestmark = pytest.mark.django_db

ITEMS = 16


@pytest.fixture
def office_b_pair(world, other_office, npo, npo_user):  # noqa: F811
    """P6, office B, FY2025: both sides submitted — office 5 everywhere, NPO 4 everywhere."""
    project = ProjectFactory(
        title="P6",
        owner_office=other_office,
        method=Method.COOPERATION,
        stage=Stage.EVALUATION,
        fiscal_year_start=2025,
        fiscal_year_end=2025,
    )
    add_partner(project, npo)
    fill(project, other_office, world["b_staff"], default=5)
    fill(project, npo, npo_user, default=4)
    return project


def test_one_decimal_rounds_halves_up_and_keeps_the_zero():
    assert str(one_decimal(3.25)) == "3.3"
    assert str(one_decimal(-0.25)) == "-0.3"
    assert str(one_decimal(3)) == "3.0"
    assert str(one_decimal(50 / 16)) == "3.1"
    assert one_decimal(None) is None


def test_gap_by_office_from_the_same_pairs(office_b_pair, office, other_office):  # noqa: F811
    gaps = dash.compute(dash.Filters())["gaps_by_office"]
    # Office A: P1 (NPO 3, synergy 5 against 4) and P2 (4 against 2), every item paired.
    a = gaps[office.pk]
    assert a["pairs"] == 2 * ITEMS and a["wide"] == ITEMS
    assert a["government"] == 3.0
    assert a["npo"] == pytest.approx((3 * (ITEMS - 1) + 5 + 4 * ITEMS) / (2 * ITEMS))
    assert a["mean_abs_gap"] == 1.5
    b = gaps[other_office.pk]  # P3 is sealed and adds nothing; P6: 4 − 5
    assert (b["mean_gap"], b["mean_abs_gap"], b["pairs"]) == (-1.0, 1.0, ITEMS)


def test_trend_by_office_and_the_total_trend_from_one_query(
    office_b_pair,
    office,
    other_office,  # noqa: F811
):
    data = dash.compute(dash.Filters(fiscal_year=2025))
    rows = {(r["owner_office_id"], r["fiscal_year"]): r for r in data["trend_by_office"]}
    assert set(rows) == {(office.pk, 2024), (office.pk, 2025), (other_office.pk, 2025)}
    assert rows[(office.pk, 2024)]["gap"] == pytest.approx(50 / 16 - 4)
    assert (rows[(office.pk, 2025)]["gap"], rows[(other_office.pk, 2025)]["gap"]) == (2.0, -1.0)
    # The overall trend still adds up every office: FY2025 office 2 (P2) and 5 (P6).
    assert data["trend_counts"] == {2024: 1, 2025: 2}
    assert data["trend"][2025]["government"] == 3.5
    assert data["trend"][2025]["npo"] == 4.0


def _table(html: str, key: str) -> str:
    return re.search(rf'<table[^>]*id="table-{key}".*?</table>', html, re.S).group(0)


def _cells(table_html: str) -> list[list[str]]:
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", table_html, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append([re.sub(r"<[^>]+>", "", c).strip() for c in cells])
    return rows


def test_the_page_shows_gap_and_trend_per_office(
    client,
    office_b_pair,
    office,
    other_office,  # noqa: F811
    manager_user,
):
    client.force_login(manager_user)
    html = client.get(reverse("evaluation:dashboard")).content.decode()
    a_name, b_name = (f"{o.body.name} {o.name}" for o in (office, other_office))
    gap = {row[0]: row[1:] for row in _cells(_table(html, "gap_by_office"))[1:]}
    assert gap[a_name] == ["3.0", "3.6", "0.6", "1.5（注意）", str(ITEMS), str(2 * ITEMS)]
    assert gap[b_name] == ["5.0", "4.0", "-1.0", "1.0（注意）", "0", str(ITEMS)]
    trend = [row for row in _cells(_table(html, "trend_by_office"))[1:]]
    assert [a_name, "令和6年度（2024年度）", "1", "4.0", "3.1", "-0.9"] in trend
    assert [b_name, "令和7年度（2025年度）", "1", "5.0", "4.0", "-1.0"] in trend
    assert 'id="chart-gap_by_office"' in html


def test_every_mean_on_the_page_has_one_decimal(client, world, manager_user):  # noqa: F811
    client.force_login(manager_user)
    response = client.get(reverse("evaluation:dashboard"))
    html = response.content.decode()
    # Office A's shared purpose: (4 + 3 + 2 + 4) / 4 = 3.25, written 3.3 (halves up).
    principles = {r[0]: r[1:] for r in _cells(_table(html, "principle_by_office"))[1:]}
    assert next(iter(principles.values()))[0] == "3.3"
    for key, table in response.context["by_key"].items():
        for row in table.rows:
            for cell in row:
                if cell.mean and cell.value is not None:
                    assert re.fullmatch(r"-?\d+\.\d", str(cell.value)), (key, cell.value)
    for key in ("principle", "group", "gap", "gap_by_office", "trend", "trend_by_office"):
        numbers = re.findall(r">\s*(-?\d+\.\d+)\s*<", _table(html, key))
        assert numbers and all(re.fullmatch(r"-?\d+\.\d", n) for n in numbers), key


def test_exports_write_means_with_one_decimal(client, world, manager_user):  # noqa: F811
    client.force_login(manager_user)
    response = client.get(reverse("evaluation:dashboard_export", args=["csv"]))
    text = b"".join(response.streaming_content).decode("utf-8")
    assert "明確な目的の共有,3.3,3.0,3.5,4" in text
    assert "3.25" not in text
    response = client.get(reverse("evaluation:dashboard_export", args=["xlsx"]))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = next(n for n in workbook.sheetnames if n.startswith("原則ごとの平均評点"))
    # Row 1 is the cover line, row 2 the header.
    first = list(workbook[sheet].iter_rows(values_only=True))[2]
    assert first[:2] == ("明確な目的の共有", 3.3)
    assert workbook[sheet]["B3"].number_format == "0.0"


@pytest.mark.parametrize("offices", [1, 8])
def test_query_count_does_not_grow_with_offices(
    client,
    world,  # noqa: F811
    office,
    npo,
    npo_user,
    manager_user,
    offices,
    django_assert_max_num_queries,
):
    for index in range(offices):
        extra = OfficeFactory(body=office.body, name=f"追加課{index}")
        staff = member(Role.STAFF, extra)
        project = ProjectFactory(
            title=f"追加{index}",
            owner_office=extra,
            stage=Stage.EVALUATION,
            fiscal_year_start=2020 + index % 5,
        )
        add_partner(project, npo)
        fill(project, extra, staff, default=3)
        fill(project, npo, npo_user, default=4)
    client.force_login(manager_user)
    cache.clear()
    # The count the page has with one office (test_dashboard's bound), with 8.
    with django_assert_max_num_queries(19):
        html = client.get(reverse("evaluation:dashboard")).content.decode()
    assert len(_cells(_table(html, "gap_by_office"))) == 1 + 1 + offices


def test_another_bodys_offices_stay_off_the_tables(client, world, npo, npo_user, manager_user):  # noqa: F811
    elsewhere = OfficeFactory(body=BodyFactory(), name="よその課")
    project = ProjectFactory(title="よその事業", owner_office=elsewhere, stage=Stage.EVALUATION)
    add_partner(project, npo)
    fill(project, elsewhere, member(Role.STAFF, elsewhere), default=1)
    fill(project, npo, npo_user, default=5)
    client.force_login(manager_user)
    html = client.get(reverse("evaluation:dashboard")).content.decode()
    assert "よその課" not in _table(html, "gap_by_office")
    assert "よその課" not in _table(html, "trend_by_office")


def test_the_list_behind_a_figure_names_the_partner_npo(
    client,
    world,  # noqa: F811
    npo,
    other_npo,
    manager_user,
    django_assert_max_num_queries,
):
    client.force_login(manager_user)
    url = reverse("evaluation:dashboard_list")
    with django_assert_max_num_queries(8):
        response = client.get(url, {"scores": "item:synergy"})
    assert [(r["title"], r["partners"]) for r in response.context["rows"]] == [
        ("P2", [other_npo.name]),
        ("P1", [npo.name]),
    ]
    html = response.content.decode()
    assert "協働相手（NPO）" in html and other_npo.name in html
    # Mean scores on the list too: one decimal (P2: office 2, NPO 4).
    assert re.search(r">2\.0<.*?>4\.0<.*?>2\.0<", html, re.S)
    with django_assert_max_num_queries(8):
        response = client.get(url, {"stage": "evaluation"})
    partners = {p.title: p.partner_names for p in response.context["rows"]}
    assert partners == {"P2": [other_npo.name], "P3": [npo.name]}


def test_the_list_exports_every_row_with_its_partner(client, world, npo, other_npo, manager_user):  # noqa: F811
    client.force_login(manager_user)
    response = client.get(
        reverse("evaluation:dashboard_list_export", args=["csv"]), {"scores": "item:synergy"}
    )
    lines = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff").splitlines()
    header, *rows = lines
    assert header.split(",")[:3] == ["事業番号", "事業名", "協働相手（NPO）"]
    assert [row.split(",")[1:3] for row in rows] == [["P2", other_npo.name], ["P1", npo.name]]
    assert rows[0].endswith(",2.0,4.0,2.0")
    response = client.get(
        reverse("evaluation:dashboard_list_export", args=["xlsx"]), {"status": "partial"}
    )
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet_rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    # Row 1 is the cover line, row 2 the header; sealed P3: a state, no scores.
    assert [r[1:3] for r in sheet_rows[2:]] == [("P3", npo.name)]


def test_the_list_export_keeps_to_the_managers_body_and_the_sealed_rule(
    client,
    world,  # noqa: F811
    npo,
    npo_user,
    manager_user,
):
    elsewhere = OfficeFactory(body=BodyFactory(), name="よその課")
    project = ProjectFactory(title="よその事業", owner_office=elsewhere, stage=Stage.EVALUATION)
    add_partner(project, npo)
    fill(project, elsewhere, member(Role.STAFF, elsewhere), default=1)
    fill(project, npo, npo_user, default=5)
    client.force_login(manager_user)
    text = b"".join(
        client.get(
            reverse("evaluation:dashboard_list_export", args=["csv"]), {"scores": "all"}
        ).streaming_content
    ).decode("utf-8")
    assert "よその事業" not in text and "P3" not in text  # another body; sealed
    assert "P1" in text and "P2" in text


@pytest.mark.parametrize("role", ["staff", "npo", "reviewer"])
def test_only_managers_export_the_list(client, world, users_by_role, role):  # noqa: F811
    client.force_login(users_by_role[role])
    response = client.get(reverse("evaluation:dashboard_list_export", args=["csv"]))
    assert response.status_code in (403, 404)


def test_the_print_view_draws_every_chart_as_svg_without_navigation(
    client,
    office_b_pair,
    manager_user,
):
    client.force_login(manager_user)
    response = client.get(reverse("evaluation:dashboard_print"), {"method": "commission"})
    assert response.status_code == 200
    html = response.content.decode()
    charts = set(re.findall(r'<svg class="chart-svg"[^>]*data-chart="chart-(\w+)"', html))
    assert charts == {"stage", "method", "principle", "gap", "gap_by_office", "trend"}
    assert "<canvas" not in html and "chart.umd.min.js" not in html
    assert "portal-header" not in html and "<nav" not in html and "<form" not in html
    assert "協働方法 委託" in html  # the filters in words
    # The gap chart writes each item's mean gap on its bar, one decimal (synergy: +1.0 in P1).
    gap_svg = re.search(r'<svg[^>]*data-chart="chart-gap".*?</svg>', html, re.S).group(0)
    assert re.search(r">1\.0</text>", gap_svg)
    assert 'id="table-gap_by_office"' in html
    # The screen keeps its canvas charts, and links to the print view with the same filters.
    screen = client.get(reverse("evaluation:dashboard"), {"method": "commission"})
    assert "<canvas" in screen.content.decode()
    assert reverse("evaluation:dashboard_print") + "?method=commission" in screen.content.decode()


@pytest.mark.parametrize("role", ["staff", "npo", "reviewer"])
def test_only_managers_open_the_print_view(client, world, users_by_role, role):  # noqa: F811
    client.force_login(users_by_role[role])
    response = client.get(reverse("evaluation:dashboard_print"))
    assert response.status_code in (403, 404)
    assert "chart-svg" not in response.content.decode()
