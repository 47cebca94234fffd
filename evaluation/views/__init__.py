"""Views of the evaluation app: thin — check access, validate, call one service, redirect.

Modules by page: ``sheets`` (a project's evaluation and its sheets), ``rounds`` (the exchange),
``improvements``, ``manager`` (the managers' dashboard and its lists), ``exports`` (downloads) and
``public``; the URLs name them from here.
"""

from evaluation.views.exports import (
    BUILDING_IN_BACKGROUND,
    dashboard_export,
    dashboard_list_export,
    results_export,
    results_export_download,
    round_export,
)
from evaluation.views.improvements import acknowledge, improvement_add, improvement_change
from evaluation.views.manager import dashboard, dashboard_list, dashboard_print, dashboard_table
from evaluation.views.public import public_detail, public_list
from evaluation.views.rounds import (
    comment_save,
    exchange,
    exchange_pdf,
    exchange_print,
    meeting_record,
    publish,
    third_party_request,
    third_party_save,
)
from evaluation.views.sheets import (
    project_overview,
    sheet_detail,
    sheet_edit,
    sheet_pdf,
    sheet_print,
)

__all__ = [
    "BUILDING_IN_BACKGROUND",
    "acknowledge",
    "comment_save",
    "dashboard",
    "dashboard_export",
    "dashboard_list",
    "dashboard_list_export",
    "dashboard_print",
    "dashboard_table",
    "exchange",
    "exchange_pdf",
    "exchange_print",
    "improvement_add",
    "improvement_change",
    "meeting_record",
    "project_overview",
    "public_detail",
    "public_list",
    "publish",
    "results_export",
    "results_export_download",
    "round_export",
    "sheet_detail",
    "sheet_edit",
    "sheet_pdf",
    "sheet_print",
    "third_party_request",
    "third_party_save",
]
