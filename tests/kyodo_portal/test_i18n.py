"""Every string has an English translation, and the compiled catalogue is current."""

from pathlib import Path

from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
EN_PO = ROOT / "locale/en/LC_MESSAGES/django.po"


def po_entries(path: Path):
    """msgctxt, msgid, msgstr and flags of each live entry in a .po file."""
    entries, current, field = [], None, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("#,"):
            current = current or {"flags": ""}
            current["flags"] = line
        elif line.startswith(("msgctxt ", "msgid ", "msgid_plural ", "msgstr ", "msgstr[0] ")):
            key, _, value = line.partition(" ")
            current = current or {"flags": ""}
            field = key.replace("[0]", "")
            current[field] = eval(value)  # a C-style quoted string; the file is ours
        elif line.startswith('"') and current is not None and field:
            current[field] += eval(line)
        elif not line.strip() and current is not None:
            if current.get("msgid"):
                entries.append(current)
            current, field = None, None
    return entries


def test_english_catalogue_is_complete():
    missing = [
        e["msgid"] for e in po_entries(EN_PO) if not e.get("msgstr") or "fuzzy" in e["flags"]
    ]
    assert missing == []


def test_compiled_english_catalogue_matches_the_source():
    stale = []
    with translation.override("en"):
        for entry in po_entries(EN_PO):
            if "msgid_plural" in entry:
                continue
            if "msgctxt" in entry:
                shown = translation.pgettext(entry["msgctxt"], entry["msgid"])
            else:
                shown = translation.gettext(entry["msgid"])
            if shown != entry["msgstr"]:
                stale.append(entry["msgid"])
    assert stale == [], "run ./scripts/i18n to recompile the catalogues"
