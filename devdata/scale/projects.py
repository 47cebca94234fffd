"""Projects in their stages, their history, partners, planning and agreements."""

import datetime
import itertools
import time

from django.db import transaction

from devdata.scale.common import (
    BATCH,
    CHUNK,
    STAGE_WEIGHTS,
    THEMES,
    bulk,
    write,
)
from partners.models import ActivityField
from projects.choices import (
    STAGE_ORDER,
    ConfirmingSide,
    CostCategory,
    Method,
    ResponsibilityTopic,
    Side,
    Stage,
    SuitabilityOutcome,
)
from projects.models import (
    Agreement,
    AgreementConfirmation,
    AgreementVersion,
    CostLine,
    MethodPlan,
    Project,
    ProjectEvent,
    ProjectPartner,
    ResponsibilityLine,
    RoleLine,
    Suitability,
    SuitabilityAnswer,
)
from projects.suitability import NO, QUESTION_KEYS, QUESTIONS, YES
from projects.workflow import PROJECT_WORKFLOW

# The answer to each question that argues for and against collaboration, and the question whose
# answer decides each outcome other than collaborating.
_DECIDING = {
    SuitabilityOutcome.GOVERNMENT_ALONE: "government_responsibility",
    SuitabilityOutcome.NPO_ALONE: "npo_own_activity",
    SuitabilityOutcome.RECONSIDER: "collaboration_needed",
}


def suitability_answers_for(outcome: str) -> dict[str, str]:
    """Answers that lead to the recorded outcome: every answer for collaboration, except the one
    that decides another outcome. Drawn from no random stream, so adding a question leaves the
    rest of the generated data as it was."""
    answers = {}
    for key in QUESTION_KEYS:
        against = QUESTIONS[key]["against"]
        favour = NO if against == YES else YES
        answers[key] = against if key == _DECIDING.get(outcome) else favour
    return answers


class ProjectsMixin:
    def seed_projects(self) -> None:
        stages = list(STAGE_WEIGHTS)
        weights = list(STAGE_WEIGHTS.values())
        done = 0
        started = time.monotonic()
        while done < self.total:
            size = min(CHUNK, self.total - done)
            with transaction.atomic():
                self._seed_chunk(self.random.choices(stages, weights, k=size), done)
            done += size
            if done % 20_000 == 0 or done == self.total:
                self.log(f"  {done:,} projects ({time.monotonic() - started:.0f} s)")

    def _seed_chunk(self, stages: list[str], offset: int) -> None:
        r = self.random
        methods = [choice for choice, _label in Method.choices]
        projects = []
        for index, stage in enumerate(stages):
            theme, _field = THEMES[(offset + index) % len(THEMES)]
            # Office 0 (the benchmark staff's office) owns a fixed share so its pages are full.
            office = self.offices[0] if index % 50 == 0 else r.choice(self.offices)
            fy = (
                self.current_fy - r.randint(0, 9)
                if stage in (Stage.CLOSED, Stage.ENDED)
                else (self.current_fy - r.randint(0, 1))
            )
            years = r.choice((0, 0, 0, 1, 2))
            start = datetime.date(fy, 4, 1)
            end = datetime.date(fy + years + 1, 3, 31)
            projects.append(
                (
                    Project(
                        title=f"{office.jurisdiction}の{theme}（{offset + index + 1}）",
                        background=f"{theme}について、地域の担い手が不足している。",
                        purpose=f"{theme}を行政とNPOの協働で進め、地域の力を高める。",
                        beneficiaries="地域の住民",
                        outcome_targets="参加者 年間延べ1,000人、満足度80%以上",
                        owner_office=office,
                        responsible_staff=self.office_staff[office.pk],
                        fiscal_year_start=fy,
                        fiscal_year_end=fy + years,
                        start_date=start,
                        end_date=end,
                        budget=r.randrange(500_000, 20_000_000, 100_000),
                        method=""
                        if stage in (Stage.DRAFT, Stage.SUITABILITY, Stage.ENDED)
                        else r.choice(methods),
                        end_outcome=r.choice(
                            [
                                SuitabilityOutcome.GOVERNMENT_ALONE,
                                SuitabilityOutcome.NPO_ALONE,
                                SuitabilityOutcome.RECONSIDER,
                            ]
                        )
                        if stage == Stage.ENDED
                        else "",
                        created_by=self.office_staff[office.pk],
                    ),
                    stage,
                )
            )
        # Rows made in their stage: the engine's one bulk writer checks each stage is reachable.
        projects = PROJECT_WORKFLOW.bulk_seed(projects, batch_size=BATCH)
        for index, project in enumerate(projects):
            project.n = offset + index  # choices depend on position, never on database ids
        fields = list(ActivityField.objects.values_list("pk", flat=True))
        through = Project.fields.through
        write(
            through,
            [
                through(project_id=project.pk, activityfield_id=r.choice(fields))
                for project in projects
            ],
        )
        self._seed_history(projects)
        self._seed_partners(projects)
        self._seed_planning(projects)
        self._seed_agreements(projects)
        self._seed_calls(projects)
        self._seed_evaluations(projects)

    def _reached(self, project: Project, stage: str) -> bool:
        if project.stage == Stage.ENDED:
            return stage in (Stage.DRAFT, Stage.SUITABILITY)
        return STAGE_ORDER.index(project.stage) >= STAGE_ORDER.index(stage)

    def _seed_history(self, projects: list[Project]) -> None:
        events = []
        for project in projects:
            path = (
                [Stage.DRAFT, Stage.SUITABILITY, Stage.ENDED]
                if project.stage == Stage.ENDED
                else STAGE_ORDER[: STAGE_ORDER.index(project.stage) + 1]
            )
            for before, after in itertools.pairwise(path):
                events.append(
                    ProjectEvent(
                        project=project,
                        actor=project.created_by,
                        from_stage=before,
                        to_stage=after,
                        comment="",
                    )
                )
        write(ProjectEvent, events)

    def _seed_partners(self, projects: list[Project]) -> None:
        rows = []
        self.partner_of: dict[int, int] = {}
        for project in projects:
            if not self._reached(project, Stage.PARTNER_SELECTION) or project.stage == Stage.ENDED:
                continue
            npo = self.npos[0] if project.n % 40 == 0 else self.random.choice(self.npos)
            confirmed = self._reached(project, Stage.AGREEMENT)
            rows.append(
                ProjectPartner(
                    project=project,
                    organization=npo,
                    status=ProjectPartner.Status.PARTNER
                    if confirmed
                    else ProjectPartner.Status.PROSPECTIVE,
                    via=self.random.choice(["open_call", "designated", "proposal"]),
                )
            )
            self.partner_of[project.pk] = npo.pk
        write(ProjectPartner, rows)

    def _seed_planning(self, projects: list[Project]) -> None:
        suitability, answers, plans = [], [], []
        for project in projects:
            if not self._reached(project, Stage.SUITABILITY) or project.stage == Stage.SUITABILITY:
                continue
            outcome = project.end_outcome or SuitabilityOutcome.COLLABORATE
            suitability.append(
                Suitability(project=project, recommended_outcome=outcome, outcome=outcome)
            )
            for key, answer in suitability_answers_for(outcome).items():
                answers.append(SuitabilityAnswer(project=project, question=key, answer=answer))
            if self._reached(project, Stage.PARTNER_SELECTION):
                plans.append(
                    MethodPlan(
                        project=project,
                        rationale="NPOの専門性と地域とのつながりを生かすため。",
                        shared_purpose="事業の目的と成果目標を協定に明記し、年2回確認する。",
                        autonomy_equality="役割と費用を対等に協議し、人件費を適正に計上する。",
                        dialogue_agreement="月1回の定例会議で進め方を合意する。",
                        openness="選定結果と評価をポータルで公表する。",
                    )
                )
        write(Suitability, suitability)
        write(SuitabilityAnswer, answers)
        write(MethodPlan, plans)

    def _seed_agreements(self, projects: list[Project]) -> None:
        r = self.random
        with_agreement = [
            p for p in projects if self._reached(p, Stage.AGREEMENT) and p.pk in self.partner_of
        ]
        agreements = bulk(
            Agreement,
            [Agreement(project=p, current_number=r.choice((1, 1, 2))) for p in with_agreement],
        )
        versions = bulk(
            AgreementVersion,
            [
                AgreementVersion(agreement=agreement, number=number, created_by=p.created_by)
                for agreement, p in zip(agreements, with_agreement, strict=True)
                for number in range(1, agreement.current_number + 1)
            ],
        )
        roles, costs, duties, confirmations = [], [], [], []
        by_agreement = {a.pk: (a, p) for a, p in zip(agreements, with_agreement, strict=True)}
        for version in versions:
            agreement, project = by_agreement[version.agreement_id]
            for order, (task, side) in enumerate(
                [
                    ("広報と参加者の募集", Side.GOVERNMENT),
                    ("当日の運営", Side.NPO),
                    ("振り返りと報告", Side.JOINT),
                ]
            ):
                roles.append(
                    RoleLine(
                        version=version, order=order, task=task, side=side, deliverable="報告書"
                    )
                )
            share = (project.budget or 1_000_000) // 4
            for order, (item, category, side) in enumerate(
                [
                    ("スタッフ人件費", CostCategory.PERSONNEL, Side.GOVERNMENT),
                    ("会場費・印刷費", CostCategory.ACTIVITY, Side.GOVERNMENT),
                    ("ボランティア保険", CostCategory.OTHER, Side.NPO),
                ]
            ):
                costs.append(
                    CostLine(
                        version=version,
                        order=order,
                        item=item,
                        category=category,
                        amount=share,
                        borne_by=side,
                    )
                )
            for order, topic in enumerate(
                [t for t, _l in ResponsibilityTopic.choices if t != ResponsibilityTopic.OTHER]
            ):
                duties.append(
                    ResponsibilityLine(
                        version=version,
                        order=order,
                        topic=topic,
                        side=Side.JOINT,
                        text="双方で協議して対応する。",
                    )
                )
            current = version.number == agreement.current_number
            sides = (
                [ConfirmingSide.GOVERNMENT, ConfirmingSide.NPO]
                if self._reached(project, Stage.IMPLEMENTATION) or not current
                else r.choice([[], [ConfirmingSide.GOVERNMENT], [ConfirmingSide.NPO]])
            )
            for side in sides:
                confirmations.append(
                    AgreementConfirmation(
                        version=version,
                        side=side,
                        organization_id=project.owner_office_id
                        if side == ConfirmingSide.GOVERNMENT
                        else self.partner_of[project.pk],
                    )
                )
        write(RoleLine, roles)
        write(CostLine, costs)
        write(ResponsibilityLine, duties)
        write(AgreementConfirmation, confirmations)
