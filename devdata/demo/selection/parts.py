# ruff: noqa: E501
"""The pieces the selection demo is built from: idempotent get-or-create helpers keyed by title or
natural keys, and the demo's extra reviewers."""

from __future__ import annotations

import contextlib
import datetime

from django.utils import timezone

from devdata.demo.partners import DEMO_PASSWORD
from kyodo_portal.core.fiscal import fiscal_year_of
from kyodo_portal.core.roles import Role
from partners.models import Organization, User
from partners.services import membership_grant
from projects.choices import Method, Stage
from projects.models import Project
from projects.services import GateClosed, event_note, project_advance, project_set_partner
from projects.workflow import PROJECT_WORKFLOW
from selection.models import (
    Application,
    Call,
    CallRevision,
    CommitteeMember,
    ConflictDeclaration,
    Criterion,
    Score,
)
from selection.services import call_snapshot
from selection.services.decisions import CALL_DECIDED_NOTE
from selection.workflow import APPLICATION_WORKFLOW, CALL_WORKFLOW

CRITERIA = [
    ("公益性", "地域の課題の解決や公共の利益につながるか", 20),
    ("実現性", "計画・体制・経費が具体的で、確実に実施できるか", 25),
    ("独自性・先駆性", "NPOならではの発想や工夫があるか", 15),
    ("協働による相乗効果", "行政と協働することで、単独より高い効果が期待できるか", 25),
    ("継続性・発展性", "事業終了後も活動の継続・発展が見込めるか", 15),
]

EXTRA_REVIEWERS = [
    # username, name, kana, committee category
    ("reviewer_kato", "加藤 恵子", "カトウ ケイコ", CommitteeMember.Category.ACADEMIC),
    ("reviewer_mori", "森 正樹", "モリ マサキ", CommitteeMember.Category.INTERMEDIARY),
]


def _at(days: int, hour: int = 17) -> datetime.datetime:
    """Today (Tokyo) plus ``days``, at ``hour``:00 Tokyo time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _project(title: str, office: Organization, staff: User, **fields) -> Project:
    """The call's project, made at the partner-selection stage the first time. It has no history
    to walk through the services, so the engine's seeding writer places it in its stage."""
    project = Project.objects.filter(title=title, owner_office=office).first()
    if project is None:
        year = fiscal_year_of()
        (project,) = PROJECT_WORKFLOW.bulk_seed(
            [
                (
                    Project(
                        title=title,
                        owner_office=office,
                        responsible_staff=staff,
                        created_by=staff,
                        fiscal_year_start=year,
                        fiscal_year_end=year,
                        method=Method.COMMISSION,
                        **fields,
                    ),
                    Stage.PARTNER_SELECTION,
                )
            ]
        )
    return project


def _call(project: Project, title: str, status: str, deadline_days: int, **fields) -> Call:
    """The call's content as it stands in ``status``; the call itself stays where it is until
    ``_reach`` moves it (a committee must sit before scoring starts)."""
    deadline = _at(deadline_days)
    values = {
        "purpose": project.purpose,
        "eligibility": "県内で活動するNPO・市民活動団体・ボランティア団体（法人格の有無は問いません）",
        "budget_cap": project.budget or 2_000_000,
        "application_deadline": deadline,
        "scoring_deadline": deadline + datetime.timedelta(days=14),
        "announcement_date": (deadline + datetime.timedelta(days=21)).date(),
        "method": Call.Method.BOTH,
        "method_notes": "書類審査の上位団体に、選定委員会でのプレゼンテーション（15分）をお願いします。",
        "total_points": 100,
        "scale_min": 1,
        "scale_max": 5,
        "revision": 0 if status == Call.Status.DRAFT else 1,
        "published_at": None
        if status == Call.Status.DRAFT
        else deadline - datetime.timedelta(days=30),
        **fields,
    }
    call, _created = Call.objects.update_or_create(project=project, title=title, defaults=values)
    for position, (name, description, weight) in enumerate(CRITERIA, start=1):
        Criterion.objects.update_or_create(
            call=call,
            position=position,
            defaults={"name": name, "description": description, "weight": weight},
        )
    if status != Call.Status.DRAFT:
        CallRevision.objects.update_or_create(
            call=call,
            number=1,
            defaults={
                "snapshot": call_snapshot(call),
                "published_at": call.published_at,
                "published_by": project.responsible_staff,
            },
        )
    return call


CALL_ORDER = list(Call.Status)


def _reach(call: Call, status: str) -> None:
    """Walk the call through the table up to ``status``; a call already there or beyond stays.

    The demo moves its calls with ``transition`` itself rather than through the services: its
    history is dated in the past (deadlines passed, results published a month ago), which the
    services rightly refuse for anything done today."""
    if CALL_ORDER.index(call.status) >= CALL_ORDER.index(status):
        return
    for step in CALL_WORKFLOW.path(call.status, status):
        CALL_WORKFLOW.transition(call, step)


def _application(
    call: Call,
    organization: Organization,
    author: User | None,
    status: str,
    title: str,
    plan: str,
    amount: int,
) -> Application:
    submitted = status == Application.Status.SUBMITTED
    application, _created = Application.objects.update_or_create(
        call=call,
        organization=organization,
        defaults={
            "title": title,
            "plan": plan,
            "structure": "事務局長を責任者とし、有償スタッフ2名とボランティア10名で運営します。",
            "synergy": "行政の広報と施設、団体の現場経験を組み合わせ、単独では届かない層に届けます。",
            "track_record": organization.track_record,
            "requested_amount": amount,
            "created_by": author,
            "submitted_by": author if submitted else None,
            "submitted_at": call.application_deadline - datetime.timedelta(days=2)
            if submitted
            else None,
        },
    )
    # Through the table, not the services, for the same reason as ``_reach``.
    if application.status != status:
        for step in APPLICATION_WORKFLOW.path(application.status, status):
            APPLICATION_WORKFLOW.transition(application, step)
    return application


def _seat(
    call: Call, user: User, category: str, *, chair: bool = False, consent: bool = False
) -> None:
    CommitteeMember.objects.update_or_create(
        call=call,
        user=user,
        defaults={"category": category, "is_chair": chair, "publish_name": consent},
    )


def _declare(application: Application, reviewer: User, reason: str = "") -> None:
    ConflictDeclaration.objects.update_or_create(
        application=application,
        reviewer=reviewer,
        defaults={"has_conflict": bool(reason), "reason": reason},
    )


def _score(
    application: Application, reviewer: User, values: list[int], comments: list[str]
) -> None:
    _declare(application, reviewer)
    for criterion, value, comment in zip(
        application.call.criteria.order_by("position"), values, comments, strict=True
    ):
        Score.objects.update_or_create(
            application=application,
            reviewer=reviewer,
            criterion=criterion,
            defaults={"value": value, "comment": comment},
        )


def _reviewers() -> list[User]:
    """Two more committee members from a fictional study group (reviewers may sit outside
    government), besides the demo ``reviewer``."""
    group, _created = Organization.objects.update_or_create(
        kind=Organization.Kind.OTHER,
        name="さいたま協働研究会",
        defaults={
            "name_kana": "さいたまきょうどうけんきゅうかい",
            "description": "大学教員と中間支援組織の職員による研究会。選定委員の推薦を受けています。",
        },
    )
    people = []
    for username, name, kana, _category in EXTRA_REVIEWERS:
        user, created = User.objects.get_or_create(username=username)
        user.name, user.name_kana, user.email = name, kana, f"{username}@example.jp"
        if created or not user.has_usable_password():
            user.set_password(DEMO_PASSWORD)
        user.save()
        membership_grant(user=user, organization=group, role=Role.REVIEWER)
        people.append(user)
    return people


def _choose(call: Call, application: Application, by: User, reason: str) -> None:
    """Record the partner and move the project on, as ``call_decide`` does (idempotent)."""
    project = call.project
    note = event_note(CALL_DECIDED_NOTE, call=call.title, reason=reason)
    project_set_partner(
        project=project, organization=application.organization, by=by, via="open_call"
    )
    project.refresh_from_db()
    if project.stage == Stage.PARTNER_SELECTION:
        # If another app's gate is closed, the partner stays recorded and the office moves on.
        with contextlib.suppress(GateClosed):
            project_advance(project=project, to=Stage.AGREEMENT, by=by, note=note)
