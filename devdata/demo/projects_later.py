"""Demo projects, continued: evaluation, ended early, suitability, draft, information exchange."""

from __future__ import annotations

import datetime

from django.utils import timezone

from devdata.demo.project_steps import (
    COLLABORATE,
    _advance,
    _confirm,
    _fields,
    _note,
    _partner,
    _project,
    _responsibilities,
    _spread_timeline,
    _through_method,
    _through_suitability,
)
from kyodo_portal.core.fiscal import fiscal_year_of
from projects import services
from projects.choices import ConfirmingSide, Stage
from projects.models import Project


def seed_later_stages(context: dict) -> dict[str, Project]:
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

    def existing(title: str, office) -> Project | None:
        return Project.objects.filter(title=title, owner_office=office).first()

    projects: dict[str, Project] = {}

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

    # 9. Draft at 川越市 (its own body: kawagoe_staff works on it, kawagoe_manager reads it).
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
    return projects
