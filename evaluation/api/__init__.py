"""Joint evaluation in the API.

Public (no login): the published summaries of closed projects — both sides' scores per item and
the conclusions they agreed — exactly what the public summary page shows. Never the reasons or
comments written on the sheets, never a sheet of a round that is still sealed, never drafts.

Signed in: a project's rounds and sheets as the evaluation pages show them (the sealed rule of
``evaluation.permissions`` applies), and filling in or submitting one's own side's sheet through
``evaluation.services.evaluation_save``.

Modules: ``public`` (the published summaries), ``sheets`` (signed in: rounds and sheets) and
``open_data`` (the two datasets, registered on import).
"""

from evaluation.api.open_data import (
    EVALUATION_ID,
    C,
)
from evaluation.api.public import (
    ROUND_FRESHNESS,
    TAG_EVALUATIONS,
    TAG_PUBLIC,
    NpoScoreSerializer,
    PublicEvaluationDetailSerializer,
    PublicEvaluationFilter,
    PublicEvaluationSerializer,
    PublicEvaluationViewSet,
    ScoreRowSerializer,
    published_rounds,
)
from evaluation.api.sheets import (
    AnswerInputSerializer,
    AnswerSerializer,
    EvaluationSheetViewSet,
    ProjectEvaluationSerializer,
    ProjectEvaluationViewSet,
    RoundStatusSerializer,
    SheetInputSerializer,
    SheetSerializer,
    SheetStatusSerializer,
)

__all__ = [
    "EVALUATION_ID",
    "ROUND_FRESHNESS",
    "TAG_EVALUATIONS",
    "TAG_PUBLIC",
    "AnswerInputSerializer",
    "AnswerSerializer",
    "C",
    "EvaluationSheetViewSet",
    "NpoScoreSerializer",
    "ProjectEvaluationSerializer",
    "ProjectEvaluationViewSet",
    "PublicEvaluationDetailSerializer",
    "PublicEvaluationFilter",
    "PublicEvaluationSerializer",
    "PublicEvaluationViewSet",
    "RoundStatusSerializer",
    "ScoreRowSerializer",
    "SheetInputSerializer",
    "SheetSerializer",
    "SheetStatusSerializer",
    "published_rounds",
]
