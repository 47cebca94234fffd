"""Who may see the casebook and the guide.

They are public by design: the handbook was written to be shared with NPOs and citizens as well as
staff, and training sessions use the printed cases. The checks still exist, and every view goes
through them, so that restricting a page later is a change in one place.
"""

from __future__ import annotations


def can_view_casebook(user) -> tuple[bool, str]:
    return True, ""


def can_view_guide(user) -> tuple[bool, str]:
    return True, ""


def can_print_case(user, case) -> tuple[bool, str]:
    return can_view_casebook(user)
