"""Search keys for Japanese text: one form for the many ways people write the same word.

Officials and NPOs write 引継ぎ, 引き継ぎ and 引継 for the same thing, ＮＰＯ or NPO, ボランティア
or ぼらんてぃあ. A substring search over the text as written misses most of these. ``search_key``
maps a text to a key in which such variants coincide; a search stores the key of each record in a
column and matches the key of the query against it, so the database still does one plain
substring match (indexable by trigrams on PostgreSQL, and working on SQLite too).

The key is never shown; it only has to be the same for both sides. Steps, in order:

1. NFKC: full-width letters and digits become half-width, half-width kana full-width.
2. Lower case.
3. Katakana becomes hiragana (ヒダマリ → ひだまり), so a reading typed either way matches.
4. Spaces and the middle dot (・) go: 「NPO・市民活動」 and 「NPO 市民活動」 are one key.
5. Okurigana: first a table of words common in administrative writing, each reduced to one form
   (引き継ぎ・引継ぎ・引継 → 引継) – the "table key"; then a general rule for the rest (see
   ``_GENERIC_RE``) – the "generic key".

The general rule guesses, so a record stores both keys and a query term is looked up by both
(``search_q``): written as in the text, a term is always found; the generic key adds the other
okurigana of the same word, and is skipped for terms it would cut to a single character.

Measured on the casebook's Japanese text (17 cases): the general rule drops 100 kana at 91
places. About 60 are okurigana inside one word (受け止め, 書き出し, 持ち寄る, 聞き取り), the
matches it is for. About 40 end a verb or adjective before the next word (同じ条件 → 同条件,
高く評価 → 高評価); they only match a query typed as that contraction, which means the same.
Without the single-character limit, 「高い」 or 「見る」 would shrink to one kanji and match
almost every case; with it they match only where they are written.

Stored keys are computed when a record is saved. A change to the rules here therefore needs a
data migration that recomputes the stored columns (as casebook 0004 and partners 0011 do), or
old records keep keys the new queries no longer produce.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from django.db.models import Q

# Words whose okurigana is written in several ways in administrative documents. In each pattern a
# group in parentheses is okurigana that may be written or left out (alternatives separated by
# "|"); the key is the word with every group left out. Verbs list their dictionary form as an
# alternative so 「引き継ぐ」 finds 「引継ぎ」.
_OKURIGANA_PATTERNS = (
    "引(き)継(ぎ|ぐ)",
    "申(し)込(み|む)",
    "取(り)組(み|む)",
    "打(ち)合(わ)せ",
    "受(け)付(け|ける)",
    "問(い)合(わ)せ",
    "手続(き)",
    "取(り)扱(い|う)",
    "届(け)出",
    "見積(もり|り|もる)",
    "振(り)返(り|る)",
    "話(し)合(い|う)",
    "立(ち)上(げ|げる)",
    "締(め)切(り)",
    "貸(し)出(し)",
    "売(り)上(げ)",
    "取(り)消(し)",
    "取(り)決(め)",
    "繰(り)越(し)",
    "払(い)戻(し)",
    "支払(い|う)",
    "申(し)出",
    "割(り)当(て)",
    "受(け)入(れ)",
    "組(み)合(わ)せ",
    "書(き)換(え)",
    "読(み)替(え)",
    "差(し)引(き)",
    "見直(し)",
    "行(な)う",
)

# Variants the pattern notation cannot express: a word also written with kana in place of a kanji.
_EXTRA_VARIANTS = {
    "位置付": ("位置づけ", "位置付け", "位置づける", "位置付ける"),
    "子供": ("子ども",),
}


def _expand(pattern: str) -> tuple[str, list[str]]:
    """("引(き)継(ぎ|ぐ)") -> ("引継", ["引き継ぎ", "引き継ぐ", "引き継", "引継ぎ", ...])."""
    pieces = re.split(r"\(([^)]*)\)", pattern)
    # pieces alternate: fixed text, optional group, fixed text, ...
    options = []
    for index, piece in enumerate(pieces):
        options.append([piece] if index % 2 == 0 else ["", *piece.split("|")])
    variants = ["".join(choice) for choice in itertools.product(*options)]
    canonical = "".join(pieces[::2])
    return canonical, [variant for variant in variants if variant != canonical]


def _variant_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for pattern in _OKURIGANA_PATTERNS:
        canonical, variants = _expand(pattern)
        for variant in variants:
            table[variant] = canonical
    for canonical, variants in _EXTRA_VARIANTS.items():
        for variant in variants:
            table[variant] = canonical
    return table


VARIANTS = _variant_table()
# Longest first, so 「引き継ぎ」 is replaced whole rather than as 「引き継」 plus a stray 「ぎ」.
_VARIANT_RE = re.compile("|".join(re.escape(v) for v in sorted(VARIANTS, key=len, reverse=True)))

# The general rule: one hiragana right after a kanji, and followed by a kanji or the end of
# the text, is taken for okurigana and dropped (聞き取り → 聞取, 見守り活動 → 見守活動).
# Dropping it at the end too keeps query and text alike: the query 「見守り」 becomes 「見守」,
# still inside 「見守活動」. Only kana that end verb and adjective stems count; particles
# (の, が, を, に, へ, と, で, や, は, も, か) never do, so 「市の事業」 and 「市と県」 keep
# their meaning in the key. Two or more kana in a row are left alone (子ども会, 取り組みの),
# as are kana after kana.
_OKURIGANA_KANA = "いうきくぎぐけげしじすずせぜちつてびべみむめりるれろわえ"
_KANJI = r"[\u3005\u4e00-\u9fff\uf900-\ufaff]"  # 々 and the CJK ideographs
_GENERIC_RE = re.compile(rf"(?<={_KANJI})[{_OKURIGANA_KANA}](?={_KANJI}|$)")

_REMOVED = re.compile(r"[\s・･]+")


def _katakana_to_hiragana(text: str) -> str:
    # ァ (U+30A1) … ヶ (U+30F6) sit exactly 0x60 above their hiragana; ー and ヽヾ stay as they are.
    return "".join(chr(ord(ch) - 0x60) if "\u30a1" <= ch <= "\u30f6" else ch for ch in text)


def _table_key(text: str) -> str:
    """Steps 1–5 but the general okurigana rule: what is written, only spelt one way."""
    if not text:
        return ""
    key = unicodedata.normalize("NFKC", text).lower()
    key = _katakana_to_hiragana(key)
    key = _REMOVED.sub("", key)
    return _VARIANT_RE.sub(lambda match: VARIANTS[match.group(0)], key)


def search_key(text: str) -> str:
    """The normalised form of ``text`` used on both sides of a search (see the module notes)."""
    return _GENERIC_RE.sub("", _table_key(text))


# A query term whose key, after the general rule, is shorter than this is searched by its table
# key only: 「高い」 would otherwise become 「高」 and find every 高齢者 (see ``search_q``).
MIN_GENERIC_KEY = 2


def search_terms(query: str) -> list[tuple[str, str]]:
    """For each space-separated term of a query (full-width spaces too): its table key and, if
    it differs and is long enough, its key after the general okurigana rule ("" otherwise).
    Empty terms are dropped; a search requires every term."""
    terms = []
    for term in unicodedata.normalize("NFKC", query or "").split():
        table = _table_key(term)
        if not table:
            continue
        generic = _GENERIC_RE.sub("", table)
        terms.append(
            (table, generic if generic != table and len(generic) >= MIN_GENERIC_KEY else "")
        )
    return terms


def search_q(field: str, query: str) -> Q:
    """The condition on a stored search column (see ``search_text``) for every term of ``query``.

    Each term matches its table key, or its generic key where it has one. Both forms are stored
    in the column, so a term is found wherever it occurs as written (up to notation), and a
    verb or adjective also with its okurigana dropped (見守り → 見守, finding 見守る活動). Keys are
    lower case already, so a plain ``contains`` does; on PostgreSQL a trigram index serves it.
    """
    condition = Q()
    for table, generic in search_terms(query):
        term = Q(**{f"{field}__contains": table})
        if generic:
            term |= Q(**{f"{field}__contains": generic})
        condition &= term
    return condition


# Separates the keys of a record's fields in its stored column: a character no key contains (keys
# have no whitespace), so a term never matches across two fields.
FIELD_SEPARATOR = "\n"


def search_text(*texts: str) -> str:
    """The stored search column for a record: for each searchable text its table key and, where
    the general okurigana rule changes it, its generic key too."""
    keys = []
    for text in texts:
        table = _table_key(text)
        if table:
            keys.append(table)
            generic = _GENERIC_RE.sub("", table)
            if generic != table:
                keys.append(generic)
    return FIELD_SEPARATOR.join(keys)
