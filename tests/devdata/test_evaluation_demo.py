"""The evaluation demo: every state present, real figures on the dashboard, idempotent."""

import pytest

from devdata.demo import evaluation as demo
from devdata.demo import partners as partners_demo
from evaluation import dashboard as dash
from evaluation.gates import feedback_acknowledged
from evaluation.models import Acknowledgement, Answer, Evaluation, EvaluationRound, ImprovementItem

pytestmark = pytest.mark.django_db


def _counts():
    return [
        m.objects.count()
        for m in (EvaluationRound, Evaluation, Answer, ImprovementItem, Acknowledgement)
    ]


def _run():
    context = partners_demo.seed({})
    return demo.seed(context)


def test_demo_has_every_state_and_is_idempotent():
    projects = _run()["evaluation_projects"]
    first = _counts()
    snapshot = sorted(
        Answer.objects.values_list("evaluation__round__project__title", "item", "score")
    )
    _run()
    assert _counts() == first
    assert (
        sorted(Answer.objects.values_list("evaluation__round__project__title", "item", "score"))
        == snapshot
    )

    data = dash.compute(dash.Filters())
    assert data["status"]["partial"] == 2  # one side submitted (office only; NPO only)
    assert data["status"]["unsealed"] == 7
    assert data["status"]["recorded"] == 6
    assert data["status"]["published"] == 3
    assert data["status"]["overdue"] >= 1  # depends on today; the implementation one always is
    assert set(data["trend_counts"]) == {2022, 2023, 2024}
    assert data["principles"][("all", "shared_purpose")][1] == 14
    assert any(abs(row["mean_gap"]) >= 1 for row in data["gaps"].values())

    continuation = projects["hiroba_2026"]
    assert feedback_acknowledged(continuation) == (
        str(feedback_acknowledged.__globals__["FEEDBACK_NOT_ACKNOWLEDGED"]) % {"count": 2}
    )
    assert Answer.objects.filter(score__lte=2, reason="").count() == 0
