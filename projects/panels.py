"""Panels other apps add to the project page, registered when each app starts (its AppConfig.ready).

The projects app knows nothing of the apps that add a panel: each registers a provider
``provider(user, project) -> dict | None`` whose dict has a "template" key and the data the template
reads. The page shows the panels in the order the apps registered them (INSTALLED_APPS order).
"""

from collections.abc import Callable

Provider = Callable[..., dict | None]

_PROVIDERS: list[Provider] = []


def register(provider: Provider) -> Provider:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def providers() -> list[Provider]:
    return list(_PROVIDERS)
