"""The dashboard's figures: the filters, the querysets behind them and the aggregates."""

import datetime
import hashlib
from collections import Counter
from dataclasses import asdict, dataclass, fields
from urllib.parse import urlencode

from django.db.models import Count, Exists, F, OuterRef, Q, Sum, Window
from django.db.models.functions import Abs
from django.utils import timezone

from evaluation import sheet as sheet_data
from evaluation.models import Answer, Evaluation, EvaluationRound, RoundKind, Side
from projects.choices import Stage
from projects.models import Project

OVERDUE_AFTER_DAYS = 90  # a final evaluation not exchanged this long after the project ended


@dataclass(frozen=True)
class Filters:
    fiscal_year: int | None = None
    # A prefecture (its own projects and its municipalities') and one body, both among
    # ``bodies``: how a manager of many bodies narrows the figures before choosing an office.
    prefecture: int | None = None
    body: int | None = None
    office: int | None = None
    method: str = ""
    field: int | None = None
    round_kind: str = RoundKind.FINAL
    # The government bodies whose projects count (a manager's own); None only for callers that
    # speak for the whole deployment. Not a URL parameter: the view sets it from the person.
    bodies: tuple[int, ...] | None = None

    def __post_init__(self):
        if self.bodies is not None:
            object.__setattr__(self, "bodies", tuple(sorted(set(self.bodies))))

    def params(self, **overrides) -> dict:
        values = {
            "fiscal_year": self.fiscal_year,
            "prefecture": self.prefecture,
            "body": self.body,
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
        # The same text as repr(sorted(asdict(self).items())), without asdict's deep copy of
        # the bodies (some 1,800 ids for a national manager: milliseconds on every request).
        values = sorted((field.name, getattr(self, field.name)) for field in fields(self))
        return hashlib.sha1(repr(values).encode()).hexdigest()[:16]


def project_q(filters: Filters, prefix: str = "") -> Q:
    """The filter form's conditions on projects, optionally through a relation prefix."""
    condition = Q()
    if filters.bodies is not None:
        condition &= Q(**{f"{prefix}owner_office__body_id__in": list(filters.bodies)})
    if filters.fiscal_year:
        condition &= Q(**{f"{prefix}fiscal_year_start": filters.fiscal_year})
    if filters.prefecture:
        condition &= Q(**{f"{prefix}owner_office__body_id": filters.prefecture}) | Q(
            **{f"{prefix}owner_office__body__prefecture_id": filters.prefecture}
        )
    if filters.body:
        condition &= Q(**{f"{prefix}owner_office__body_id": filters.body})
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


def _gaps(cells: list[dict], key=lambda cell: cell["item"]) -> dict:
    """The paired answers' sums per item (or per ``key``: the office, for the table by office),
    as means: each side's, the difference and its size."""
    sums: dict = {}
    for cell in cells:
        if cell["pairs"]:
            entry = sums.setdefault(key(cell), [0, 0, 0, 0, 0])
            for i, name in enumerate(("pair_npo", "pair_government", "pair_abs", "wide", "pairs")):
                entry[i] += cell[name]
    return {
        group: {
            "item": group,
            "npo": npo / pairs,
            "government": government / pairs,
            "mean_gap": (npo - government) / pairs,
            "mean_abs_gap": size / pairs,
            "wide": wide,
            "pairs": pairs,
        }
        for group, (npo, government, size, wide, pairs) in sums.items()
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
        .values("owner_office_id", "owner_office__body__name", "owner_office__name")
        .annotate(n=Count("pk"))
        .order_by("owner_office__body__name", "owner_office__name")
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
            "owner_office__body__name",
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
    # The same pairs summed per office (every item together): no further query, the cells are
    # already split by office.
    data["gaps_by_office"] = _gaps(cells, key=lambda cell: cell[f"{_P}owner_office_id"])

    # The trend across fiscal years ignores the year filter. It adds up each sheet's score total
    # (written at submission) rather than reading every answer of every year. One row per fiscal
    # year and office (the office's names ride along, one value per office): the trend per office
    # and, added up, the trend of all of them, from the one query.
    data["trend"], data["trend_counts"] = {}, {}
    data["trend_by_office"], offices = [], {}
    totals: dict = {}
    office = "round__project__owner_office_id"
    for row in (
        scored_sheets(filters, all_years=True)
        .order_by()
        .values(
            "round__project__fiscal_year_start",
            office,
            "round__project__owner_office__body__name",
            "round__project__owner_office__name",
        )
        .annotate(
            **{
                f"{name}_{column}": Sum(column, filter=condition)
                for name, condition in _TREND_SIDES
                for column in ("score_total", "scored_items")
            },
            # One round per project and kind, with exactly one government sheet: counting those
            # sheets counts the projects without a DISTINCT (which would sort every row).
            projects=Count("pk", filter=Q(side=Side.GOVERNMENT)),
        )
        .order_by(
            "round__project__owner_office__body__name",
            "round__project__owner_office__name",
            office,
            "round__project__fiscal_year_start",
        )
    ):
        year = row["round__project__fiscal_year_start"]
        offices[row[office]] = {
            "owner_office_id": row[office],
            "owner_office__body__name": row["round__project__owner_office__body__name"],
            "owner_office__name": row["round__project__owner_office__name"],
        }
        data["trend_by_office"].append(
            {"owner_office_id": row[office], "fiscal_year": year, **_trend_means(row)}
        )
        total = totals.setdefault(year, Counter())
        total.update({k: v or 0 for k, v in row.items() if k.endswith(("_total", "_items"))})
        total["projects"] += row["projects"]
    for year in sorted(totals):
        data["trend"][year] = {
            name: value for name, value in _trend_means(totals[year]).items() if name != "projects"
        }
        data["trend_counts"][year] = totals[year]["projects"]
    data["trend_offices"] = list(offices.values())
    return data


_TREND_SIDES = (
    ("government", Q(side=Side.GOVERNMENT)),
    ("npo", Q(side=Side.NPO)),
    ("all", Q()),
)


def _trend_means(row) -> dict:
    """Each side's mean score (and both together) from summed score totals and item counts."""
    means = {
        name: _mean(row[f"{name}_score_total"], row[f"{name}_scored_items"])
        for name, _condition in _TREND_SIDES
    }
    gap = None
    if means["government"] is not None and means["npo"] is not None:
        gap = means["npo"] - means["government"]
    return {**means, "gap": gap, "projects": row["projects"]}
