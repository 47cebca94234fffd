"""Login throttling: repeated failures lock the account name and the address for a while."""

from axes.backends import AxesStandaloneBackend


class ThrottledLoginBackend(AxesStandaloneBackend):
    """Refuses logins from a locked account or address.

    Only logins that come with a request are throttled — every login through the portal's pages
    does. Authentication without a request (management commands, Django's test client login)
    has no address to throttle and is left to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
