"""Partner selection's open-data datasets: published calls, their criteria, results and
designations, registered with the portal's catalogue when this module is imported."""

import itertools

from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.api import opendata
from kyodo_portal.core.api.conditional import freshness
from selection import selectors
from selection.api.public import CALL_FRESHNESS, office_name, result_row
from selection.models import Call, Criterion
from selection.scoring import outcome_of, published_rankings

# Published calls whose rankings are computed together (a fixed number of queries a batch).
RANKING_BATCH = 200

# --- open data ---------------------------------------------------------------------------------


def _call_rows(request, body=None):
    for call in selectors.public_calls(body).select_related("project").iterator(chunk_size=500):
        yield {
            "call_id": call.pk,
            "title": call.title,
            "project_title": call.project.title,
            "office": office_name(call.project),
            "status": str(call.get_status_display()),
            "revision": call.revision,
            "purpose": call.purpose,
            "eligibility": call.eligibility,
            "budget_cap": call.budget_cap,
            "method": str(call.get_method_display()),
            "total_points": call.total_points,
            "scale_min": call.scale_min,
            "scale_max": call.scale_max,
            "application_deadline": call.application_deadline,
            "scoring_deadline": call.scoring_deadline,
            "announcement_date": call.announcement_date,
            "published_at": call.published_at,
            "short_period_reason": call.short_period_reason,
            "url": request.build_absolute_uri(call.get_public_url()),
        }


def _calls_freshness():
    return freshness(selectors.public_calls(), CALL_FRESHNESS)


def _criterion_rows(request, body=None):
    criteria = (
        Criterion.objects.filter(call__in=selectors.public_calls(body).values("pk"))
        .select_related("call")
        .order_by("call_id", "position")
    )
    for criterion in criteria.iterator(chunk_size=1000):
        yield {
            "call_id": criterion.call_id,
            "call_title": criterion.call.title,
            "position": criterion.position,
            "name": criterion.name,
            "description": criterion.description,
            "weight": criterion.weight,
            "concerns_legal_status": criterion.concerns_legal_status,
        }


def _result_rows(request, body=None):
    calls = (
        selectors.public_calls(body).filter(status=Call.Status.PUBLISHED).select_related("project")
    )
    for call in calls.iterator(chunk_size=500):
        row = result_row(request, call)
        yield row


def _ranking_rows(request, body=None):
    """One row per applicant of each call with published results, as its public page shows."""
    calls = (
        selectors.public_calls(body)
        .filter(status=Call.Status.PUBLISHED)
        .select_related("project")
        .order_by("pk")
        .iterator(chunk_size=RANKING_BATCH)
    )
    while batch := list(itertools.islice(calls, RANKING_BATCH)):
        rankings = published_rankings(batch)
        for call in batch:
            for row in rankings[call.pk].rows:
                outcome = outcome_of(call, row.application.pk)
                yield {
                    "call_id": call.pk,
                    "call_title": call.title,
                    "rank": row.rank,
                    "shares_rank": row.shares_rank,
                    "organization": row.application.organization.display_name,
                    "total": row.total_display,
                    "total_points": call.total_points,
                    "scoring_members": row.completed_reviewers,
                    "recused_members": row.recused_reviewers,
                    "status": str(outcome.label) if outcome else "",
                    "url": request.build_absolute_uri(call.get_public_url()),
                }


def _results_freshness():
    return freshness(selectors.public_calls().filter(status=Call.Status.PUBLISHED), CALL_FRESHNESS)


def _designation_rows(request, body=None):
    for designation in selectors.public_designations(body).iterator(chunk_size=500):
        yield {
            "designation_id": designation.pk,
            "project_title": designation.project.title,
            "office": office_name(designation.project),
            "organization": designation.organization.display_name,
            "route": str(designation.get_route_display()),
            "justification": designation.justification,
            "decided_at": designation.decided_at,
            "url": request.build_absolute_uri(designation.get_public_url()),
        }


def _designations_freshness():
    return freshness(
        selectors.public_designations(),
        ("decided_at", "project__updated_at", "organization__updated_at"),
    )


C = opendata.Column
CALL_ID = C(
    "call_id", _("公募ID"), _("公募を識別する番号（公募の一覧と突き合わせられます）"), "integer"
)
CALL_TITLE = C("call_title", _("公募の名称"), _("公募の名称"))
OFFICE = C("office", _("担当課"), _("公募・事業を担当する自治体と課の名称"))
PROJECT_TITLE = C("project_title", _("協働事業"), _("公募の対象となる協働事業の名称"))

opendata.register(
    opendata.Dataset(
        slug="calls",
        title=_("協働相手の公募"),
        description=_(
            "公表された協働相手の公募（準備中のものは含みません）。選定基準と配点は"
            "「公募の選定基準」、選定結果は「公募の選定結果」にあります。"
        ),
        columns=(
            CALL_ID,
            C("title", _("公募の名称"), _("公募の名称")),
            PROJECT_TITLE,
            OFFICE,
            C("status", _("状態"), _("公募中・審査中・選定済み・結果公表済みのいずれか")),
            C("revision", _("版"), _("公表した版の番号（訂正のたびに1つ増えます）"), "integer"),
            C("purpose", _("事業の目的・内容"), _("公募する事業の目的と内容")),
            C("eligibility", _("応募資格"), _("応募できる団体の条件")),
            C("budget_cap", _("上限額（円）"), _("事業費の上限額（円）"), "integer"),
            C("method", _("選定方法"), _("書類審査・プレゼンテーション審査など")),
            C("total_points", _("配点の合計"), _("選定基準の配点の合計"), "integer"),
            C("scale_min", _("評点の下限"), _("委員がつける評点の下限"), "integer"),
            C("scale_max", _("評点の上限"), _("委員がつける評点の上限"), "integer"),
            C("application_deadline", _("応募締切"), _("応募の締切日時"), "datetime"),
            C("scoring_deadline", _("審査期限"), _("審査を終える期限"), "datetime"),
            C("announcement_date", _("結果公表予定日"), _("選定結果を公表する予定日"), "date"),
            C("published_at", _("公表日時"), _("公募を公表した日時"), "datetime"),
            C(
                "short_period_reason",
                _("応募期間が短い理由"),
                _("定めた日数より短い応募期間で公募した場合の理由"),
            ),
            C("url", _("URL"), _("公募のページ"), "url"),
        ),
        rows=_call_rows,
        by_body=True,
        freshness=_calls_freshness,
        keywords=(_("協働"), _("NPO"), _("公募")),
    )
)
opendata.register(
    opendata.Dataset(
        slug="call-criteria",
        title=_("公募の選定基準"),
        description=_("公表された公募ごとの選定基準（評価項目）と配点。"),
        columns=(
            CALL_ID,
            CALL_TITLE,
            C("position", _("順序"), _("公募の中での掲載順"), "integer"),
            C("name", _("評価項目"), _("選定基準の名称")),
            C("description", _("評価の視点"), _("何を評価するか")),
            C("weight", _("配点"), _("この評価項目の配点"), "integer"),
            C(
                "concerns_legal_status",
                _("法人格に関する基準"),
                _("法人格の有無や種類を評価する基準かどうか"),
                "boolean",
            ),
        ),
        rows=_criterion_rows,
        by_body=True,
        freshness=_calls_freshness,
        keywords=(_("協働"), _("公募"), _("選定基準")),
    )
)
opendata.register(
    opendata.Dataset(
        slug="selection-results",
        title=_("公募の選定結果"),
        description=_(
            "結果を公表した公募ごとの、選定した団体と選定理由・講評。"
            "応募団体ごとの順位と合計点は「公募の選定結果（応募団体ごとの順位と合計点）」にあります。"
        ),
        columns=(
            CALL_ID,
            CALL_TITLE,
            PROJECT_TITLE,
            OFFICE,
            C(
                "chosen_organization",
                _("選定した団体"),
                _("協働相手として選定した団体（該当なしは空欄）"),
            ),
            C("decision_reason", _("選定理由"), _("この団体を選定した理由")),
            C(
                "not_top_reason",
                _("最高得点以外を選定した理由"),
                _("最高得点ではない応募を選定した場合の理由"),
            ),
            C(
                "single_applicant_reason",
                _("応募が1団体だけで選定した理由"),
                _("応募が1団体だけだった場合に、その結果としてよいと判断した理由"),
            ),
            C(
                "short_period_reason",
                _("応募期間が短い理由"),
                _("定めた日数より短い応募期間で公募した場合の理由"),
            ),
            C("committee_summary", _("審査の講評"), _("選定委員会の講評")),
            C("decided_at", _("決定日時"), _("選定を決定した日時"), "datetime"),
            C("results_published_at", _("結果公表日時"), _("選定結果を公表した日時"), "datetime"),
            C("url", _("URL"), _("公募のページ"), "url"),
        ),
        rows=_result_rows,
        by_body=True,
        freshness=_results_freshness,
        keywords=(_("協働"), _("公募"), _("選定結果")),
    )
)
opendata.register(
    opendata.Dataset(
        slug="selection-rankings",
        title=_("公募の選定結果（応募団体ごとの順位と合計点）"),
        description=_(
            "結果を公表した公募の応募団体ごとの順位・合計点・採点した委員の数・"
            "利害関係により審査から外れた委員の数（氏名は含みません）と、採択・不採択。"
            "公募のページに公表した順位表と同じ内容です。"
        ),
        columns=(
            CALL_ID,
            CALL_TITLE,
            C("rank", _("順位"), _("合計点による順位（採点のない応募は空欄）"), "integer"),
            C("shares_rank", _("同順位"), _("ほかの応募と同じ順位かどうか"), "boolean"),
            C("organization", _("応募団体"), _("応募した団体の名称")),
            C("total", _("合計点"), _("選定基準ごとの平均点から求めた合計点"), "number"),
            C("total_points", _("満点"), _("合計点の満点（配点の合計）"), "integer"),
            C(
                "scoring_members",
                _("採点した委員の数"),
                _("この応募を採点した選定委員の人数"),
                "integer",
            ),
            C(
                "recused_members",
                _("回避した委員の数"),
                _(
                    "利害関係があるため、この応募の審査に加わらなかった委員の人数"
                    "（合計点は残りの委員の平均で求めています）"
                ),
                "integer",
            ),
            C("status", _("結果"), _("採択または不採択")),
            C("url", _("URL"), _("公募のページ"), "url"),
        ),
        rows=_ranking_rows,
        by_body=True,
        freshness=_results_freshness,
        keywords=(_("協働"), _("公募"), _("選定結果")),
    )
)
opendata.register(
    opendata.Dataset(
        slug="designations",
        title=_("特命・協働提案による協働相手の選定"),
        description=_("公募によらずに協働相手を決めた事業と、その理由（公表するもの）。"),
        columns=(
            C("designation_id", _("選定ID"), _("選定を識別する番号"), "integer"),
            PROJECT_TITLE,
            OFFICE,
            C("organization", _("協働相手"), _("協働相手として選定した団体")),
            C("route", _("選定の方法"), _("特命（指名）または協働提案による選定")),
            C("justification", _("選定理由"), _("公募によらずにこの団体を選んだ理由")),
            C("decided_at", _("決定日時"), _("選定を決定した日時"), "datetime"),
            C("url", _("URL"), _("選定のページ"), "url"),
        ),
        rows=_designation_rows,
        by_body=True,
        freshness=_designations_freshness,
        keywords=(_("協働"), _("特命"), _("協働提案")),
    )
)
