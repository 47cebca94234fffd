"""The list behind a number on the dashboard: the same filters with one more condition (a stage, a
state of the evaluation, or a principle, group or item of the sheet), paginated, with a sentence
per condition saying what the list shows."""

import itertools
from collections.abc import Iterator

from django.core.paginator import Paginator
from django.db.models import Avg, F, Q, QuerySet
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
from projects.models import Project, ProjectPartner

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
    mode, rows = _rows(filters, query, no_method, description)
    page = Paginator(rows, LIST_PAGE_SIZE).get_page(query.get("page"))
    return {
        "mode": mode,
        "page": page,
        "rows": _with_partners(mode, list(page.object_list)),
        "description": description,
    }


def listing_rows(filters: Filters, query, *, no_method: bool) -> tuple[str, Iterator]:
    """Every row of the list for ``query`` (not one page: for the export), each with its partner
    NPOs, read a chunk at a time so the queries grow with the rows only chunk by chunk."""
    mode, rows = _rows(filters, query, no_method, [])

    def chunks():
        for start in itertools.count(0, EXPORT_CHUNK):
            chunk = list(rows[start : start + EXPORT_CHUNK])
            yield from _with_partners(mode, chunk)
            if len(chunk) < EXPORT_CHUNK:
                return

    return mode, chunks()


EXPORT_CHUNK = 2000


def _rows(filters, query, no_method, description) -> tuple[str, QuerySet]:
    scores = scores_dimension(query.get("scores", ""))
    if scores:
        return "scores", _scores_rows(filters, scores, no_method, description)
    return "projects", _projects_rows(filters, query, no_method, description)


def partner_names(project_ids) -> dict[int, list[str]]:
    """The NPOs confirmed as each project's partners (one query), by project id."""
    names: dict[int, list[str]] = {}
    for project_id, name in (
        ProjectPartner.objects.filter(
            project_id__in=list(project_ids), status=ProjectPartner.Status.PARTNER
        )
        .order_by("organization__name", "pk")
        .values_list("project_id", "organization__name")
    ):
        names.setdefault(project_id, []).append(name)
    return names


def _with_partners(mode: str, rows: list) -> list:
    if mode == "scores":
        rows = [_score_row(row) for row in rows]
        names = partner_names(row["pk"] for row in rows)
        for row in rows:
            row["partners"] = names.get(row["pk"], [])
        return rows
    names = partner_names(project.pk for project in rows)
    for project in rows:
        project.partner_names = names.get(project.pk, [])
    return rows


def _scores_rows(filters, scores, no_method, description) -> QuerySet:
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
    return (
        answers.order_by()
        .values(*(f"{_P}{name}" for name in _SCORE_FIELDS))
        .annotate(
            government=Avg("score", filter=Q(evaluation__side=Side.GOVERNMENT)),
            npo=Avg("score", filter=Q(evaluation__side=Side.NPO)),
        )
        .annotate(gap=F("npo") - F("government"))
        .order_by(Abs("gap").desc(nulls_last=True), f"-{_P}fiscal_year_start", f"{_P}id")
    )


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


def _projects_rows(filters, query, no_method, description) -> QuerySet:
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
    return projects.select_related("owner_office__body").order_by(
        "-fiscal_year_start", "title", "pk"
    )
