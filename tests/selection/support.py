"""Builders shared by the selection tests (imported by test_selection_*.py; holds no tests)."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from kyodo_portal.core.roles import Role
from projects.choices import Stage
from selection.models import (
    Application,
    Call,
    CallRevision,
    CommitteeMember,
    ConflictDeclaration,
    Criterion,
    Score,
)
from tests.factories import ProjectFactory, member

JST = ZoneInfo("Asia/Tokyo")

CRITERIA = [("公益性", 20), ("実現性", 25), ("独自性", 15), ("相乗効果", 25), ("継続性", 15)]


def jst(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=JST)


def selection_project(office, **kwargs):
    kwargs.setdefault("stage", Stage.PARTNER_SELECTION)
    kwargs.setdefault("method", "commission")
    return ProjectFactory(owner_office=office, **kwargs)


def make_call(
    project,
    *,
    status=Call.Status.DRAFT,
    criteria=CRITERIA,
    deadline=None,
    scale=(1, 5),
    total=None,
    **fields,
) -> Call:
    """A call placed directly at a status (the service tests walk the transitions themselves)."""
    deadline = deadline or timezone.now() + datetime.timedelta(days=14)
    call = Call.objects.create(
        project=project,
        title=fields.pop("title", f"{project.title}の協働相手の公募"),
        purpose=fields.pop("purpose", "子育て広場を地域で運営する協働相手を募集します。"),
        eligibility=fields.pop("eligibility", "県内で子育て支援の活動実績がある団体"),
        budget_cap=fields.pop("budget_cap", 3_000_000),
        application_deadline=deadline,
        scoring_deadline=deadline + datetime.timedelta(days=14),
        announcement_date=(deadline + datetime.timedelta(days=21)).date(),
        method=fields.pop("method", Call.Method.BOTH),
        total_points=total if total is not None else sum(w for _n, w in criteria),
        scale_min=scale[0],
        scale_max=scale[1],
        status=status,
        revision=0 if status == Call.Status.DRAFT else 1,
        published_at=None if status == Call.Status.DRAFT else timezone.now(),
        **fields,
    )
    for position, (name, weight) in enumerate(criteria, start=1):
        Criterion.objects.create(call=call, position=position, name=name, weight=weight)
    if status != Call.Status.DRAFT:
        CallRevision.objects.create(
            call=call, number=1, snapshot={}, published_at=call.published_at
        )
    return call


def apply(call, npo, *, status=Application.Status.SUBMITTED, **fields) -> Application:
    return Application.objects.create(
        call=call,
        organization=npo,
        status=status,
        title=fields.pop("title", f"{npo.name}の提案"),
        plan=fields.pop("plan", "週3回、親子の広場を開きます。"),
        submitted_at=timezone.now() if status == Application.Status.SUBMITTED else None,
        **fields,
    )


def seat(call, user=None, category=CommitteeMember.Category.ACADEMIC, **kwargs):
    user = user or member(Role.REVIEWER)
    CommitteeMember.objects.create(call=call, user=user, category=category, **kwargs)
    return user


def declare(application, reviewer, conflict=False, reason="団体の理事を務めている"):
    return ConflictDeclaration.objects.create(
        application=application,
        reviewer=reviewer,
        has_conflict=conflict,
        reason=reason if conflict else "",
    )


def score_all(application, reviewer, values, comment="よく練られた計画"):
    """One reviewer's sheet: ``values`` in criterion order (declares no conflict first)."""
    if not ConflictDeclaration.objects.filter(application=application, reviewer=reviewer).exists():
        declare(application, reviewer)
    for criterion, value in zip(application.call.criteria.all(), values, strict=True):
        Score.objects.create(
            application=application,
            reviewer=reviewer,
            criterion=criterion,
            value=value,
            comment=comment,
        )
