"""State changes of reminders and notifications."""

import datetime
import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kyodo_portal.core import events, messenger
from kyodo_portal.core.audit import audited
from kyodo_portal.core.models import (
    Notification,
    Reminder,
    ReminderKind,
    ReminderPolicy,
    ReminderPreference,
)
from kyodo_portal.core.person_pages import people_changed
from kyodo_portal.core.reminders import DueReminder, spec_for, specs

logger = logging.getLogger(__name__)

INSERT_BATCH = 1000
# What counts as a passing delivery failure worth retrying (SMTP down, connection refused, timeout).
SEND_ERRORS = (smtplib.SMTPException, OSError)


@dataclass
class SweepResult:
    found: int
    pending_ids: list[int]


def reminder_policies(body_ids=None) -> dict[int, dict[str, ReminderPolicy]]:
    """Each body's policy of every registered kind, by body id then kind, creating the kind's
    defaults the first time a body is asked for; every body when ``body_ids`` is None."""
    from partners.models import GovernmentBody

    if body_ids is None:
        body_ids = list(GovernmentBody.objects.values_list("pk", flat=True))
    body_ids = set(body_ids)

    def load():
        found: dict[int, dict[str, ReminderPolicy]] = {pk: {} for pk in body_ids}
        for policy in ReminderPolicy.objects.filter(body_id__in=body_ids):
            found[policy.body_id][policy.kind] = policy
        return found

    policies = load()
    missing = [
        ReminderPolicy(body_id=body_id, kind=kind, lead_days=spec.default_lead_days)
        for body_id in body_ids
        for kind, spec in specs().items()
        if kind not in policies[body_id]
    ]
    if missing:
        ReminderPolicy.objects.bulk_create(missing, ignore_conflicts=True)
        policies = load()
    return policies


def mandatory_kinds_for(user) -> set[str]:
    """The kinds a manager of one of the person's bodies made mandatory. People outside the
    government (NPOs) work with any body, so their own choice is kept; where a body made a kind
    mandatory, the send path still sends it to them."""
    from partners.selectors import body_ids_of

    bodies = body_ids_of(user)
    if not bodies:
        return set()
    return {
        kind
        for policies in reminder_policies(bodies).values()
        for kind, policy in policies.items()
        if policy.mandatory
    }


@transaction.atomic
def reminders_sweep(*, today: datetime.date | None = None) -> SweepResult:
    """Record every reminder that is due and enqueue one send task per pending row.

    Safe to run any number of times: the ledger's unique constraint keeps one row per
    (recipient, subject, kind, due date), and rows already sent, cancelled, failed or left for
    review are not enqueued. Pending rows from earlier sweeps are enqueued again, so a task lost
    with a broker still gets its reminder sent, and so are rows still claimed (``sending``), so
    that a claim whose worker died is settled by the rule in ``reminder_send``. The claim is what
    keeps a repeated task from sending again.
    """
    from kyodo_portal.tasks import send_reminder

    today = today or timezone.localdate()
    found = 0
    # Bodies that share a kind's settings (the usual case) are asked for together, so the number
    # of queries grows with the distinct settings, not with the bodies.
    groups: dict[tuple[str, int], list[int]] = {}
    for body_id, policies in reminder_policies().items():
        for kind, policy in policies.items():
            if policy.enabled and kind in specs():
                groups.setdefault((kind, policy.lead_days), []).append(body_id)
    for (kind, lead_days), body_ids in sorted(groups.items()):
        due: list[DueReminder] = list(
            spec_for(kind).find_due(today, lead_days, body_ids=sorted(body_ids))
        )
        found += len(due)
        Reminder.objects.bulk_create(
            [
                Reminder(
                    recipient_id=item.recipient_id,
                    kind=kind,
                    subject_type_id=item.subject_type_id,
                    subject_id=item.subject_id,
                    due_date=item.due_date,
                    url=item.url,
                )
                for item in due
            ],
            ignore_conflicts=True,
            batch_size=INSERT_BATCH,
        )
    pending_ids = list(
        Reminder.objects.filter(status__in=[Reminder.Status.PENDING, Reminder.Status.SENDING])
        .order_by("pk")
        .values_list("pk", flat=True)
    )

    def enqueue():
        for pk in pending_ids:
            send_reminder.delay(pk)

    transaction.on_commit(enqueue)
    return SweepResult(found=found, pending_ids=pending_ids)


def _close(reminder: Reminder, status: str, reason: str = "") -> str:
    reminder.status = status
    reminder.status_reason = reason
    reminder.closed_at = timezone.now()
    reminder.save(
        update_fields=["status", "status_reason", "closed_at", "last_error", "stale_claims"]
    )
    return status


@dataclass
class _Claim:
    """What one claim holds between committing it and recording how the send went."""

    reminder_id: int
    attempt: int
    message: messenger.Message


def reminder_send(*, reminder_id: int, final_attempt: bool = False) -> str:
    """Send one reminder; returns sent, cancelled, failed, retry, claimed, review or skipped.

    A send is three steps, each its own transaction, so the ledger always says how far it got:

    1. Claim: under a row lock, check the reminder is still due, then set it ``sending`` with the
       claim time and one more attempt, and commit. Two tasks for the same row cannot both claim
       it: the second waits for the lock and finds it claimed.
    2. Hand the mail to the mail server, outside any transaction. Its Message-ID comes from the
       ledger key (``Reminder.message_id``): the same on every attempt.
    3. Mark it ``sent`` and create its in-app notification (one per reminder, by the
       notification's one-to-one key) in one transaction. On a mail error the claim is released
       (back to ``pending`` for the retry) or, on the final attempt, the row ends ``failed``.

    A worker that dies between steps 1 and 3 leaves the row ``sending``, and nobody can know
    whether the mail server took the mail. A task that finds a row ``sending`` (the broker
    redelivering the dead worker's task, a retry, or the next sweep) follows this rule:

    - A claim younger than ``REMINDER_CLAIM_TIMEOUT`` seconds may belong to a send still under
      way: it is left alone ("claimed"). The timeout is well above the longest send, so a
      live send is never mistaken for a dead one.
    - An older claim is stale: its worker died. The row is claimed again and the mail re-sent
      with the same Message-ID, which lets mail systems that already hold the first copy drop
      the second, at most ``REMINDER_STALE_RESENDS`` times for a row. A stale claim found after
      that sends nothing more: the row is set to ``review`` (要確認) for a person, who sees it in
      the managers' reminder history and can look the Message-ID up in the mail server's log.
    """
    claim = _claim(reminder_id)
    if isinstance(claim, str):
        return claim
    try:
        messenger.send(claim.message)
    except SEND_ERRORS as error:
        failure = f"{type(error).__name__}: {error}"[:2000]
        return _record_failure(claim, failure, final_attempt)
    return _mark_sent(claim)


@transaction.atomic
def _claim(reminder_id: int) -> _Claim | str:
    reminder = (
        Reminder.objects.select_for_update()
        .select_related("recipient")
        .filter(pk=reminder_id)
        .first()
    )
    if reminder is None:
        return "skipped"
    if reminder.status == Reminder.Status.SENDING:
        age = timezone.now() - reminder.claimed_at
        if age < datetime.timedelta(seconds=settings.REMINDER_CLAIM_TIMEOUT):
            return "claimed"
        reminder.stale_claims += 1
        if reminder.stale_claims > settings.REMINDER_STALE_RESENDS:
            logger.warning(
                "reminder %s: claim of attempt %s abandoned again; left for review",
                reminder.pk,
                reminder.attempts,
            )
            return _close(reminder, Reminder.Status.REVIEW, "stale_claim")
        logger.warning(
            "reminder %s: claim of attempt %s abandoned; sending again with the same Message-ID",
            reminder.pk,
            reminder.attempts,
        )
    elif reminder.status != Reminder.Status.PENDING:
        return "skipped"

    spec = spec_for(reminder.kind)
    if not spec.still_due(reminder):
        return _close(reminder, Reminder.Status.CANCELLED, "resolved")
    # The settings of the body the subject belongs to: its managers decide for its projects.
    body_id = spec.body_id_of(reminder)
    if body_id is None:
        return _close(reminder, Reminder.Status.CANCELLED, "resolved")
    policy = reminder_policies([body_id])[body_id][reminder.kind]
    if not policy.enabled:
        return _close(reminder, Reminder.Status.CANCELLED, "disabled")
    if not policy.mandatory and messenger.opted_out(reminder.recipient_id, reminder.kind):
        return _close(reminder, Reminder.Status.CANCELLED, "opted_out")
    if not reminder.recipient.is_active:
        return _close(reminder, Reminder.Status.CANCELLED, "inactive")

    message = messenger.compose(
        recipient=reminder.recipient,
        kind=reminder.kind,
        url=reminder.url,
        words=lambda: spec.message(reminder),
        message_id=reminder.message_id,
    )
    # Compared with what was read, so that even a database without row locks lets one task claim.
    claimed = Reminder.objects.filter(
        pk=reminder.pk, status=reminder.status, attempts=reminder.attempts
    ).update(
        status=Reminder.Status.SENDING,
        claimed_at=timezone.now(),
        attempts=reminder.attempts + 1,
        stale_claims=reminder.stale_claims,
    )
    if not claimed:
        return "claimed"
    return _Claim(reminder_id=reminder.pk, attempt=reminder.attempts + 1, message=message)


@transaction.atomic
def _mark_sent(claim: _Claim) -> str:
    reminder = Reminder.objects.select_for_update().get(pk=claim.reminder_id)
    if reminder.status != Reminder.Status.SENT:
        # Whatever another task made of the row meanwhile (it may have found this claim stale),
        # the mail has now gone out, and the ledger says so.
        reminder.status = Reminder.Status.SENT
        reminder.status_reason = ""
        reminder.sent_at = timezone.now()
        reminder.closed_at = None
        reminder.last_error = ""
        reminder.save(
            update_fields=["status", "status_reason", "sent_at", "closed_at", "last_error"]
        )
    messenger.post(claim.message, reminder=reminder)
    return "sent"


def _record_failure(claim: _Claim, failure: str, final_attempt: bool) -> str:
    logger.warning("reminder %s: send failed (%s)", claim.reminder_id, failure)
    with transaction.atomic():
        reminder = Reminder.objects.select_for_update().get(pk=claim.reminder_id)
        if reminder.status != Reminder.Status.SENDING or reminder.attempts != claim.attempt:
            return "skipped"  # another task took the row over after this claim went stale
        reminder.last_error = failure
        if final_attempt:
            return _close(reminder, Reminder.Status.FAILED, "smtp")
        reminder.status = Reminder.Status.PENDING
        reminder.save(update_fields=["status", "last_error"])
        return "retry"


@transaction.atomic
def notification_mark_read(*, user, notification_id: int | None = None) -> int:
    """Mark one of the person's notifications read, or all of them when no id is given."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    marked = unread.update(read_at=timezone.now())
    if marked:
        # An update sends no signal: the navigation's unread count on the person's stored pages.
        people_changed([user.pk])
    return marked


def kinds_for_roles(roles) -> set[str]:
    """The reminder and event kinds that can reach a person holding ``roles``: an NPO member is
    never sent a reviewer's scoring reminder, so the settings page does not offer it."""
    roles = set(roles)
    return {kind for kind, spec in specs().items() if spec.roles & roles} | {
        kind for kind, event in events.kinds().items() if event.roles & roles
    }


def notice_kinds_for(user) -> set[str]:
    from partners.selectors import roles_of

    return kinds_for_roles(roles_of(user))


@transaction.atomic
@audited("portal.reminder_preferences_update")
def reminder_preferences_update(*, user, enabled_kinds: set[str]) -> None:
    """Store which kinds (reminders and event notices) the person receives; mandatory kinds
    stay on whatever is asked. Only the kinds the page offered them (those of their roles) are
    stored: a kind the page did not show keeps whatever the person chose before."""
    mandatory = mandatory_kinds_for(user)
    offered = notice_kinds_for(user)
    for kind in ReminderKind.values:
        if kind not in offered:
            continue
        wanted = kind in enabled_kinds or kind in mandatory
        ReminderPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"enabled": wanted}
        )
    for event in events.kinds().values():
        if event.kind not in offered:
            continue
        ReminderPreference.objects.update_or_create(
            user=user,
            kind=event.kind,
            defaults={"enabled": event.mandatory or event.kind in enabled_kinds},
        )


@transaction.atomic
@audited("portal.reminder_policy_update")
def reminder_policy_update(
    *, policy: ReminderPolicy, by, lead_days: int, mandatory: bool, enabled: bool
) -> ReminderPolicy:
    from kyodo_portal.core.errors import check
    from kyodo_portal.permissions import can_edit_reminder_policy

    check(can_edit_reminder_policy(by, policy))
    policy.lead_days = lead_days
    policy.mandatory = mandatory
    policy.enabled = enabled
    policy.save()
    return policy
