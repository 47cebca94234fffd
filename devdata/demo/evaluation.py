"""Demo evaluations over several fiscal years, so the dashboard shows real figures on a first run.

The evaluation app creates its own evaluated projects (keyed by title) rather than relying on the
projects demo: closed projects with published summaries, exchanged ones, one awaiting the meeting,
one where only the office has submitted (the NPO member ``npo`` can submit theirs), one where only
the NPO has submitted, an overdue one, and a continuation at the method stage whose carried-forward
improvement items are waiting to be acknowledged. Scores are deterministic, so running the demo
twice converges on the same data.
"""

import datetime
import hashlib
from zoneinfo import ZoneInfo

from evaluation import sheet as sheet_data
from evaluation.dashboard import bump_generation
from evaluation.models import (
    Acknowledgement,
    Answer,
    Evaluation,
    EvaluationRound,
    ImprovementItem,
    RoundKind,
    Side,
)
from evaluation.services import score_rollups_fill
from partners.models import ActivityField
from projects.choices import Method, Stage
from projects.models import Project, ProjectPartner
from projects.workflow import PROJECT_WORKFLOW

JST = ZoneInfo("Asia/Tokyo")

LOW_REASONS = {
    "costs": "人件費と事務局経費が積算に入らず、団体の持ち出しが大きかった。",
    "openness": "事業の経過や協働の関係を、市民に十分に公開できなかった。",
    "communication": "担当者の異動で引継ぎが途切れ、連絡が遅れた時期があった。",
    "responsibility": "イベント中の事故の際の責任分担が、事前に決まっていなかった。",
    "progress": "募集の開始が遅れ、計画より参加者が少なかった。",
    "autonomy_equality": "内容の変更が行政側の都合で一方的に決まることがあった。",
}
GENERIC_LOW_REASON = "事前に合意した期待に届かなかったため。振り返り会議で改善策を協議する。"

# Leanings per side so that the perception gap shows something real: NPOs feel the cost split
# and equality less well met; offices feel openness and progress were weaker.
SIDE_BIAS = {
    Side.NPO: {"costs": -2, "autonomy_equality": -1, "synergy": +1, "beneficiaries": +1},
    Side.GOVERNMENT: {"openness": -1, "progress": -1, "communication": +1},
}

# key, title, office, npo, method, fiscal year, stage, state, base score, fields
# fmt: off
PROJECTS = [
    ("hiroba_2022", "子育てひろば運営事業（令和4年度）", "pref", "hidamari",
     Method.COMMISSION, 2022, Stage.CLOSED, "published", 4, (13, 1)),
    ("kasenjiki_2022", "荒川河川敷クリーン作戦（令和4年度）", "pref", "arakawa",
     Method.CO_HOSTING, 2022, Stage.CLOSED, "exchanged", 3, (7,)),
    ("bousai_2023", "地域防災リーダー養成講座", "kawagoe_city", "bousai",
     Method.COOPERATION, 2023, Stage.CLOSED, "published", 4, (8,)),
    ("nihongo_2023", "外国人住民のための日本語教室支援", "kawagoe_city", "tabunka",
     Method.SUBSIDY, 2023, Stage.CLOSED, "exchanged", 3, (11, 10)),
    ("hiroba_2023", "子育てひろば運営事業（令和5年度）", "pref", "hidamari",
     Method.COMMISSION, 2023, Stage.CLOSED, "published", 4, (13, 1)),
    ("minuma_2024", "見沼田んぼ農業体験プログラム", "saitama_city", "minuma",
     Method.CO_HOSTING, 2024, Stage.CLOSED, "exchanged", 4, (7, 5)),
    ("gakushu_2024", "荒川流域の環境学習プログラム", "pref", "arakawa",
     Method.COOPERATION, 2024, Stage.EVALUATION, "unsealed", 3, (7, 3)),
    ("bousaimap_2024", "防災マップづくり支援", "kawagoe_city", "bousai",
     Method.COMMISSION, 2024, Stage.IMPLEMENTATION, "overdue", 3, (8,)),
    ("hotline_2025", "子育て相談ほっとライン", "pref", "hidamari",
     Method.COMMISSION, 2025, Stage.EVALUATION, "office_only", 4, (13,)),
    ("forum_2025", "多文化共生フォーラム", "saitama_city", "tabunka",
     Method.INFORMATION_EXCHANGE, 2025, Stage.EVALUATION, "npo_only", 3, (11,)),
    ("hiroba_2026", "子育てひろば運営事業（令和8年度）", "pref", "hidamari",
     Method.COMMISSION, 2026, Stage.METHOD, "planning", 0, (13, 1)),
]
# fmt: on

PREDECESSORS = {"hiroba_2023": "hiroba_2022", "hiroba_2026": "hiroba_2023"}

IMPROVEMENTS = {
    "hiroba_2022": [
        # Reflected in the 2023 project and now standard practice, so no longer carried forward.
        ("委託料の積算に、NPOの人件費と一般管理費を含める。", "government", False),
        ("利用者アンケートの項目を、双方で事前に合意しておく。", "both", False),
    ],
    "hiroba_2023": [
        ("精算払いをやめ、概算払い（前払い）を取り入れる。", "government", True),
        ("担当者の異動時に、引継ぎの打合せを双方で行う。", "both", True),
        ("広報は開始の2か月前までに始める。", "npo", True),
    ],
    "kasenjiki_2022": [("事故時の保険と責任分担を協定書に明記する。", "both", True)],
    "bousai_2023": [("訓練の成果を市のホームページで公開する。", "government", True)],
    "nihongo_2023": [("補助の対象経費に通訳ボランティアの交通費を含める。", "government", False)],
    "minuma_2024": [("共催の名義と役割の分担を、チラシに明記する。", "both", True)],
}

ACKNOWLEDGED = {
    # the 2023 project reflected both items of 2022
    "hiroba_2023": [
        (
            "委託料の積算に、NPOの人件費と一般管理費を含める。",
            "人件費と一般管理費（10%）を積算に含めて契約した。",
        ),
        (
            "利用者アンケートの項目を、双方で事前に合意しておく。",
            "4月の打合せでアンケート項目を合意した。",
        ),
    ],
    # the 2026 continuation has acknowledged one of the three 2023 items so far
    "hiroba_2026": [
        (
            "担当者の異動時に、引継ぎの打合せを双方で行う。",
            "4月の人事異動後に、引継ぎの打合せを予定に組み込んだ。",
        ),
    ],
}


def _score(project_key: str, side: str, item: str, base: int) -> int:
    digest = hashlib.sha256(f"{project_key}:{side}:{item}".encode()).digest()
    noise = digest[0] % 3 - 1  # -1, 0 or +1, the same on every run
    score = base + SIDE_BIAS.get(side, {}).get(item, 0) + noise
    return max(1, min(5, score))


def _at(fiscal_year: int, month: int, day: int) -> datetime.datetime:
    year = fiscal_year + 1 if month <= 3 else fiscal_year
    return datetime.datetime(year, month, day, 10, 0, tzinfo=JST)


def _project(key, title, office, npo, method, year, stage, fields, staff, fields_by_number):
    end = datetime.date(year + 1, 3, 31) if stage != Stage.METHOD else None
    values = {
        "background": "地域の課題に、行政とNPOがそれぞれの強みを生かして取り組む必要がある。",
        "purpose": f"{title}を、NPOと行政の協働により効果的に実施する。",
        "beneficiaries": "県内・市内の住民",
        "outcome_targets": "参加者数 年間延べ1,000人、参加者の満足度80%以上、"
        "事業終了後も続く地域の担い手の確保",
        "fiscal_year_start": year,
        "fiscal_year_end": year,
        "start_date": datetime.date(year, 4, 1) if end else None,
        "end_date": end,
        "budget": 2_400_000,
        "method": method,
        "responsible_staff": staff,
        "created_by": staff,
    }
    # Made in its stage the first time, by the engine's seeding writer: the demo gives these
    # projects their evaluations, not the history that led to them.
    project = Project.objects.filter(title=title, owner_office=office).first()
    if project is None:
        (project,) = PROJECT_WORKFLOW.bulk_seed(
            [(Project(title=title, owner_office=office, **values), stage)]
        )
    else:
        for name, value in values.items():
            setattr(project, name, value)
        project.save(update_fields=[*values, "updated_at"])
    project.fields.set([fields_by_number[n] for n in fields])
    ProjectPartner.objects.update_or_create(
        project=project,
        organization=npo,
        defaults={
            "status": ProjectPartner.Status.PARTNER,
            "via": ProjectPartner.Via.OPEN_CALL,
        },
    )
    return project


def _sheet(round_, organization, side, key, base, user, submitted_at):
    sheet, _created = Evaluation.objects.update_or_create(
        round=round_,
        organization=organization,
        defaults={
            "side": side,
            "status": Evaluation.Status.SUBMITTED,
            "submitted_at": submitted_at,
            "submitted_by": user,
            "created_by": user,
            "overall_comment": (
                "目的は共有でき、成果目標はおおむね達成できた。費用と役割の分担には課題が残った。"
                if side == Side.GOVERNMENT
                else "対等な関係で進められた場面が多かったが、積算と支払時期には改善を求めたい。"
            ),
        },
    )
    for item in sheet_data.ITEMS:
        score = _score(key, side, item.key, base)
        Answer.objects.update_or_create(
            evaluation=sheet,
            item=item.key,
            defaults={
                "group": item.group,
                "principle": item.principle,
                "score": score,
                "reason": LOW_REASONS.get(item.key, GENERIC_LOW_REASON)
                if sheet_data.is_low(score)
                else "",
                "comment": "",
            },
        )
    return sheet


def seed(context: dict) -> dict:
    organizations = context["organizations"]
    people = context["people"]
    fields_by_number = {f.number: f for f in ActivityField.objects.all()}
    staff_of = {
        "pref": people.get("staff"),
        "saitama_city": people.get("city_staff"),
        "kawagoe_city": people.get("kawagoe_staff"),
    }
    # The third party's comment is given by a manager of the project's own body.
    manager_of = {
        "pref": people.get("manager"),
        "saitama_city": people.get("city_manager"),
        "kawagoe_city": people.get("kawagoe_manager"),
    }
    npo_user_of = {"hidamari": people.get("npo"), "arakawa": people.get("npo2")}

    projects: dict[str, Project] = {}
    for key, title, office_key, npo_key, method, year, stage, state, base, fields in PROJECTS:
        office, npo = organizations[office_key], organizations[npo_key]
        staff = staff_of.get(office_key)
        project = _project(
            key, title, office, npo, method, year, stage, fields, staff, fields_by_number
        )
        projects[key] = project
        if state in ("planning", "overdue"):
            continue
        round_, _created = EvaluationRound.objects.get_or_create(
            project=project, kind=RoundKind.FINAL
        )
        submitted = _at(year, 3, 10)
        if state in ("office_only", "published", "exchanged", "unsealed"):
            _sheet(round_, office, Side.GOVERNMENT, key, base, staff, submitted)
        if state in ("npo_only", "published", "exchanged", "unsealed"):
            _sheet(round_, npo, Side.NPO, key, base, npo_user_of.get(npo_key), submitted)
        if state in ("published", "exchanged", "unsealed"):
            round_.unsealed_at = _at(year, 3, 12)
            round_.sheets.filter(side=Side.GOVERNMENT).update(
                comment_on_other="NPOが費用分担を低く評価している点は、積算の見直しで応えたい。",
                comment_on_other_at=_at(year, 3, 14),
            )
            round_.sheets.filter(side=Side.NPO).update(
                comment_on_other="行政が公開の点を課題としていることに同感。報告会を一緒に開きたい。",
                comment_on_other_at=_at(year, 3, 14),
            )
        if state in ("published", "exchanged"):
            round_.meeting_date = datetime.date(year + 1, 3, 20)
            round_.meeting_attendees = f"{office}（担当者2名）、{npo}（代表・事務局長）"
            round_.conclusions = (
                "成果目標はおおむね達成した。認識の差が大きかった費用分担は、次年度の積算で"
                "人件費と間接経費を見直す。事業の経過は報告会で市民に公開する。"
            )
            round_.exchange_recorded_at = _at(year, 3, 21)
            round_.exchange_recorded_by = staff
        if key == "nihongo_2023":
            round_.third_party_name = "協働推進委員会"
            round_.third_party_comment = (
                "補助の枠内で団体の自主性が保たれている。対象経費の考え方を公開するとよい。"
            )
            round_.third_party_by = manager_of.get(office_key)
        if state == "published":
            round_.published_at = _at(year, 3, 28)
            round_.published_by = staff
        round_.save()
        if key == "gakushu_2024":
            # A mid-term round too, exchanged on both sides.
            midterm, _created = EvaluationRound.objects.get_or_create(
                project=project, kind=RoundKind.MIDTERM
            )
            when = _at(year, 10, 1)
            _sheet(midterm, office, Side.GOVERNMENT, f"{key}-m", base, staff, when)
            _sheet(midterm, npo, Side.NPO, f"{key}-m", base, npo_user_of.get(npo_key), when)
            midterm.unsealed_at = _at(year, 10, 2)
            midterm.save()
        for text, owner, carry in IMPROVEMENTS.get(key, []):
            ImprovementItem.objects.update_or_create(
                round=round_,
                text=text,
                defaults={
                    "project": project,
                    "owner": owner,
                    "carry_forward": carry,
                    "created_by": staff,
                },
            )

    for key, predecessor in PREDECESSORS.items():
        Project.objects.filter(pk=projects[key].pk).update(predecessor=projects[predecessor])
    for key, notes in ACKNOWLEDGED.items():
        for text, note in notes:
            item = ImprovementItem.objects.filter(text=text).order_by("pk").first()
            if item is not None:
                Acknowledgement.objects.update_or_create(
                    item=item,
                    project=projects[key],
                    defaults={"note": note, "acknowledged_by": staff_of["pref"]},
                )
    # The sheets above were written directly, with their historical dates: write the dashboard's
    # rollups as a submission would have.
    score_rollups_fill(
        round_ids=list(
            EvaluationRound.objects.filter(project__in=projects.values()).values_list(
                "pk", flat=True
            )
        )
    )
    bump_generation()
    return {"evaluation_projects": projects}
