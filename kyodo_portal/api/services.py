"""Personal API tokens: created and revoked by their owner from the token page.

Each person holds at most one token. Creating a new one replaces the old (which stops working at
once), and both steps go to the audit trail — without the key, which is shown once to its owner
and never written anywhere else readable.
"""

from django.db import transaction
from rest_framework.authtoken.models import Token

from kyodo_portal.core.audit import audit_record


@transaction.atomic
def api_token_create(*, user) -> Token:
    """A fresh token for the person; an existing one is revoked first."""
    replaced = Token.objects.filter(user=user).delete()[0] > 0
    token = Token.objects.create(user=user)
    audit_record(actor=user, action="api_token.create", target=user, details={"replaced": replaced})
    return token


@transaction.atomic
def api_token_revoke(*, user) -> bool:
    """Revoke the person's token; False when there was none."""
    deleted = Token.objects.filter(user=user).delete()[0] > 0
    if deleted:
        audit_record(actor=user, action="api_token.revoke", target=user)
    return deleted
