"""Open calls with criteria, committees, applications, declarations and scores."""

import datetime

from django.utils import timezone

from devdata.scale.common import (
    BATCH,
    bulk,
    write,
)
from partners.models import User
from projects.choices import Stage
from projects.models import Project
from selection.models import (
    Application,
    Call,
    CallRevision,
    CommitteeMember,
    ConflictDeclaration,
    Criterion,
    Score,
)
from selection.workflow import APPLICATION_WORKFLOW, CALL_WORKFLOW


class SelectionMixin:
    def _seed_calls(self, projects: list[Project]) -> None:
        """An open call for one in ten projects that reached partner selection."""
        r = self.random
        chosen = [
            p
            for p in projects
            if self._reached(p, Stage.PARTNER_SELECTION)
            and p.pk in self.partner_of
            and p.n % 10 == 0
        ]
        if not chosen:
            return
        now = timezone.now()
        calls = []
        for project in chosen:
            if project.stage == Stage.PARTNER_SELECTION:
                status = r.choice([Call.Status.OPEN, Call.Status.SCORING])
                deadline = now + datetime.timedelta(days=r.randint(-10, 20))
            else:
                status = Call.Status.PUBLISHED
                deadline = timezone.make_aware(
                    datetime.datetime(project.fiscal_year_start, 2, 1, 17, 0)
                )
            calls.append(
                (
                    Call(
                        project=project,
                        title=f"{project.title}の協働相手の公募",
                        purpose=project.purpose,
                        eligibility="県内で関連する活動の実績がある団体",
                        budget_cap=project.budget or 1_000_000,
                        application_deadline=deadline,
                        scoring_deadline=deadline + datetime.timedelta(days=14),
                        announcement_date=(deadline + datetime.timedelta(days=21)).date(),
                        method=Call.Method.BOTH,
                        total_points=100,
                        revision=1,
                        published_at=deadline - datetime.timedelta(days=30),
                        decision_reason="事業の目的をよく理解し、実施体制が確かであるため。"
                        if status == Call.Status.PUBLISHED
                        else "",
                        decided_at=deadline + datetime.timedelta(days=15)
                        if status == Call.Status.PUBLISHED
                        else None,
                        results_published_at=deadline + datetime.timedelta(days=21)
                        if status == Call.Status.PUBLISHED
                        else None,
                        created_by=project.created_by,
                    ),
                    status,
                )
            )
        # Rows made in their state: the engine's one bulk writer checks each state is reachable.
        calls = CALL_WORKFLOW.bulk_seed(calls, batch_size=BATCH)
        criteria = bulk(
            Criterion,
            [
                Criterion(call=call, position=position, name=name, weight=weight)
                for call in calls
                for position, (name, weight) in enumerate(
                    [
                        ("公益性", 20),
                        ("実現性", 25),
                        ("独自性", 15),
                        ("相乗効果", 25),
                        ("継続性", 15),
                    ],
                    start=1,
                )
            ],
        )
        write(
            CallRevision,
            [
                CallRevision(call=c, number=1, snapshot={}, published_at=c.published_at)
                for c in calls
            ],
        )
        criteria_of: dict[int, list[Criterion]] = {}
        for criterion in criteria:
            criteria_of.setdefault(criterion.call_id, []).append(criterion)
        seats, applications = [], []
        committee_of: dict[int, list[User]] = {}
        for call in calls:
            committee = r.sample(self.reviewers[:-1], 3)
            if call.project.n % 7 == 0:
                committee[0] = self.reviewers[-1]  # the benchmark reviewer sits on some
            committee_of[call.pk] = committee
            for reviewer in committee:
                seats.append(CommitteeMember(call=call, user=reviewer, category="academic"))
            partner_id = self.partner_of[call.project_id]
            others = [self.npos[i].pk for i in r.sample(range(len(self.npos)), 4)]
            applicants = [partner_id, *[pk for pk in others if pk != partner_id][:3]]
            for position, npo_id in enumerate(applicants):
                status = (
                    Application.Status.SUBMITTED
                    if call.status != Call.Status.OPEN or r.random() < 0.5
                    else Application.Status.DRAFT
                )
                application = Application(
                    call=call,
                    organization_id=npo_id,
                    title="地域とともに進める提案",
                    plan="週2回の活動を1年間行います。",
                    submitted_at=call.application_deadline - datetime.timedelta(days=2),
                )
                application.n = call.project.n * 4 + position
                applications.append((application, status))
        write(CommitteeMember, seats)
        applications = APPLICATION_WORKFLOW.bulk_seed(applications, batch_size=BATCH)
        declarations, scores = [], []
        call_by_pk = {call.pk: call for call in calls}
        for application in applications:
            call = call_by_pk[application.call_id]
            if (
                call.status == Call.Status.OPEN
                or application.status != Application.Status.SUBMITTED
            ):
                continue
            for position, reviewer in enumerate(committee_of[call.pk]):
                conflict = position == 0 and application.n % 11 == 0
                declarations.append(
                    ConflictDeclaration(
                        application=application,
                        reviewer=reviewer,
                        has_conflict=conflict,
                        reason="団体の役員を務めている" if conflict else "",
                    )
                )
                if conflict:
                    continue
                for criterion in criteria_of[call.pk]:
                    value = r.randint(2, 5)
                    scores.append(
                        Score(
                            application=application,
                            reviewer=reviewer,
                            criterion=criterion,
                            value=value,
                            comment="具体的な計画",
                        )
                    )
        write(ConflictDeclaration, declarations)
        write(Score, scores)
        published = [c for c in calls if c.status == Call.Status.PUBLISHED]
        chosen_application = {
            a.call_id: a.pk
            for a in applications
            if a.organization_id == self.partner_of[call_by_pk[a.call_id].project_id]
        }
        for call in published:
            call.chosen_application_id = chosen_application.get(call.pk)
        Call.objects.bulk_update(published, ["chosen_application"], batch_size=BATCH)
