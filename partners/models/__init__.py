"""The partners app's data: people and organisations, and who acts for whom.

Partner selection (calls, applications, the committee) lives in the selection app.
"""

from partners.models.bodies import GovernmentBody
from partners.models.grants import BodyGrant
from partners.models.people import (
    ROLE_ORGANIZATION_KINDS,
    ActivityField,
    Membership,
    Organization,
    User,
)

__all__ = [
    "ROLE_ORGANIZATION_KINDS",
    "ActivityField",
    "BodyGrant",
    "GovernmentBody",
    "Membership",
    "Organization",
    "User",
]
