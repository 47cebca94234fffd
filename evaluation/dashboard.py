"""The managers' dashboard: figures computed by database aggregates, cached until data changes.

``compute(filters)`` runs a fixed number of aggregate queries whatever the number of projects and
evaluations (each returns at most one row per stage, method, office, field, fiscal year, item or
principle — never one per project), and returns plain data keyed by codes so it can be cached and
labelled later in the reader's language. ``present`` turns it into the tables that the page, the
charts, the CSV and the Excel export all share, each cell linking to the list behind it.

Sealed rule: scores come only from submitted sheets of rounds whose sheets are all submitted
(``unsealed_at``), so no aggregate — however narrow the filter — reveals one side's answers early.

Cache: the key holds a generation number bumped by signals on every relevant write, and a cheap
fingerprint (highest ids and latest update times, by index) read in one query, so a change made
without signals, in another process, is seen at once too.
"""

import datetime
import hashlib
from collections import Counter
from dataclasses import asdict, dataclass, field
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, Sum, Window
from django.db.models.functions import Abs
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from evaluation import sheet as sheet_data
from evaluation.models import Answer, Evaluation, EvaluationRound, RoundKind, Side
from kyodo_portal.core import caching
from kyodo_portal.core.fiscal import format_fiscal_year
from partners.models import ActivityField
from projects.choices import STAGE_ORDER, Method, Principle, Stage
from projects.models import Project

OVERDUE_AFTER_DAYS = 90  # a final evaluation not exchanged this long after the project ended
GAP_HIGHLIGHT = 1.0  # mean |NPO − government| per item at or above which the item stands out
CACHE_SECONDS = 600
GENERATION_KEY = "evaluation:dashboard:generation"

NO_METHOD = _("未選択")


@dataclass(frozen=True)
class Filters:
    fiscal_year: int | None = None
    office: int | None = None
    method: str = ""
    field: int | None = None
    round_kind: str = RoundKind.FINAL

    def params(self, **overrides) -> dict:
        values = {
            "fiscal_year": self.fiscal_year,
            "office": self.office,
            "method": self.method,
            "field": self.field,
            "round": self.round_kind if self.round_kind != RoundKind.FINAL else None,
        }
        values.update(overrides)
        return {k: v for k, v in values.items() if v not in (None, "")}

    def query(self, **overrides) -> str:
        return urlencode(self.params(**overrides))

    def key(self) -> str:
        return hashlib.sha1(repr(sorted(asdict(self).items())).encode()).hexdigest()[:16]


def project_q(filters: Filters, prefix: str = "") -> Q:
    """The filter form's conditions on projects, optionally through a relation prefix."""
    condition = Q()
    if filters.fiscal_year:
        condition &= Q(**{f"{prefix}fiscal_year_start": filters.fiscal_year})
    if filters.office:
        condition &= Q(**{f"{prefix}owner_office_id": filters.office})
    if filters.method:
        condition &= Q(**{f"{prefix}method": filters.method})
    if filters.field:
        condition &= Q(**{f"{prefix}fields": filters.field})
    return condition


_P = "evaluation__round__project__"


def scored_answers(filters: Filters):
    """Scored answers of submitted sheets in unsealed rounds of the chosen kind (sealed rule)."""
    return Answer.objects.filter(
        project_q(filters, _P),
        evaluation__round__kind=filters.round_kind,
        evaluation__round__unsealed_at__isnull=False,
        evaluation__status=Evaluation.Status.SUBMITTED,
        score__isnull=False,
    )


def scored_sheets(filters: Filters, *, all_years: bool = False):
    """The submitted sheets whose answers ``scored_answers`` returns (same sealed rule)."""
    scoped = filters if not all_years else Filters(**{**asdict(filters), "fiscal_year": None})
    return Evaluation.objects.filter(
        project_q(scoped, "round__project__"),
        round__kind=filters.round_kind,
        round__unsealed_at__isnull=False,
        status=Evaluation.Status.SUBMITTED,
    )


def _mean(total: int | None, count: int | None) -> float | None:
    return total / count if count else None


def overdue_projects(filters: Filters, today: datetime.date | None = None):
    """Projects that ended long enough ago and whose final evaluation has not been exchanged."""
    today = today or timezone.localdate()
    limit = today - datetime.timedelta(days=OVERDUE_AFTER_DAYS)
    exchanged = EvaluationRound.objects.filter(
        project_id=OuterRef("pk"), kind=RoundKind.FINAL, exchange_recorded_at__isnull=False
    )
    return (
        Project.objects.filter(project_q(filters))
        .filter(stage__in=[Stage.IMPLEMENTATION, Stage.EVALUATION], end_date__lt=limit)
        .exclude(Exists(exchanged))
    )


def rounds_in(filters: Filters):
    return EvaluationRound.objects.filter(project_q(filters, "project__"), kind=filters.round_kind)


def round_status_q(status: str) -> Q:
    """Conditions on EvaluationRound for each status row of the status table."""
    submitted = Exists(
        Evaluation.objects.filter(round_id=OuterRef("pk"), status=Evaluation.Status.SUBMITTED)
    )
    return {
        "started": Q(),
        "partial": Q(unsealed_at__isnull=True) & Q(submitted),
        "unsealed": Q(unsealed_at__isnull=False),
        "recorded": Q(exchange_recorded_at__isnull=False),
        "published": Q(published_at__isnull=False),
    }[status]


STATUS_KEYS = ("started", "partial", "unsealed", "recorded", "published")


AXES = ("evaluation__side", f"{_P}method", f"{_P}owner_office_id")


def _rollup(cells: list[dict], key: str) -> dict:
    """Sum/count cells (key × side × method × office) rolled up to averages along each axis."""
    totals: dict = {}

    def add(bucket, total, count):
        entry = totals.setdefault(bucket, [0, 0])
        entry[0] += total
        entry[1] += count

    for cell in cells:
        k, side = cell[key], cell["evaluation__side"]
        method, office = cell[f"{_P}method"], cell[f"{_P}owner_office_id"]
        total, count = cell["total"], cell["n"]
        add(("all", k), total, count)
        add(("side", k, side), total, count)
        add(("method", method, k), total, count)
        add(("office", office, k), total, count)
    return {bucket: (round(t / n, 2), n) for bucket, (t, n) in totals.items() if n}


def _gaps(cells: list[dict]) -> dict:
    """The paired answers' sums per item, as means: each side's, the difference and its size."""
    sums: dict = {}
    for cell in cells:
        if cell["pairs"]:
            entry = sums.setdefault(cell["item"], [0, 0, 0, 0, 0])
            for i, name in enumerate(("pair_npo", "pair_government", "pair_abs", "wide", "pairs")):
                entry[i] += cell[name]
    return {
        item: {
            "item": item,
            "npo": npo / pairs,
            "government": government / pairs,
            "mean_gap": (npo - government) / pairs,
            "mean_abs_gap": size / pairs,
            "wide": wide,
            "pairs": pairs,
        }
        for item, (npo, government, size, wide, pairs) in sums.items()
    }


def compute(filters: Filters, today: datetime.date | None = None) -> dict:
    """Every figure on the dashboard, in a bounded number of aggregate queries."""
    today = today or timezone.localdate()
    projects = Project.objects.filter(project_q(filters))
    data: dict = {"filters": asdict(filters), "today": today.isoformat()}

    # The counts by stage, by method and by year, and the total, from one pass over the projects
    # (at most stages × methods × years rows).
    by_stage, by_method, by_year = Counter(), Counter(), Counter()
    for stage, method, year, n in (
        projects.order_by()
        .values_list("stage", "method", "fiscal_year_start")
        .annotate(Count("pk"))
    ):
        by_stage[stage] += n
        by_method[method] += n
        by_year[year] += n
    data["total"] = sum(by_stage.values())
    data["by_stage"], data["by_method"] = dict(by_stage), dict(by_method)
    data["by_year"] = sorted(by_year.items())
    data["by_office"] = list(
        projects.order_by()
        .values("owner_office_id", "owner_office__jurisdiction", "owner_office__name")
        .annotate(n=Count("pk"))
        .order_by("owner_office__jurisdiction", "owner_office__name")
    )
    data["by_field"] = list(
        Project.fields.through.objects.filter(project__in=projects.values("pk"))
        .values(
            "activityfield_id",
            "activityfield__number",
            "activityfield__name_ja",
            "activityfield__name_en",
        )
        .annotate(n=Count("project_id"))
        .order_by("activityfield__number")
    )

    data["status"] = rounds_in(filters).aggregate(
        **{key: Count("pk", filter=round_status_q(key)) for key in STATUS_KEYS}
    )
    # The ten most overdue, with the count of all of them (a window count, before the limit).
    overdue = list(
        overdue_projects(filters, today)
        .annotate(all_overdue=Window(Count("pk")))
        .order_by("end_date", "pk")
        .values(
            "pk",
            "title",
            "end_date",
            "stage",
            "owner_office__jurisdiction",
            "owner_office__name",
            "all_overdue",
        )[:10]
    )
    data["status"]["overdue"] = overdue[0]["all_overdue"] if overdue else 0
    for row in overdue:
        del row["all_overdue"]
    data["overdue"] = overdue

    # The principles, the groups and the perception gap from one pass over the scored answers
    # (three passes took twice as long): one row per item, side, method and office. Each item's
    # group and principle come from the sheet's definition, which the submission copied onto the
    # answers; grouping by those text columns too made the database sort on disk (three times
    # slower). The gap compares each NPO answer with the government side's score for the same
    # item in the same round, copied onto the answer once both were frozen.
    paired = Q(government_score__isnull=False)
    cells = list(
        scored_answers(filters)
        .annotate(diff=F("score") - F("government_score"))
        .order_by()
        .values("item", *AXES)
        .annotate(
            total=Sum("score"),
            n=Count("pk"),
            pair_npo=Sum("score", filter=paired),
            pair_government=Sum("government_score", filter=paired),
            pair_abs=Sum(Abs("diff"), filter=paired),
            wide=Count("pk", filter=Q(diff__gte=2) | Q(diff__lte=-2)),
            pairs=Count("pk", filter=paired),
        )
    )
    for cell in cells:
        item = sheet_data.item(cell["item"])
        cell["group"], cell["principle"] = item.group, item.principle
    data["principles"] = _rollup([c for c in cells if c["principle"]], "principle")
    data["groups"] = _rollup(cells, "group")
    data["gaps"] = _gaps(cells)

    # The trend across fiscal years ignores the year filter. It adds up each sheet's score total
    # (written at submission) rather than reading every answer of every year.
    data["trend"], data["trend_counts"] = {}, {}
    for row in (
        scored_sheets(filters, all_years=True)
        .order_by()
        .values("round__project__fiscal_year_start")
        .annotate(
            **{
                f"{name}_{column}": Sum(column, filter=condition)
                for name, condition in (
                    ("government", Q(side=Side.GOVERNMENT)),
                    ("npo", Q(side=Side.NPO)),
                    ("all", Q()),
                )
                for column in ("score_total", "scored_items")
            },
            # One round per project and kind, with exactly one government sheet: counting those
            # sheets counts the projects without a DISTINCT (which would sort every row).
            projects=Count("pk", filter=Q(side=Side.GOVERNMENT)),
        )
    ):
        year = row["round__project__fiscal_year_start"]
        data["trend"][year] = {
            name: _mean(row[f"{name}_score_total"], row[f"{name}_scored_items"])
            for name in ("government", "npo", "all")
        }
        data["trend_counts"][year] = row["projects"]
    return data


# --- cache -------------------------------------------------------------------------------------


def bump_generation() -> None:
    """Called on every write that changes a figure (see evaluation.signals)."""
    caching.bump_generation(GENERATION_KEY)


def _fingerprint() -> str:
    """The latest change time and highest id of each table the figures read, in one query of
    index lookups (a row count would scan whole tables: 0.4 s a request at 100,000 projects).
    It catches writes made without signals — a queryset update() by another process keeps
    ``updated_at`` current, a bulk insert raises the highest id; deletions always send signals."""
    from evaluation.models import Acknowledgement
    from projects.models import ProjectPartner

    quote = connection.ops.quote_name
    parts = []
    for model, columns in (
        (Project, ("id", "updated_at")),
        (EvaluationRound, ("id", "updated_at")),
        (Evaluation, ("id", "updated_at")),
        (ProjectPartner, ("id",)),
        (Project.fields.through, ("id",)),
        (Acknowledgement, ("id",)),
    ):
        table = quote(model._meta.db_table)
        parts += [f"(SELECT MAX({quote(column)}) FROM {table})" for column in columns]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        row = cursor.fetchone()
    return hashlib.sha1(repr(row).encode()).hexdigest()[:16]


def _cache_key(filters: Filters) -> str:
    """Changes with every relevant write, with the date (overdue counts) and with the filters."""
    generation = caching.generation(GENERATION_KEY)
    today = timezone.localdate()
    return f"evaluation:dashboard:{generation}:{_fingerprint()}:{today}:{filters.key()}"


def cached_compute(filters: Filters, key: str | None = None) -> dict:
    return cache.get_or_set(
        key or _cache_key(filters),
        lambda: compute(filters, timezone.localdate()),
        CACHE_SECONDS,
    )


def cached_rendering(filters: Filters, render) -> str:
    """The dashboard's figures rendered as HTML by ``render(data, tables)``, cached per language.

    Labelling a few thousand cells and rendering them costs far more than the cached figures
    themselves, so the finished HTML is kept under the figures' own key: the same writes that
    make the figures stale make the HTML stale.
    """
    key = _cache_key(filters)
    html_key = f"{key}:html:{get_language() or 'ja'}"

    def rendering() -> str:
        data = cached_compute(filters, key)
        return str(render(data, present(data, filters)))

    # The template escaped every value when it rendered; the cache keeps plain text.
    return mark_safe(cache.get_or_set(html_key, rendering, CACHE_SECONDS))


# --- presentation: tables shared by the page, the charts and the exports ------------------------


@dataclass
class Cell:
    value: object
    url: str = ""
    highlight: bool = False

    def __str__(self):
        return "" if self.value is None else str(self.value)


@dataclass
class Table:
    key: str
    caption: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    note: str = ""
    chart: dict | None = None


def _list_url(filters: Filters, **overrides) -> str:
    return reverse("evaluation:dashboard_list") + "?" + filters.query(**overrides)


def _method_label(code: str) -> str:
    return str(Method(code).label) if code in Method.values else str(NO_METHOD)


def _office_label(row: dict) -> str:
    return f"{row['owner_office__jurisdiction']} {row['owner_office__name']}"


def _english() -> bool:
    return (get_language() or "ja").startswith("en")


def _avg(value) -> float | None:
    return None if value is None else round(float(value), 2)


def present(data: dict, filters: Filters) -> list[Table]:
    """Labelled tables (in the active language) with a link behind every number."""
    tables: list[Table] = []
    count = str(_("事業数"))

    t = Table("stage", str(_("段階別の事業数")), [str(_("段階")), count])
    for stage in [*STAGE_ORDER, Stage.ENDED]:
        n = data["by_stage"].get(stage, 0)
        t.rows.append([Cell(str(Stage(stage).label)), Cell(n, _list_url(filters, stage=stage))])
    t.chart = {
        "type": "bar",
        "labels": [r[0].value for r in t.rows],
        "series": [{"label": count, "data": [r[1].value for r in t.rows]}],
    }
    tables.append(t)

    t = Table("method", str(_("協働方法別の事業数")), [str(_("協働方法")), count])
    for code in [*Method.values, ""]:
        n = data["by_method"].get(code, 0)
        if code == "" and not n:
            continue
        url = _list_url(filters, method=code) if code else _list_url(filters, method="none")
        t.rows.append([Cell(_method_label(code)), Cell(n, url)])
    t.chart = {
        "type": "bar",
        "labels": [r[0].value for r in t.rows],
        "series": [{"label": count, "data": [r[1].value for r in t.rows]}],
    }
    tables.append(t)

    t = Table("field", str(_("活動分野別の事業数")), [str(_("活動分野")), count])
    t.note = str(_("1つの事業が複数の分野に当てはまる場合は、それぞれの分野に数えています。"))
    for row in data["by_field"]:
        name = row["activityfield__name_en"] if _english() else row["activityfield__name_ja"]
        t.rows.append(
            [Cell(name), Cell(row["n"], _list_url(filters, field=row["activityfield_id"]))]
        )
    tables.append(t)

    t = Table("office", str(_("担当課別の事業数")), [str(_("担当課")), count])
    for row in data["by_office"]:
        t.rows.append(
            [
                Cell(_office_label(row)),
                Cell(row["n"], _list_url(filters, office=row["owner_office_id"])),
            ]
        )
    tables.append(t)

    t = Table("year", str(_("年度別の事業数（開始年度）")), [str(_("年度")), count])
    for year, n in data["by_year"]:
        url = _list_url(filters, fiscal_year=year)
        t.rows.append([Cell(format_fiscal_year(year)), Cell(n, url)])
    tables.append(t)

    round_label = str(RoundKind(filters.round_kind).label)
    t = Table(
        "status",
        str(_("評価の進み具合（%(round)s）")) % {"round": round_label},
        [str(_("状態")), str(_("件数"))],
    )
    status_labels = {
        "started": _("評価を始めた事業"),
        "partial": _("一方だけが提出（相手の提出待ち）"),
        "unsealed": _("双方が提出済み"),
        "recorded": _("意見交換を記録済み"),
        "published": _("評価の概要を公表済み"),
        "overdue": _("期限を過ぎた評価（事業終了から%(days)s日）"),
    }
    for key in [*STATUS_KEYS, "overdue"]:
        label = str(status_labels[key])
        if key == "overdue":
            label = label % {"days": OVERDUE_AFTER_DAYS}
        t.rows.append(
            [
                Cell(label),
                Cell(
                    data["status"][key],
                    _list_url(filters, status=key),
                    highlight=key == "overdue" and data["status"][key] > 0,
                ),
            ]
        )
    tables.append(t)

    principles = data["principles"]
    side_headers = [str(_("全体")), str(_("行政")), str(_("NPO")), str(_("回答数"))]
    t = Table(
        "principle",
        str(_("原則ごとの平均評点（%(round)s、1〜5）")) % {"round": round_label},
        [str(_("原則")), *side_headers],
    )
    for principle in Principle.values:
        overall = principles.get(("all", principle))
        gov = principles.get(("side", principle, Side.GOVERNMENT))
        npo = principles.get(("side", principle, Side.NPO))
        url = _list_url(filters, scores=f"principle:{principle}")
        t.rows.append(
            [
                Cell(str(Principle(principle).label)),
                Cell(overall[0] if overall else None, url),
                Cell(gov[0] if gov else None, url),
                Cell(npo[0] if npo else None, url),
                Cell(overall[1] if overall else 0, url),
            ]
        )
    t.chart = {
        "type": "bar",
        "labels": [r[0].value for r in t.rows],
        "series": [
            {"label": side_headers[1], "data": [r[2].value for r in t.rows]},
            {"label": side_headers[2], "data": [r[3].value for r in t.rows]},
        ],
        "max": 5,
    }
    tables.append(t)

    groups = data["groups"]
    t = Table(
        "group",
        str(_("項目のまとまりごとの平均評点（%(round)s、1〜5）")) % {"round": round_label},
        [str(_("項目のまとまり")), *side_headers],
    )
    for group in sheet_data.GROUPS:
        overall = groups.get(("all", group.key))
        gov = groups.get(("side", group.key, Side.GOVERNMENT))
        npo = groups.get(("side", group.key, Side.NPO))
        url = _list_url(filters, scores=f"group:{group.key}")
        t.rows.append(
            [
                Cell(group.label),
                Cell(overall[0] if overall else None, url),
                Cell(gov[0] if gov else None, url),
                Cell(npo[0] if npo else None, url),
                Cell(overall[1] if overall else 0, url),
            ]
        )
    tables.append(t)

    offices = {row["owner_office_id"]: _office_label(row) for row in data["by_office"]}
    for dimension, source, keys, key_label in (
        ("principle", principles, Principle.values, lambda k: str(Principle(k).label)),
        (
            "group",
            groups,
            [g.key for g in sheet_data.GROUPS],
            lambda k: sheet_data.GROUPS_BY_KEY[k].label,
        ),
    ):
        by_what = str(_("原則")) if dimension == "principle" else str(_("項目のまとまり"))
        t = Table(
            f"{dimension}_by_method",
            str(_("協働方法別・%(what)sごとの平均評点")) % {"what": by_what},
            [str(_("協働方法")), *[key_label(k) for k in keys]],
        )
        for code in Method.values:
            if not any(("method", code, k) in source for k in keys):
                continue
            t.rows.append(
                [Cell(_method_label(code))]
                + [
                    Cell(
                        source.get(("method", code, k), (None,))[0],
                        _list_url(filters, method=code, scores=f"{dimension}:{k}"),
                    )
                    for k in keys
                ]
            )
        tables.append(t)
        t = Table(
            f"{dimension}_by_office",
            str(_("担当課別・%(what)sごとの平均評点")) % {"what": by_what},
            [str(_("担当課")), *[key_label(k) for k in keys]],
        )
        for office_id, name in offices.items():
            if not any(("office", office_id, k) in source for k in keys):
                continue
            t.rows.append(
                [Cell(name)]
                + [
                    Cell(
                        source.get(("office", office_id, k), (None,))[0],
                        _list_url(filters, office=office_id, scores=f"{dimension}:{k}"),
                    )
                    for k in keys
                ]
            )
        tables.append(t)

    t = Table(
        "gap",
        str(_("項目ごとの認識の差（NPO − 行政）")),
        [
            str(_("評価項目")),
            str(_("行政の平均")),
            str(_("NPOの平均")),
            str(_("差の平均")),
            str(_("差の大きさの平均")),
            str(_("差が2以上の組")),
            str(_("比較した組")),
        ],
    )
    t.note = str(
        _(
            "同じ事業・同じ回の行政とNPOの評点を組にして比べています。差の大きさの平均が%(limit)s以上の項目を強調しています。"
        )
    ) % {"limit": GAP_HIGHLIGHT}
    for item in sheet_data.ITEMS:
        row = data["gaps"].get(item.key)
        url = _list_url(filters, scores=f"item:{item.key}")
        if row is None:
            empty = [Cell(None, url) for _i in range(4)]
            t.rows.append([Cell(item.label), *empty, Cell(0, url), Cell(0, url)])
            continue
        t.rows.append(
            [
                Cell(item.label),
                Cell(_avg(row["government"]), url),
                Cell(_avg(row["npo"]), url),
                Cell(_avg(row["mean_gap"]), url),
                Cell(_avg(row["mean_abs_gap"]), url, _avg(row["mean_abs_gap"]) >= GAP_HIGHLIGHT),
                Cell(row["wide"], url),
                Cell(row["pairs"], url),
            ]
        )
    t.chart = {
        "type": "bar",
        "horizontal": True,
        "labels": [r[0].value for r in t.rows],
        "series": [{"label": t.headers[3], "data": [r[3].value for r in t.rows]}],
    }
    tables.append(t)

    t = Table(
        "trend",
        str(_("年度ごとの推移（%(round)s）")) % {"round": round_label},
        [
            str(_("年度")),
            str(_("評価がそろった事業数")),
            str(_("行政の平均")),
            str(_("NPOの平均")),
            str(_("全体の平均")),
        ],
    )
    t.note = str(_("年度の絞り込みに関係なく、すべての年度を表示しています。"))
    years = sorted(set(data["trend"]) | set(data["trend_counts"]))
    for year in years:
        figures = data["trend"].get(year, {})
        url = _list_url(filters, fiscal_year=year, status="unsealed")
        scores_url = _list_url(filters, fiscal_year=year, scores="all")
        t.rows.append(
            [
                Cell(format_fiscal_year(year)),
                Cell(data["trend_counts"].get(year, 0), url),
                Cell(_avg(figures.get("government")), scores_url),
                Cell(_avg(figures.get("npo")), scores_url),
                Cell(_avg(figures.get("all")), scores_url),
            ]
        )
    t.chart = {
        "type": "line",
        "labels": [r[0].value for r in t.rows],
        "series": [
            {"label": t.headers[2], "data": [r[2].value for r in t.rows]},
            {"label": t.headers[3], "data": [r[3].value for r in t.rows]},
        ],
        "max": 5,
    }
    tables.append(t)
    return tables


def charts(tables: list[Table]) -> list[dict]:
    """The chart definitions for static/js/dashboard.js (passed with json_script)."""
    return [
        {"id": f"chart-{t.key}", "table": f"table-{t.key}", "title": t.caption, **t.chart}
        for t in tables
        if t.chart
    ]


def tables_by_key(tables: list[Table]) -> dict[str, Table]:
    return {t.key: t for t in tables}


def activity_fields():
    return ActivityField.objects.order_by("number")
