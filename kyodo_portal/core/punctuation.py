"""Japanese punctuation and its English form, for text the portal puts together from pieces.

A sentence in the catalogue carries its own punctuation. But a page also joins pieces —
「所属：埼玉県 県民生活課（管理職）」, a list of names with 、, a meta line with ・ — and there the
punctuation sits between a label and data, outside any catalogue entry. Written into the template
or code as Japanese characters it would reach English readers as 「Membership：…（Manager）」.

So the pieces are joined with the Japanese mark, named once here, and an English page gets its
English equivalent with the spacing English needs: ``punctuate("（")`` is " (" in English.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import get_language

ENGLISH: dict[str, str] = {
    "：": ": ",
    "（": " (",
    "）": ")",
    "、": ", ",
    "。": ". ",
    "・": " · ",
    "／": " / ",
    "｜": " | ",
    "；": "; ",
    "「": "“",
    "」": "”",
    "『": "“",
    "』": "”",
    "\u3000": " ",
    "〜": "–",
    "～": "–",
}

_TABLE = str.maketrans(ENGLISH)


def is_japanese(language: str | None = None) -> bool:
    return (language or get_language() or "ja").startswith("ja")


def punctuate(marks: str, language: str | None = None) -> str:
    """The Japanese punctuation ``marks`` as the active (or given) language writes them."""
    return marks if is_japanese(language) else marks.translate(_TABLE)


def join_list(items: Iterable[object], language: str | None = None, separator: str = "、") -> str:
    """「A、B、C」 in Japanese (or 「A・B」 with ``separator="・"``), "A, B, C" in English."""
    return (separator if is_japanese(language) else ", ").join(str(item) for item in items)
