"""Applications and their attachments, by the applying NPO."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from kyodo_portal.core.attachments import attachment_remove, attachment_store
from kyodo_portal.core.audit import audited
from kyodo_portal.core.errors import PermissionDenied, check
from kyodo_portal.core.roles import Role
from partners.models import Organization, User
from partners.selectors import organization_ids_of
from selection import notices
from selection.models import (
    Application,
    ApplicationAttachment,
    Call,
)
from selection.permissions import (
    can_apply_to_call,
    can_edit_application,
    can_reopen_application,
    can_submit_application,
    can_withdraw_application,
)
from selection.services.base import (
    ALREADY_APPLIED,
    NOT_AN_NPO,
    OVER_BUDGET_CAP,
    _check_version,
    _raise_if,
)
from selection.workflow import APPLICATION_WORKFLOW

# --- applications ----------------------------------------------------------------------------
APPLICATION_FIELDS = ("title", "plan", "structure", "synergy", "track_record", "requested_amount")


def _application_errors(call: Call, values: dict) -> list[str]:
    amount = values.get("requested_amount")
    if amount is not None and amount > call.budget_cap:
        return [str(OVER_BUDGET_CAP) % {"cap": f"{call.budget_cap:,}"}]
    return []


@transaction.atomic
@audited("selection.application_create")
def application_create(
    *, call: Call, organization: Organization, by: User, values: dict, now=None
) -> Application:
    """Start an application as a draft for one of the person's NPOs."""
    check(can_apply_to_call(by, call, now))
    if not organization.is_npo:
        raise ValidationError(str(NOT_AN_NPO))
    if organization.pk not in organization_ids_of(by, Role.NPO):
        raise PermissionDenied(gettext("この団体の会員ではありません。"))
    if Application.objects.filter(call=call, organization=organization).exists():
        raise ValidationError(str(ALREADY_APPLIED))
    _raise_if(_application_errors(call, values))
    application = Application(
        call=call,
        organization=organization,
        created_by=by,
        **{k: values[k] for k in APPLICATION_FIELDS if k in values},
    )
    application.full_clean(exclude=["call", "organization", "created_by"])
    application.save()
    return application


def _lock_application(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("call", "call__project", "organization")
        .get(pk=application.pk)
    )


@transaction.atomic
@audited("selection.application_update")
def application_update(
    *, application: Application, by: User, values: dict, version: int, now=None
) -> Application:
    application = _lock_application(application)
    check(can_edit_application(by, application, now))
    _check_version(application, version)
    _raise_if(_application_errors(application.call, values))
    for name in APPLICATION_FIELDS:
        if name in values:
            setattr(application, name, values[name])
    application.full_clean(exclude=["call", "organization", "created_by"])
    application.version += 1
    application.save()
    return application


@transaction.atomic
@audited("selection.application_submit")
def application_submit(*, application: Application, by: User, now=None) -> Application:
    """Submit before the deadline (Asia/Tokyo); a second late is too late."""
    application = _lock_application(application)
    now = now or timezone.now()
    check(can_submit_application(by, application, now))
    application.submitted_at = now
    application.submitted_by = by
    application.version += 1
    APPLICATION_WORKFLOW.transition(
        application,
        Application.Status.SUBMITTED,
        also=["submitted_at", "submitted_by", "version"],
    )
    notices.notify_application_received(application=application, by=by)
    return application


@transaction.atomic
@audited("selection.application_withdraw")
def application_withdraw(*, application: Application, by: User, now=None) -> Application:
    application = _lock_application(application)
    check(can_withdraw_application(by, application, now))
    application.version += 1
    APPLICATION_WORKFLOW.transition(application, Application.Status.WITHDRAWN, also=["version"])
    notices.notify_application_withdrawn(application=application, by=by)
    return application


@transaction.atomic
@audited("selection.application_reopen")
def application_reopen(*, application: Application, by: User, now=None) -> Application:
    """A withdrawn application goes back to draft (while the call is still open)."""
    application = _lock_application(application)
    check(can_reopen_application(by, application, now))
    application.submitted_at = None
    application.submitted_by = None
    application.version += 1
    APPLICATION_WORKFLOW.transition(
        application,
        Application.Status.DRAFT,
        also=["submitted_at", "submitted_by", "version"],
    )
    return application


@transaction.atomic
@audited("selection.attachment_add")
def attachment_add(*, application: Application, by: User, upload, now=None):
    application = _lock_application(application)
    check(can_edit_application(by, application, now))
    return attachment_store(ApplicationAttachment, parent=application, upload=upload, by=by)


@transaction.atomic
@audited("selection.attachment_delete")
def attachment_delete(*, attachment: ApplicationAttachment, by: User, now=None) -> None:
    check(can_edit_application(by, attachment.application, now))
    attachment_remove(attachment)
