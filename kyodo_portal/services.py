"""State changes of reminders and notifications."""

import datetime
import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kyodo_portal.audit import audited
from kyodo_portal.models import (
    Notification,
    Reminder,
    ReminderKind,
    ReminderPolicy,
    ReminderPreference,
)
from kyodo_portal.reminders import DueReminder, spec_for, specs

logger = logging.getLogger(__name__)

INSERT_BATCH = 1000
# What counts as a passing delivery failure worth retrying (SMTP down, connection refused, timeout).
SEND_ERRORS = (smtplib.SMTPException, OSError)


@dataclass
class SweepResult:
    found: int
    pending_ids: list[int]


def reminder_policies() -> dict[str, ReminderPolicy]:
    """Every registered kind's policy, creating the defaults the first time."""
    registered = specs()
    policies = {policy.kind: policy for policy in ReminderPolicy.objects.all()}
    missing = [
        ReminderPolicy(kind=kind, lead_days=spec.default_lead_days)
        for kind, spec in registered.items()
        if kind not in policies
    ]
    if missing:
        ReminderPolicy.objects.bulk_create(missing, ignore_conflicts=True)
        policies = {policy.kind: policy for policy in ReminderPolicy.objects.all()}
    return policies


@transaction.atomic
def reminders_sweep(*, today: datetime.date | None = None) -> SweepResult:
    """Record every reminder that is due and enqueue one send task per pending row.

    Safe to run any number of times: the ledger's unique constraint keeps one row per
    (recipient, subject, kind, due date), and rows already sent or cancelled are not enqueued.
    Pending rows from earlier sweeps are enqueued again, so a task lost with a broker still
    gets its reminder sent; the send itself is what guarantees once.
    """
    from kyodo_portal.tasks import send_reminder

    today = today or timezone.localdate()
    found = 0
    for kind, policy in reminder_policies().items():
        if not policy.enabled or kind not in specs():
            continue
        due: list[DueReminder] = list(spec_for(kind).find_due(today, policy.lead_days))
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
        Reminder.objects.filter(status=Reminder.Status.PENDING)
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
    reminder.save(update_fields=["status", "status_reason", "closed_at", "attempts", "last_error"])
    return status


def _opted_out(reminder: Reminder) -> bool:
    return ReminderPreference.objects.filter(
        user_id=reminder.recipient_id, kind=reminder.kind, enabled=False
    ).exists()


def reminder_send(*, reminder_id: int, final_attempt: bool = False) -> str:
    """Send one reminder at most once; returns sent, cancelled, failed, retry or skipped.

    The row is locked for the whole send and marked sent in the same transaction, so a second
    task for the same row (a retry, a repeated sweep, another worker) waits and then finds it
    sent. If the worker dies before the commit, the mail server has not been told to deliver
    (the send happens last) or the row stays pending and the redelivered task sends it.
    """
    with transaction.atomic():
        reminder = (
            Reminder.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=reminder_id)
            .first()
        )
        if reminder is None or reminder.status != Reminder.Status.PENDING:
            return "skipped"
        spec = spec_for(reminder.kind)
        policy = reminder_policies()[reminder.kind]
        if not spec.still_due(reminder):
            return _close(reminder, Reminder.Status.CANCELLED, "resolved")
        if not policy.enabled:
            return _close(reminder, Reminder.Status.CANCELLED, "disabled")
        if not policy.mandatory and _opted_out(reminder):
            return _close(reminder, Reminder.Status.CANCELLED, "opted_out")
        if not reminder.recipient.is_active:
            return _close(reminder, Reminder.Status.CANCELLED, "inactive")

        recipient = reminder.recipient
        link = settings.SITE_URL + reminder.url
        with translation.override(recipient.preferred_language or settings.LANGUAGE_CODE):
            title, body = spec.message(reminder)
            text = "\n\n".join(
                [
                    _("%(name)s 様") % {"name": recipient.get_full_name()},
                    body,
                    _("詳しくは次のページをご覧ください。") + "\n" + link,
                    _(
                        "このお知らせは協働ポータルから自動で送信しています。"
                        "受け取りの設定はプロフィールの「通知の設定」で変更できます。"
                    ),
                ]
            )
        Notification.objects.create(
            recipient=recipient, reminder=reminder, title=title, body=body, url=reminder.url
        )
        reminder.attempts += 1
        reminder.status = Reminder.Status.SENT
        reminder.sent_at = timezone.now()
        reminder.last_error = ""
        reminder.save(update_fields=["attempts", "status", "sent_at", "last_error"])
        message = EmailMessage(
            subject=title,
            body=text,
            to=[recipient.email] if recipient.email else [],
            headers={"Message-ID": f"<reminder-{reminder.pk}@{_mail_domain()}>"},
        )
        try:
            if message.to:
                message.send()
        except SEND_ERRORS as error:
            # Leave the transaction without the sent mark and record the attempt separately.
            transaction.set_rollback(True)
            failure = f"{type(error).__name__}: {error}"[:2000]
        else:
            return "sent"
    return _record_failure(reminder_id, failure, final_attempt)


def _record_failure(reminder_id: int, failure: str, final_attempt: bool) -> str:
    with transaction.atomic():
        reminder = Reminder.objects.select_for_update().get(pk=reminder_id)
        if reminder.status != Reminder.Status.PENDING:
            return "skipped"
        reminder.attempts += 1
        reminder.last_error = failure
        logger.warning("reminder %s: send failed (%s)", reminder_id, failure)
        if final_attempt:
            return _close(reminder, Reminder.Status.FAILED, "smtp")
        reminder.save(update_fields=["attempts", "last_error"])
        return "retry"


def _mail_domain() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"


@transaction.atomic
def notification_mark_read(*, user, notification_id: int | None = None) -> int:
    """Mark one of the person's notifications read, or all of them when no id is given."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())


@transaction.atomic
@audited("portal.reminder_preferences_update")
def reminder_preferences_update(*, user, enabled_kinds: set[str]) -> None:
    """Store which kinds the person receives; mandatory kinds stay on whatever is asked."""
    policies = reminder_policies()
    for kind in ReminderKind.values:
        wanted = kind in enabled_kinds or (kind in policies and policies[kind].mandatory)
        ReminderPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"enabled": wanted}
        )


@transaction.atomic
@audited("portal.reminder_policy_update")
def reminder_policy_update(
    *, policy: ReminderPolicy, by, lead_days: int, mandatory: bool, enabled: bool
) -> ReminderPolicy:
    from kyodo_portal.permissions import can_manage_reminders
    from partners.services import check

    check(can_manage_reminders(by))
    policy.lead_days = lead_days
    policy.mandatory = mandatory
    policy.enabled = enabled
    policy.save()
    return policy
