"""What the evaluation exports contain: the dashboard's tables and the results (one row per
answer), as rows for the portal's one CSV and Excel writer (kyodo_portal.core.spreadsheet), whose
memory does not grow with the data and which writes formula-like text as text.

Evaluation results come only from submitted sheets of unsealed rounds (the sealed rule).
"""

from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluation import sheet as sheet_data
from evaluation.dashboard import Table
from evaluation.models import Answer, Evaluation, EvaluationRound, RoundKind, Side
from kyodo_portal.core.dates import display_date
from kyodo_portal.core.fiscal import format_fiscal_year
from kyodo_portal.core.numbers import one_decimal
from kyodo_portal.core.punctuation import join_list
from kyodo_portal.core.spreadsheet import Condition, csv_response, xlsx_response
from partners.models import ActivityField, Organization
from projects.choices import Method

CHUNK = 2000
# The largest results workbook built within a request (a few seconds); larger ones are built
# in the background by a Celery task (evaluation.services.results_export_request).
EXCEL_MAX_ROWS = 50_000


# --- dashboard tables --------------------------------------------------------------------------


def _table_rows(table: Table) -> Iterator[list]:
    for row in table.rows:
        yield [cell.value for cell in row]


def tables_csv(filename: str, tables: list[Table]) -> StreamingHttpResponse:
    def rows():
        for index, table in enumerate(tables):
            if index:
                yield []
            yield [table.caption]
            yield table.headers
            yield from _table_rows(table)

    return csv_response(filename, rows())


def tables_xlsx(filename: str, tables: list[Table], conditions=(), *, ascii_name=None):
    return xlsx_response(
        filename,
        ((t.caption, t.headers, _table_rows(t)) for t in tables),
        conditions,
        ascii_name=ascii_name,
    )


def conditions(filters) -> list[Condition]:
    """The dashboard's filters as the cover line and the file name name them (the bodies are
    the reader's own and not a choice, so they are left out)."""
    found = []
    if filters.fiscal_year:
        found.append(Condition(_("年度"), str(filters.fiscal_year), f"fy{filters.fiscal_year}"))
    if filters.office:
        office = Organization.objects.filter(pk=filters.office).first()
        name = office.display_name if office else str(filters.office)
        found.append(Condition(_("担当課"), name, f"office{filters.office}"))
    if filters.method:
        label = dict(Method.choices).get(filters.method, filters.method)
        found.append(Condition(_("協働方法"), str(label), filters.method))
    if filters.field:
        field = ActivityField.objects.filter(pk=filters.field).first()
        found.append(Condition(_("活動分野"), str(field or filters.field), f"field{filters.field}"))
    if filters.round_kind != RoundKind.FINAL:
        label = dict(RoundKind.choices).get(filters.round_kind, filters.round_kind)
        found.append(Condition(_("評価の回"), str(label), filters.round_kind))
    return found


# --- the list behind a dashboard figure -------------------------------------------------------


def list_headers(mode: str) -> list[str]:
    headers = [_("事業番号"), _("事業名"), _("協働相手（NPO）"), _("担当課"), _("年度")]
    headers.append(_("協働方法"))
    if mode == "scores":
        return [*headers, _("行政の平均"), _("NPOの平均"), _("差（NPO − 行政）")]
    return [*headers, _("段階"), _("事業終了日")]


def list_rows(mode: str, rows: Iterable) -> Iterator[list]:
    """The rows of ``evaluation.dashboard.listing_rows`` as cells; means with one decimal."""
    for row in rows:
        if mode == "scores":
            yield [
                row["pk"],
                row["title"],
                join_list(row["partners"]),
                row["office"],
                format_fiscal_year(row["fiscal_year"]),
                row["method_label"],
                *(one_decimal(row[k]) for k in ("government", "npo", "gap")),
            ]
        else:
            yield [
                row.pk,
                row.title,
                join_list(row.partner_names),
                str(row.owner_office),
                format_fiscal_year(row.fiscal_year_start),
                row.get_method_display(),
                row.get_stage_display(),
                display_date(row.end_date) if row.end_date else "",
            ]


# --- evaluation results (one row per answer) ---------------------------------------------------

RESULT_FIELDS = (
    "evaluation__round__project_id",
    "evaluation__round__project__title",
    "evaluation__round__project__owner_office__body__name",
    "evaluation__round__project__owner_office__name",
    "evaluation__round__project__method",
    "evaluation__round__project__fiscal_year_start",
    "evaluation__round__kind",
    "evaluation__side",
    "evaluation__organization__name",
    "evaluation__submitted_at",
    "group",
    "item",
    "score",
    "reason",
    "comment",
)


def result_headers() -> list[str]:
    return [
        _("事業番号"),
        _("事業名"),
        _("担当課"),
        _("協働方法"),
        _("年度（開始年度）"),
        _("評価の回"),
        _("立場"),
        _("評価した組織"),
        _("提出日"),
        _("項目のまとまり"),
        _("評価項目"),
        _("評点"),
        _("評点の理由"),
        _("コメント"),
    ]


def results_queryset(answers):
    """Only submitted sheets of unsealed rounds, whatever the caller passed in."""
    return (
        answers.filter(
            evaluation__round__unsealed_at__isnull=False,
            evaluation__status=Evaluation.Status.SUBMITTED,
        )
        .order_by(
            "evaluation__round__project_id",
            "evaluation__round__kind",
            "evaluation__side",
            "evaluation__organization__name",
            "pk",
        )
        .values_list(*RESULT_FIELDS)
    )


def with_headers(rows: Iterable[list]) -> Iterator[list]:
    """The header row, then the rows — lazily, so a CSV of any size streams in constant memory."""
    yield result_headers()
    yield from rows


def result_rows(answers) -> Iterator[list]:
    # Labels resolved once, not per row: lazy translations are slow in a 300,000-row loop.
    methods = {code: str(label) for code, label in Method.choices}
    kinds = {code: str(label) for code, label in RoundKind.choices}
    sides = {code: str(label) for code, label in Side.choices}
    items = {
        key: item.label
        for key, item in {**sheet_data.RETIRED_ITEMS, **sheet_data.ITEMS_BY_KEY}.items()
    }
    groups = {group.key: group.label for group in sheet_data.GROUPS}
    tz = timezone.get_current_timezone()
    for (
        project_id,
        title,
        jurisdiction,
        office,
        method,
        year,
        kind,
        side,
        organization,
        submitted_at,
        group,
        item_key,
        score,
        reason,
        comment,
    ) in results_queryset(answers).iterator(chunk_size=CHUNK):
        yield [
            project_id,
            title,
            f"{jurisdiction} {office}",
            methods.get(method, ""),
            year,
            kinds.get(kind, kind),
            sides.get(side, side),
            organization,
            # A date, not text: Excel sorts and filters it as a date; CSV writes it ISO 8601.
            submitted_at.astimezone(tz).date() if submitted_at else None,
            groups.get(group, group),
            items.get(item_key, item_key),
            score,
            reason,
            comment,
        ]


def round_answers(round_: EvaluationRound):
    return Answer.objects.filter(evaluation__round=round_)
