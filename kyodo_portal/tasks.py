"""Celery tasks: each takes ids, fetches, and calls a service."""

from celery import shared_task
from django.conf import settings

from kyodo_portal import services
from kyodo_portal.core import messenger  # noqa: F401  (registers the notice-mail task)


@shared_task(name="kyodo_portal.reminders_sweep")
def reminders_sweep() -> int:
    """The daily sweep (Celery beat): record what is due and enqueue one send task each."""
    return len(services.reminders_sweep().pending_ids)


@shared_task(
    bind=True,
    name="kyodo_portal.send_reminder",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=settings.REMINDER_MAX_RETRIES,
)
def send_reminder(self, reminder_id: int) -> str:
    """Send one reminder (see ``services.reminder_send`` for the claim and its rule).

    Acknowledged late and rejected when its worker is lost (CELERY_TASK_ACKS_LATE,
    CELERY_TASK_REJECT_ON_WORKER_LOST, also set here so they hold whatever the settings say): the
    broker delivers it again if the worker dies, and the ledger's claim decides what that
    redelivery may do.
    """
    if self.request.is_eager:
        # Without a broker nothing can run later: the attempts run one after another now.
        for attempt in range(self.max_retries + 1):
            outcome = services.reminder_send(
                reminder_id=reminder_id, final_attempt=attempt >= self.max_retries
            )
            if outcome != "retry":
                return outcome
    outcome = services.reminder_send(
        reminder_id=reminder_id, final_attempt=self.request.retries >= self.max_retries
    )
    if outcome == "retry":
        # Exponential backoff: 1, 2, 4, 8 … minutes by default, capped at an hour.
        delay = min(settings.REMINDER_RETRY_BASE_SECONDS * 2**self.request.retries, 3600)
        raise self.retry(countdown=delay)
    if outcome == "claimed":
        # Someone else's claim, too young to be called abandoned: look again once it could be, so
        # that a claim whose worker died is settled without waiting for the next sweep. If the
        # other send was alive, this finds the row sent and stops.
        send_reminder.apply_async((reminder_id,), countdown=settings.REMINDER_CLAIM_TIMEOUT + 1)
    return outcome
