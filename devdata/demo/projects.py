# ruff: noqa: E501
"""Demo projects and proposals: a living portal for a first run (fictional content).

Projects are built through the same services people use, so the demo's history (timeline,
agreement versions, confirmations) is what the portal itself would have recorded. Each project and
proposal is keyed by its title and organisation and built only when missing, so running
``seed_demo`` again converges to the same data. Demo sentences are kept whole on one line each,
hence the E501 exemption.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from kyodo_portal.core.fiscal import fiscal_year_of
from partners.models import ActivityField
from projects import services
from projects.choices import ConfirmingSide, Stage
from projects.models import Project, ProjectEvent, ProjectPartner, Proposal

COLLABORATE = {
    "collaboration_needed": "yes",
    "government_responsibility": "no",
    "npo_own_activity": "no",
    "synergy": "yes",
    "npo_strengths": "yes",
    "equal_partner": "yes",
    "npo_voice": "yes",
    "autonomy": "yes",
}
NOTES = {
    "synergy": "行政の広報・施設と、団体の現場の経験を組み合わせると、どちらか単独より多くの人に届く。",
    "npo_strengths": "当事者に近い立場で、きめ細かな相談に応じられるのは団体の強み。",
}

STATEMENTS = {
    "shared_purpose": "キックオフ会議で目的と成果指標を文書にまとめ、四半期ごとに双方で確認する。",
    "autonomy_equality": "運営の方法は団体の判断に委ねる。人件費と一般管理費を適正に積算し、概算払いとする。",
    "dialogue_agreement": "月1回の定例会で進め方を協議し、変更は双方の合意で協定を改める。",
    "openness": "協定書、実施報告、評価結果を県のウェブサイトとポータルで公開する。",
}

RESPONSIBILITIES = [
    (
        "accidents_insurance",
        "joint",
        "参加者の傷害保険は団体が加入し、保険料は行政が負担する。事故が起きたときは双方に直ちに連絡する。",
    ),
    (
        "personal_information",
        "npo",
        "参加者名簿は団体が施錠保管し、事業の目的以外に使わない。事業終了後6か月で消去し、消去を報告する。",
    ),
    (
        "ownership_copyright",
        "joint",
        "作成した冊子・写真の著作権は双方の共有とし、再利用のときは相互に連絡する。",
    ),
    (
        "publicity_credit",
        "joint",
        "広報物には「県と団体の協働事業」と明記し、双方の名称を同じ大きさで表示する。",
    ),
    (
        "complaints",
        "joint",
        "苦情は受けた側が記録して相手に共有し、対応方針を双方で決める。",
    ),
    (
        "information_disclosure",
        "government",
        "情報公開請求には行政が対応し、団体の運営に関わる情報は事前に団体の意見を聴く。",
    ),
    (
        "change_termination",
        "joint",
        "内容の変更は双方の書面による合意で行う。やむを得ず終了するときは30日前までに申し出て協議する。",
    ),
]


def _responsibilities() -> list[dict]:
    return [{"topic": t, "side": s, "text": text} for t, s, text in RESPONSIBILITIES]


def _fields(*numbers: int) -> list[ActivityField]:
    return list(ActivityField.objects.filter(number__in=numbers))


def _project(key_title: str, office, staff, fields: tuple[int, ...], **values) -> Project:
    project = services.project_create(
        by=staff,
        owner_office=office,
        values={"title": key_title, **values},
        fields=_fields(*fields),
    )
    return project


def _advance(project: Project, to: str, by, comment: str = "") -> Project:
    return services.project_advance(project=project, to=to, by=by, comment=comment)


def _through_suitability(project: Project, staff, outcome: str = "collaborate", **kw) -> Project:
    _advance(project, Stage.SUITABILITY, staff, "基本情報がそろったため、適否検討を始めます。")
    services.suitability_save(
        project=project,
        by=staff,
        answers=kw.pop("answers", COLLABORATE),
        notes=NOTES,
        outcome=outcome,
        **kw,
    )
    return project


def _through_method(project: Project, staff, method: str, rationale: str) -> Project:
    _advance(project, Stage.METHOD, staff, "適否検討の結果、協働で実施します。")
    services.method_choose(
        project=project, by=staff, method=method, rationale=rationale, statements=STATEMENTS
    )
    return project


def _partner(project: Project, staff, npo, via: str = ProjectPartner.Via.DESIGNATED) -> None:
    _advance(project, Stage.PARTNER_SELECTION, staff, "協働の方法を決めました。")
    services.project_set_partner(project=project, organization=npo, by=staff, via=via)
    _advance(project, Stage.AGREEMENT, staff, "協働相手が決まりました。")


def _agreement(project: Project, staff, roles, costs) -> None:
    services.agreement_save(
        project=project,
        by=staff,
        roles=roles,
        costs=costs,
        responsibilities=_responsibilities(),
        revision=0,
    )


def _confirm(project: Project, by, side: str) -> None:
    project.refresh_from_db()
    services.agreement_confirm(
        project=project, by=by, side=side, number=project.agreement.current_number
    )


def _note(project: Project, by, days: int, title: str, body: str, **extra) -> None:
    services.note_add(
        project=project,
        by=by,
        values={
            "kind": extra.pop("kind", "progress"),
            "held_on": timezone.localdate() - datetime.timedelta(days=days),
            "title": title,
            "body": body,
            **extra,
        },
    )


def _spread_timeline(project: Project, days_ago: int) -> None:
    """Demo history happens in one instant; spread it over weeks so the timeline reads well."""
    events = list(ProjectEvent.objects.filter(project=project).order_by("created_at", "pk"))
    start = timezone.now() - datetime.timedelta(days=days_ago)
    step = datetime.timedelta(days=max(days_ago // max(len(events), 1), 1))
    for index, event in enumerate(events):
        ProjectEvent.objects.filter(pk=event.pk).update(created_at=start + step * index)


ROLES_HIROBA = [
    {
        "task": "子育て広場の運営（週3回）",
        "side": "npo",
        "deliverable": "運営日誌・利用者数の月報",
        "due_date": None,
    },
    {
        "task": "会場（公民館）の確保と広報",
        "side": "government",
        "deliverable": "広報紙掲載",
        "due_date": None,
    },
    {
        "task": "利用者アンケートの設計と集計",
        "side": "joint",
        "deliverable": "アンケート結果報告",
        "due_date": None,
    },
]
COSTS_HIROBA = [
    {
        "item": "スタッフ人件費",
        "category": "personnel",
        "amount": 1_440_000,
        "borne_by": "government",
        "note": "3名×週3回",
    },
    {
        "item": "一般管理費",
        "category": "overhead",
        "amount": 144_000,
        "borne_by": "government",
        "note": "人件費の10%",
    },
    {
        "item": "おもちゃ・絵本",
        "category": "activity",
        "amount": 120_000,
        "borne_by": "npo",
        "note": "団体の寄付金から",
    },
    {
        "item": "会場費",
        "category": "activity",
        "amount": 0,
        "borne_by": "government",
        "note": "公民館を無料で提供",
    },
]


def seed(context: dict) -> dict:
    organizations = context["organizations"]
    people = context["people"]
    staff, city_staff = people["staff"], people["city_staff"]
    npo, npo2 = people["npo"], people["npo2"]
    pref, city, kawagoe = (
        organizations["pref"],
        organizations["saitama_city"],
        organizations["kawagoe_city"],
    )
    hidamari, arakawa = organizations["hidamari"], organizations["arakawa"]
    year = fiscal_year_of()
    projects: dict[str, Project] = {}

    def existing(title: str, office) -> Project | None:
        return Project.objects.filter(title=title, owner_office=office).first()

    # 1. Closed: last year's children's drop-in, the predecessor of this year's.
    title = "子育て広場の協働運営（前年度）"
    if (project := existing(title, pref)) is None:
        project = _project(
            title,
            pref,
            staff,
            (13, 1),
            background="乳幼児のいる世帯が地域で孤立しがちで、気軽に相談できる場が足りない。",
            purpose="親子が気軽に集い、子育ての悩みを相談できる居場所を地域につくる。",
            beneficiaries="県内の乳幼児とその保護者",
            outcome_targets="広場の利用 年間延べ4,000組／利用者満足度80%以上／相談件数 年300件",
            fiscal_year_start=year - 1,
            fiscal_year_end=year - 1,
            budget=2_000_000,
        )
        _through_suitability(project, staff)
        _through_method(
            project,
            staff,
            "cooperation",
            "団体の相談支援の経験と、県の施設・広報を組み合わせ、それぞれの役割を協定で定めて進めるため。",
        )
        _partner(project, staff, hidamari)
        _agreement(project, staff, ROLES_HIROBA, COSTS_HIROBA)
        _confirm(project, staff, ConfirmingSide.GOVERNMENT)
        _confirm(project, npo, ConfirmingSide.NPO)
        _advance(project, Stage.IMPLEMENTATION, staff, "双方が第1版を確認しました。")
        _note(
            project,
            staff,
            300,
            "第1回定例会",
            "開設準備の進み具合を確認。",
            kind="meeting",
            attendees_government="山田（県民生活課）",
            attendees_npo="田中（ひだまり子育てネット）",
            decisions="5月の開設に向けてチラシを2,000部作る。",
        )
        _note(project, npo, 200, "上半期の利用状況", "延べ2,150組が利用。平日午前の利用が多い。")
        _advance(project, Stage.EVALUATION, staff, "事業期間が終わりました。")
        # Closing needs both evaluations (the evaluation app's gate); its demo adds them. The
        # demo records the close directly so that a finished project exists to learn from.
        ProjectEvent.objects.create(
            project=project,
            actor=staff,
            from_stage=Stage.EVALUATION,
            to_stage=Stage.CLOSED,
            comment="双方の評価と意見交換を終え、事業を完了しました。",
        )
        Project.objects.filter(pk=project.pk).update(stage=Stage.CLOSED)
        _spread_timeline(project, 420)
    projects["closed"] = project
    predecessor = project

    # 2. Continuation of 1, at the method stage (the predecessor's feedback shows in planning).
    title = "子育て広場の協働運営（継続）"
    if (project := existing(title, pref)) is None:
        project = _project(
            title,
            pref,
            staff,
            (13, 1),
            background="前年度の広場は平日午前に利用が集中し、働く保護者に届いていない。",
            purpose="土曜日の開設と父親向けプログラムで、これまで届かなかった家庭にも居場所を広げる。",
            beneficiaries="県内の乳幼児とその保護者（特に共働き世帯・父親）",
            outcome_targets="土曜日の利用 延べ800組／父親の参加 延べ300人",
            fiscal_year_start=year,
            fiscal_year_end=year,
            budget=2_400_000,
            predecessor=predecessor,
        )
        _through_suitability(project, staff)
        _advance(project, Stage.METHOD, staff, "前年度の評価を踏まえ、協働で継続します。")
        _spread_timeline(project, 40)
    projects["continuation"] = project

    # 3. Implementation: a commission with three agreement versions.
    title = "荒川河川敷の外来植物対策と環境学習"
    if (project := existing(title, pref)) is None:
        project = _project(
            title,
            pref,
            staff,
            (7, 2),
            background="河川敷でアレチウリなどの外来植物が広がり、在来の植生が失われつつある。",
            purpose="外来植物の駆除を続けながら、流域の小学生が川の自然を学ぶ機会をつくる。",
            beneficiaries="流域の住民、小学校4〜6年生",
            outcome_targets="駆除面積 2ha／環境学習 10校・延べ600人／参加者の理解度向上80%",
            fiscal_year_start=year,
            fiscal_year_end=year + 1,
            budget=3_000_000,
        )
        _through_suitability(project, staff)
        _through_method(
            project,
            staff,
            "commission",
            "県が責任を持つ河川環境の保全を、現場の知識と学校との関係を持つ団体の専門性を生かして進めるため。",
        )
        _partner(project, staff, arakawa)
        roles = [
            {
                "task": "外来植物の駆除作業（月2回）",
                "side": "npo",
                "deliverable": "作業報告書",
                "due_date": None,
            },
            {
                "task": "学校との日程調整と教材づくり",
                "side": "joint",
                "deliverable": "環境学習プログラム",
                "due_date": None,
            },
            {
                "task": "河川管理者との調整・許可",
                "side": "government",
                "deliverable": "",
                "due_date": None,
            },
        ]
        costs_v1 = [
            {
                "item": "作業スタッフ人件費",
                "category": "personnel",
                "amount": 1_500_000,
                "borne_by": "government",
                "note": "",
            },
            {
                "item": "道具・運搬費",
                "category": "activity",
                "amount": 300_000,
                "borne_by": "government",
                "note": "",
            },
        ]
        costs_v2 = [
            *costs_v1,
            {
                "item": "一般管理費",
                "category": "overhead",
                "amount": 180_000,
                "borne_by": "government",
                "note": "団体からの申し出で追加",
            },
        ]
        costs_v3 = [
            *costs_v2,
            {
                "item": "講師謝金（環境学習）",
                "category": "activity",
                "amount": 200_000,
                "borne_by": "government",
                "note": "",
            },
        ]
        services.agreement_save(
            project=project,
            by=staff,
            roles=roles,
            costs=costs_v1,
            responsibilities=_responsibilities(),
            revision=0,
        )
        _confirm(project, npo2, ConfirmingSide.NPO)
        project.refresh_from_db()
        services.agreement_save(
            project=project,
            by=staff,
            roles=roles,
            costs=costs_v2,
            responsibilities=_responsibilities(),
            revision=project.agreement.revision,
        )
        _confirm(project, staff, ConfirmingSide.GOVERNMENT)
        project.refresh_from_db()
        services.agreement_save(
            project=project,
            by=staff,
            roles=roles,
            costs=costs_v3,
            responsibilities=_responsibilities(),
            revision=project.agreement.revision,
        )
        _confirm(project, staff, ConfirmingSide.GOVERNMENT)
        _confirm(project, npo2, ConfirmingSide.NPO)
        _advance(project, Stage.IMPLEMENTATION, staff, "第3版で双方が合意しました。")
        _note(
            project,
            staff,
            30,
            "キックオフ会議",
            "作業の範囲と安全対策を確認。",
            kind="meeting",
            attendees_government="山田",
            attendees_npo="伊藤",
            decisions="熱中症対策として7・8月は午前のみ作業する。",
        )
        _note(project, npo2, 10, "6月の作業報告", "アレチウリ 0.3ha を駆除。参加者 延べ45人。")
        _spread_timeline(project, 120)
    projects["implementation"] = project

    # 4. Agreement: version 2 awaits both sides (the NPO's home page shows it).
    title = "乳幼児親子の防災講座"
    if (project := existing(title, city)) is None:
        project = _project(
            title,
            city,
            city_staff,
            (8, 13),
            background="乳幼児のいる家庭は避難に時間がかかり、備えの情報も届きにくい。",
            purpose="親子で参加できる防災講座を共催し、家庭の備えを進める。",
            beneficiaries="市内の乳幼児とその保護者",
            outcome_targets="講座 6回・延べ180組／参加後に備蓄を始めた家庭 60%以上",
            fiscal_year_start=year,
            fiscal_year_end=year,
            budget=600_000,
        )
        _through_suitability(project, city_staff)
        _through_method(
            project,
            city_staff,
            "co_hosting",
            "市の防災の知識と、団体の親子が集まる場づくりを持ち寄り、双方が主催者として講座を開くため。",
        )
        _partner(project, city_staff, hidamari)
        roles = [
            {
                "task": "講座の企画と当日の運営",
                "side": "joint",
                "deliverable": "講座プログラム",
                "due_date": None,
            },
            {
                "task": "防災備蓄品の展示",
                "side": "government",
                "deliverable": "",
                "due_date": None,
            },
            {"task": "参加者募集と託児", "side": "npo", "deliverable": "", "due_date": None},
        ]
        costs = [
            {
                "item": "託児スタッフ人件費",
                "category": "personnel",
                "amount": 180_000,
                "borne_by": "government",
                "note": "",
            },
            {
                "item": "教材印刷費",
                "category": "activity",
                "amount": 60_000,
                "borne_by": "joint",
                "note": "折半",
            },
        ]
        services.agreement_save(
            project=project,
            by=city_staff,
            roles=roles,
            costs=costs,
            responsibilities=_responsibilities(),
            revision=0,
        )
        _confirm(project, city_staff, ConfirmingSide.GOVERNMENT)
        project.refresh_from_db()
        services.agreement_save(
            project=project,
            by=city_staff,
            roles=roles,
            costs=[
                *costs,
                {
                    "item": "会場の保険料",
                    "category": "activity",
                    "amount": 20_000,
                    "borne_by": "government",
                    "note": "",
                },
            ],
            responsibilities=_responsibilities(),
            revision=project.agreement.revision,
        )
        _spread_timeline(project, 60)
    projects["agreement"] = project

    # 5. Partner selection: planning participation, ready for an open call.
    title = "県子育て支援計画の策定への参画"
    if (project := existing(title, pref)) is None:
        project = _project(
            title,
            pref,
            staff,
            (13, 19),
            background="次期計画の策定にあたり、現場で子育て家庭を支える団体の知見が必要。",
            purpose="子育て支援に取り組む団体に計画づくりの検討会へ参画してもらい、現場の声を計画に反映する。",
            beneficiaries="県内の子育て家庭",
            outcome_targets="検討会 5回開催／団体の意見の反映状況を一覧で公表",
            fiscal_year_start=year,
            fiscal_year_end=year,
            budget=400_000,
        )
        _through_suitability(project, staff)
        _through_method(
            project,
            staff,
            "planning_participation",
            "計画の中身に現場の知見を生かすため、策定段階から団体に参画してもらう。",
        )
        _advance(project, Stage.PARTNER_SELECTION, staff, "参画する団体を公募で選びます。")
        _spread_timeline(project, 30)
    projects["partner_selection"] = project

    # 6. Evaluation: a subsidy, implementation over.
    title = "見沼・荒川流域の自然観察会への補助"
    if (project := existing(title, city)) is None:
        project = _project(
            title,
            city,
            city_staff,
            (7, 6),
            background="流域の自然にふれる機会が減り、保全の担い手も高齢化している。",
            purpose="団体が自ら企画する自然観察会を補助し、若い世代の参加を広げる。",
            beneficiaries="市内の小中学生と家族",
            outcome_targets="観察会 8回・延べ240人／20代以下の参加者 40%",
            fiscal_year_start=year - 1,
            fiscal_year_end=year - 1,
            budget=500_000,
        )
        _through_suitability(project, city_staff)
        _through_method(
            project,
            city_staff,
            "subsidy",
            "団体が主体的に続けてきた観察会を、自主性を尊重しながら財政面で支えるため。",
        )
        _partner(project, city_staff, arakawa)
        services.agreement_save(
            project=project,
            by=city_staff,
            roles=[
                {
                    "task": "観察会の企画・運営",
                    "side": "npo",
                    "deliverable": "実績報告書",
                    "due_date": None,
                },
                {
                    "task": "市報での参加者募集",
                    "side": "government",
                    "deliverable": "",
                    "due_date": None,
                },
            ],
            costs=[
                {
                    "item": "補助金（講師謝金・保険料）",
                    "category": "activity",
                    "amount": 400_000,
                    "borne_by": "government",
                    "note": "補助率 2/3",
                },
                {
                    "item": "自己負担分",
                    "category": "activity",
                    "amount": 100_000,
                    "borne_by": "npo",
                    "note": "",
                },
            ],
            responsibilities=_responsibilities(),
            revision=0,
        )
        _confirm(project, city_staff, ConfirmingSide.GOVERNMENT)
        _confirm(project, npo2, ConfirmingSide.NPO)
        _advance(project, Stage.IMPLEMENTATION, city_staff, "合意しました。")
        _note(project, npo2, 90, "秋の観察会", "親子 32人が参加。カワセミを観察。")
        _advance(project, Stage.EVALUATION, city_staff, "実施期間が終わりました。")
        _spread_timeline(project, 300)
    projects["evaluation"] = project

    # 7. Ended early: better as the NPO's own activity, supported rather than co-run.
    title = "河川清掃イベントの共同開催"
    if (project := existing(title, pref)) is None:
        project = _project(
            title,
            pref,
            staff,
            (7,),
            background="毎年の河川清掃イベントを県も共催してきたが、目的があいまいになっている。",
            purpose="清掃イベントの意義を見直し、地域の自主的な活動として続けられるようにする。",
            beneficiaries="流域の住民",
            outcome_targets="参加者数の維持（年300人）",
            fiscal_year_start=year,
            fiscal_year_end=year,
            budget=200_000,
        )
        _through_suitability(
            project,
            staff,
            outcome="npo_alone",
            answers={**COLLABORATE, "npo_own_activity": "yes"},
        )
        _advance(
            project,
            Stage.ENDED,
            staff,
            "団体の自主的な活動として続け、県は広報と物品の貸出しで支援します。",
        )
        _spread_timeline(project, 90)
    projects["ended"] = project

    # 8. Suitability under way, with a hearing record.
    title = "NPOと県職員の合同研修"
    if (project := existing(title, pref)) is None:
        project = _project(
            title,
            pref,
            staff,
            (19, 2),
            background="協働の経験が少ない職員が多く、団体の側も行政の手続きになじみが薄い。",
            purpose="職員と団体が一緒に学び、互いの特性と制約を理解する。",
            beneficiaries="県職員、県内のNPO",
            outcome_targets="研修 3回・延べ120人／受講後の理解度 80%以上",
            fiscal_year_start=year,
            fiscal_year_end=year,
            budget=300_000,
        )
        _advance(project, Stage.SUITABILITY, staff, "適否検討を始めます。")
        services.suitability_save(
            project=project,
            by=staff,
            answers={
                "collaboration_needed": "yes",
                "government_responsibility": "no",
                "synergy": "unsure",
            },
            notes={"synergy": "団体側の講師の確保ができるか確認中。"},
        )
        services.hearing_add(
            project=project,
            by=staff,
            whom="中間支援NPO 2団体",
            held_on=timezone.localdate() - datetime.timedelta(days=7),
            summary="研修は平日夜か土曜日に。団体の事例発表の時間を設けてほしい。",
        )
        _spread_timeline(project, 14)
    projects["suitability"] = project

    # 9. Draft at another municipality (no demo login there; recorded as its own draft).
    title = "多文化共生の日本語教室支援（構想）"
    if (project := existing(title, kawagoe)) is None:
        project = Project.objects.create(
            title=title,
            owner_office=kawagoe,
            background="外国にルーツを持つ住民が増え、日本語教室の待機者が出ている。",
            purpose="",
            fiscal_year_start=year + 1,
            fiscal_year_end=year + 1,
        )
        project.fields.set(_fields(11, 10))
    projects["draft"] = project

    # 10. Information exchange under way at the city.
    title = "子育て支援団体との情報交換会"
    if (project := existing(title, city)) is None:
        project = _project(
            title,
            city,
            city_staff,
            (13, 19),
            background="市と子育て支援団体が持つ情報がばらばらで、支援が重なったり漏れたりしている。",
            purpose="定例の情報交換会で、地域の課題と互いの取組を共有する。",
            beneficiaries="市内の子育て支援団体と市の担当課",
            outcome_targets="年4回開催／出された課題への回答率 100%",
            fiscal_year_start=year,
            fiscal_year_end=year,
            budget=50_000,
        )
        _through_suitability(project, city_staff)
        _through_method(
            project,
            city_staff,
            "information_exchange",
            "予算を伴う事業の前に、互いの取組と課題を知る場が必要なため。",
        )
        _partner(project, city_staff, hidamari)
        services.agreement_save(
            project=project,
            by=city_staff,
            roles=[
                {
                    "task": "会の進行と記録",
                    "side": "joint",
                    "deliverable": "議事録",
                    "due_date": None,
                },
                {"task": "会場の確保", "side": "government", "deliverable": "", "due_date": None},
            ],
            costs=[
                {
                    "item": "参加団体への交通費",
                    "category": "activity",
                    "amount": 40_000,
                    "borne_by": "government",
                    "note": "",
                },
            ],
            responsibilities=_responsibilities(),
            revision=0,
        )
        _confirm(project, city_staff, ConfirmingSide.GOVERNMENT)
        _confirm(project, npo, ConfirmingSide.NPO)
        _advance(project, Stage.IMPLEMENTATION, city_staff, "合意しました。")
        _note(
            project,
            npo,
            20,
            "第1回情報交換会",
            "参加 8団体。一時預かりの空き情報が共有されていないとの課題が出た。",
            kind="meeting",
            attendees_government="佐藤（市民協働推進課）",
            attendees_npo="田中ほか 8団体",
            decisions="空き情報の共有方法を市が次回までに検討する。",
        )
        _spread_timeline(project, 80)
    projects["information_exchange"] = project

    proposals = _seed_proposals(people, organizations, city_staff, staff)
    if proposals["adopted"].project is not None:
        projects["from_proposal"] = proposals["adopted"].project
    return {"projects": projects, "proposals": proposals}


def _seed_proposals(people, organizations, city_staff, staff) -> dict[str, Proposal]:
    npo, npo2 = people["npo"], people["npo2"]
    pref, city = organizations["pref"], organizations["saitama_city"]
    hidamari, arakawa = organizations["hidamari"], organizations["arakawa"]
    result: dict[str, Proposal] = {}

    def get_or_build(
        key, title, organization, by, office, field_numbers=(), **values
    ) -> tuple[Proposal, bool]:
        proposal = Proposal.objects.filter(title=title, organization=organization).first()
        if proposal is not None:
            result[key] = proposal
            return proposal, False
        proposal = services.proposal_create(
            by=by,
            organization=organization,
            values={"addressed_office": office, "title": title, **values},
            fields=_fields(*field_numbers),
        )
        result[key] = proposal
        return proposal, True

    get_or_build(
        "draft",
        "父親の育児参加講座",
        hidamari,
        npo,
        pref,
        field_numbers=(13, 12),
        issue="父親が育児に関わるきっかけが少なく、母親に負担が偏っている。",
        idea="土曜日に父子で参加できる講座を年6回開く。",
        beneficiaries="乳幼児の父親",
        proposed_method="co_hosting",
        rough_budget=300_000,
    )

    proposal, created = get_or_build(
        "submitted",
        "小学校向け水辺の環境学習プログラム",
        arakawa,
        npo2,
        pref,
        field_numbers=(7, 2),
        issue="学校が校外学習で川を使いたくても、安全管理と指導者の確保が難しい。",
        idea="団体の指導者が学校に出向き、事前授業と川での観察をセットで行う。",
        beneficiaries="県東部の小学4年生",
        expected_outcomes="年10校・延べ600人が参加",
        proposed_method="commission",
        proposed_roles="団体：指導と安全管理／県：学校との調整と保険",
        rough_budget=1_200_000,
    )
    if created:
        services.proposal_submit(proposal=proposal, by=npo2)
        services.proposal_comment(
            proposal=proposal,
            by=staff,
            body="ご提案ありがとうございます。安全管理の体制（指導者1人あたりの児童数）を教えてください。",
        )
        services.proposal_comment(
            proposal=proposal,
            by=npo2,
            body="指導者1人につき児童8人までとし、救命講習の修了者を必ず配置します。",
        )

    proposal, created = get_or_build(
        "adopted",
        "多世代交流の子育てサロン",
        hidamari,
        npo,
        city,
        field_numbers=(13, 3),
        issue="子育て中の親が地域の高齢者と関わる機会がなく、見守りの目が少ない。",
        idea="地域の集会所で、親子と高齢者がいっしょに過ごすサロンを月2回開く。",
        beneficiaries="乳幼児親子と地域の高齢者",
        expected_outcomes="月2回・延べ480人の参加／顔見知りが増えたと答える人 70%",
        proposed_method="cooperation",
        proposed_roles="団体：サロンの運営／市：集会所の確保と自治会への周知",
        rough_budget=800_000,
    )
    if created:
        services.proposal_submit(proposal=proposal, by=npo)
        services.proposal_comment(
            proposal=proposal, by=city_staff, body="自治会との連携の見込みを伺えますか。"
        )
        services.proposal_comment(
            proposal=proposal, by=npo, body="2つの自治会から協力の内諾を得ています。"
        )
        services.proposal_adopt(
            proposal=proposal, by=city_staff, comment="事前協議を経て採択しました。"
        )
        proposal.refresh_from_db()

    proposal, created = get_or_build(
        "declined",
        "河川敷バーベキュー場の清掃委託",
        arakawa,
        npo2,
        city,
        issue="休日のバーベキュー場にごみが残される。",
        idea="団体が毎週末に清掃とマナーの呼びかけを行う。",
        proposed_method="commission",
        rough_budget=900_000,
    )
    if created:
        services.proposal_submit(proposal=proposal, by=npo2)
        services.proposal_decline(
            proposal=proposal,
            by=city_staff,
            reason=(
                "バーベキュー場の管理は来年度から指定管理者が行うことが決まっており、"
                "清掃はその業務に含まれるため、今回は協働事業としての実施を見送ります。"
                "マナー啓発については、情報交換会で改めてご相談させてください。"
            ),
        )
    return result
