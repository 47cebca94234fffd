"""The scoring criteria a new call starts with, and how they read in the reader's language.

A call's criteria are the office's own text once saved, in the language it was written in. But
most offices keep the typical set the portal offers (DOMAIN_FACTS: 5–10 criteria with points), and
those are the portal's words, not the office's: an English reader should see them in English. So a
saved criterion whose text is still exactly one of the defaults is shown through the catalogue;
anything the office wrote or changed is shown as written.
"""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop

DEFAULT_CRITERIA = [
    (gettext_noop("公益性"), gettext_noop("地域の課題の解決や公共の利益につながるか"), 20),
    (gettext_noop("実現性"), gettext_noop("計画・体制・経費が具体的で、確実に実施できるか"), 25),
    (gettext_noop("独自性・先駆性"), gettext_noop("NPOならではの発想や工夫があるか"), 15),
    (
        gettext_noop("協働による相乗効果"),
        gettext_noop("行政と協働することで、単独より高い効果が期待できるか"),
        25,
    ),
    (gettext_noop("継続性・発展性"), gettext_noop("事業終了後も活動の継続・発展が見込めるか"), 15),
]

_DEFAULT_TEXTS = frozenset(
    text for name, description, _weight in DEFAULT_CRITERIA for text in (name, description)
)


def default_criteria() -> list[dict]:
    """The initial rows of a new call's criteria, in the language of the person creating it."""
    return [
        {"name": gettext(name), "description": gettext(description), "weight": weight}
        for name, description, weight in DEFAULT_CRITERIA
    ]


def criterion_text(text: str) -> str:
    """A criterion's name or description as the reader reads it: the portal's default text in
    the active language, the office's own text as written."""
    return gettext(text) if text in _DEFAULT_TEXTS else text
