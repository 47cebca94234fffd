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
