"""A small world for the API tests: one of everything public, and private data beside it.

Every private text carries a SECRET marker, so a single search of a public response body shows a
leak: drafts (project, call, application, proposal), reviewers' comments and conflict reasons,
the sealed round's sheet, the published round's reasons/comments/attendees, and the NPO's
contact details.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from evaluation import services as evaluation_services
from evaluation import sheet as sheet_data
from evaluation.models import EvaluationRound, RoundKind
from evaluation.services import AnswerInput
from projects import services as project_services
from projects.choices import Method, ProposalStatus, Stage
from projects.models import Proposal
from selection.models import Application, Call, Designation
from tests.factories import ProjectFactory, add_partner
from tests.projects.conftest import COSTS as COSTS_OF_AGREEMENT
from tests.projects.conftest import RESPONSIBILITIES
from tests.projects.conftest import ROLES as ROLES_OF_AGREEMENT
from tests.selection.support import apply, declare, make_call, score_all, seat

SECRET = "SECRET"
ROLES = (
    "anonymous",
    "staff",
    "other_staff",
    "npo",
    "other_npo",
    "reviewer",
    "manager",
)

# The same agreement lines as the projects app's tests use, one cost line only.
ROLE_LINES = ROLES_OF_AGREEMENT
COST_LINES = COSTS_OF_AGREEMENT[:1]
RESPONSIBILITY_LINES = RESPONSIBILITIES


def sheet_answers(default=4, reason="", comment="") -> dict:
    return {
        key: AnswerInput(
            score=default,
            reason=reason or ("期待を下回った理由" if sheet_data.is_low(default) else ""),
            comment=comment,
        )
        for key in sheet_data.ITEM_KEYS
    }


@pytest.fixture(autouse=True)
def _fast_hasher(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def people(
    staff_user, other_staff_user, npo_user, other_npo_user, reviewer_user, manager_user
) -> dict:
    """The seven kinds of caller of the permission tables (None is anonymous)."""
    return {
        "anonymous": None,
        "staff": staff_user,
        "other_staff": other_staff_user,
        "npo": npo_user,
        "other_npo": other_npo_user,
        "reviewer": reviewer_user,
        "manager": manager_user,
    }


@pytest.fixture
def client_for(people):
    """client_for("npo") → an APIClient sending that person's token."""
    tokens: dict = {}

    def make(role: str, **headers) -> APIClient:
        client = APIClient(**headers)
        user = people[role]
        if user is not None:
            if role not in tokens:
                tokens[role] = Token.objects.get_or_create(user=user)[0].key
            client.credentials(HTTP_AUTHORIZATION=f"Token {tokens[role]}")
        return client

    return make


@dataclass
class World:
    active: object  # agreement stage, npo is partner, agreement drafted
    draft: object
    selection_project: object
    call: object
    draft_call: object
    open_call: object
    application: object
    other_application: object
    draft_application: object
    designation: object
    closed: object
    published_round: object
    sealed_project: object
    sealed_sheet: object
    proposal_draft: object
    proposal_submitted: object


@pytest.fixture
def world(
    office, other_office, npo, other_npo, staff_user, npo_user, other_npo_user, reviewer_user
):
    npo.contact_person = "連絡 SECRET太郎"
    npo.email = "contact-secret@example.org"
    npo.phone = "048-000-SECRET"
    npo.address = "さいたま市SECRET町1-1"
    npo.save()

    active = ProjectFactory(
        title="子育て広場の運営",
        owner_office=office,
        stage=Stage.AGREEMENT,
        method=Method.COMMISSION,
    )
    add_partner(active, npo)
    project_services.agreement_save(
        project=active,
        by=staff_user,
        roles=ROLE_LINES,
        costs=COST_LINES,
        responsibilities=RESPONSIBILITY_LINES,
        revision=0,
    )
    draft = ProjectFactory(title="DRAFT-SECRET 構想中の事業", owner_office=office)

    # Partner selection: a call with published results, two applicants, two reviewers.
    selection_project = ProjectFactory(
        title="見守り活動の協働",
        owner_office=office,
        stage=Stage.PARTNER_SELECTION,
        method="commission",
    )
    call = make_call(
        selection_project,
        status=Call.Status.PUBLISHED,
        deadline=timezone.now() - datetime.timedelta(days=30),
        decision_reason="地域での見守りの実績が最も豊富なため。",
        committee_summary="どの応募も熱意がありました。",
    )
    application = apply(call, npo, plan="APPLICATION-PLAN-SECRET")
    other_application = apply(call, other_npo, plan="OTHER-PLAN-SECRET")
    seat(call, reviewer_user)
    second = seat(call)
    score_all(application, reviewer_user, [5, 4, 4, 5, 4], comment="REVIEWER-COMMENT-SECRET")
    declare(other_application, reviewer_user, conflict=True, reason="CONFLICT-SECRET 理事を兼務")
    score_all(application, second, [4, 4, 4, 4, 4], comment="REVIEWER-COMMENT-SECRET")
    score_all(other_application, second, [3, 3, 3, 3, 3], comment="REVIEWER-COMMENT-SECRET")
    call.chosen_application = application
    call.decided_at = call.results_published_at = timezone.now()
    call.save()
    draft_call = make_call(
        ProjectFactory(owner_office=office, stage=Stage.PARTNER_SELECTION),
        title="DRAFT-CALL-SECRET",
    )
    open_call = make_call(
        ProjectFactory(owner_office=office, stage=Stage.PARTNER_SELECTION, title="公募中の事業"),
        status=Call.Status.OPEN,
    )
    draft_application = apply(
        open_call, npo, status=Application.Status.DRAFT, plan="DRAFT-APPLICATION-SECRET"
    )
    designation = Designation.objects.create(
        project=ProjectFactory(owner_office=office, stage=Stage.AGREEMENT, title="特命の事業"),
        organization=other_npo,
        route=Designation.Route.DESIGNATED,
        justification="災害時の協定に基づく唯一の団体のため。",
    )

    # A closed project with a published final evaluation.
    closed = ProjectFactory(
        title="評価を公表した事業",
        owner_office=office,
        stage=Stage.EVALUATION,
        method=Method.COOPERATION,
        fiscal_year_start=2025,
        fiscal_year_end=2025,
    )
    add_partner(closed, npo)
    for organization, person, score in ((office, staff_user, 4), (npo, npo_user, 2)):
        evaluation_services.evaluation_save(
            project=closed,
            kind=RoundKind.FINAL,
            organization=organization,
            by=person,
            answers=sheet_answers(
                score, reason="SHEET-REASON-SECRET", comment="SHEET-COMMENT-SECRET"
            ),
            overall_comment="OVERALL-SECRET",
            submit=True,
        )
    published_round = EvaluationRound.objects.get(project=closed, kind=RoundKind.FINAL)
    for sheet in published_round.sheets.all():
        sheet.comment_on_other = "COMMENT-ON-OTHER-SECRET"
        sheet.save()
    published_round = evaluation_services.exchange_record(
        round_=published_round,
        by=staff_user,
        meeting_date=datetime.date(2026, 3, 2),
        attendees="ATTENDEES-SECRET 山田・田中",
        conclusions="次年度も広場を続け、平日夜の回を増やす。",
    )
    closed.stage = Stage.CLOSED
    closed.save()
    published_round.project = closed
    published_round = evaluation_services.round_publish(round_=published_round, by=staff_user)

    # A round still sealed: only the office has submitted.
    sealed_project = ProjectFactory(
        title="封のある評価の事業", owner_office=office, stage=Stage.EVALUATION
    )
    add_partner(sealed_project, npo)
    sealed_sheet = evaluation_services.evaluation_save(
        project=sealed_project,
        kind=RoundKind.FINAL,
        organization=office,
        by=staff_user,
        answers=sheet_answers(3, comment="SEALED-SECRET"),
        overall_comment="SEALED-SECRET",
        submit=True,
    )

    proposal_draft = Proposal.objects.create(
        organization=npo,
        addressed_office=office,
        title="PROPOSAL-DRAFT-SECRET",
        issue="課題",
        idea="アイデア",
    )
    proposal_submitted = Proposal.objects.create(
        organization=npo,
        addressed_office=office,
        title="提出済みの協働提案",
        issue="地域の課題",
        idea="事業のアイデア",
        status=ProposalStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    return World(
        active=active,
        draft=draft,
        selection_project=selection_project,
        call=call,
        draft_call=draft_call,
        open_call=open_call,
        application=application,
        other_application=other_application,
        draft_application=draft_application,
        designation=designation,
        closed=closed,
        published_round=published_round,
        sealed_project=sealed_project,
        sealed_sheet=sealed_sheet,
        proposal_draft=proposal_draft,
        proposal_submitted=proposal_submitted,
    )
