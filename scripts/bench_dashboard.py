#!/usr/bin/env python
"""Benchmark of the evaluation dashboard on PostgreSQL at 10,000 projects and 20,000 evaluations.

Creates a throwaway database next to the one DATABASE_URL points at (which must be PostgreSQL),
migrates it, bulk-creates the data, times the dashboard's aggregate queries and the Excel exports,
prints the figures and drops the database again (unless --keep).

    DATABASE_URL=postgres://user@host:5432/kyodo SECRET_KEY=… python scripts/bench_dashboard.py

Options: --projects N (default 10000), --keep (leave the database for inspection).
"""

import argparse
import datetime
import itertools
import os
import random
import sys
import time
import tracemalloc
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _throwaway_url(url: str) -> tuple[str, str, str]:
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        sys.exit("DATABASE_URL must point at PostgreSQL")
    name = f"kyodo_bench_{uuid.uuid4().hex[:8]}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    return admin, urlunsplit(parts._replace(path=f"/{name}")), name


def _admin(admin_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(sql)


def _timed(label: str, function, repeat: int = 3):
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    print(f"  {label:<58} best {min(times) * 1000:8.1f} ms   worst {max(times) * 1000:8.1f} ms")
    return result


def _populate(projects_wanted: int) -> None:
    from django.db import connection

    from devdata.bodies import body_from_code_table
    from evaluation import sheet as sheet_data
    from evaluation.models import Answer, Evaluation, EvaluationRound, RoundKind, Side
    from partners.local_government_codes import known_bodies
    from partners.models import ActivityField, Organization, User
    from projects.choices import Method, Stage
    from projects.models import Project, ProjectPartner
    from projects.workflow import PROJECT_WORKFLOW

    rng = random.Random(42)
    user = User.objects.create(username="bench", name="ベンチ")
    # One office in each of 40 municipalities of the national code table.
    municipalities = [name for name, row in known_bodies().items() if row["level"] != "prefecture"]
    offices = Organization.objects.bulk_create(
        Organization(kind="government", body=body_from_code_table(name), name=f"協働課{i}")
        for i, name in enumerate(municipalities[:40])
    )
    npos = Organization.objects.bulk_create(
        Organization(kind="npo", legal_form="npo_corporation", name=f"NPO法人 ベンチの会{i}")
        for i in range(400)
    )
    fields = list(ActivityField.objects.all())
    stages = [Stage.CLOSED] * 6 + [Stage.EVALUATION] * 2 + [Stage.IMPLEMENTATION, Stage.DRAFT]
    methods = list(Method.values)
    start = time.perf_counter()
    projects = PROJECT_WORKFLOW.bulk_seed(
        (
            (
                Project(
                    title=f"ベンチ事業{i}",
                    owner_office=rng.choice(offices),
                    fiscal_year_start=(year := rng.randint(2016, 2025)),
                    fiscal_year_end=year,
                    start_date=datetime.date(year, 4, 1),
                    end_date=datetime.date(year + 1, 3, 31),
                    method=rng.choice(methods),
                    created_by=user,
                ),
                rng.choice(stages),
            )
            for i in range(projects_wanted)
        ),
        batch_size=2000,
    )
    Through = Project.fields.through
    Through.objects.bulk_create(
        (
            Through(project_id=p.pk, activityfield_id=f.pk)
            for p in projects
            for f in rng.sample(fields, rng.randint(1, 2))
        ),
        batch_size=5000,
    )
    ProjectPartner.objects.bulk_create(
        (
            ProjectPartner(project=p, organization=rng.choice(npos), status="partner")
            for p in projects
        ),
        batch_size=5000,
    )
    now = datetime.datetime(2026, 4, 1, tzinfo=datetime.UTC)
    rounds = []
    for p in projects:
        unsealed = rng.random() < 0.85
        recorded = unsealed and rng.random() < 0.8
        rounds.append(
            EvaluationRound(
                project=p,
                kind=RoundKind.FINAL,
                unsealed_at=now if unsealed else None,
                exchange_recorded_at=now if recorded else None,
                meeting_date=datetime.date(2026, 3, 1) if recorded else None,
                conclusions="合意した結論" if recorded else "",
                published_at=now if recorded and rng.random() < 0.5 else None,
            )
        )
    rounds = EvaluationRound.objects.bulk_create(rounds, batch_size=5000)
    partner_of = dict(ProjectPartner.objects.values_list("project_id", "organization_id"))
    office_of = {p.pk: p.owner_office_id for p in projects}
    sheets = []
    for r in rounds:
        for side, org in (
            (Side.GOVERNMENT, office_of[r.project_id]),
            (Side.NPO, partner_of[r.project_id]),
        ):
            submitted = r.unsealed_at is not None or side == Side.GOVERNMENT
            sheets.append(
                Evaluation(
                    round=r,
                    side=side,
                    organization_id=org,
                    status="submitted" if submitted else "draft",
                    submitted_at=now if submitted else None,
                )
            )
    sheets = Evaluation.objects.bulk_create(sheets, batch_size=5000)

    def answers():
        for sheet in sheets:
            bias = -1 if sheet.side == Side.NPO else 0
            for item in sheet_data.ITEMS:
                score = max(1, min(5, rng.randint(2, 5) + (bias if item.key == "costs" else 0)))
                yield Answer(
                    evaluation=sheet,
                    item=item.key,
                    group=item.group,
                    principle=item.principle,
                    score=score,
                    reason="期待を下回った理由" if score <= 2 else "",
                )

    Answer.objects.bulk_create(answers(), batch_size=10000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"  created {len(projects):,} projects, {len(rounds):,} rounds, {len(sheets):,} "
        f"evaluations, {Answer.objects.count():,} answers in {time.perf_counter() - start:.1f} s"
    )


def _measure() -> None:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from evaluation import dashboard as dash
    from evaluation import exports
    from kyodo_portal.core import spreadsheet
    from partners.models import Organization

    office = Organization.objects.filter(kind="government").order_by("pk").first()
    cases = [
        ("all projects", dash.Filters()),
        ("method = commission", dash.Filters(method="commission")),
        ("fiscal year 2024 + one office", dash.Filters(fiscal_year=2024, office=office.pk)),
        ("activity field 1", dash.Filters(field=1)),
    ]
    print("Dashboard figures (compute: every aggregate, cache bypassed)")
    for label, filters in cases:
        with CaptureQueriesContext(connection) as queries:
            dash.compute(filters)
        _timed(
            f"{label} ({len(queries.captured_queries)} queries)", lambda f=filters: dash.compute(f)
        )
    cache.clear()
    dash.cached_compute(dash.Filters())
    _timed("cached (fingerprint query + cache hit)", lambda: dash.cached_compute(dash.Filters()))
    data = dash.compute(dash.Filters())
    _timed("present() — labelled tables", lambda: dash.present(data, dash.Filters()))

    print("Exports")
    tables = dash.present(data, dash.Filters())

    def dashboard_xlsx():
        response = exports.tables_xlsx("d.xlsx", tables)
        return b"".join(response.streaming_content)

    _timed("dashboard tables → Excel", dashboard_xlsx)

    def results(filters, fmt):
        answers = dash.scored_answers(filters)
        if fmt == "xlsx50k":
            answers = dash.scored_answers(dash.Filters()).filter(
                evaluation__round__project__fiscal_year_start__gte=2022
            )
            rows = itertools.islice(exports.result_rows(answers), 50_000)
            fmt = "xlsx"
        else:
            rows = exports.result_rows(answers)
        if fmt == "csv":
            response = spreadsheet.csv_response("r.csv", exports.with_headers(rows))
        else:
            response = spreadsheet.xlsx_response(
                "r.xlsx", [("評価結果", exports.result_headers(), rows)]
            )
        size = 0
        for chunk in response.streaming_content:
            size += len(chunk)
        return size

    size = _timed(
        "results, one fiscal year → Excel (~26k rows)",
        lambda: results(dash.Filters(fiscal_year=2024), "xlsx"),
        repeat=1,
    )
    print(f"    {size / 1e6:.1f} MB")
    size = _timed(
        "results, 50,000 rows (the Excel limit) → Excel",
        lambda: results(dash.Filters(fiscal_year=2024), "xlsx50k"),
        repeat=1,
    )
    size = _timed(
        "results, all years → CSV (~270k rows)", lambda: results(dash.Filters(), "csv"), 1
    )
    print(f"    {size / 1e6:.1f} MB")
    tracemalloc.start()
    results(dash.Filters(), "csv")
    csv_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.reset_peak()
    results(dash.Filters(fiscal_year=2024), "xlsx")
    xlsx_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(
        f"  Python heap peak: CSV of all years {csv_peak / 1e6:.1f} MB, "
        f"Excel of one year {xlsx_peak / 1e6:.1f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    admin_url, bench_url, name = _throwaway_url(os.environ.get("DATABASE_URL", ""))
    _admin(admin_url, f'CREATE DATABASE "{name}"')
    print(f"Throwaway database {name}")
    try:
        os.environ["DATABASE_URL"] = bench_url
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kyodo_portal.settings")
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        _populate(args.projects)
        _measure()
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            _admin(admin_url, f'DROP DATABASE IF EXISTS "{name}"')
            print(f"Dropped {name}")


if __name__ == "__main__":
    main()
