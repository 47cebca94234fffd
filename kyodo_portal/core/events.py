"""The kinds of event notice: what happened that the other side must know.

Each app that owns an event registers its kind in its own ``notices.py`` (found at start-up, like
admin.py and reminders.py) and sends it through ``kyodo_portal.core.messenger.notify``. The
registry gives the notification settings page its list (label, whether the kind can be stopped)
and lets the messenger refuse a kind nobody declared.
"""

from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class EventKind:
    kind: str
    label: str  # lazy text: shown in the recipient's language on the settings page
    # Mandatory kinds carry a decision the recipient must act on; they cannot be stopped.
    mandatory: bool = False


_REGISTRY: dict[str, EventKind] = {}


def register(kind: str, label, *, mandatory: bool = False) -> str:
    _REGISTRY[kind] = EventKind(kind, label, mandatory)
    return kind


def kinds() -> dict[str, EventKind]:
    return dict(_REGISTRY)


def kind_for(kind: str) -> EventKind:
    return _REGISTRY[kind]


def autodiscover() -> None:
    autodiscover_modules("notices")
