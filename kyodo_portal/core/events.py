"""The kinds of event notice: what happened that the other side must know.

Each app that owns an event registers its kind in its own ``notices.py`` (found at start-up, like
admin.py and reminders.py) and sends it through ``kyodo_portal.core.messenger.notify``. The
registry gives the notification settings page its list (label, whether the kind can be stopped)
and lets the messenger refuse a kind nobody declared.
"""

import sys
from dataclasses import dataclass

from django.apps import apps
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class EventKind:
    kind: str
    label: str  # lazy text: shown in the recipient's language on the settings page
    # Mandatory kinds carry a decision the recipient must act on; they cannot be stopped.
    mandatory: bool = False
    app: str = ""  # the label of the app that registered it: the settings page groups by it
    # The roles (kyodo_portal.core.roles.Role) of the people this kind is sent to: the settings
    # page offers a person only the kinds that can reach them.
    roles: frozenset[str] = frozenset()


_REGISTRY: dict[str, EventKind] = {}


class UnknownKind(LookupError):
    """A notice of a kind nobody registered: a programming error, refused before anything is
    posted."""


def _calling_app() -> str:
    module = sys._getframe(2).f_globals.get("__name__", "")
    config = apps.get_containing_app_config(module) if apps.apps_ready else None
    return config.label if config else module.split(".", 1)[0]


def register(kind: str, label, *, roles, mandatory: bool = False) -> str:
    _REGISTRY[kind] = EventKind(kind, label, mandatory, _calling_app(), frozenset(roles))
    return kind


def kinds() -> dict[str, EventKind]:
    return dict(_REGISTRY)


def kind_for(kind: str) -> EventKind:
    try:
        return _REGISTRY[kind]
    except KeyError:
        raise UnknownKind(f"no event kind {kind!r} is registered (see notices.py)") from None


def autodiscover() -> None:
    autodiscover_modules("notices")
