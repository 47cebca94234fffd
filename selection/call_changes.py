"""What a correction of a published call changed, worded for the reader of the public notice.

Worded when read, from two published snapshots, so each reader sees the change log in their own
language (services write it once with each revision for the record; pages word it anew).
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext

from kyodo_portal.core.dates import display_date, display_datetime, display_yen
from kyodo_portal.core.punctuation import punctuate
from selection.defaults import criterion_text
from selection.models import Call

# The published content of a call: what a correction may change and the change log compares.
CALL_FIELDS = (
    "title",
    "purpose",
    "eligibility",
    "budget_cap",
    "application_deadline",
    "scoring_deadline",
    "announcement_date",
    "method",
    "method_notes",
    "total_points",
    "scale_min",
    "scale_max",
)


def _display(call_field: str, value) -> str:
    if value in (None, ""):
        return "—"
    if call_field in ("application_deadline", "scoring_deadline"):
        return display_datetime(datetime.datetime.fromisoformat(value))
    if call_field == "announcement_date":
        return display_date(datetime.date.fromisoformat(value))
    if call_field == "method":
        return str(Call.Method(value).label)
    if call_field == "budget_cap":
        return display_yen(value)
    return str(value)


def _criterion_text(c: dict) -> str:
    text = gettext("%(name)s（%(weight)s点）") % {
        "name": criterion_text(c["name"]),
        "weight": c["weight"],
    }
    if c["description"]:
        text += punctuate("：") + criterion_text(c["description"])
    return text


def change_log(before: dict, after: dict) -> list[dict]:
    """What a correction changed, in words a reader of the public notice understands."""
    changes = []
    for name in CALL_FIELDS:
        if before.get(name) != after.get(name):
            changes.append(
                {
                    "label": str(Call._meta.get_field(name).verbose_name),
                    "before": _display(name, before.get(name)),
                    "after": _display(name, after.get(name)),
                }
            )
    old, new = before.get("criteria", []), after.get("criteria", [])
    for index in range(max(len(old), len(new))):
        a = old[index] if index < len(old) else None
        b = new[index] if index < len(new) else None
        if a != b:
            changes.append(
                {
                    "label": gettext("評価項目%(number)s") % {"number": index + 1},
                    "before": _criterion_text(a) if a else "—",
                    "after": _criterion_text(b) if b else "—",
                }
            )
    return changes
