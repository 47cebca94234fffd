"""Loading the casebook content into the database.

One function serves both the data migration (which passes its historical models) and the
``load_casebook`` command, so a fresh ``migrate`` and a later re-load produce the same rows.
"""

from __future__ import annotations

from django.db import transaction

from casebook.content.cases import CASES
from casebook.models import case_search_columns
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
    # A case without a kind is one of the thirteen failure stories.
    defaults["kind"] = entry.get("kind", "failure")
    # Computed here as well as in Case.save: a migration's historical models have no save().
    defaults.update(case_search_columns(defaults))
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

    # An earlier migration's historical model lacks the later columns (kind, search keys).
    columns = {field.name for field in case_model._meta.get_fields()}
    by_number = {}
    for entry in cases:
        defaults = {key: value for key, value in _defaults(entry).items() if key in columns}
        case, _created = case_model.objects.update_or_create(
            number=entry["number"], defaults=defaults
        )
        by_number[entry["number"]] = case
        wanted = _wanted_tags(entry)
        existing = set(tag_model.objects.filter(case=case).values_list("kind", "value"))
        for kind, value in existing - wanted:
            tag_model.objects.filter(case=case, kind=kind, value=value).delete()
        tag_model.objects.bulk_create(
            [tag_model(case=case, kind=kind, value=value) for kind, value in wanted - existing]
        )
    # Related cases only once every case exists (they point forwards as well as backwards). The
    # link is symmetric, so a case also lists those that name it: setting each case's list to
    # its own entries alone would drop, on a reload, the links the later cases had added.
    related: dict[int, set[int]] = {number: set() for number in by_number}
    for entry in cases:
        for other in entry.get("related", []):
            if other in by_number:
                related[entry["number"]].add(other)
                related[other].add(entry["number"])
    for number, others in related.items():
        by_number[number].related.set([by_number[n] for n in sorted(others)])
    # Tags are bulk-created (no signal) and a migration's historical models send none either.
    from casebook.selectors import casebook_changed

    transaction.on_commit(casebook_changed)
    return len(cases)
