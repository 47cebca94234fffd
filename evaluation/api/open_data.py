"""The open-data datasets of published evaluations (summaries and scores), registered on import."""

from django.utils.translation import gettext_lazy as _

from evaluation import selectors
from evaluation import sheet as sheet_data
from evaluation.api.public import ROUND_FRESHNESS, _partner_names, published_rounds
from evaluation.models import Answer, Evaluation
from kyodo_portal.core.api import opendata
from kyodo_portal.core.api.conditional import freshness


def _round_freshness():
    return freshness(selectors.published_rounds(), ROUND_FRESHNESS)


def _summary_rows(request, body=None):
    for round_ in published_rounds(body):
        project = round_.project
        yield {
            "evaluation_id": round_.pk,
            "project_title": project.title,
            "office": project.owner_office.display_name,
            "partners": _partner_names(project),
            "method": str(project.get_method_display()) if project.method else "",
            "fiscal_year_start": project.fiscal_year_start,
            "fiscal_year_end": project.fiscal_year_end,
            "purpose": project.purpose,
            "outcome_targets": project.outcome_targets,
            "meeting_date": round_.meeting_date,
            "conclusions": round_.conclusions,
            "third_party_name": round_.third_party_name,
            "third_party_comment": round_.third_party_comment,
            "published_at": round_.published_at,
            "url": request.build_absolute_uri(round_.get_public_url()),
        }


def _score_rows(request, body=None):
    answers = (
        Answer.objects.filter(
            evaluation__round__in=selectors.published_rounds(body).values("pk"),
            evaluation__status=Evaluation.Status.SUBMITTED,
        )
        .select_related("evaluation__organization", "evaluation__round__project")
        .order_by("evaluation__round_id", "evaluation__side", "evaluation__organization_id", "pk")
    )
    for answer in answers.iterator(chunk_size=2000):
        item = sheet_data.ITEMS_BY_KEY.get(answer.item) or sheet_data.RETIRED_ITEMS.get(answer.item)
        group = sheet_data.GROUPS_BY_KEY.get(answer.group)
        sheet = answer.evaluation
        yield {
            "evaluation_id": sheet.round_id,
            "project_title": sheet.round.project.title,
            "side": str(sheet.get_side_display()),
            "organization": sheet.organization.display_name,
            "item": answer.item,
            "item_label": item.label if item else answer.item,
            "group": answer.group,
            "group_label": group.label if group else answer.group,
            "score": answer.score,
        }


C = opendata.Column
EVALUATION_ID = C(
    "evaluation_id", _("評価ID"), _("公表された評価を識別する番号（2つのデータで共通）"), "integer"
)
opendata.register(
    opendata.Dataset(
        slug="evaluation-summaries",
        title=_("協働事業の評価の概要"),
        description=_(
            "完了した協働事業について、行政とNPOが共同で行った最終評価の概要（公表したもの）。"
            "評点は「協働事業の評価の評点」にあります。"
        ),
        columns=(
            EVALUATION_ID,
            C("project_title", _("協働事業"), _("評価した協働事業の名称")),
            C("office", _("担当課"), _("事業を担当した自治体と課の名称")),
            C("partners", _("協働相手"), _("協働したNPO（複数は「；」区切り）")),
            C("method", _("協働方法"), _("6つの協働方法のいずれか")),
            C("fiscal_year_start", _("開始年度"), _("事業の開始年度（西暦）"), "integer"),
            C("fiscal_year_end", _("終了年度"), _("事業の終了年度（西暦）"), "integer"),
            C("purpose", _("目的"), _("事業の目的")),
            C(
                "outcome_targets",
                _("成果目標・指標"),
                _("事業を始める前に双方で合意した目標と指標"),
            ),
            C("meeting_date", _("振り返り会議の開催日"), _("双方で評価を話し合った日"), "date"),
            C("conclusions", _("合意した結論"), _("振り返り会議で双方が合意した結論")),
            C("third_party_name", _("第三者の名称"), _("第三者のコメントを寄せた委員会などの名称")),
            C("third_party_comment", _("第三者のコメント"), _("第三者による評価へのコメント")),
            C("published_at", _("公表日時"), _("評価の概要を公表した日時"), "datetime"),
            C("url", _("URL"), _("評価の概要のページ"), "url"),
        ),
        rows=_summary_rows,
        by_body=True,
        freshness=_round_freshness,
        keywords=(_("協働"), _("NPO"), _("評価")),
    )
)
opendata.register(
    opendata.Dataset(
        slug="evaluation-scores",
        title=_("協働事業の評価の評点"),
        description=_(
            "公表した最終評価について、評価項目ごとの行政とNPOそれぞれの評点（1〜5、事前に合意した"
            "期待に対して 5 大きく上回った〜3 期待どおり〜1 大きく下回った）。"
        ),
        columns=(
            EVALUATION_ID,
            C("project_title", _("協働事業"), _("評価した協働事業の名称")),
            C("side", _("立場"), _("評価した側（行政（担当課）またはNPO）")),
            C("organization", _("評価した組織"), _("評価シートを提出した組織")),
            C("item", _("評価項目の識別子"), _("評価項目を識別する英字の名前")),
            C("item_label", _("評価項目"), _("評価項目の名称")),
            C("group", _("項目のまとまりの識別子"), _("評価項目のまとまりを識別する英字の名前")),
            C("group_label", _("項目のまとまり"), _("評価項目のまとまりの名称")),
            C("score", _("評点"), _("1〜5の評点（未回答は空欄）"), "integer"),
        ),
        rows=_score_rows,
        by_body=True,
        freshness=_round_freshness,
        keywords=(_("協働"), _("評価")),
    )
)
