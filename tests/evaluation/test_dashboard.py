"""The managers' dashboard against hand-computed figures; filters, lists, cache, query bounds."""

import datetime
import io
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from evaluation import dashboard as dash
from evaluation import services
from evaluation import sheet as sheet_data
from evaluation.models import EvaluationRound
from kyodo_portal.core import spreadsheet
from kyodo_portal.core.roles import Role
from partners.models import ActivityField
from projects.choices import Method, Stage
from tests.evaluation.helpers import fill
from tests.factories import OfficeFactory, ProjectFactory, add_partner, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_office(office):
    """Office B: another office of the manager's body (the dashboard covers one body; another
    body's projects are kept out, see tests/security/test_cross_body_access.py)."""
    return OfficeFactory(body=office.body, name="少子政策課")


@pytest.fixture
def world(office, other_office, npo, other_npo, staff_user, npo_user, other_npo_user):
    """Five projects whose figures are computed by hand in the tests below.

    P1 office A, commission, FY2024, closed and published: office 4 everywhere; NPO 3, synergy 5.
    P2 office A, subsidy, FY2025, evaluation: office 2 everywhere; NPO 4 everywhere.
    P3 office B, commission, FY2025, evaluation: only the office has submitted (5s) — sealed.
    P4 office B, co-hosting, FY2025, draft.
    P5 office A, commission, FY2023, implementation, ended 200 days ago — overdue.
    """
    b_staff = member(Role.STAFF, other_office)
    field = ActivityField.objects.get(number=1)
    p1 = ProjectFactory(
        title="P1",
        owner_office=office,
        method=Method.COMMISSION,
        stage=Stage.EVALUATION,
        fiscal_year_start=2024,
        fiscal_year_end=2024,
    )
    p1.fields.add(field)
    add_partner(p1, npo)
    fill(p1, office, staff_user, default=4)
    fill(p1, npo, npo_user, default=3, synergy=5)
    round1 = EvaluationRound.objects.select_related("project").get(project=p1)
    round1 = services.exchange_record(
        round_=round1,
        by=staff_user,
        meeting_date=datetime.date(2025, 3, 1),
        attendees="双方",
        conclusions="継続",
    )
    p1.stage = Stage.CLOSED
    p1.save()
    round1.project = p1
    services.round_publish(round_=round1, by=staff_user)

    p2 = ProjectFactory(
        title="P2",
        owner_office=office,
        method=Method.SUBSIDY,
        stage=Stage.EVALUATION,
        fiscal_year_start=2025,
        fiscal_year_end=2025,
    )
    add_partner(p2, other_npo)
    fill(p2, office, staff_user, default=2)
    fill(p2, other_npo, other_npo_user, default=4)

    p3 = ProjectFactory(
        title="P3",
        owner_office=other_office,
        method=Method.COMMISSION,
        stage=Stage.EVALUATION,
        fiscal_year_start=2025,
        fiscal_year_end=2025,
    )
    add_partner(p3, npo)
    fill(p3, other_office, b_staff, default=5)

    p4 = ProjectFactory(
        title="P4",
        owner_office=other_office,
        method=Method.CO_HOSTING,
        stage=Stage.DRAFT,
        fiscal_year_start=2025,
        fiscal_year_end=2025,
    )
    p5 = ProjectFactory(
        title="P5",
        owner_office=office,
        method=Method.COMMISSION,
        stage=Stage.IMPLEMENTATION,
        fiscal_year_start=2023,
        fiscal_year_end=2023,
        start_date=timezone.localdate() - datetime.timedelta(days=500),
        end_date=timezone.localdate() - datetime.timedelta(days=200),
    )
    return {"p1": p1, "p2": p2, "p3": p3, "p4": p4, "p5": p5, "field": field, "b_staff": b_staff}


def test_counts(world, office, other_office):
    data = dash.compute(dash.Filters())
    assert data["total"] == 5
    assert data["by_stage"] == {"closed": 1, "evaluation": 2, "draft": 1, "implementation": 1}
    assert data["by_method"] == {"commission": 3, "subsidy": 1, "co_hosting": 1}
    assert {r["owner_office_id"]: r["n"] for r in data["by_office"]} == {
        office.pk: 3,
        other_office.pk: 2,
    }
    assert data["by_year"] == [(2023, 1), (2024, 1), (2025, 3)]
    assert [(r["activityfield__number"], r["n"]) for r in data["by_field"]] == [(1, 1)]


def test_evaluation_status_and_overdue(world):
    data = dash.compute(dash.Filters())
    assert data["status"] == {
        "started": 3,
        "partial": 1,
        "unsealed": 2,
        "recorded": 1,
        "published": 1,
        "overdue": 1,
    }
    assert [p["title"] for p in data["overdue"]] == ["P5"]


def test_average_scores_per_principle_and_group(world):
    data = dash.compute(dash.Filters())
    principles = data["principles"]
    # shared_purpose: P1 office 4, NPO 3; P2 office 2, NPO 4 (P3 is sealed and left out).
    assert principles[("all", "shared_purpose")] == (3.25, 4)
    assert principles[("side", "shared_purpose", "government")] == (3.0, 2)
    assert principles[("side", "shared_purpose", "npo")] == (3.5, 2)
    groups = data["groups"]
    # process = communication, problem_solving, synergy: office 4,4,4 + 2,2,2; NPO 3,3,5 + 4,4,4.
    assert groups[("all", "process")] == (round(41 / 12, 2), 12)
    assert groups[("side", "process", "government")] == (3.0, 6)
    assert groups[("side", "process", "npo")] == (round(23 / 6, 2), 6)


def test_averages_by_method_and_by_office(world, office, other_office):
    principles = dash.compute(dash.Filters())["principles"]
    assert principles[("method", "commission", "shared_purpose")] == (3.5, 2)
    assert principles[("method", "subsidy", "shared_purpose")] == (3.0, 2)
    assert principles[("office", office.pk, "shared_purpose")] == (3.25, 4)
    assert ("office", other_office.pk, "shared_purpose") not in principles  # sealed only


def test_perception_gap_per_item(world):
    gaps = dash.compute(dash.Filters())["gaps"]
    synergy = gaps["synergy"]  # P1: 5 − 4 = +1; P2: 4 − 2 = +2
    assert float(synergy["mean_gap"]) == 1.5
    assert float(synergy["mean_abs_gap"]) == 1.5
    assert float(synergy["government"]) == 3.0
    assert float(synergy["npo"]) == 4.5
    assert (synergy["wide"], synergy["pairs"]) == (1, 2)
    roles = gaps["roles"]  # P1: 3 − 4 = −1; P2: 4 − 2 = +2
    assert float(roles["mean_gap"]) == 0.5
    assert float(roles["mean_abs_gap"]) == 1.5


def test_trend_across_fiscal_years(world):
    data = dash.compute(dash.Filters(fiscal_year=2025))
    assert data["trend_counts"] == {2024: 1, 2025: 1}  # the year filter does not cut the trend
    assert float(data["trend"][2025]["government"]) == 2.0
    assert float(data["trend"][2025]["npo"]) == 4.0
    assert float(data["trend"][2024]["government"]) == 4.0
    assert float(data["trend"][2024]["npo"]) == pytest.approx(50 / 16)


def test_filters(world, other_office):
    by_method = dash.compute(dash.Filters(method=Method.COMMISSION))
    assert by_method["total"] == 3
    assert by_method["principles"][("all", "shared_purpose")] == (3.5, 2)
    office_b = dash.compute(dash.Filters(office=other_office.pk))
    assert office_b["total"] == 2 and office_b["principles"] == {}
    by_field = dash.compute(dash.Filters(field=world["field"].pk))
    assert by_field["total"] == 1 and by_field["status"]["published"] == 1
    midterm = dash.compute(dash.Filters(round_kind="midterm"))
    assert midterm["principles"] == {} and midterm["status"]["started"] == 0


def test_page_tables_link_to_the_lists_behind_them(client, world, manager_user):
    client.force_login(manager_user)
    response = client.get(reverse("evaluation:dashboard"), {"method": "commission"})
    assert response.status_code == 200
    tables = response.context["by_key"]
    stage_row = next(r for r in tables["stage"].rows if r[0].value == str(Stage.EVALUATION.label))
    assert stage_row[1].value == 1
    listed = client.get(stage_row[1].url)
    assert [p.title for p in listed.context["rows"]] == ["P3"]
    gap_row = tables["gap"].rows[[i.key for i in sheet_data.ITEMS].index("synergy")]
    listed = client.get(gap_row[1].url)
    assert [r["title"] for r in listed.context["rows"]] == ["P1"]  # commission only, P3 sealed
    html = response.content.decode()
    assert 'id="table-principle"' in html and "<caption" in html and 'scope="row"' in html
    assert 'id="dashboard-charts"' in html and "chart.umd.min.js" in html


@pytest.mark.parametrize("query", [{}, {"method": "commission"}, {"round": ""}])
def test_the_round_select_shows_the_round_the_figures_are_of(client, world, manager_user, query):
    # With no round named, the figures are of the final evaluation, also once another filter is
    # in the address; the select must not show its first option (the interim one) instead.
    client.force_login(manager_user)
    response = client.get(reverse("evaluation:dashboard"), query)
    html = response.content.decode()
    select = html[html.index('name="round"') :]
    select = select[: select.index("</select>")]
    selected = re.findall(r'<option value="(\w+)"[^>]*selected', select)
    assert selected == ["final"]


def test_list_of_scores_sorted_by_gap(client, world, manager_user):
    client.force_login(manager_user)
    response = client.get(reverse("evaluation:dashboard_list"), {"scores": "item:synergy"})
    rows = response.context["rows"]
    assert [(r["title"], float(r["gap"])) for r in rows] == [("P2", 2.0), ("P1", 1.0)]
    response = client.get(reverse("evaluation:dashboard_list"), {"status": "overdue"})
    assert [p.title for p in response.context["rows"]] == ["P5"]
    response = client.get(reverse("evaluation:dashboard_list"), {"status": "partial"})
    assert [p.title for p in response.context["rows"]] == ["P3"]


def test_bad_filter_is_reported_not_guessed(client, world, manager_user):
    client.force_login(manager_user)
    response = client.get(reverse("evaluation:dashboard"), {"fiscal_year": "abc", "method": "x"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert response.context["data"]["total"] == 5


def _unsealed_on_page(response) -> int:
    """The summary's count of projects with both sides' sheets, as the page shows it."""
    html = response.content.decode()
    return int(re.search(r'class="fs-3[^"]*" href="[^"]*status=unsealed">(\d+)</a>', html).group(1))


def _principle_answers_on_page(response, label: str) -> int:
    """The number of answers in the principle table's row for ``label``."""
    html = response.content.decode()
    table = html[html.index('id="table-principle"') :]
    row = re.search(rf"<th scope=\"row\">{label}</th>(.*?)</tr>", table).group(1)
    return int(re.findall(r">(\d+)</a></td>", row)[-1])


def test_new_submission_changes_the_dashboard_at_once(client, world, npo, npo_user, manager_user):
    client.force_login(manager_user)
    url = reverse("evaluation:dashboard")
    before = client.get(url)
    assert _unsealed_on_page(before) == 2
    again = client.get(url)
    assert again.context is None  # the manager's stored copy of the page, figures and all
    figures = re.compile(rb'<section aria-labelledby="summary".*id="dashboard-charts"', re.S)
    assert figures.search(again.content).group() == figures.search(before.content).group()
    fill(world["p3"], npo, npo_user, default=1)  # unseals P3
    after = client.get(url)
    assert _unsealed_on_page(after) == 3
    assert _principle_answers_on_page(after, "明確な目的の共有") == 6
    assert after.context["data"]["principles"][("all", "shared_purpose")][1] == 6


def test_write_from_another_process_is_seen_too(client, world, manager_user, monkeypatch):
    """No signal (another worker, a bulk update): the fingerprint still invalidates."""
    client.force_login(manager_user)
    url = reverse("evaluation:dashboard")
    assert _unsealed_on_page(client.get(url)) == 2
    assert _unsealed_on_page(client.get(url)) == 2  # cached
    monkeypatch.setattr(dash, "bump_generation", lambda: None)
    EvaluationRound.objects.filter(project=world["p3"]).update(
        unsealed_at=timezone.now(), updated_at=timezone.now()
    )
    assert _unsealed_on_page(client.get(url)) == 3


def test_cached_figures_follow_the_language(client, world, manager_user):
    client.force_login(manager_user)
    url = reverse("evaluation:dashboard")
    assert "段階別の事業数" in client.get(url).content.decode()
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Projects by stage" in english
    assert "段階別の事業数" not in english
    assert "段階別の事業数" in client.get(url).content.decode()


def test_dashboard_is_computed_once_then_cached(
    client, world, manager_user, django_assert_max_num_queries
):
    client.force_login(manager_user)
    url = reverse("evaluation:dashboard")
    client.get(url)
    with django_assert_max_num_queries(
        8
    ):  # session, user, memberships, filter choices, fingerprint
        client.get(url)


def _more(office, npo, staff_user, npo_user, count):
    for index in range(count):
        project = ProjectFactory(
            title=f"追加{index}",
            owner_office=office,
            method=Method.COOPERATION,
            stage=Stage.EVALUATION,
            fiscal_year_start=2020 + index % 6,
        )
        add_partner(project, npo)
        fill(project, office, staff_user, default=3)
        fill(project, npo, npo_user, default=2 + index % 4)


@pytest.mark.parametrize("extra", [0, 25])
def test_query_count_does_not_grow_with_the_data(
    client,
    world,
    office,
    npo,
    staff_user,
    npo_user,
    manager_user,
    extra,
    django_assert_max_num_queries,
):
    _more(office, npo, staff_user, npo_user, extra)
    client.force_login(manager_user)
    # Sessions, user and memberships (3), the filter form's choices (2), the fingerprint (1), the
    # grants in force between bodies (1, on a cold cache) and the fixed set of aggregates: the
    # same count whatever the number of rows. The page adds what its stored copy is compared
    # with: the summary of the memberships and the fingerprint (2).
    for url, limit in (
        (reverse("evaluation:dashboard"), 18),
        (reverse("evaluation:dashboard") + "?method=cooperation&fiscal_year=2021", 18),
        (reverse("evaluation:dashboard_list") + "?scores=principle:openness", 8),
        (reverse("evaluation:dashboard_list") + "?stage=evaluation", 8),
        (reverse("evaluation:dashboard_export", args=["xlsx"]), 12),
        (reverse("evaluation:results_export", args=["csv"]), 5),
    ):
        from django.core.cache import cache

        cache.clear()
        with django_assert_max_num_queries(limit):
            response = client.get(url)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
        assert response.status_code == 200


def test_dashboard_excel_export(client, world, manager_user):
    client.force_login(manager_user)
    response = client.get(reverse("evaluation:dashboard_export", args=["xlsx"]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    names = workbook.sheetnames
    assert "段階別の事業数" in names
    stage = {row[0]: row[1] for row in workbook["段階別の事業数"].iter_rows(values_only=True)}
    assert stage["評価"] == 2 and stage["完了"] == 1
    principle_sheet = next(n for n in names if n.startswith("原則ごとの平均評点"))
    # Row 1 is the cover line (kyodo_portal.core.spreadsheet); the table starts below it.
    rows = list(workbook[principle_sheet].iter_rows(values_only=True))[1:]
    assert rows[0] == ("原則", "全体", "行政", "NPO", "回答数")
    assert rows[1] == ("明確な目的の共有", 3.3, 3.0, 3.5, 4)  # one decimal, halves up


def test_dashboard_csv_export(client, world, manager_user):
    client.force_login(manager_user)
    response = client.get(
        reverse("evaluation:dashboard_export", args=["csv"]), {"method": "subsidy"}
    )
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    assert "協働方法別の事業数" in text
    assert "明確な目的の共有,3.0,2.0,4.0,2" in text


def test_results_export_contains_only_unsealed_answers(client, world, manager_user):
    client.force_login(manager_user)
    response = client.get(reverse("evaluation:results_export", args=["xlsx"]))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))[1:]  # below the cover line
    assert rows[0][1] == "事業名"
    titles = {row[1] for row in rows[1:]}
    assert titles == {"P1", "P2"}  # P3's office sheet is sealed
    assert len(rows) == 1 + 2 * 2 * len(sheet_data.ITEMS)
    response = client.get(reverse("evaluation:results_export", args=["csv"]), {"method": "subsidy"})
    lines = b"".join(response.streaming_content).decode("utf-8").strip().splitlines()
    assert len(lines) == 1 + 2 * len(sheet_data.ITEMS)
    assert all(",P2," in line for line in lines[1:])


def test_only_managers_open_the_dashboard(client, world, staff_user, npo_user, reviewer_user):
    for user in (staff_user, npo_user, reviewer_user):
        client.force_login(user)
        for url in (
            reverse("evaluation:dashboard"),
            reverse("evaluation:dashboard_list"),
            reverse("evaluation:dashboard_export", args=["csv"]),
            reverse("evaluation:results_export", args=["xlsx"]),
        ):
            assert client.get(url).status_code == 403
    client.logout()
    assert client.get(reverse("evaluation:dashboard")).status_code == 302


def test_signal_bumps_generation(world):
    before = cache.get(dash.GENERATION_KEY, 0)
    post_save.send(sender=EvaluationRound, instance=EvaluationRound.objects.first(), created=False)
    assert cache.get(dash.GENERATION_KEY, 0) == before + 1


def _workbook_rows(content: bytes) -> list[tuple]:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    # Each sheet's first row is the cover line.
    return [
        row for sheet in workbook.worksheets for row in list(sheet.iter_rows(values_only=True))[1:]
    ]


def test_results_excel_beyond_the_row_limit_is_built_in_the_background(
    client, world, manager_user, monkeypatch, django_capture_on_commit_callbacks, settings, tmp_path
):
    from evaluation import exports
    from evaluation.models import ResultsExport
    from kyodo_portal.core.models import Notification

    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(exports, "EXCEL_MAX_ROWS", 10)
    client.force_login(manager_user)
    url = reverse("evaluation:results_export", args=["xlsx"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url, {"method": "subsidy"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("evaluation:dashboard") + "?method=subsidy"
    assert "Excelファイルはバックグラウンドで作成します" in response.content.decode()

    export = ResultsExport.objects.get()
    assert export.requested_by == manager_user and export.filters["method"] == "subsidy"
    assert export.status == ResultsExport.Status.DONE
    assert export.rows == 2 * len(sheet_data.ITEMS)  # P2's two sheets
    notice = Notification.objects.get(recipient=manager_user)
    assert notice.title == "評価結果の明細（Excel）ができました"
    assert notice.url == export.get_absolute_url()

    download = client.get(export.get_absolute_url())
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="evaluation-results-')
    rows = _workbook_rows(b"".join(download.streaming_content))
    assert rows[0][1] == "事業名" and len(rows) == 1 + export.rows
    assert {row[1] for row in rows[1:]} == {"P2"}
    page = client.get(reverse("evaluation:dashboard")).content.decode()
    assert export.get_absolute_url() in page
    # CSV streams any size at once.
    assert client.get(reverse("evaluation:results_export", args=["csv"])).status_code == 200


def test_results_workbook_is_the_requesters_alone(
    client,
    world,
    manager_user,
    staff_user,
    office,
    django_capture_on_commit_callbacks,
    settings,
    tmp_path,
):
    from evaluation import services
    from evaluation.models import ResultsExport
    from kyodo_portal.core.roles import Role
    from tests.factories import member

    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        export = services.results_export_request(by=manager_user, filters=dash.Filters())
    export.refresh_from_db()
    assert export.status == ResultsExport.Status.DONE
    url = export.get_absolute_url()
    client.force_login(member(Role.MANAGER, office, username="manager2", name="別の 管理者"))
    assert client.get(url).status_code == 404
    client.force_login(staff_user)
    assert client.get(url).status_code == 403
    with pytest.raises(services.PermissionDenied):
        services.results_export_request(by=staff_user, filters=dash.Filters())


def test_results_workbook_runs_once_and_a_failure_is_reported(
    world, manager_user, monkeypatch, django_capture_on_commit_callbacks, settings, tmp_path
):
    from evaluation import services
    from evaluation.models import ResultsExport
    from kyodo_portal.core.models import Notification

    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        done = services.results_export_request(by=manager_user, filters=dash.Filters())
    # A second delivery of the same task finds it finished and changes nothing.
    assert services.results_export_build(export_id=done.pk) == ResultsExport.Status.DONE
    assert Notification.objects.filter(recipient=manager_user).count() == 1

    def broken(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(spreadsheet, "write_workbook", broken)
    with django_capture_on_commit_callbacks(execute=True):
        failed = services.results_export_request(by=manager_user, filters=dash.Filters())
    failed.refresh_from_db()
    assert failed.status == ResultsExport.Status.FAILED and "disk full" in failed.error
    notice = Notification.objects.filter(recipient=manager_user).first()
    assert notice.title == "評価結果の明細（Excel）を作成できませんでした"


def test_an_unreachable_broker_marks_the_requested_workbook_failed_instead_of_a_500(
    world, manager_user, monkeypatch, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError

    from evaluation import services, tasks
    from evaluation.models import ResultsExport

    def unreachable(*_args, **_kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.build_results_export, "delay", unreachable)
    with django_capture_on_commit_callbacks(execute=True):
        export = services.results_export_request(by=manager_user, filters=dash.Filters())
    export.refresh_from_db()
    assert export.status == ResultsExport.Status.FAILED and "Connection refused" in export.error
    # Asking again makes a new request rather than returning the failed one.
    with django_capture_on_commit_callbacks(execute=False):
        again = services.results_export_request(by=manager_user, filters=dash.Filters())
    assert again.pk != export.pk


def test_the_stored_dashboard_follows_the_managers_workbooks_through_every_state(
    client, world, manager_user, monkeypatch, django_capture_on_commit_callbacks, settings, tmp_path
):
    # The dashboard's stored copy lists the manager's workbooks without reading them on every
    # answer: each change of a workbook, by the page, the worker or the daily purge, must make
    # the copy stale.
    from kombu.exceptions import OperationalError

    from evaluation import services, tasks
    from evaluation.models import ResultsExport

    settings.MEDIA_ROOT = tmp_path
    client.force_login(manager_user)

    def exports_section() -> str:
        html = client.get(reverse("evaluation:dashboard")).content.decode()
        if 'id="exports-heading"' not in html:
            return ""
        section = html[html.index('id="exports-heading"') :]
        return section[: section.index("</section>")]

    assert exports_section() == ""  # stored now, with no workbook
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        export = services.results_export_request(by=manager_user, filters=dash.Filters())
    assert "作成待ち" in exports_section()
    export.status = ResultsExport.Status.RUNNING  # as the worker marks it when it starts
    export.save(update_fields=["status"])
    assert "作成中" in exports_section()
    for callback in waiting:
        callback()  # the build, run here as the worker would
    export.refresh_from_db()
    assert export.status == ResultsExport.Status.DONE
    assert export.get_absolute_url() in exports_section()

    def unreachable(*_args, **_kwargs):
        raise OperationalError("Connection refused.")

    monkeypatch.setattr(tasks.build_results_export, "delay", unreachable)
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        services.results_export_request(by=manager_user, filters=dash.Filters(fiscal_year=2025))
    for callback in after_commit:
        callback()
        exports_section()  # a view between any two steps stores what it sees
    assert "作成できませんでした" in exports_section()  # marked by an update, without a signal

    later = timezone.now() + datetime.timedelta(days=settings.RESULTS_EXPORT_KEEP_DAYS + 1)
    assert services.results_exports_purge(now=later) == 2
    assert exports_section() == ""


def test_asking_again_while_the_workbook_is_built_does_not_build_it_twice(
    world, manager_user, monkeypatch, django_capture_on_commit_callbacks
):
    from evaluation import services, tasks
    from evaluation.models import ResultsExport

    queued = []
    monkeypatch.setattr(tasks.build_results_export, "delay", queued.append)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.results_export_request(by=manager_user, filters=dash.Filters())
        again = services.results_export_request(by=manager_user, filters=dash.Filters())
        other = services.results_export_request(
            by=manager_user, filters=dash.Filters(fiscal_year=2025)
        )
    assert again.pk == first.pk and other.pk != first.pk
    assert ResultsExport.objects.count() == 2 and queued == [first.pk, other.pk]


def test_finished_workbooks_are_deleted_after_the_keeping_period(
    world, manager_user, settings, tmp_path, django_capture_on_commit_callbacks
):
    import datetime

    from evaluation import services
    from evaluation.models import ResultsExport

    settings.MEDIA_ROOT = tmp_path
    settings.RESULTS_EXPORT_KEEP_DAYS = 30
    with django_capture_on_commit_callbacks(execute=True):
        old = services.results_export_request(by=manager_user, filters=dash.Filters())
    old.refresh_from_db()
    path = Path(old.file.path)
    assert path.exists()
    recent = ResultsExport.objects.create(
        requested_by=manager_user, status=ResultsExport.Status.DONE, finished_at=timezone.now()
    )
    waiting = ResultsExport.objects.create(requested_by=manager_user)  # still pending
    ResultsExport.objects.filter(pk=old.pk).update(
        finished_at=timezone.now() - datetime.timedelta(days=31)
    )
    assert services.results_exports_purge() == 1
    assert set(ResultsExport.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}
    assert not path.exists()


def test_results_workbook_continues_on_further_sheets(world, monkeypatch):
    """Excel holds 1,048,576 rows a sheet: longer results continue on sheets of the same name."""
    from evaluation import exports

    monkeypatch.setattr(spreadsheet, "SHEET_ROWS", 5)
    handle = io.BytesIO()
    rows = exports.result_rows(dash.scored_answers(dash.Filters()))
    written = spreadsheet.write_workbook(
        handle, spreadsheet.in_sheets("評価結果", exports.result_headers(), rows)
    )
    workbook = load_workbook(io.BytesIO(handle.getvalue()), read_only=True)
    total = 2 * 2 * len(sheet_data.ITEMS)
    assert written == total
    assert len(workbook.worksheets) == -(-total // 5)
    assert workbook.sheetnames[:2] == ["評価結果", "評価結果 (2)"]
    sheets = [list(sheet.iter_rows(values_only=True))[1:] for sheet in workbook.worksheets]
    assert all(sheet[0][1] == "事業名" for sheet in sheets)  # each sheet has the header
    assert sum(len(sheet) - 1 for sheet in sheets) == total
    assert all(len(sheet) - 1 == 5 for sheet in sheets[:-1])


def test_results_rows_are_produced_lazily(world):
    """The CSV streams: the rows are a generator read chunk by chunk, never a list in memory."""
    import types

    from evaluation import exports

    rows = exports.with_headers(exports.result_rows(dash.scored_answers(dash.Filters())))
    assert isinstance(rows, types.GeneratorType)
    assert next(rows)[1] == "事業名"
    response = spreadsheet.csv_response("r.csv", rows)
    assert response.streaming
