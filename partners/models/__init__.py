"""The partners app's data: people and organisations, and partner selection (公募・特命).

Split into modules by subject; everything is re-exported here so ``from partners.models import …``
keeps working everywhere.
"""

from partners.models.people import (
    ROLE_ORGANIZATION_KINDS,
    ActivityField,
    Membership,
    Organization,
    User,
)
from partners.models.selection import (
    Application,
    ApplicationAttachment,
    Call,
    CallRevision,
    CommitteeMember,
    ConflictDeclaration,
    Criterion,
    Designation,
    Score,
)

__all__ = [
    "ROLE_ORGANIZATION_KINDS",
    "ActivityField",
    "Application",
    "ApplicationAttachment",
    "Call",
    "CallRevision",
    "CommitteeMember",
    "ConflictDeclaration",
    "Criterion",
    "Designation",
    "Membership",
    "Organization",
    "Score",
    "User",
]
