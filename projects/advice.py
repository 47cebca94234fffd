"""Warnings where a plan contradicts the handbook. They advise; they never block a save.

The handbook's first basic idea: never treat an NPO as a subcontractor (下請け) or as free or
cheap labour (「無償」「安上がり」). The portal looks for that wording in the method rationale and
the cost lines, and for a commission (委託) that pays nothing for the NPO's own staff time.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from projects.choices import CostCategory, Method

# Words that describe the NPO as cheap or free labour. Kept short and specific so ordinary
# wording ("費用を抑える工夫") does not trip them.
CHEAP_LABOUR_WORDS = (
    "安上がり",
    "安価",
    "安く",
    "格安",
    "無償",
    "無給",
    "タダ",
    "ただ働き",
    "下請け",
    "下請",
    "手足",
    "人手が安い",
    "コスト削減のため",
)

CHEAP_LABOUR_IN_RATIONALE = _(
    "選択の理由に「%(word)s」とあります。手引は、NPOを下請けや無償・安上がりの労働力として扱わないよう求めています。"
    "NPOの専門性や特性を生かす理由を書き直してください。"
)
CHEAP_LABOUR_IN_COSTS = _(
    "費用分担の「%(item)s」に「%(word)s」とあります。NPOの活動を無償・安上がりと前提にしていないか確認してください。"
)
COMMISSION_WITHOUT_PERSONNEL = _(
    "委託なのに、NPOの人件費が費用分担に計上されていません。手引と多くの自治体の指針は、人件費や間接経費を適正に積算するよう求めています。"
)


def cheap_labour_word(text: str) -> str | None:
    """The first wording in ``text`` that treats the NPO as free or cheap labour, if any."""
    for word in CHEAP_LABOUR_WORDS:
        if word in (text or ""):
            return word
    return None


def plan_warnings(*, method: str, rationale: str = "", cost_lines: Iterable = ()) -> list[str]:
    """Warnings for a method choice and (when drafted) its cost lines.

    ``cost_lines`` are objects or dicts with item, category, amount, borne_by and note.
    """
    warnings: list[str] = []
    if word := cheap_labour_word(rationale):
        warnings.append(str(CHEAP_LABOUR_IN_RATIONALE) % {"word": word})
    lines = [_as_dict(line) for line in cost_lines]
    for line in lines:
        if word := cheap_labour_word(f"{line['item']} {line['note']}"):
            warnings.append(str(CHEAP_LABOUR_IN_COSTS) % {"item": line["item"], "word": word})
    if method == Method.COMMISSION and lines:
        has_personnel = any(
            line["category"] == CostCategory.PERSONNEL and (line["amount"] or 0) > 0
            for line in lines
        )
        if not has_personnel:
            warnings.append(str(COMMISSION_WITHOUT_PERSONNEL))
    return warnings


def _as_dict(line) -> dict:
    if isinstance(line, dict):
        return {
            "item": line.get("item", ""),
            "note": line.get("note", ""),
            "category": line.get("category", ""),
            "amount": line.get("amount") or 0,
        }
    return {
        "item": line.item,
        "note": line.note,
        "category": line.category,
        "amount": line.amount,
    }
