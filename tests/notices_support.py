"""What the event-notice tests share (holds no tests)."""

from django.core import mail

from kyodo_portal.core.models import Notification


def told(kind: str) -> set:
    """The people who received a notice of this kind."""
    return {n.recipient for n in Notification.objects.filter(kind=kind).select_related("recipient")}


def mailed_to() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


def assert_told_only(kind: str, people, *, mailed: bool = True) -> None:
    """Exactly these people got the notice, in their list, and (once the change committed) by
    mail."""
    people = set(people)
    assert people, "a test of a notice needs someone to tell"
    assert told(kind) == people
    if mailed:
        assert mailed_to() == {person.email for person in people}
