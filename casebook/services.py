"""Loading the casebook content into the database.

One function serves both the data migration (which passes its historical models) and the
``load_casebook`` command, so a fresh ``migrate`` and a later re-load produce the same rows.
"""

from __future__ import annotations

from django.db import transaction

from casebook.content.cases import CASES
from projects.choices import Method, Principle, Stage

_TAG_VALUES = {"stage": Stage, "method": Method, "principle": Principle}
_TEXT_FIELDS = ("title", "summary", "story", "problem")
_LIST_FIELDS = ("hints", "questions")


def _defaults(entry: dict) -> dict:
    defaults = {}
    for field in _TEXT_FIELDS:
        for lang in ("ja", "en"):
            defaults[f"{field}_{lang}"] = entry[field][lang]
    for field in _LIST_FIELDS:
        for lang in ("ja", "en"):
            # Stored one item per line: simple to edit in the admin textarea.
            defaults[f"{field}_{lang}"] = "\n".join(entry[field][lang])
    return defaults


def _wanted_tags(entry: dict) -> set[tuple[str, str]]:
    wanted = set()
    for kind, choices in _TAG_VALUES.items():
        for value in entry[f"{kind}s"]:
            if value not in choices.values:
                raise ValueError(f"case {entry['number']}: unknown {kind} {value!r}")
            wanted.add((kind, value))
    return wanted


@transaction.atomic
def casebook_load(*, case_model=None, tag_model=None, cases: list[dict] | None = None) -> int:
    """Create or update every case by number, with its tags and related cases. Idempotent.

    Running it again overwrites the texts with the packaged version: the packaged content is the
    reference, and edits made in the admin are meant for corrections that also go back into it.
    Returns the number of cases loaded.
    """
    if case_model is None or tag_model is None:
        from casebook.models import Case, CaseTag

        case_model, tag_model = Case, CaseTag
    cases = CASES if cases is None else cases

    by_number = {}
    for entry in cases:
        case, _created = case_model.objects.update_or_create(
            number=entry["number"], defaults=_defaults(entry)
        )
        by_number[entry["number"]] = case
        wanted = _wanted_tags(entry)
        existing = set(tag_model.objects.filter(case=case).values_list("kind", "value"))
        for kind, value in existing - wanted:
            tag_model.objects.filter(case=case, kind=kind, value=value).delete()
        tag_model.objects.bulk_create(
            [tag_model(case=case, kind=kind, value=value) for kind, value in wanted - existing]
        )
    # Related cases only once every case exists (they point forwards as well as backwards).
    for entry in cases:
        by_number[entry["number"]].related.set(
            [by_number[n] for n in entry.get("related", []) if n in by_number]
        )
    # Tags are bulk-created (no signal) and a migration's historical models send none either.
    from casebook.selectors import casebook_changed

    transaction.on_commit(casebook_changed)
    return len(cases)
