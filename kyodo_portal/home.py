"""What the home page shows each role, gathered from the apps that own the data.

Each app may define ``home_context(user, roles) -> dict`` in its selectors module; the home page
template shows one section per role the person holds and reads the keys it needs.
"""

from importlib import import_module

from partners.selectors import memberships_of, roles_of

HOME_PROVIDERS = ("projects", "selection", "evaluation", "casebook")


def _providers(function_name: str):
    for app in HOME_PROVIDERS:
        provider = getattr(import_module(f"{app}.selectors"), function_name, None)
        if provider is not None:
            yield provider


def collect(user) -> dict:
    roles = roles_of(user)
    context = {"roles": roles, "memberships": memberships_of(user)}
    for provider in _providers("home_context"):
        context.update(provider(user, roles))
    return context


def public_context(body=None) -> dict:
    """The landing page's published information, of one government body when given."""
    context: dict = {}
    for provider in _providers("public_home_context"):
        context.update(provider(body=body))
    return context
