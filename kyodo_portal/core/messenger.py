"""The messenger: every notice the portal sends goes through here.

A notice is worded in its recipient's language, posted to their notification list in the portal
and mailed to them, unless they stopped its kind (mandatory kinds cannot be stopped). Two kinds of
sender use it:

- the reminder ledger (kyodo_portal.services.reminder_send), which claims a row, mails the
  composed message and posts it, each step committed on its own (see there);
- events (``notify``): something happened that the other side must know. The notice is posted
  in the same transaction as the change, and its mail is handed to a Celery task once that
  transaction commits. The task claims the notice (``mailed_at``) before mailing, so a repeated
  task does not mail twice; the Message-ID is derived from the notice, so a mail system can drop
  the copy a worker killed mid-send may leave.
"""

import contextlib
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kyodo_portal.core import events
from kyodo_portal.core.models import Notification, ReminderPreference

Words = Callable[[], tuple[str, str]]


def language_of(user) -> str:
    return getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE


def site_domain() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"


@dataclass(frozen=True)
class Message:
    """One notice to one person, already worded in their language."""

    recipient: object
    kind: str
    title: str
    body: str
    url: str
    mail_text: str
    message_id: str = ""

    def email(self) -> EmailMessage:
        headers = {"Message-ID": self.message_id} if self.message_id else {}
        to = [self.recipient.email] if self.recipient.email else []
        return EmailMessage(subject=self.title, body=self.mail_text, to=to, headers=headers)


def compose(*, recipient, kind: str, url: str, words: Words, message_id: str = "") -> Message:
    """Word a notice in the recipient's language: ``words()`` gives (title, body)."""
    with translation.override(language_of(recipient)):
        title, body = (str(text) for text in words())
        mail_text = "\n\n".join(
            [
                _("%(name)s 様") % {"name": recipient.get_full_name()},
                body,
                _("詳しくは次のページをご覧ください。") + "\n" + settings.SITE_URL + url,
                _(
                    "このお知らせは協働ポータルから自動で送信しています。"
                    "受け取りの設定はプロフィールの「通知の設定」で変更できます。"
                ),
            ]
        )
    return Message(recipient, kind, title, body, url, mail_text, message_id)


def opted_out(user_id: int, kind: str) -> bool:
    return ReminderPreference.objects.filter(user_id=user_id, kind=kind, enabled=False).exists()


def send(message: Message) -> None:
    """Hand the mail to the mail server (a person without an address gets the list only)."""
    if message.recipient.email:
        message.email().send()


def post(message: Message, **links) -> Notification:
    """The notice in the recipient's list; once only for a reminder (its one-to-one key)."""
    values = {
        "recipient": message.recipient,
        "kind": message.kind,
        "title": message.title[:200],
        "body": message.body,
        "url": message.url,
    }
    if "reminder" in links:
        return Notification.objects.get_or_create(reminder=links["reminder"], defaults=values)[0]
    return Notification.objects.create(**values, **links)


_quiet = threading.local()


@contextlib.contextmanager
def without_mail():
    """Post event notices but mail none of them (e.g. while seeding demonstration data)."""
    previous = getattr(_quiet, "on", False)
    _quiet.on = True
    try:
        yield
    finally:
        _quiet.on = previous


def notify(
    *,
    kind: str,
    recipients: Iterable,
    url: str,
    words: Words,
    actor=None,
    mail: bool = True,
) -> list[Notification]:
    """Tell each recipient (but the person who acted) that something happened: posted now, mailed
    once the caller's transaction commits. Returns the notices posted.

    ``kind`` must be registered (``kyodo_portal.core.events``); the registry says whether it is
    mandatory, i.e. sent even to those who stopped it."""
    mandatory = events.kind_for(kind).mandatory
    mail = mail and not getattr(_quiet, "on", False)
    posted = []
    seen: set[int] = set()
    for person in recipients:
        if person is None or person.pk in seen or not person.is_active:
            continue
        seen.add(person.pk)
        if actor is not None and person.pk == actor.pk:
            continue
        if not mandatory and opted_out(person.pk, kind):
            continue
        notice = post(compose(recipient=person, kind=kind, url=url, words=words))
        posted.append(notice)
        if mail and person.email:
            transaction.on_commit(lambda pk=notice.pk: mail_notification_task.delay(pk))
    return posted


def notice_message_id(notice: Notification) -> str:
    return f"<notice.{notice.pk}.{int(notice.created_at.timestamp())}@{site_domain()}>"


def mail_notification(*, notification_id: int) -> str:
    """Mail a posted notice once: claim it (``mailed_at``), then send. Returns sent or skipped."""
    claimed = Notification.objects.filter(pk=notification_id, mailed_at__isnull=True).update(
        mailed_at=timezone.now()
    )
    if not claimed:
        return "skipped"
    notice = Notification.objects.select_related("recipient").get(pk=notification_id)
    message = compose(
        recipient=notice.recipient,
        kind=notice.kind,
        url=notice.url,
        words=lambda: (notice.title, notice.body),
        message_id=notice_message_id(notice),
    )
    send(message)
    return "sent"


@shared_task(name="kyodo_portal.mail_notification", acks_late=True, reject_on_worker_lost=True)
def mail_notification_task(notification_id: int) -> str:
    return mail_notification(notification_id=notification_id)
