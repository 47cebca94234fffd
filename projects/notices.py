"""Event notices of the projects app: who is told what, when something happens here.

Each function is called by the service that made the change, inside its transaction; the
messenger posts the notice at once and mails it once the transaction commits.
"""

from kyodo_portal.core import events, messenger  # noqa: F401
