"""Helpers for the projects tests: bring a project's data to the point where a gate opens."""

from types import SimpleNamespace

import pytest

from projects import services
from projects.choices import ConfirmingSide, Stage, SuitabilityOutcome
from projects.models import ProjectPartner
from tests.factories import ProjectFactory, add_partner

COLLABORATE_ANSWERS = {
    "collaboration_needed": "yes",
    "government_responsibility": "no",
    "npo_own_activity": "no",
    "synergy": "yes",
    "npo_strengths": "yes",
    "cost_saving": "no",
    "equal_partner": "yes",
    "npo_voice": "yes",
    "autonomy": "yes",
}

STATEMENTS = {
    "shared_purpose": "企画会議で目的と成果指標を双方で文書にし、毎月確認する。",
    "autonomy_equality": "運営方法はNPOの判断に委ね、人件費・間接経費を適正に積算する。",
    "dialogue_agreement": "月1回の定例会で進め方を協議し、変更は双方の合意で行う。",
    "openness": "協定書と実施報告をポータルとウェブサイトで公開する。",
}

ROLES = [
    {"task": "広場の運営", "side": "npo", "deliverable": "運営日誌", "due_date": None},
    {"task": "会場の確保と広報", "side": "government", "deliverable": "", "due_date": None},
]
COSTS = [
    {
        "item": "スタッフ人件費",
        "category": "personnel",
        "amount": 1_200_000,
        "borne_by": "government",
        "note": "",
    },
    {
        "item": "会場費",
        "category": "activity",
        "amount": 300_000,
        "borne_by": "government",
        "note": "",
    },
]
RESPONSIBILITIES = [
    {"topic": topic, "side": "joint", "text": f"{topic}について双方で定める。"}
    for topic in (
        "accidents_insurance",
        "personal_information",
        "ownership_copyright",
        "publicity_credit",
        "complaints",
        "information_disclosure",
        "change_termination",
    )
]


@pytest.fixture(autouse=True)
def _media_root_and_fast_hasher(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Each test makes half a dozen people; the real hasher would spend seconds on them.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def open_evaluation_gates(monkeypatch):
    """The evaluation app's gates, held open (they are tested by the evaluation app)."""
    from projects.workflow import REGISTERED_GATES

    fake = SimpleNamespace(
        feedback_acknowledged=lambda project: None, evaluation_complete=lambda project: None
    )
    for name in ("feedback_acknowledged", "evaluation_complete"):
        monkeypatch.setitem(REGISTERED_GATES, name, getattr(fake, name))
    return fake


@pytest.fixture
def project(office):
    return ProjectFactory(owner_office=office, stage=Stage.DRAFT)


def answer_suitability(project, by, answers=None, outcome=SuitabilityOutcome.COLLABORATE, **kw):
    return services.suitability_save(
        project=project,
        by=by,
        answers=answers or COLLABORATE_ANSWERS,
        outcome=outcome,
        **kw,
    )


def choose_method(project, by, method="cooperation", rationale=None):
    return services.method_choose(
        project=project,
        by=by,
        method=method,
        rationale=rationale or "NPOの現場の知見と行政の広報力を組み合わせるため。",
        statements=STATEMENTS,
    )


def save_agreement(project, by, roles=None, costs=None, responsibilities=None, revision=None):
    from projects.models import Agreement

    if revision is None:
        agreement = Agreement.objects.filter(project=project).first()
        revision = agreement.revision if agreement else 0
    return services.agreement_save(
        project=project,
        by=by,
        roles=ROLES if roles is None else roles,
        costs=COSTS if costs is None else costs,
        responsibilities=RESPONSIBILITIES if responsibilities is None else responsibilities,
        revision=revision,
    )


def confirm(project, by, side, number=None):
    from projects.models import Agreement

    if number is None:
        number = Agreement.objects.get(project=project).current_number
    return services.agreement_confirm(project=project, by=by, side=side, number=number)


def make_ready(project, staff, npo, npo_user):
    """Fill in what the gate out of the project's current stage needs."""
    stage = project.stage
    if stage in (Stage.DRAFT, Stage.SUITABILITY):
        answer_suitability(project, staff)
    elif stage == Stage.METHOD:
        choose_method(project, staff)
    elif stage == Stage.PARTNER_SELECTION:
        services.project_set_partner(
            project=project, organization=npo, by=staff, via=ProjectPartner.Via.DESIGNATED
        )
    elif stage == Stage.AGREEMENT:
        if not ProjectPartner.objects.filter(project=project, organization=npo).exists():
            add_partner(project, npo)
        save_agreement(project, staff)
        confirm(project, staff, ConfirmingSide.GOVERNMENT)
        confirm(project, npo_user, ConfirmingSide.NPO)
    return project


def project_at(stage, office, npo=None, **kwargs):
    project = ProjectFactory(owner_office=office, stage=stage, **kwargs)
    if npo is not None:
        add_partner(project, npo)
    return project
