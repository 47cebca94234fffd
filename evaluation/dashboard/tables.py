"""Presentation: the tables shared by the page, the charts and the exports, labelled in the
reader's language, each cell linking to the list behind it."""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from evaluation import sheet as sheet_data
from evaluation.dashboard.compute import OVERDUE_AFTER_DAYS, STATUS_KEYS, Filters
from evaluation.models import RoundKind, Side
from kyodo_portal.core.fiscal import format_fiscal_year
from kyodo_portal.core.numbers import one_decimal
from partners.models import ActivityField
from projects.choices import STAGE_ORDER, Method, Principle, Stage

GAP_HIGHLIGHT = 1.0  # mean |NPO − government| per item at or above which the item stands out
# A manager of a whole prefecture or country has thousands of offices: the page shows this many
# rows of each table by office, the ones that matter first, and links to every row (the exports
# always hold every row).
SUMMARY_ROWS = 20
# The tables with a row per office: summarised on the page, complete on their own page.
OFFICE_TABLES = (
    "office",
    "principle_by_office",
    "group_by_office",
    "gap_by_office",
    "trend_by_office",
)


NO_METHOD = _("未選択")


@dataclass
class Cell:
    value: object
    url: str = ""
    highlight: bool = False
    # A mean score or a gap: shown, printed and exported with one decimal place (|one_decimal).
    mean: bool = False

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
    # Set when the rows were cut to a summary: how many there are in all, the order the kept
    # ones were chosen by, and the page that shows every row.
    total_rows: int = 0
    summary_shown: int = 0
    summary_order: str = ""
    full_url: str = ""


def _list_url(filters: Filters, **overrides) -> str:
    return reverse("evaluation:dashboard_list") + "?" + filters.query(**overrides)


def _summarise(table: Table, filters: Filters, limit: int | None, weight, order: str) -> None:
    """Keeps the ``limit`` rows of ``table`` with the largest ``weight(row)`` (in that order)
    when it has more, noting how many there are and where all of them are shown."""
    if limit is None or len(table.rows) <= limit:
        return
    total = len(table.rows)
    table.rows = sorted(table.rows, key=weight, reverse=True)[:limit]
    _mark_summary(table, filters, total, limit, order)


def _mark_summary(table: Table, filters: Filters, total: int, shown: int, order: str) -> None:
    """Notes that ``table`` shows ``shown`` of its ``total`` rows, chosen by ``order``, and the
    page that shows every row under the same filters."""
    table.total_rows, table.summary_shown, table.summary_order = total, shown, order
    query = filters.query()
    url = reverse("evaluation:dashboard_table", args=[table.key])
    table.full_url = f"{url}?{query}" if query else url


def _method_label(code: str) -> str:
    return str(Method(code).label) if code in Method.values else str(NO_METHOD)


def _office_label(row: dict) -> str:
    return f"{row['owner_office__body__name']} {row['owner_office__name']}"


def _english() -> bool:
    return (get_language() or "ja").startswith("en")


def _avg(value) -> Decimal | None:
    return one_decimal(value)


def _mean_cell(value, url: str = "", highlight: bool = False) -> Cell:
    return Cell(one_decimal(value), url, highlight, mean=True)


def _chart_value(value):
    """Chart.js wants numbers: a rounded mean (Decimal) as a float."""
    return float(value) if isinstance(value, Decimal) else value


def _bar_chart(table: Table, *series: tuple[str, int], **options) -> dict:
    """A chart of ``table``: one series per (label, column), labelled by the first column."""
    return {
        "type": "bar",
        "labels": [r[0].value for r in table.rows],
        "series": [
            {"label": label, "data": [_chart_value(r[column].value) for r in table.rows]}
            for label, column in series
        ],
        **options,
    }


def _stage_table(data: dict, filters: Filters, count: str) -> Table:
    t = Table("stage", str(_("段階別の事業数")), [str(_("段階")), count])
    for stage in [*STAGE_ORDER, Stage.ENDED]:
        n = data["by_stage"].get(stage, 0)
        t.rows.append([Cell(str(Stage(stage).label)), Cell(n, _list_url(filters, stage=stage))])
    t.chart = _bar_chart(t, (count, 1))
    return t


def _method_table(data: dict, filters: Filters, count: str) -> Table:
    t = Table("method", str(_("協働方法別の事業数")), [str(_("協働方法")), count])
    for code in [*Method.values, ""]:
        n = data["by_method"].get(code, 0)
        if code == "" and not n:
            continue
        url = _list_url(filters, method=code) if code else _list_url(filters, method="none")
        t.rows.append([Cell(_method_label(code)), Cell(n, url)])
    t.chart = _bar_chart(t, (count, 1))
    return t


def _field_table(data: dict, filters: Filters, count: str) -> Table:
    t = Table("field", str(_("活動分野別の事業数")), [str(_("活動分野")), count])
    t.note = str(_("1つの事業が複数の分野に当てはまる場合は、それぞれの分野に数えています。"))
    for row in data["by_field"]:
        name = row["activityfield__name_en"] if _english() else row["activityfield__name_ja"]
        t.rows.append(
            [Cell(name), Cell(row["n"], _list_url(filters, field=row["activityfield_id"]))]
        )
    return t


def _office_table(data: dict, filters: Filters, count: str, limit: int | None = None) -> Table:
    t = Table("office", str(_("担当課別の事業数")), [str(_("担当課")), count])
    for row in data["by_office"]:
        url = _list_url(filters, office=row["owner_office_id"])
        t.rows.append([Cell(_office_label(row)), Cell(row["n"], url)])
    _summarise(t, filters, limit, lambda row: row[1].value, str(_("事業数の多い順")))
    return t


def _year_table(data: dict, filters: Filters, count: str) -> Table:
    t = Table("year", str(_("年度別の事業数（開始年度）")), [str(_("年度")), count])
    for year, n in data["by_year"]:
        url = _list_url(filters, fiscal_year=year)
        t.rows.append([Cell(format_fiscal_year(year)), Cell(n, url)])
    return t


STATUS_LABELS = {
    "started": _("評価を始めた事業"),
    "partial": _("一方だけが提出（相手の提出待ち）"),
    "unsealed": _("双方が提出済み"),
    "recorded": _("意見交換を記録済み"),
    "published": _("評価の概要を公表済み"),
    "overdue": _("期限を過ぎた評価（事業終了から%(days)s日）"),
}


def _status_table(data: dict, filters: Filters, round_label: str) -> Table:
    t = Table(
        "status",
        str(_("評価の進み具合（%(round)s）")) % {"round": round_label},
        [str(_("状態")), str(_("件数"))],
    )
    for key in [*STATUS_KEYS, "overdue"]:
        label = str(STATUS_LABELS[key])
        if key == "overdue":
            label = label % {"days": OVERDUE_AFTER_DAYS}
        n = data["status"][key]
        overdue = key == "overdue" and n > 0
        t.rows.append([Cell(label), Cell(n, _list_url(filters, status=key), highlight=overdue)])
    return t


def _side_headers() -> list[str]:
    return [str(_("全体")), str(_("行政")), str(_("NPO")), str(_("回答数"))]


def _side_averages_row(source: dict, key: str, label, url: str) -> list[Cell]:
    """One principle's or group's mean score overall and per side, and how many answered."""
    overall = source.get(("all", key))
    gov = source.get(("side", key, Side.GOVERNMENT))
    npo = source.get(("side", key, Side.NPO))
    return [
        Cell(label),
        _mean_cell(overall[0] if overall else None, url),
        _mean_cell(gov[0] if gov else None, url),
        _mean_cell(npo[0] if npo else None, url),
        Cell(overall[1] if overall else 0, url),
    ]


def _principle_table(data: dict, filters: Filters, round_label: str) -> Table:
    headers = _side_headers()
    t = Table(
        "principle",
        str(_("原則ごとの平均評点（%(round)s、1〜5）")) % {"round": round_label},
        [str(_("原則")), *headers],
    )
    for principle in Principle.values:
        url = _list_url(filters, scores=f"principle:{principle}")
        label = str(Principle(principle).label)
        t.rows.append(_side_averages_row(data["principles"], principle, label, url))
    t.chart = _bar_chart(t, (headers[1], 2), (headers[2], 3), max=5)
    return t


def _group_table(data: dict, filters: Filters, round_label: str) -> Table:
    t = Table(
        "group",
        str(_("項目のまとまりごとの平均評点（%(round)s、1〜5）")) % {"round": round_label},
        [str(_("項目のまとまり")), *_side_headers()],
    )
    for group in sheet_data.GROUPS:
        url = _list_url(filters, scores=f"group:{group.key}")
        t.rows.append(_side_averages_row(data["groups"], group.key, group.label, url))
    return t


@dataclass(frozen=True)
class _Dimension:
    """Principles or groups of items, as the columns of a table of mean scores."""

    name: str
    what: str
    keys: list[str]
    label: Callable[[str], str]


def _dimensions() -> list[_Dimension]:
    return [
        _Dimension("principle", _("原則"), Principle.values, lambda k: str(Principle(k).label)),
        _Dimension(
            "group",
            _("項目のまとまり"),
            [g.key for g in sheet_data.GROUPS],
            lambda k: sheet_data.GROUPS_BY_KEY[k].label,
        ),
    ]


def _breakdown_table(
    source: dict,
    filters: Filters,
    dimension: _Dimension,
    by: str,
    lines,
    caption,
    header,
    limit: int | None = None,
) -> Table:
    """Mean scores of ``dimension`` per method or per office (``by``): ``lines`` are the
    (id, label) of each row; a row nobody answered for is left out."""
    t = Table(
        f"{dimension.name}_by_{by}",
        str(caption) % {"what": str(dimension.what)},
        [str(header), *[dimension.label(k) for k in dimension.keys]],
    )
    answers: dict[int, int] = {}  # each row's number of answers, to choose a summary's rows
    for ident, label in lines:
        if not any((by, ident, k) in source for k in dimension.keys):
            continue
        cells = [
            _mean_cell(
                source.get((by, ident, k), (None,))[0],
                _list_url(filters, **{by: ident}, scores=f"{dimension.name}:{k}"),
            )
            for k in dimension.keys
        ]
        t.rows.append([Cell(label), *cells])
        answers[id(t.rows[-1])] = sum(source.get((by, ident, k), (0, 0))[1] for k in dimension.keys)
    _summarise(t, filters, limit, lambda row: answers[id(row)], str(_("回答数の多い順")))
    return t


def _breakdown_tables(data: dict, filters: Filters, limit: int | None = None) -> list[Table]:
    offices = {row["owner_office_id"]: _office_label(row) for row in data["by_office"]}
    methods = [(code, _method_label(code)) for code in Method.values]
    by_method = (_("協働方法別・%(what)sごとの平均評点"), _("協働方法"))
    by_office = (_("担当課別・%(what)sごとの平均評点"), _("担当課"))
    tables = []
    for dimension in _dimensions():
        source = data["principles"] if dimension.name == "principle" else data["groups"]
        tables.append(_breakdown_table(source, filters, dimension, "method", methods, *by_method))
        tables.append(
            _breakdown_table(
                source, filters, dimension, "office", offices.items(), *by_office, limit
            )
        )
    return tables


def _gap_row(item, row: dict | None, url: str) -> list[Cell]:
    if row is None:
        empty = [_mean_cell(None, url) for _i in range(4)]
        return [Cell(item.label), *empty, Cell(0, url), Cell(0, url)]
    return [
        Cell(item.label),
        *_gap_cells(row, url),
        Cell(row["wide"], url),
        Cell(row["pairs"], url),
    ]


def _gap_cells(row: dict, url: str) -> list[Cell]:
    """Each side's mean, the mean difference and its mean size, the size highlighted when wide."""
    wide_gap = _avg(row["mean_abs_gap"]) >= GAP_HIGHLIGHT
    return [
        _mean_cell(row["government"], url),
        _mean_cell(row["npo"], url),
        _mean_cell(row["mean_gap"], url),
        _mean_cell(row["mean_abs_gap"], url, wide_gap),
    ]


def _gap_table(data: dict, filters: Filters) -> Table:
    headers = [_("評価項目"), _("行政の平均"), _("NPOの平均"), _("差の平均")]
    headers += [_("差の大きさの平均"), _("差が2以上の組"), _("比較した組")]
    t = Table("gap", str(_("項目ごとの認識の差（NPO − 行政）")), [str(h) for h in headers])
    t.note = str(
        _(
            "同じ事業・同じ回の行政とNPOの評点を組にして比べています。差の大きさの平均が%(limit)s以上の項目を強調しています。"
        )
    ) % {"limit": GAP_HIGHLIGHT}
    for item in sheet_data.ITEMS:
        url = _list_url(filters, scores=f"item:{item.key}")
        t.rows.append(_gap_row(item, data["gaps"].get(item.key), url))
    # "horizontal" first: the chart data the page embeds keeps the order it has always had.
    t.chart = {"type": "bar", "horizontal": True, **_bar_chart(t, (t.headers[3], 3))}
    return t


def _gap_by_office_table(data: dict, filters: Filters, limit: int | None = None) -> Table:
    headers = [_("担当課"), _("行政の平均"), _("NPOの平均"), _("差の平均")]
    headers += [_("差の大きさの平均"), _("差が2以上の組"), _("比較した組")]
    t = Table(
        "gap_by_office",
        str(_("担当課別の認識の差（NPO − 行政、すべての項目）")),
        [str(h) for h in headers],
    )
    t.note = str(_("担当課ごとに、すべての評価項目の行政とNPOの評点の組を合わせて比べています。"))
    for row in data["by_office"]:
        figures = data["gaps_by_office"].get(row["owner_office_id"])
        if figures is None:
            continue
        url = _list_url(filters, office=row["owner_office_id"], scores="all")
        t.rows.append(
            [
                Cell(_office_label(row)),
                *_gap_cells(figures, url),
                Cell(figures["wide"], url),
                Cell(figures["pairs"], url),
            ]
        )
    # The widest gaps are the ones to talk about; more pairs first among equal gaps.
    _summarise(
        t,
        filters,
        limit,
        lambda row: (row[4].value, row[6].value),
        str(_("差の大きさの平均が大きい順")),
    )
    t.chart = {"type": "bar", "horizontal": True, **_bar_chart(t, (t.headers[3], 3))}
    return t


def _trend_by_office_table(
    data: dict, filters: Filters, round_label: str, limit: int | None = None
) -> Table:
    headers = [_("担当課"), _("年度"), _("評価がそろった事業数"), _("行政の平均")]
    headers += [_("NPOの平均"), _("差（NPO − 行政）")]
    t = Table(
        "trend_by_office",
        str(_("担当課別・年度ごとの推移（%(round)s）")) % {"round": round_label},
        [str(h) for h in headers],
    )
    t.note = str(_("年度の絞り込みに関係なく、すべての年度を表示しています。"))
    labels = {row["owner_office_id"]: _office_label(row) for row in data["trend_offices"]}
    rows = data["trend_by_office"]
    if limit is not None and len(labels) > limit:
        # Every year of the offices with the most evaluated projects over all the years.
        projects: dict[int, int] = {}
        for row in rows:
            projects[row["owner_office_id"]] = projects.get(row["owner_office_id"], 0) + (
                row["projects"] or 0
            )
        kept = set(sorted(projects, key=lambda office: (projects[office], -office))[-limit:])
        rows = [row for row in rows if row["owner_office_id"] in kept]
        _mark_summary(t, filters, len(labels), limit, str(_("評価がそろった事業数の多い順")))
    for row in rows:
        office, year = row["owner_office_id"], row["fiscal_year"]
        url = _list_url(filters, office=office, fiscal_year=year, scores="all")
        t.rows.append(
            [
                Cell(labels[office]),
                Cell(format_fiscal_year(year)),
                Cell(
                    row["projects"],
                    _list_url(filters, office=office, fiscal_year=year, status="unsealed"),
                ),
                *[_mean_cell(row[k], url) for k in ("government", "npo", "gap")],
            ]
        )
    return t


def _trend_table(data: dict, filters: Filters, round_label: str) -> Table:
    headers = [_("年度"), _("評価がそろった事業数"), _("行政の平均"), _("NPOの平均")]
    t = Table(
        "trend",
        str(_("年度ごとの推移（%(round)s）")) % {"round": round_label},
        [str(h) for h in [*headers, _("全体の平均")]],
    )
    t.note = str(_("年度の絞り込みに関係なく、すべての年度を表示しています。"))
    for year in sorted(set(data["trend"]) | set(data["trend_counts"])):
        figures = data["trend"].get(year, {})
        url = _list_url(filters, fiscal_year=year, status="unsealed")
        scores_url = _list_url(filters, fiscal_year=year, scores="all")
        t.rows.append(
            [
                Cell(format_fiscal_year(year)),
                Cell(data["trend_counts"].get(year, 0), url),
                *[_mean_cell(figures.get(k), scores_url) for k in ("government", "npo", "all")],
            ]
        )
    t.chart = {**_bar_chart(t, (t.headers[2], 2), (t.headers[3], 3), max=5), "type": "line"}
    return t


def present(data: dict, filters: Filters, limit: int | None = None) -> list[Table]:
    """Labelled tables (in the active language) with a link behind every number. With ``limit``,
    each table by office keeps that many rows (a summary, for the page); without, every row
    (for the exports and the page of one whole table)."""
    count = str(_("事業数"))
    round_label = str(RoundKind(filters.round_kind).label)
    return [
        _stage_table(data, filters, count),
        _method_table(data, filters, count),
        _field_table(data, filters, count),
        _office_table(data, filters, count, limit),
        _year_table(data, filters, count),
        _status_table(data, filters, round_label),
        _principle_table(data, filters, round_label),
        _group_table(data, filters, round_label),
        *_breakdown_tables(data, filters, limit),
        _gap_table(data, filters),
        _gap_by_office_table(data, filters, limit),
        _trend_table(data, filters, round_label),
        _trend_by_office_table(data, filters, round_label, limit),
    ]


def office_table(data: dict, filters: Filters, key: str) -> Table:
    """One table by office with every row (``key`` among OFFICE_TABLES), built alone."""
    count = str(_("事業数"))
    round_label = str(RoundKind(filters.round_kind).label)
    if key == "office":
        return _office_table(data, filters, count)
    if key == "gap_by_office":
        return _gap_by_office_table(data, filters)
    if key == "trend_by_office":
        return _trend_by_office_table(data, filters, round_label)
    offices = {row["owner_office_id"]: _office_label(row) for row in data["by_office"]}
    by_office = (_("担当課別・%(what)sごとの平均評点"), _("担当課"))
    dimension = next(d for d in _dimensions() if key == f"{d.name}_by_office")
    source = data["principles"] if dimension.name == "principle" else data["groups"]
    return _breakdown_table(source, filters, dimension, "office", offices.items(), *by_office)


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
