"""Presentation: the tables shared by the page, the charts and the exports, labelled in the
reader's language, each cell linking to the list behind it."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from evaluation import sheet as sheet_data
from evaluation.dashboard.compute import OVERDUE_AFTER_DAYS, STATUS_KEYS, Filters
from evaluation.models import RoundKind, Side
from kyodo_portal.core.fiscal import format_fiscal_year
from partners.models import ActivityField
from projects.choices import STAGE_ORDER, Method, Principle, Stage

GAP_HIGHLIGHT = 1.0  # mean |NPO − government| per item at or above which the item stands out


NO_METHOD = _("未選択")


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
