"""Login throttling: repeated failures lock an account from one address, or a whole address, for a
while (the rules are in kyodo_portal/lockout.py)."""

from axes.backends import AxesStandaloneBackend


class ThrottledLoginBackend(AxesStandaloneBackend):
    """Refuses logins to a locked account from its address, and all logins from a locked address.

    Only logins that come with a request are throttled — every login through the portal's pages
    does. Authentication without a request (management commands, Django's test client login)
    has no address to throttle and is left to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
