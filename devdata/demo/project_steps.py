# ruff: noqa: E501
"""The steps the demo projects are built from: the services people use, with the demo's answers,
statements, responsibilities and the children's drop-in's roles and costs."""

from __future__ import annotations

import datetime

from django.utils import timezone

from evaluation import services as evaluation_services
from evaluation import sheet as sheet_data
from evaluation.models import Evaluation, RoundKind
from partners.models import ActivityField
from projects import services
from projects.choices import Stage
from projects.models import Project, ProjectEvent, ProjectPartner

COLLABORATE = {
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


def _close(project: Project, staff, npo, partner) -> None:
    """Both sides evaluate, comment on each other's sheet and record the joint review, then the
    office closes the project: the evaluation app's gate, passed as people would pass it."""
    answers = {item.key: evaluation_services.AnswerInput(score=4) for item in sheet_data.ITEMS}
    sheets = [
        evaluation_services.evaluation_save(
            project=project,
            kind=RoundKind.FINAL,
            organization=organization,
            by=by,
            answers=answers,
            overall_comment=comment,
            submit=True,
        )
        for by, organization, comment in (
            (
                staff,
                project.owner_office,
                "利用は目標に届き、相談の件数も伸びた。広報の開始は早めたい。",
            ),
            (
                npo,
                partner,
                "対等に話し合える関係で進められた。積算の考え方を次年度も続けてほしい。",
            ),
        )
    ]
    # Both submitted: the round is unsealed now, which the sheets in hand do not know yet.
    sheets = [Evaluation.objects.select_related("round__project").get(pk=s.pk) for s in sheets]
    for sheet, by, text in (
        (sheets[0], staff, "団体が挙げた積算の点は、次年度の契約でも続ける。"),
        (sheets[1], npo, "県が挙げた広報の時期は、次年度は2か月前から始めたい。"),
    ):
        evaluation_services.evaluation_comment_on_other(evaluation=sheet, by=by, text=text)
    evaluation_services.exchange_record(
        round_=sheets[0].round,
        by=staff,
        meeting_date=timezone.localdate(),
        attendees="山田（県民生活課）、田中（ひだまり子育てネット）",
        conclusions="成果目標はおおむね達成した。次年度は土曜日の開設を検討する。",
    )
    _advance(project, Stage.CLOSED, staff, "双方の評価と意見交換を終え、事業を完了しました。")
