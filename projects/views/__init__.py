"""Project pages. Thin: check access, validate, call one service, redirect with a message.

Split by stage; every view is re-exported here for ``projects.urls``. NPO proposals have their
pages in ``projects.proposal_views``.
"""

from projects.views.agreements import (
    agreement,
    agreement_change_request,
    agreement_comment,
    agreement_confirm,
    agreement_edit,
    agreement_pdf,
    agreement_print,
    agreement_version,
)
from projects.views.planning import hearing_add, method, suitability
from projects.views.projects import (
    my_projects,
    notes,
    project_advance,
    project_continue,
    project_create,
    project_detail,
    project_edit,
    project_list,
)

__all__ = [
    "agreement",
    "agreement_change_request",
    "agreement_comment",
    "agreement_confirm",
    "agreement_edit",
    "agreement_pdf",
    "agreement_print",
    "agreement_version",
    "hearing_add",
    "method",
    "my_projects",
    "notes",
    "project_advance",
    "project_continue",
    "project_create",
    "project_detail",
    "project_edit",
    "project_list",
    "suitability",
]
