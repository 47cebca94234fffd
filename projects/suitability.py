# ruff: noqa: E501
"""The suitability check (協働がふさわしい事業か): the three viewpoints as data, and the
recommendation computed from the answers.

The questions are data rather than gettext strings so that the Japanese and English of one question
are kept together and the answers stored against a stable key survive rewording. The
recommendation is a pure function of the answers; it also says which answers led to it and lists
every answer that argues against collaboration, so the screen can show the reasoning and staff who
choose otherwise must say why. Each question names the answer that argues against collaboration
(``against``). The Japanese sentences
are kept whole on one line each (hence the E501 exemption) so a translator can read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import get_language

from projects.choices import SuitabilityOutcome

YES, NO, UNSURE = "yes", "no", "unsure"
ANSWER_LABELS = {
    YES: {"ja": "はい", "en": "Yes"},
    NO: {"ja": "いいえ", "en": "No"},
    UNSURE: {"ja": "わからない", "en": "Not sure"},
}
ANSWERS = (YES, NO, UNSURE)


def _lang(language: str | None = None) -> str:
    code = language if language is not None else (get_language() or "ja")
    return "en" if code.lower().startswith("en") else "ja"


VIEWPOINTS: list[dict] = [
    {
        "key": "issue",
        "title": {"ja": "視点1 課題と実施主体", "en": "Viewpoint 1: the issue and who should act"},
        "questions": [
            {
                "key": "collaboration_needed",
                "against": NO,
                "ja": "この課題を解決するために、行政とNPOが協働する必要がありますか。",
                "en": "Does solving this issue need the government and an NPO to work together?",
            },
            {
                "key": "government_responsibility",
                "against": YES,
                "ja": "許認可や公権力の行使など、行政が自らの責任で単独で行うべき事業ですか。",
                "en": "Is this something the government must do alone on its own responsibility "
                "(licensing, use of public authority and the like)?",
            },
            {
                "key": "npo_own_activity",
                "against": YES,
                "ja": "NPOが自らの判断で自主的に行うのがふさわしい活動ですか（行政は側面から支援する）。",
                "en": "Is this an activity the NPO should carry out on its own initiative, with the "
                "government only supporting it?",
            },
        ],
    },
    {
        "key": "characteristics",
        "title": {
            "ja": "視点2 NPOと行政の特性",
            "en": "Viewpoint 2: the characteristics of NPOs and government",
        },
        "questions": [
            {
                "key": "synergy",
                "against": NO,
                "ja": "双方の特性を組み合わせることで、どちらか単独で行うより効果的で質の高いサービスになりますか。",
                "en": "Will combining both sides' characteristics give a more effective, "
                "higher-quality service than either could alone?",
            },
            {
                "key": "npo_strengths",
                "against": NO,
                "ja": "きめ細かさ、先駆性、柔軟さ、現場の専門性といったNPOの特性を生かせる事業ですか。",
                "en": "Does the work use the NPO's strengths: attention to individuals, pioneering "
                "ideas, flexibility, field expertise?",
            },
        ],
    },
    {
        "key": "equality",
        "title": {"ja": "視点3 対等な関係", "en": "Viewpoint 3: an equal relationship"},
        "questions": [
            {
                "key": "cost_saving",
                "against": YES,
                "ja": "経費の削減（コスト削減）が、協働する主な目的になっていませんか。",
                "en": "Is saving costs the main reason for working with an NPO?",
            },
            {
                "key": "equal_partner",
                "against": NO,
                "ja": "NPOを下請けや安価な労働力としてではなく、対等なパートナーとして位置付けられますか。",
                "en": "Can the NPO be treated as an equal partner rather than as a subcontractor or "
                "cheap labour?",
            },
            {
                "key": "npo_voice",
                "against": NO,
                "ja": "企画・実施・評価の各段階で、NPOが意見を述べ、決定に加わることができますか。",
                "en": "Can the NPO voice its views and share in decisions at the planning, "
                "implementation and evaluation stages?",
            },
            {
                "key": "autonomy",
                "against": NO,
                "ja": "NPOの自主性（独自の判断や、事業以外の活動）を尊重できますか。",
                "en": "Can the NPO's autonomy (its own judgement and its other activities) be "
                "respected?",
            },
        ],
    },
]

QUESTIONS: dict[str, dict] = {
    question["key"]: {**question, "viewpoint": viewpoint["key"]}
    for viewpoint in VIEWPOINTS
    for question in viewpoint["questions"]
}
QUESTION_KEYS: list[str] = list(QUESTIONS)

# Why each rule recommends what it does, in both languages (shown under the recommendation).
EXPLANATIONS = {
    "government_alone": {
        "ja": "行政が自らの責任で単独で行うべき事業とされたため、協働では実施しません（行政が単独で実施します）。",
        "en": "The government must do this on its own responsibility: not as a collaboration "
        "(the government acts alone).",
    },
    "npo_alone": {
        "ja": "NPOが自主的に行うのがふさわしい活動とされたため、協働事業とはせず、行政は次のような形でNPOの自主的な活動を支援します。",
        "en": "This suits the NPO's own initiative: not a collaboration project; the government "
        "supports the NPO's own activity in ways such as these.",
    },
    "not_needed": {
        "ja": "課題の解決に協働が必要とはいえないため、事業そのものを見直します。",
        "en": "Collaboration is not needed to solve the issue, so the project is reconsidered.",
    },
    "cost_saving": {
        "ja": "コスト削減が主な目的とされたため、協働ではなく事業の目的と進め方を見直します。NPOを安上がりな担い手として扱うことは協働ではありません。",
        "en": "Saving costs is the main aim, so the purpose and way of working are reconsidered: "
        "treating an NPO as cheap labour is not collaboration.",
    },
    "no_added_value": {
        "ja": "協働による相乗効果やNPOの特性を生かす余地が見込めないため、事業の組み立てを見直します。",
        "en": "Collaboration would add no value or not use the NPO's strengths, so the design is "
        "reconsidered.",
    },
    "not_equal": {
        "ja": "対等な関係が確保できない見込みのため、役割や進め方を見直してから協働を検討します。",
        "en": "An equal relationship cannot be assured yet: revise roles and ways of working first.",
    },
    "unsure": {
        "ja": "判断がついていない設問があるため、NPOや市民の意見を聴くなどして検討を続けます。",
        "en": "Some questions are still open: hear NPOs' and citizens' views and keep considering.",
    },
    "collaborate": {
        "ja": "協働の必要性、特性を生かした相乗効果、対等な関係のいずれも見込めるため、協働で実施します。",
        "en": "Collaboration is needed, adds value through both sides' strengths, and the "
        "relationship can be equal: collaborate.",
    },
}


# How the government supports an NPO's own activity when the NPO acts alone (shown with that
# outcome): support, not a collaboration project run together.
NPO_SUPPORT_FORMS = [
    {
        "key": "subsidy",
        "ja": "補助・助成：団体の自主的な事業に、経費の一部を補助金・助成金として支援する。",
        "en": "Subsidy or grant: part of the cost of the NPO's own project is funded.",
    },
    {
        "key": "patronage",
        "ja": "後援：行政の名義や、ロゴマークの使用を認め、事業の信頼性と周知を後押しする。",
        "en": "Patronage (後援): the NPO may use the government's name and logo for its event.",
    },
    {
        "key": "information",
        "ja": "情報提供：行政の持つ情報を提供し、広報紙やウェブサイトで団体の活動を紹介する。",
        "en": "Information: the government shares what it knows and publicises the activity in "
        "its newsletters and website.",
    },
    {
        "key": "venue",
        "ja": "場の提供：公共施設の会議室や活動の場所を使えるようにする。",
        "en": "A place: meeting rooms and other public facilities are made available.",
    },
    {
        "key": "equipment",
        "ja": "物品の貸出し：行政が保有する機材・物品を貸し出す。",
        "en": "Equipment: the government lends equipment and supplies it owns.",
    },
    {
        "key": "advice",
        "ja": "相談・つなぎ：活動上の相談に応じ、関係機関や他の団体との橋渡しをする。",
        "en": "Advice and introductions: questions are answered and the NPO is put in touch with "
        "other bodies and groups.",
    },
]


def npo_support_forms(language: str | None = None) -> list[str]:
    return [form[_lang(language)] for form in NPO_SUPPORT_FORMS]


def against_collaboration(answers: dict[str, str]) -> list[str]:
    """Every answered question whose answer argues against collaboration, in question order."""
    return [key for key in QUESTION_KEYS if answers.get(key) == QUESTIONS[key]["against"]]


@dataclass(frozen=True)
class Recommendation:
    """What the answers point to, and the answers that led there."""

    outcome: str
    rule: str
    because: list[str] = field(default_factory=list)  # question keys
    # Every answer that argues against collaboration (question keys), the deciding ones included.
    against: list[str] = field(default_factory=list)

    def explanation(self, language: str | None = None) -> str:
        return EXPLANATIONS[self.rule][_lang(language)]

    @property
    def outcome_label(self) -> str:
        return str(SuitabilityOutcome(self.outcome).label)


def is_complete(answers: dict[str, str]) -> bool:
    return all(answers.get(key) in ANSWERS for key in QUESTION_KEYS)


def unanswered(answers: dict[str, str]) -> list[str]:
    return [key for key in QUESTION_KEYS if answers.get(key) not in ANSWERS]


def recommend(answers: dict[str, str]) -> Recommendation | None:
    """The recommended outcome for a complete set of answers; None while any is missing.

    The rules run in the handbook's order: first who should act at all (viewpoint 1), then
    whether collaboration adds value (viewpoint 2), then whether the relationship can be equal
    (viewpoint 3), where cost saving as the main aim comes first. An open ("not sure") answer
    keeps the project under consideration. Whatever decides, ``against`` lists every answer that
    argues against collaboration, not only the deciding one.
    """
    if not is_complete(answers):
        return None
    against = against_collaboration(answers)

    def keys(*names: str, value: str) -> list[str]:
        return [name for name in names if answers[name] == value]

    def outcome(result: str, rule: str, because: list[str]) -> Recommendation:
        return Recommendation(result, rule, because, against)

    if answers["government_responsibility"] == YES:
        return outcome(
            SuitabilityOutcome.GOVERNMENT_ALONE, "government_alone", ["government_responsibility"]
        )
    if answers["npo_own_activity"] == YES:
        return outcome(SuitabilityOutcome.NPO_ALONE, "npo_alone", ["npo_own_activity"])
    if answers["collaboration_needed"] == NO:
        return outcome(SuitabilityOutcome.RECONSIDER, "not_needed", ["collaboration_needed"])
    if because := keys("synergy", "npo_strengths", value=NO):
        return outcome(SuitabilityOutcome.RECONSIDER, "no_added_value", because)
    if answers["cost_saving"] == YES:
        return outcome(SuitabilityOutcome.RECONSIDER, "cost_saving", ["cost_saving"])
    if because := keys("equal_partner", "npo_voice", "autonomy", value=NO):
        return outcome(SuitabilityOutcome.RECONSIDER, "not_equal", because)
    if because := [key for key in QUESTION_KEYS if answers[key] == UNSURE]:
        return outcome(SuitabilityOutcome.RECONSIDER, "unsure", because)
    return Recommendation(
        SuitabilityOutcome.COLLABORATE,
        "collaborate",
        keys(
            "collaboration_needed",
            "synergy",
            "npo_strengths",
            "equal_partner",
            "npo_voice",
            "autonomy",
            value=YES,
        ),
    )


def question_text(key: str, language: str | None = None) -> str:
    return QUESTIONS[key][_lang(language)]


def answer_label(value: str, language: str | None = None) -> str:
    return ANSWER_LABELS[value][_lang(language)] if value in ANSWER_LABELS else ""


def viewpoint_title(viewpoint: dict, language: str | None = None) -> str:
    return viewpoint["title"][_lang(language)]
