"""The list behind a number on the dashboard: the same filters with one more condition (a stage, a
state of the evaluation, or a principle, group or item of the sheet), paginated, with a sentence
per condition saying what the list shows."""

from django.core.paginator import Page, Paginator
from django.db.models import Avg, F, Q
from django.db.models.functions import Abs
from django.utils.translation import gettext as _

from evaluation import sheet as sheet_data
from evaluation.dashboard.compute import (
    STATUS_KEYS,
    Filters,
    overdue_projects,
    project_q,
    round_status_q,
    rounds_in,
    scored_answers,
)
from evaluation.models import Side
from projects.choices import Method, Principle, Stage
from projects.models import Project

LIST_PAGE_SIZE = 50
_P = "evaluation__round__project__"
_SCORE_FIELDS = (
    "id",
    "title",
    "fiscal_year_start",
    "method",
    "owner_office__body__name",
    "owner_office__name",
)


def without_no_method(query) -> tuple:
    """The query with ``method=none`` (projects that chose no method yet) taken out of the form's
    hands, since the form knows only real methods; and whether it was there."""
    params = query.copy()
    no_method = params.get("method") == "none"
    if no_method:
        params["method"] = ""
    return params, no_method


def scores_dimension(value: str) -> tuple[str, str] | None:
    kind, _sep, key = value.partition(":")
    if value == "all":
        return ("all", "")
    if kind == "principle" and key in Principle.values:
        return (kind, key)
    if kind == "group" and key in sheet_data.GROUPS_BY_KEY:
        return (kind, key)
    if kind == "item" and key in sheet_data.ITEMS_BY_KEY:
        return (kind, key)
    return None


def status_label(status: str) -> str:
    labels = {
        "started": _("評価を始めた事業"),
        "partial": _("一方だけが提出（相手の提出待ち）"),
        "unsealed": _("双方が提出済み"),
        "recorded": _("意見交換を記録済み"),
        "published": _("評価の概要を公表済み"),
    }
    return labels[status]


def listing(
    filters: Filters,
    query,
    *,
    no_method: bool,
    field=None,
) -> dict:
    """``mode``, ``page``, ``rows`` and ``description`` of the list for ``query`` (the request's
    parameters: ``stage``, ``status``, ``scores``, ``page``)."""
    description = []
    if filters.method:
        description.append(_("協働方法：%(name)s") % {"name": dict(Method.choices)[filters.method]})
    elif no_method:
        description.append(_("協働方法：未選択"))
    if filters.field:
        description.append(_("活動分野：%(name)s") % {"name": field})
    scores = scores_dimension(query.get("scores", ""))
    if scores:
        page, rows = _scores_page(filters, scores, query, no_method, description)
        return {"mode": "scores", "page": page, "rows": rows, "description": description}
    page = _projects_page(filters, query, no_method, description)
    return {
        "mode": "projects",
        "page": page,
        "rows": list(page.object_list),
        "description": description,
    }


def _scores_page(filters, scores, query, no_method, description) -> tuple[Page, list[dict]]:
    """Projects by the gap between the two sides' mean scores on the chosen part of the sheet."""
    answers = scored_answers(filters)
    if no_method:
        answers = answers.filter(**{f"{_P}method": ""})
    kind, key = scores
    if kind == "principle":
        answers = answers.filter(principle=key)
        description.append(_("原則：%(name)s") % {"name": Principle(key).label})
    elif kind == "group":
        answers = answers.filter(group=key)
        description.append(
            _("項目のまとまり：%(name)s") % {"name": sheet_data.GROUPS_BY_KEY[key].label}
        )
    elif kind == "item":
        answers = answers.filter(item=key)
        description.append(_("評価項目：%(name)s") % {"name": sheet_data.ITEMS_BY_KEY[key].label})
    rows = (
        answers.order_by()
        .values(*(f"{_P}{name}" for name in _SCORE_FIELDS))
        .annotate(
            government=Avg("score", filter=Q(evaluation__side=Side.GOVERNMENT)),
            npo=Avg("score", filter=Q(evaluation__side=Side.NPO)),
        )
        .annotate(gap=F("npo") - F("government"))
        .order_by(Abs("gap").desc(nulls_last=True), f"-{_P}fiscal_year_start", f"{_P}id")
    )
    page = Paginator(rows, LIST_PAGE_SIZE).get_page(query.get("page"))
    return page, [_score_row(row) for row in page.object_list]


def _score_row(row: dict) -> dict:
    return {
        "pk": row[f"{_P}id"],
        "title": row[f"{_P}title"],
        "fiscal_year": row[f"{_P}fiscal_year_start"],
        "method_label": dict(Method.choices).get(row[f"{_P}method"], ""),
        "office": " ".join((row[f"{_P}owner_office__body__name"], row[f"{_P}owner_office__name"])),
        "government": row["government"],
        "npo": row["npo"],
        "gap": row["gap"],
    }


def _projects_page(filters, query, no_method, description) -> Page:
    """Projects in a stage or with their evaluation in a state (or overdue)."""
    stage, status = query.get("stage", ""), query.get("status", "")
    if status == "overdue":
        projects = overdue_projects(filters)
        description.append(_("期限を過ぎた評価"))
    else:
        projects = Project.objects.filter(project_q(filters))
        if status in STATUS_KEYS:
            rounds = rounds_in(filters).filter(round_status_q(status))
            projects = projects.filter(pk__in=rounds.values("project_id"))
            description.append(_("評価の状態：%(name)s") % {"name": status_label(status)})
    if no_method:
        projects = projects.filter(method="")
    if stage in Stage.values:
        projects = projects.filter(stage=stage)
        description.append(_("段階：%(name)s") % {"name": Stage(stage).label})
    projects = projects.select_related("owner_office").order_by("-fiscal_year_start", "title", "pk")
    return Paginator(projects, LIST_PAGE_SIZE).get_page(query.get("page"))
