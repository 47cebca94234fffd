"""Scale data for measuring the portal: ``manage.py seed_scale --projects 100000``.

Creates, with bulk inserts in chunks (memory stays flat), what a prefecture and its municipalities
accumulate over ten fiscal years: offices and their staff, NPOs, projects in every stage and
method, the suitability check, method plans, agreements with their lines and confirmations, open
calls with criteria, committees, applications, declarations and scores, both sides' evaluations,
improvement items, and reminders. The same ``--seed`` gives the same data.
"""

import datetime
import itertools
import random
import time
from collections.abc import Callable

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from evaluation import services as evaluation_services
from evaluation import sheet as evaluation_sheet
from evaluation.models import Answer, Evaluation, EvaluationRound, ImprovementItem, RoundKind
from evaluation.models import Side as EvaluationSide
from kyodo_portal.core.fiscal import fiscal_year_of
from kyodo_portal.core.models import Reminder, ReminderKind
from kyodo_portal.core.roles import Role
from partners.models import ActivityField, Membership, Organization, User
from projects import suitability as suitability_questions
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

SCALE_PASSWORD = "kyodo-scale-2026"
CHUNK = 2_000
BATCH = 5_000

MUNICIPALITIES = [
    "さいたま市",
    "川越市",
    "熊谷市",
    "川口市",
    "行田市",
    "秩父市",
    "所沢市",
    "飯能市",
    "加須市",
    "本庄市",
    "東松山市",
    "春日部市",
    "狭山市",
    "羽生市",
    "鴻巣市",
    "深谷市",
    "上尾市",
    "草加市",
    "越谷市",
    "蕨市",
    "戸田市",
    "入間市",
    "朝霞市",
    "志木市",
    "和光市",
    "新座市",
    "桶川市",
    "久喜市",
    "北本市",
    "八潮市",
    "富士見市",
    "三郷市",
    "蓮田市",
    "坂戸市",
    "幸手市",
    "鶴ヶ島市",
    "日高市",
    "吉川市",
    "ふじみ野市",
    "白岡市",
    "伊奈町",
    "三芳町",
    "毛呂山町",
    "越生町",
    "滑川町",
    "嵐山町",
    "小川町",
    "川島町",
    "吉見町",
    "鳩山町",
    "ときがわ町",
    "横瀬町",
    "皆野町",
    "長瀞町",
    "小鹿野町",
    "東秩父村",
    "美里町",
    "神川町",
    "上里町",
    "寄居町",
    "宮代町",
    "杉戸町",
    "松伏町",
]
PREFECTURE_DEPARTMENTS = [
    "県民生活課",
    "共助社会づくり課",
    "少子政策課",
    "高齢者福祉課",
    "障害者福祉推進課",
    "環境政策課",
    "みどり自然課",
    "危機管理課",
    "国際課",
    "文化振興課",
    "生涯学習推進課",
    "産業労働政策課",
]
THEMES = [
    ("子育て広場の運営", 13),
    ("高齢者の見守り", 1),
    ("河川敷の清掃と環境学習", 7),
    ("避難所運営訓練", 8),
    ("外国人住民の日本語教室", 11),
    ("里山の保全", 5),
    ("若者の就労支援", 17),
    ("消費者被害の防止講座", 18),
    ("地域の防犯パトロール", 9),
    ("まちなかの空き店舗活用", 3),
    ("障害のある人の余暇活動", 1),
    ("子ども食堂の支援", 13),
    ("男女共同参画の講座", 12),
    ("文化財の案内ボランティア", 6),
    ("観光ガイドの育成", 4),
    ("市民活動団体の運営相談", 19),
    ("ICT講習会", 14),
    ("科学教室", 15),
]
LEGAL_FORMS = [choice for choice, _label in Organization.LegalForm.choices]
# How the projects of a prefecture spread over the stages (most have run their course).
STAGE_WEIGHTS = {
    Stage.DRAFT: 4,
    Stage.SUITABILITY: 4,
    Stage.METHOD: 4,
    Stage.PARTNER_SELECTION: 4,
    Stage.AGREEMENT: 4,
    Stage.IMPLEMENTATION: 20,
    Stage.EVALUATION: 10,
    Stage.CLOSED: 45,
    Stage.ENDED: 5,
}


def _bulk(model, rows: list, **options) -> list:
    return model.objects.bulk_create(rows, batch_size=BATCH, **options)


def _analyze(*models) -> None:
    """Refresh the planner's statistics after bulk inserts (PostgreSQL; a no-op elsewhere)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


class ScaleSeeder:
    def __init__(self, *, projects: int, seed: int, log: Callable[[str], None] = print):
        self.total = projects
        self.random = random.Random(seed)
        self.log = log
        self.today = timezone.localdate()
        self.current_fy = fiscal_year_of(self.today)
        self.password = make_password(SCALE_PASSWORD, salt="kyodoscale")
        self.item_keys = [(item.key, item.group, item.principle) for item in evaluation_sheet.ITEMS]
        self.question_keys = list(suitability_questions.QUESTION_KEYS)

    # --- people and organisations ----------------------------------------------------------

    def seed_organizations(self) -> None:
        r = self.random
        offices = [
            Organization(
                kind=Organization.Kind.GOVERNMENT,
                level=Organization.Level.PREFECTURE,
                jurisdiction="埼玉県",
                name=name,
            )
            for name in PREFECTURE_DEPARTMENTS
        ]
        for municipality in MUNICIPALITIES:
            for name in ("市民協働推進課", "地域福祉課")[: r.choice((1, 2))]:
                offices.append(
                    Organization(
                        kind=Organization.Kind.GOVERNMENT,
                        level=Organization.Level.MUNICIPALITY,
                        jurisdiction=municipality,
                        name=name,
                    )
                )
        self.offices = _bulk(Organization, offices)
        npo_count = max(20, self.total // 20)
        npos = []
        for index in range(npo_count):
            theme, _field = THEMES[index % len(THEMES)]
            place = r.choice(MUNICIPALITIES)
            npos.append(
                Organization(
                    kind=Organization.Kind.NPO,
                    name=f"{place}{theme.split('の')[0]}ネット{index + 1}",
                    legal_form=r.choice(LEGAL_FORMS),
                    area=place,
                    established_year=r.randint(1998, self.today.year - 1),
                    description=f"{place}を中心に{theme}に取り組んでいます。",
                    track_record=f"{theme}を{r.randint(1, 20)}年続けています。",
                    contact_person="事務局",
                    email=f"npo{index + 1}@scale.example.org",
                )
            )
        self.npos = _bulk(Organization, npos)
        fields = {field.number: field.pk for field in ActivityField.objects.all()}
        through = Organization.fields.through
        _bulk(
            through,
            [
                through(organization_id=npo.pk, activityfield_id=fields[number])
                for index, npo in enumerate(self.npos)
                for number in {THEMES[index % len(THEMES)][1], r.randint(1, 19)}
            ],
        )
        self._seed_people()
        self.log(f"  {len(self.offices):,} offices, {len(self.npos):,} NPOs")

    def _seed_people(self) -> None:
        users, memberships = [], []

        def person(username: str, name: str, organization: Organization, role: str) -> None:
            users.append(
                User(
                    username=username,
                    name=name,
                    email=f"{username}@scale.example.jp",
                    password=self.password,
                )
            )
            memberships.append((username, organization, role))

        person("bench_staff", "計測 職員", self.offices[0], Role.STAFF)
        person("bench_manager", "計測 管理職", self.offices[0], Role.MANAGER)
        person("bench_reviewer", "計測 委員", self.offices[0], Role.REVIEWER)
        person("bench_npo", "計測 NPO", self.npos[0], Role.NPO)
        for index, office in enumerate(self.offices):
            person(f"staff{index}", f"職員 {index}", office, Role.STAFF)
        for index in range(min(len(self.npos), 2_000)):
            person(f"npo{index}", f"会員 {index}", self.npos[index], Role.NPO)
        for index in range(30):
            person(f"reviewer{index}", f"委員 {index}", self.offices[index % 12], Role.REVIEWER)
        created = {user.username: user for user in _bulk(User, users)}
        _bulk(
            Membership,
            [
                Membership(user=created[username], organization=organization, role=role)
                for username, organization, role in memberships
            ],
        )
        self.office_staff = {
            office.pk: created[f"staff{index}"] for index, office in enumerate(self.offices)
        }
        self.reviewers = [created[f"reviewer{index}"] for index in range(30)]
        self.reviewers.append(created["bench_reviewer"])
        self.npo_members = {
            self.npos[index].pk: created[f"npo{index}"]
            for index in range(min(len(self.npos), 2_000))
        }
        self.npo_members[self.npos[0].pk] = created["bench_npo"]

    # --- projects ------------------------------------------------------------------------------

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
                    stage=stage,
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
                )
            )
        projects = _bulk(Project, projects)
        for index, project in enumerate(projects):
            project.n = offset + index  # choices depend on position, never on database ids
        fields = list(ActivityField.objects.values_list("pk", flat=True))
        through = Project.fields.through
        _bulk(
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
        _bulk(ProjectEvent, events)

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
        _bulk(ProjectPartner, rows)

    def _seed_planning(self, projects: list[Project]) -> None:
        r = self.random
        suitability, answers, plans = [], [], []
        for project in projects:
            if not self._reached(project, Stage.SUITABILITY) or project.stage == Stage.SUITABILITY:
                continue
            outcome = project.end_outcome or SuitabilityOutcome.COLLABORATE
            suitability.append(
                Suitability(project=project, recommended_outcome=outcome, outcome=outcome)
            )
            for key in self.question_keys:
                answers.append(
                    SuitabilityAnswer(project=project, question=key, answer=r.choice(("yes", "no")))
                )
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
        _bulk(Suitability, suitability)
        _bulk(SuitabilityAnswer, answers)
        _bulk(MethodPlan, plans)

    def _seed_agreements(self, projects: list[Project]) -> None:
        r = self.random
        with_agreement = [
            p for p in projects if self._reached(p, Stage.AGREEMENT) and p.pk in self.partner_of
        ]
        agreements = _bulk(
            Agreement,
            [Agreement(project=p, current_number=r.choice((1, 1, 2))) for p in with_agreement],
        )
        versions = _bulk(
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
        _bulk(RoleLine, roles)
        _bulk(CostLine, costs)
        _bulk(ResponsibilityLine, duties)
        _bulk(AgreementConfirmation, confirmations)

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
        criteria = _bulk(
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
        _bulk(
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
        _bulk(CommitteeMember, seats)
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
        _bulk(ConflictDeclaration, declarations)
        _bulk(Score, scores)
        published = [c for c in calls if c.status == Call.Status.PUBLISHED]
        chosen_application = {
            a.call_id: a.pk
            for a in applications
            if a.organization_id == self.partner_of[call_by_pk[a.call_id].project_id]
        }
        for call in published:
            call.chosen_application_id = chosen_application.get(call.pk)
        Call.objects.bulk_update(published, ["chosen_application"], batch_size=BATCH)

    def _seed_evaluations(self, projects: list[Project]) -> None:
        r = self.random
        evaluated = [
            p
            for p in projects
            if p.stage in (Stage.EVALUATION, Stage.CLOSED) and p.pk in self.partner_of
        ]
        now = timezone.now()
        rounds = _bulk(
            EvaluationRound,
            [
                EvaluationRound(
                    project=p,
                    kind=RoundKind.FINAL,
                    unsealed_at=now if p.stage == Stage.CLOSED or p.n % 2 else None,
                    meeting_date=p.end_date if p.stage == Stage.CLOSED else None,
                    meeting_attendees="担当課 2名、NPO 2名" if p.stage == Stage.CLOSED else "",
                    conclusions="次年度は参加者の募集を早める。" if p.stage == Stage.CLOSED else "",
                    exchange_recorded_at=now if p.stage == Stage.CLOSED else None,
                    published_at=now if p.stage == Stage.CLOSED and p.n % 3 == 0 else None,
                )
                for p in evaluated
            ],
        )
        sheets = []
        for round_, project in zip(rounds, evaluated, strict=True):
            both = round_.unsealed_at is not None
            for side, organization_id in (
                (EvaluationSide.GOVERNMENT, project.owner_office_id),
                (EvaluationSide.NPO, self.partner_of[project.pk]),
            ):
                submitted = both or side == EvaluationSide.GOVERNMENT
                sheets.append(
                    Evaluation(
                        round=round_,
                        side=side,
                        organization_id=organization_id,
                        status=Evaluation.Status.SUBMITTED
                        if submitted
                        else Evaluation.Status.DRAFT,
                        overall_comment="おおむね計画どおりに進んだ。",
                        submitted_at=now if submitted else None,
                        comment_on_other="相手の評価を読み、課題の認識が一致した。" if both else "",
                    )
                )
        sheets = _bulk(Evaluation, sheets)
        answers = []
        for sheet in sheets:
            bias = 0 if sheet.side == EvaluationSide.GOVERNMENT else r.choice((-1, 0, 0, 1))
            for key, group, principle in self.item_keys:
                score = min(5, max(1, r.choice((3, 4, 4, 5, 2)) + bias))
                answers.append(
                    Answer(
                        evaluation=sheet,
                        item=key,
                        group=group,
                        principle=principle,
                        score=score,
                        reason="期待を下回った" if score <= 2 else "",
                        comment="",
                    )
                )
        _bulk(Answer, answers)
        # The planner needs statistics for the rollups' correlated lookups: on tables it still
        # believes empty it scans them once per answer (minutes for the first few thousand).
        _analyze(Answer, Evaluation, EvaluationRound)
        # What a submission writes for the dashboard, written here once for all the sheets.
        evaluation_services.score_rollups_fill(round_ids=[round_.pk for round_ in rounds])
        _bulk(
            ImprovementItem,
            [
                ImprovementItem(
                    round=round_,
                    project_id=round_.project_id,
                    text="参加者の募集を早め、広報を共同で行う。",
                    owner="both",
                    carry_forward=round_.project.n % 4 == 0,
                )
                for round_ in rounds
                if round_.exchange_recorded_at is not None
            ],
        )

    # --- reminders -------------------------------------------------------------------------------

    def seed_reminders(self) -> None:
        """A ledger with history: about one sent reminder per ten projects."""
        project_type = ContentType.objects.get_for_model(Project).pk
        kinds = [kind for kind, _label in ReminderKind.choices]
        staff = list(self.office_staff.values())
        rows = []
        for index, project_id in enumerate(
            Project.objects.order_by("pk").values_list("pk", flat=True)[: self.total // 10]
        ):
            rows.append(
                Reminder(
                    recipient=staff[index % len(staff)],
                    kind=kinds[index % len(kinds)],
                    subject_type_id=project_type,
                    subject_id=project_id,
                    due_date=self.today - datetime.timedelta(days=index % 300 + 1),
                    url=f"/projects/{project_id}/",
                    status=Reminder.Status.SENT,
                    attempts=1,
                    sent_at=timezone.now(),
                )
            )
        _bulk(Reminder, rows, ignore_conflicts=True)
        self.log(f"  {len(rows):,} reminders in the ledger")

    def run(self) -> None:
        started = time.monotonic()
        with transaction.atomic():
            self.seed_organizations()
        self.seed_projects()
        with transaction.atomic():
            self.seed_reminders()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.log(f"done in {time.monotonic() - started:.0f} s")


# --- The pages the benchmark drives ------------------------------------------------------------

BENCH_STAFF, BENCH_MANAGER = "bench_staff", "bench_manager"
# Throughput targets from the issue, as shares of /healthz.
PUBLIC, STAFF_PAGE, DASHBOARD = ">= 25%", ">= 10%", ">= 5%"


def benchmark_pages() -> list[dict]:
    """The main pages, with a sample object of each kind, for the harness and the query tests."""
    from casebook.models import Case

    staff = User.objects.get(username=BENCH_STAFF)
    office = staff.memberships.get().organization
    result = [
        {"name": "healthz", "path": "/healthz"},
        {"name": "landing (public)", "path": "/", "target": PUBLIC},
        {"name": "casebook index (public)", "path": reverse("casebook:index"), "target": PUBLIC},
        {
            "name": "casebook case (public)",
            "path": reverse(
                "casebook:case_detail", args=[Case.objects.order_by("number")[6].number]
            ),
            "target": PUBLIC,
        },
    ]
    call = Call.objects.filter(status=Call.Status.PUBLISHED).order_by("pk").first()
    if call:
        result.append(
            {
                "name": "call result (public)",
                "path": reverse("selection:public_call_detail", args=[call.pk]),
                "target": PUBLIC,
            }
        )
    result += [
        {
            "name": "project list",
            "path": reverse("projects:project_list"),
            "user": BENCH_STAFF,
            "target": STAFF_PAGE,
        },
        {
            "name": "project list, filtered",
            "path": reverse("projects:project_list") + "?stage=implementation&method=commission",
            "user": BENCH_STAFF,
            "target": STAFF_PAGE,
        },
    ]
    for stage in Stage:
        project = Project.objects.filter(owner_office=office, stage=stage).order_by("pk").first()
        if project:
            result.append(
                {
                    "name": f"project detail: {stage.value}",
                    "path": reverse("projects:project_detail", args=[project.pk]),
                    "user": BENCH_STAFF,
                    "target": STAFF_PAGE,
                }
            )
    agreed = (
        Project.objects.filter(
            owner_office=office, stage=Stage.IMPLEMENTATION, agreement__isnull=False
        )
        .order_by("pk")
        .first()
    )
    if agreed:
        result.append(
            {
                "name": "agreement",
                "path": reverse("projects:agreement", args=[agreed.pk]),
                "user": BENCH_STAFF,
                "target": STAFF_PAGE,
            }
        )
    round_ = (
        EvaluationRound.objects.filter(project__owner_office=office, unsealed_at__isnull=False)
        .order_by("pk")
        .first()
    )
    if round_:
        result.append(
            {
                "name": "evaluation exchange",
                "path": reverse("evaluation:exchange", args=[round_.pk]),
                "user": BENCH_STAFF,
                "target": STAFF_PAGE,
            }
        )
    dashboard = reverse("evaluation:dashboard")
    fiscal_year = (
        Project.objects.order_by("-fiscal_year_start")
        .values_list("fiscal_year_start", flat=True)
        .first()
    )
    result += [
        {"name": "dashboard", "path": dashboard, "user": BENCH_MANAGER, "target": DASHBOARD},
        {
            "name": "dashboard, filtered",
            "path": f"{dashboard}?method=commission&fiscal_year={fiscal_year}",
            "user": BENCH_MANAGER,
            "target": "p99 < 1 s (cold)",
        },
        {
            "name": "NPO directory search",
            "path": reverse("partners:directory") + "?" + urlencode({"q": "子育て"}),
            "user": BENCH_STAFF,
            "target": STAFF_PAGE,
        },
    ]
    return result
