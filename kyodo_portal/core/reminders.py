"""The kinds of reminder and how each finds what is due.

Each app that owns a condition worth a reminder registers a ``ReminderSpec`` in its own
``reminders.py`` (found at start-up, like admin.py). A spec finds every due reminder of its kind
with set-based queries, says whether one is still due just before sending (the condition may have
been resolved meanwhile), and words the message.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class DueReminder:
    recipient_id: int
    subject_type_id: int
    subject_id: int
    due_date: datetime.date
    url: str


BEFORE = "before"
AFTER = "after"


@dataclass(frozen=True)
class ReminderSpec:
    kind: str
    default_lead_days: int
    # (today, lead_days, body_ids=None) -> every reminder of this kind due today or earlier and
    # not yet resolved; with ``body_ids``, only for subjects of those bodies (the sweep asks once
    # per group of bodies sharing the same settings).
    find_due: Callable[..., Iterable[DueReminder]]
    # (reminder) -> False when the condition was resolved after the sweep found it
    still_due: Callable[[object], bool]
    # (reminder) -> (subject line, body); called with the recipient's language active
    message: Callable[[object], tuple[str, str]]
    # The lookup from the subject to its government body's id: the body whose settings apply.
    body_path: str = "owner_office__body_id"
    # What ``lead_days`` counts from (lazy text, e.g. 「採点期限」), and whether the reminder goes
    # out that many days BEFORE it (a deadline ahead) or AFTER it (a wait that has gone on too
    # long): the settings form says which, so a manager does not guess the direction.
    anchor: str = ""
    timing: str = BEFORE
    # The roles (kyodo_portal.core.roles.Role) of the people this kind is sent to: the
    # notification settings page offers a person only the kinds that can reach them.
    roles: frozenset[str] = frozenset()

    def body_id_of(self, reminder) -> int | None:
        """The body whose settings apply to ``reminder`` (one query)."""
        model = reminder.subject_type.model_class()
        return (
            model.objects.filter(pk=reminder.subject_id)
            .values_list(self.body_path, flat=True)
            .first()
        )


_REGISTRY: dict[str, ReminderSpec] = {}


def register(spec: ReminderSpec) -> ReminderSpec:
    _REGISTRY[spec.kind] = spec
    return spec


def specs() -> dict[str, ReminderSpec]:
    return dict(_REGISTRY)


def spec_for(kind: str) -> ReminderSpec:
    return _REGISTRY[kind]


def due_reminders(
    model, pairs: Iterable[tuple[int, int]], *, due_date: Callable, url: Callable
) -> list[DueReminder]:
    """One reminder per (recipient, subject id) pair, of a subject of ``model``; ``due_date`` and
    ``url`` take the subject id."""
    from django.contrib.contenttypes.models import ContentType

    subject_type = ContentType.objects.get_for_model(model).pk
    return [
        DueReminder(
            recipient_id=recipient,
            subject_type_id=subject_type,
            subject_id=subject,
            due_date=due_date(subject),
            url=url(subject),
        )
        for recipient, subject in pairs
    ]


def autodiscover() -> None:
    autodiscover_modules("reminders")
