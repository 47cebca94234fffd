"""The evaluation sheet (評価シート), kept as data in both languages.

Both sides fill in the same sheet so that their answers can be compared item by item. Each item is
scored 1–5 against the expectation the two sides set before the project (the outcome targets agreed
at planning); a score of 1 or 2 needs a reason. The item and group keys are stored on every answer,
so the dashboard can aggregate per item, per group and per principle in the database.

Changing the wording of an item is safe; changing or removing a key orphans stored answers, so add
new keys instead and keep the old ones in ``RETIRED_ITEMS``.
"""

from dataclasses import dataclass

from django.utils.translation import get_language

from projects.choices import Principle

LOW_SCORE_MAX = 2  # 1 and 2 are below expectation and need a reason
SCORES = (1, 2, 3, 4, 5)
GAP_FOR_DISCUSSION = 2  # items where the two sides differ by this much are discussed first


def _english() -> bool:
    return (get_language() or "ja").startswith("en")


@dataclass(frozen=True)
class Group:
    key: str
    ja: str
    en: str

    @property
    def label(self) -> str:
        return self.en if _english() else self.ja


@dataclass(frozen=True)
class Item:
    key: str
    group: str
    ja: str
    en: str
    hint_ja: str = ""
    hint_en: str = ""
    principle: str = ""

    @property
    def label(self) -> str:
        return self.en if _english() else self.ja

    @property
    def hint(self) -> str:
        return self.hint_en if _english() else self.hint_ja

    @property
    def group_label(self) -> str:
        return GROUPS_BY_KEY[self.group].label


@dataclass(frozen=True)
class ScaleStep:
    score: int
    ja: str
    en: str

    @property
    def label(self) -> str:
        return self.en if _english() else self.ja


SCALE = (
    ScaleStep(5, "期待を大きく上回った", "Far above expectation"),
    ScaleStep(4, "期待を上回った", "Above expectation"),
    ScaleStep(3, "期待どおり", "As expected"),
    ScaleStep(2, "期待を下回った", "Below expectation"),
    ScaleStep(1, "期待を大きく下回った", "Far below expectation"),
)

GROUPS = (
    Group(
        "outcomes",
        "成果（事前に合意した目標に照らして）",
        "Outcomes (against the agreed targets)",
    ),
    Group("principles", "協働の4つの原則", "The four principles of collaboration"),
    Group("allocation", "役割・費用・責任の分担", "Roles, costs and responsibilities"),
    Group("process", "過程とコミュニケーション", "Process and communication"),
    Group("method", "協働という方法の妥当性", "Was collaboration the best method?"),
    Group("continuation", "今後の継続", "Continuation"),
)
GROUPS_BY_KEY = {group.key: group for group in GROUPS}

ITEMS = (
    Item(
        "outcome_targets",
        "outcomes",
        "成果目標・指標の達成度",
        "Achievement of the outcome targets and indicators",
        "事業を始める前に双方で合意した成果目標・指標に照らして評価します。",
        "Judge against the targets and indicators both sides agreed before the project.",
    ),
    Item(
        "beneficiaries",
        "outcomes",
        "対象者（受益者）の満足度・変化",
        "Beneficiaries' satisfaction and change",
        "アンケートや利用状況など、対象者の声や変化をもとに評価します。",
        "Use surveys, usage figures and what beneficiaries said.",
    ),
    Item(
        "progress",
        "outcomes",
        "計画どおりの進捗",
        "Progress according to plan",
    ),
    Item(
        "shared_purpose",
        "principles",
        "事業の目的を双方が明確に共有できていたか",
        "Was the purpose clearly shared by both sides?",
        principle=Principle.SHARED_PURPOSE,
    ),
    Item(
        "autonomy_equality",
        "principles",
        "対等な関係で、互いの自主性・自立性を尊重できたか",
        "Was the relationship equal, respecting each side's autonomy?",
        "下請けや「安上がり」の扱いになっていなかったかも振り返ります。",
        "Consider whether the NPO was treated as a cheap subcontractor.",
        principle=Principle.AUTONOMY_EQUALITY,
    ),
    Item(
        "dialogue_agreement",
        "principles",
        "重要な事項を対話で決め、合意したことを守れたか",
        "Were important matters settled by dialogue, and agreements kept?",
        principle=Principle.DIALOGUE_AGREEMENT,
    ),
    Item(
        "openness",
        "principles",
        "協働の関係と過程を市民に公開できたか",
        "Were the relationship and the process open to citizens?",
        principle=Principle.OPENNESS,
    ),
    Item(
        "roles",
        "allocation",
        "役割分担は明確で、そのとおりに果たされたか",
        "Were roles clear and carried out as agreed?",
    ),
    Item(
        "costs",
        "allocation",
        "費用分担は適切だったか（人件費・間接費、支払時期を含む）",
        "Was the cost split fair (staff and indirect costs, payment timing)?",
    ),
    Item(
        "responsibility",
        "allocation",
        "責任の所在（事故・苦情・個人情報など）は明確だったか",
        "Was responsibility clear (accidents, complaints, personal data)?",
    ),
    Item(
        "communication",
        "process",
        "情報の共有と連絡は十分だったか",
        "Were information sharing and contact sufficient?",
        "担当者の異動があっても引継ぎができていたかも含めます。",
        "Include whether handover worked when staff changed.",
    ),
    Item(
        "problem_solving",
        "process",
        "問題が生じたときに協議して対応できたか",
        "When problems arose, were they resolved together?",
    ),
    Item(
        "synergy",
        "process",
        "単独で行うよりも良い成果（相乗効果）が得られたか",
        "Was the result better than either side could achieve alone?",
    ),
    Item(
        "best_method",
        "method",
        "協働で行うことが最適な方法だったか",
        "Was collaboration the best way to do this?",
        "行政単独・NPO単独で行う方がよかった点がないかも振り返ります。",
        "Consider whether the government or the NPO alone would have done better.",
    ),
    Item(
        "method_fit",
        "method",
        "選んだ協働方法（委託・共催・補助など）は適切だったか",
        "Was the chosen method (commission, co-hosting, subsidy …) right?",
    ),
    Item(
        "continuation",
        "continuation",
        "この協働を継続・発展させるべきか",
        "Should this collaboration continue or grow?",
        "惰性での継続や既得権化になっていないかも含めて評価します。",
        "Consider whether it continues only out of habit or has become an entitlement.",
    ),
)
ITEMS_BY_KEY = {item.key: item for item in ITEMS}
ITEM_KEYS = tuple(item.key for item in ITEMS)
# Keys no longer asked but still present in stored answers (kept readable).
RETIRED_ITEMS: dict[str, Item] = {}

PRINCIPLE_ITEMS = {item.principle: item for item in ITEMS if item.principle}


def item(key: str) -> Item:
    return ITEMS_BY_KEY.get(key) or RETIRED_ITEMS[key]


def items_by_group() -> list[tuple[Group, list[Item]]]:
    return [(group, [i for i in ITEMS if i.group == group.key]) for group in GROUPS]


def is_low(score: int | None) -> bool:
    return score is not None and score <= LOW_SCORE_MAX
