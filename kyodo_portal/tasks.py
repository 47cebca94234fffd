"""Celery tasks: each takes ids, fetches, and calls a service."""

from celery import shared_task
from django.conf import settings

from kyodo_portal import services


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
    return outcome
