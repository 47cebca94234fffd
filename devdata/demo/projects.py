"""Demo projects and proposals: a living portal for a first run (fictional content).

Projects are built through the same services people use, so the demo's history (timeline,
agreement versions, confirmations) is what the portal itself would have recorded. Each project and
proposal is keyed by its title and organisation and built only when missing, so running
``seed_demo`` again converges to the same data. The steps are in ``project_steps``, the later
stages in ``projects_later`` and the proposals in ``proposals``. Demo sentences are kept whole
on one line each, hence the E501 exemption.
"""

from __future__ import annotations

from devdata.demo.project_steps import (
    COSTS_HIROBA,
    ROLES_HIROBA,
    _advance,
    _agreement,
    _close,
    _confirm,
    _note,
    _partner,
    _project,
    _responsibilities,
    _spread_timeline,
    _through_method,
    _through_suitability,
)
from devdata.demo.projects_later import seed_later_stages
from devdata.demo.proposals import seed_proposals
from kyodo_portal.core.fiscal import fiscal_year_of
from projects import services
from projects.choices import ConfirmingSide, Stage
from projects.models import Project


def seed(context: dict) -> dict:
    organizations = context["organizations"]
    people = context["people"]
    staff, city_staff = people["staff"], people["city_staff"]
    npo, npo2 = people["npo"], people["npo2"]
    pref, city = organizations["pref"], organizations["saitama_city"]
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
        _close(project, staff, npo, hidamari)
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
    projects.update(seed_later_stages(context))
    proposals = seed_proposals(people, organizations, city_staff, staff)
    if proposals["adopted"].project is not None:
        projects["from_proposal"] = proposals["adopted"].project
    return {"projects": projects, "proposals": proposals}
