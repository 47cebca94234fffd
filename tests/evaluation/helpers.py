"""Shared set-up for the evaluation tests: a project under evaluation and filled-in sheets."""

from evaluation import sheet as sheet_data
from evaluation.services import AnswerInput, evaluation_save
from projects.choices import Method, Stage
from tests.factories import ProjectFactory, add_partner


def evaluated_project(office, npo, **overrides):
    """A commission project of the office with the NPO as partner, at the evaluation stage."""
    values = {
        "title": "子育て広場の運営",
        "owner_office": office,
        "stage": Stage.EVALUATION,
        "method": Method.COMMISSION,
        "fiscal_year_start": 2025,
        "fiscal_year_end": 2025,
        **overrides,
    }
    project = ProjectFactory(**values)
    add_partner(project, npo)
    return project


def answers(default: int = 4, reason: str = "", **scores) -> dict[str, AnswerInput]:
    """Every item scored ``default`` unless given; low scores get a reason automatically."""
    result = {}
    for key in sheet_data.ITEM_KEYS:
        score = scores.get(key, default)
        why = reason or ("期待を下回った理由の説明" if sheet_data.is_low(score) else "")
        result[key] = AnswerInput(score=score, reason=why, comment=f"{key}のコメント")
    return result


def fill(project, organization, user, *, kind="final", submit=True, default=4, **scores):
    return evaluation_save(
        project=project,
        kind=kind,
        organization=organization,
        by=user,
        answers=answers(default, **scores),
        overall_comment=f"{organization}の総評",
        submit=submit,
    )
