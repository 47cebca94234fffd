"""Partner selection in the API.

Public (no login): published calls with their criteria, weights, method and timeline; selection
results with their reasons; designations with their justification. Never: drafts, application
contents, individual scores, reviewers' comments, conflict declarations or contact details.

Signed in: an NPO's own applications (and any application the person may open on the page), and
submitting one — through ``selection.services`` and ``selection.permissions``, as the
pages do.
"""

from selection.api import datasets  # noqa: F401  (registers the open-data datasets)
from selection.api.applications import ApplicationViewSet
from selection.api.public import (
    PublicCallViewSet,
    PublicDesignationViewSet,
    PublicResultViewSet,
)

__all__ = [
    "ApplicationViewSet",
    "PublicCallViewSet",
    "PublicDesignationViewSet",
    "PublicResultViewSet",
]
