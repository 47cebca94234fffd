"""The handbook's vocabulary shared across the apps: stages, methods, principles."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """The stages a collaboration project passes through (HANDBOOK.md, Part 3)."""

    DRAFT = "draft", _("構想")
    SUITABILITY = "suitability", _("適否検討")
    METHOD = "method", _("方法選択")
    PARTNER_SELECTION = "partner_selection", _("相手選定")
    AGREEMENT = "agreement", _("分担合意")
    IMPLEMENTATION = "implementation", _("実施")
    EVALUATION = "evaluation", _("評価")
    CLOSED = "closed", _("完了")
    ENDED = "ended", _("見送り")


# The main line, in order; ENDED is the early exit from suitability.
STAGE_ORDER = [
    Stage.DRAFT,
    Stage.SUITABILITY,
    Stage.METHOD,
    Stage.PARTNER_SELECTION,
    Stage.AGREEMENT,
    Stage.IMPLEMENTATION,
    Stage.EVALUATION,
    Stage.CLOSED,
]


class Method(models.TextChoices):
    """The six collaboration methods (協働方法)."""

    PLANNING_PARTICIPATION = "planning_participation", _("政策立案・事業企画等への参画")
    INFORMATION_EXCHANGE = "information_exchange", _("情報交換、意見交換等")
    COMMISSION = "commission", _("委託")
    CO_HOSTING = "co_hosting", _("事業共催")
    COOPERATION = "cooperation", _("事業協力")
    SUBSIDY = "subsidy", _("補助")


class Principle(models.TextChoices):
    """The four principles that make a relationship collaboration (協働と位置付ける考え方)."""

    SHARED_PURPOSE = "shared_purpose", _("明確な目的の共有")
    AUTONOMY_EQUALITY = "autonomy_equality", _("関係の自立性・対等性")
    DIALOGUE_AGREEMENT = "dialogue_agreement", _("対話と合意の重視")
    OPENNESS = "openness", _("関係と過程の公開")


class SuitabilityOutcome(models.TextChoices):
    """Where the suitability check leads (協働がふさわしい事業か)."""

    COLLABORATE = "collaborate", _("協働で実施する")
    GOVERNMENT_ALONE = "government_alone", _("行政が単独で実施する")
    NPO_ALONE = "npo_alone", _("NPOが自主的に実施する（活動を支援）")
    RECONSIDER = "reconsider", _("事業を見直す")


class Origin(models.TextChoices):
    GOVERNMENT = "government", _("行政からの発案")
    NPO_PROPOSAL = "npo_proposal", _("NPOからの協働提案")


class Side(models.TextChoices):
    """Who does a task, bears a cost or holds a responsibility in the agreement."""

    GOVERNMENT = "government", _("行政")
    NPO = "npo", _("NPO")
    JOINT = "joint", _("双方")


class ConfirmingSide(models.TextChoices):
    """The two parties that confirm an agreement version (対話と合意)."""

    GOVERNMENT = "government", _("行政（担当課）")
    NPO = "npo", _("NPO")


class CostCategory(models.TextChoices):
    PERSONNEL = "personnel", _("人件費")
    ACTIVITY = "activity", _("事業費（謝金・会場費・印刷費など）")
    OVERHEAD = "overhead", _("一般管理費・間接経費")
    OTHER = "other", _("その他")


class ResponsibilityTopic(models.TextChoices):
    """What an agreement must settle at least (DOMAIN_FACTS.md: collaboration agreements)."""

    ACCIDENTS_INSURANCE = "accidents_insurance", _("事故への対応と保険")
    PERSONAL_INFORMATION = "personal_information", _("個人情報の取扱い")
    OWNERSHIP_COPYRIGHT = "ownership_copyright", _("成果物の帰属と著作権")
    PUBLICITY_CREDIT = "publicity_credit", _("広報とクレジット表記")
    COMPLAINTS = "complaints", _("苦情への対応")
    INFORMATION_DISCLOSURE = "information_disclosure", _("情報公開")
    CHANGE_TERMINATION = "change_termination", _("協定の変更と終了")
    OTHER = "other", _("その他")


REQUIRED_RESPONSIBILITY_TOPICS = [t for t in ResponsibilityTopic if t != ResponsibilityTopic.OTHER]


class AgreementArticle(models.TextChoices):
    """The parts of an agreement a comment or a change request is about."""

    ROLES = "roles", _("役割分担")
    COSTS = "costs", _("費用分担")
    RESPONSIBILITIES = "responsibilities", _("責任分担")
    PAYMENT = "payment", _("支払条件")
    OTHER = "other", _("その他")


class PaymentMethod(models.TextChoices):
    """How the office pays the NPO its share (the forms of payment public accounting allows)."""

    ADVANCE = "advance", _("前金払")
    ESTIMATED = "estimated", _("概算払")
    SETTLEMENT = "settlement", _("精算払")
    PARTIAL = "partial", _("部分払")


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("下書き")
    SUBMITTED = "submitted", _("提出済み（事前協議中）")
    ADOPTED = "adopted", _("採択")
    DECLINED = "declined", _("不採択")


class NoteKind(models.TextChoices):
    PROGRESS = "progress", _("進捗の記録")
    MEETING = "meeting", _("打合せの記録")
