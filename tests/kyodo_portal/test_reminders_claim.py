"""The claim on a ledger row: committed before the mail goes out, so a worker that dies mid-send
leaves a row that says so, and what a later task does with it follows one rule.

A worker killed with ``kill -9`` runs nothing more; here it is stood in for by an exception that no
``except`` clause in the code catches, raised inside the mail backend's send.
"""

import datetime
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.db import connection
from django.db.models import F
from django.urls import reverse
from django.utils.html import escape

from kyodo_portal import services
from kyodo_portal.core.models import Notification, Reminder
from kyodo_portal.tasks import send_reminder
from tests.kyodo_portal.conftest import FIRST_NOTICE_DAY

pytestmark = pytest.mark.django_db

real_send = mail.EmailMessage.send


class WorkerKilled(BaseException):
    """The worker process dies: nothing after this point runs in it."""


def send_then_die(message, *args, **kwargs):
    """The mail server takes the mail, then the worker dies before it can record that."""
    real_send(message, *args, **kwargs)
    raise WorkerKilled


def die_before_sending(message, *args, **kwargs):
    raise WorkerKilled


def killed_mid_send(reminder, how=send_then_die):
    with mock.patch.object(mail.EmailMessage, "send", how), pytest.raises(WorkerKilled):
        services.reminder_send(reminder_id=reminder.pk)


def age_claim(reminder, seconds):
    """Move the row's claim this many seconds into the past."""
    Reminder.objects.filter(pk=reminder.pk).update(
        claimed_at=F("claimed_at") - datetime.timedelta(seconds=seconds)
    )


@pytest.fixture
def reminder(multi_year_project):
    services.reminders_sweep(today=FIRST_NOTICE_DAY)  # the test's transaction: nothing sent yet
    return Reminder.objects.get(recipient__username="staff")


@pytest.mark.django_db(transaction=True)
def test_the_claim_is_committed_before_the_mail_goes_out(multi_year_project):
    services.reminders_sweep(today=FIRST_NOTICE_DAY)  # commits; eager tasks send both
    Reminder.objects.update(status="pending", sent_at=None, attempts=0)
    Notification.objects.all().delete()
    reminder = Reminder.objects.get(recipient__username="staff")
    seen = {}

    def look(message, *args, **kwargs):
        seen["in_transaction"] = connection.in_atomic_block
        seen["row"] = Reminder.objects.values("status", "attempts", "claimed_at").get(
            pk=reminder.pk
        )
        seen["notified"] = Notification.objects.filter(reminder=reminder).exists()
        return real_send(message, *args, **kwargs)

    with mock.patch.object(mail.EmailMessage, "send", look):
        assert services.reminder_send(reminder_id=reminder.pk) == "sent"
    assert seen["in_transaction"] is False
    assert seen["row"]["status"] == "sending" and seen["row"]["attempts"] == 1
    assert seen["row"]["claimed_at"] is not None
    assert seen["notified"] is False
    reminder.refresh_from_db()
    assert reminder.status == "sent" and reminder.attempts == 1
    assert Notification.objects.filter(reminder=reminder).count() == 1


def test_a_redelivered_task_leaves_a_fresh_claim_alone(reminder):
    killed_mid_send(reminder)
    assert len(mail.outbox) == 1
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts) == ("sending", 1)

    age_claim(reminder, django_settings.REMINDER_CLAIM_TIMEOUT - 5)
    assert services.reminder_send(reminder_id=reminder.pk) == "claimed"
    assert send_reminder.delay(reminder.pk).get() == "claimed"
    assert len(mail.outbox) == 1
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts, reminder.stale_claims) == ("sending", 1, 0)
    assert not Notification.objects.exists()


def test_a_task_finding_a_fresh_claim_looks_again_once_it_could_be_stale(reminder):
    killed_mid_send(reminder)
    with mock.patch.object(send_reminder, "apply_async") as later:
        assert send_reminder(reminder.pk) == "claimed"  # as a worker runs it, not eagerly
    later.assert_called_once_with(
        (reminder.pk,), countdown=django_settings.REMINDER_CLAIM_TIMEOUT + 1
    )


def test_a_stale_claim_is_sent_again_with_the_same_message_id(reminder, settings):
    settings.SITE_URL = "https://kyodo.example.jp:8443"
    killed_mid_send(reminder)
    age_claim(reminder, settings.REMINDER_CLAIM_TIMEOUT + 1)
    assert services.reminder_send(reminder_id=reminder.pk) == "sent"
    assert len(mail.outbox) == 2
    first, second = (message.extra_headers["Message-ID"] for message in mail.outbox)
    assert first == second == reminder.message_id
    assert reminder.message_id.endswith("@kyodo.example.jp>")
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts, reminder.stale_claims) == ("sent", 2, 1)
    assert Notification.objects.filter(reminder=reminder).count() == 1
    assert services.reminder_send(reminder_id=reminder.pk) == "skipped"
    assert len(mail.outbox) == 2


def test_a_claim_that_died_before_sending_is_sent_once_when_stale(reminder):
    killed_mid_send(reminder, how=die_before_sending)
    assert mail.outbox == []
    age_claim(reminder, django_settings.REMINDER_CLAIM_TIMEOUT + 1)
    assert send_reminder.delay(reminder.pk).get() == "sent"
    assert len(mail.outbox) == 1
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts, reminder.stale_claims) == ("sent", 2, 1)


def test_after_the_allowed_resends_a_stale_claim_goes_to_review(
    reminder, settings, client, manager_user
):
    assert settings.REMINDER_STALE_RESENDS == 1
    killed_mid_send(reminder)
    age_claim(reminder, settings.REMINDER_CLAIM_TIMEOUT + 1)
    killed_mid_send(reminder)  # the re-send dies the same way
    age_claim(reminder, settings.REMINDER_CLAIM_TIMEOUT + 1)
    assert services.reminder_send(reminder_id=reminder.pk) == "review"
    assert len(mail.outbox) == 2
    reminder.refresh_from_db()
    assert (reminder.status, reminder.status_reason) == ("review", "stale_claim")
    assert (reminder.attempts, reminder.stale_claims) == (2, 2)
    assert reminder.closed_at is not None
    assert not Notification.objects.exists()

    # Nothing more is sent for it, and the sweep no longer enqueues it.
    assert send_reminder.delay(reminder.pk).get() == "skipped"
    assert reminder.pk not in services.reminders_sweep(today=FIRST_NOTICE_DAY).pending_ids
    assert len(mail.outbox) == 2

    client.force_login(manager_user)
    html = client.get(reverse("reminder_history")).content.decode()
    assert "送信されたかどうかを確認できないリマインダーが1件あります。" in html
    html = client.get(reverse("reminder_history"), {"status": "review"}).content.decode()
    assert "要確認" in html and escape(reminder.message_id) in html
    assert "1件" in html


def test_the_sweep_enqueues_claimed_rows_so_a_lost_claim_is_settled(reminder):
    killed_mid_send(reminder, how=die_before_sending)
    assert Reminder.objects.get(pk=reminder.pk).status == "sending"
    assert reminder.pk in services.reminders_sweep(today=FIRST_NOTICE_DAY).pending_ids


def test_a_late_finish_after_a_takeover_adds_no_second_notification(reminder, settings):
    """A worker stalls past the claim timeout, another takes the row over and sends; then the
    first one's send returns. The mail went twice (same Message-ID), the ledger and the
    notification list say once."""
    took_over = {}

    def stall_then_send(message, *args, **kwargs):
        if not took_over:
            took_over["outcome"] = None
            age_claim(reminder, settings.REMINDER_CLAIM_TIMEOUT + 1)
            took_over["outcome"] = services.reminder_send(reminder_id=reminder.pk)
        return real_send(message, *args, **kwargs)

    with mock.patch.object(mail.EmailMessage, "send", stall_then_send):
        assert services.reminder_send(reminder_id=reminder.pk) == "sent"
    assert took_over["outcome"] == "sent"
    assert {m.extra_headers["Message-ID"] for m in mail.outbox} == {reminder.message_id}
    reminder.refresh_from_db()
    assert reminder.status == "sent"
    assert Notification.objects.filter(reminder=reminder).count() == 1


def test_a_mail_error_releases_the_claim_for_the_retry(reminder):
    down = mock.patch.object(mail.EmailMessage, "send", side_effect=ConnectionRefusedError("x"))
    with down:
        assert services.reminder_send(reminder_id=reminder.pk) == "retry"
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts) == ("pending", 1)
    assert "ConnectionRefusedError" in reminder.last_error
    assert services.reminder_send(reminder_id=reminder.pk) == "sent"
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts, reminder.last_error) == ("sent", 2, "")


def test_the_message_id_is_made_of_the_ledger_key(reminder, settings, npo_user):
    settings.SITE_URL = "https://kyodo.example.jp/portal"
    key = (reminder.recipient_id, reminder.kind, reminder.subject_id, reminder.due_date)
    assert services.reminder_send(reminder_id=reminder.pk) == "sent"
    assert mail.outbox[0].extra_headers["Message-ID"] == reminder.message_id
    other = Reminder.objects.get(recipient=npo_user)
    assert other.message_id != reminder.message_id  # another recipient, same subject and day

    # The row recorded again under the same key (say, restored from a backup after the pk moved
    # on) gives the same Message-ID.
    first = reminder.message_id
    Reminder.objects.filter(pk=reminder.pk).delete()
    services.reminders_sweep(today=FIRST_NOTICE_DAY)
    again = Reminder.objects.get(recipient_id=key[0], kind=key[1], subject_id=key[2])
    assert again.pk != reminder.pk and again.due_date == key[3]
    assert again.message_id == first
    assert first.startswith("<") and first.endswith("@kyodo.example.jp>")
