"""Every state change of an evaluation goes through here (no request, no messages)."""

import datetime
import logging
import tempfile
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from kombu.exceptions import OperationalError as KombuOperationalError

from evaluation import dashboard as dash
from evaluation import exports
from evaluation import sheet as sheet_data
from evaluation.models import (
    Acknowledgement,
    Answer,
    Evaluation,
    EvaluationRound,
    ImprovementItem,
    ResultsExport,
    RoundKind,
    Side,
)
from evaluation.permissions import (
    can_acknowledge,
    can_add_improvement,
    can_add_third_party_comment,
    can_change_improvement,
    can_comment_on_other,
    can_delete_improvement,
    can_fill_in,
    can_publish,
    can_record_exchange,
    can_view_dashboard,
)
from evaluation.selectors import applicable_improvements
from kyodo_portal.core import messenger, spreadsheet
from kyodo_portal.core.audit import audited
from kyodo_portal.core.errors import PermissionDenied, check
from kyodo_portal.core.queries import one_or_none
from partners.models import Organization
from projects.models import Project
from projects.permissions import confirmed_partner_ids

logger = logging.getLogger(__name__)

__all__ = [
    "AnswerInput",
    "PermissionDenied",
    "StaleEdit",
    "evaluation_comment_on_other",
    "evaluation_save",
    "exchange_record",
    "improvement_acknowledge",
    "improvement_add",
    "improvement_delete",
    "improvement_set_carry_forward",
    "round_publish",
    "round_unpublish",
    "score_rollups_fill",
    "third_party_comment_save",
]

SCORE_OUT_OF_RANGE = _("評点は1から5までの整数で選んでください。")
LOW_SCORE_NEEDS_REASON = _("評点が1または2のときは、その理由を記入してください。")
SCORE_REQUIRED_TO_SUBMIT = _("提出するには、すべての項目に評点をつけてください。")
UNKNOWN_ITEM = _("評価シートにない項目です。")
STALE = _(
    "ほかの人が先に更新しました。最新の内容を確認してから、もう一度保存してください。"
    "（入力した内容は画面に残しています）"
)
COMMENT_REQUIRED = _("相手の評価へのコメントを記入してください。")
MEETING_DATE_REQUIRED = _("振り返り会議の開催日を入力してください。")
MEETING_DATE_IN_FUTURE = _("振り返り会議の開催日に、未来の日付は入力できません。")
ATTENDEES_REQUIRED = _("出席者を記入してください。")
CONCLUSIONS_REQUIRED = _("合意した結論を記入してください。")
THIRD_PARTY_REQUIRED = _("第三者の名称とコメントを記入してください。")
IMPROVEMENT_TEXT_REQUIRED = _("改善点の内容を記入してください。")
NOTE_REQUIRED = _("この事業にどのように反映したかを記入してください。")
ITEM_NOT_APPLICABLE = _("この改善点は、この事業に引き継がれたものではありません。")
ALREADY_ACKNOWLEDGED = _("この改善点の反映はすでに確認済みです。")
NOT_AN_ACTING_ORGANIZATION = _("この組織の立場では評価できません。")


class StaleEdit(Exception):
    """The edit was based on an older version than the one stored."""

    def __init__(self):
        super().__init__(str(STALE))


@dataclass(frozen=True)
class AnswerInput:
    score: int | None
    reason: str = ""
    comment: str = ""


def _validate_answers(answers: dict[str, AnswerInput], *, submitting: bool) -> None:
    errors: dict[str, list[str]] = {}
    for key, answer in answers.items():
        if key not in sheet_data.ITEMS_BY_KEY:
            errors.setdefault("__all__", []).append(f"{UNKNOWN_ITEM} ({key})")
            continue
        if answer.score is not None and answer.score not in sheet_data.SCORES:
            errors.setdefault(f"score_{key}", []).append(str(SCORE_OUT_OF_RANGE))
        elif sheet_data.is_low(answer.score) and not answer.reason.strip():
            errors.setdefault(f"reason_{key}", []).append(str(LOW_SCORE_NEEDS_REASON))
    if submitting:
        for key in sheet_data.ITEM_KEYS:
            answer = answers.get(key)
            if (answer is None or answer.score is None) and f"score_{key}" not in errors:
                errors.setdefault(f"score_{key}", []).append(str(SCORE_REQUIRED_TO_SUBMIT))
    if errors:
        raise ValidationError(errors)


def _side_of(project: Project, organization: Organization) -> str:
    if organization.pk == project.owner_office_id:
        return Side.GOVERNMENT
    if organization.pk in confirmed_partner_ids(project):
        return Side.NPO
    raise PermissionDenied(str(NOT_AN_ACTING_ORGANIZATION))


def _required_organization_ids(project: Project) -> set[int]:
    return {project.owner_office_id} | confirmed_partner_ids(project)


def _unseal_if_complete(round_: EvaluationRound) -> None:
    """Open the exchange once the owner office and every confirmed partner have submitted."""
    if round_.unsealed_at is not None:
        return
    required = _required_organization_ids(round_.project)
    if len(required) < 2:  # no partner NPO: nothing to compare yet
        return
    submitted = set(
        round_.sheets.filter(status=Evaluation.Status.SUBMITTED).values_list(
            "organization_id", flat=True
        )
    )
    if required <= submitted:
        round_.unsealed_at = timezone.now()
        round_.version += 1
        round_.save(update_fields=["unsealed_at", "version", "updated_at"])


@transaction.atomic
@audited("evaluation.evaluation_save")
def evaluation_save(
    *,
    project: Project,
    kind: str,
    organization: Organization,
    by,
    answers: dict[str, AnswerInput],
    overall_comment: str = "",
    version: int | None = None,
    submit: bool = False,
) -> Evaluation:
    """Save one side's sheet as a draft, or submit it (then it is frozen and may unseal the round).

    ``version`` is the sheet version the form was based on (None for a new sheet); a mismatch
    raises StaleEdit so that two people of the same side never overwrite each other silently.
    """
    if kind not in RoundKind.values:
        raise ValueError(f"unknown round kind {kind!r}")
    project = Project.objects.select_for_update().get(pk=project.pk)
    round_, _created = EvaluationRound.objects.get_or_create(project=project, kind=kind)
    round_.project = project
    sheet = (
        Evaluation.objects.select_for_update()
        .filter(round=round_, organization=organization)
        .first()
    )
    check(can_fill_in(by, project, kind, organization.pk, sheet))
    if sheet is not None and version is not None and sheet.version != version:
        raise StaleEdit
    if sheet is None and version not in (None, 0):
        raise StaleEdit
    _validate_answers(answers, submitting=submit)

    if sheet is None:
        sheet = Evaluation(
            round=round_,
            organization=organization,
            side=_side_of(project, organization),
            created_by=by,
        )
    sheet.overall_comment = overall_comment
    sheet.version = (sheet.version or 0) + 1 if sheet.pk else 1
    if submit:
        sheet.status = Evaluation.Status.SUBMITTED
        sheet.submitted_at = timezone.now()
        sheet.submitted_by = by
    sheet.save()

    rows = [
        Answer(
            evaluation=sheet,
            item=key,
            group=sheet_data.ITEMS_BY_KEY[key].group,
            principle=sheet_data.ITEMS_BY_KEY[key].principle,
            score=answer.score,
            reason=answer.reason.strip(),
            comment=answer.comment.strip(),
        )
        for key, answer in answers.items()
    ]
    Answer.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["evaluation", "item"],
        update_fields=["group", "principle", "score", "reason", "comment"],
    )
    if submit:
        _unseal_if_complete(round_)
        score_rollups_fill(round_ids=[round_.pk])
    return sheet


def score_rollups_fill(*, round_ids: list[int] | None = None) -> None:
    """Write what the dashboard reads instead of the raw answers, for the given rounds (or all):
    each submitted sheet's score total and count, and on the NPO answers of unsealed rounds the
    government side's score for the same item. Only frozen data is copied — submitted sheets, in
    rounds whose sealed rule has lifted — so the copies never go stale; running it again changes
    nothing. ``evaluation_save`` calls it on every submission; bulk loaders call it once."""
    sheets = Evaluation.objects.filter(status=Evaluation.Status.SUBMITTED)
    if round_ids is not None:
        sheets = sheets.filter(round_id__in=round_ids)
    scored = (
        Answer.objects.filter(evaluation=OuterRef("pk"), score__isnull=False)
        .order_by()
        .values("evaluation")
    )
    sheets.filter(score_total__isnull=True).update(
        score_total=Coalesce(Subquery(scored.annotate(total=Sum("score")).values("total")), 0),
        scored_items=Coalesce(Subquery(scored.annotate(n=Count("pk")).values("n")), 0),
    )
    # No ORDER BY in the subquery: the models' default ordering joins the project and the
    # organisation of every row (minutes, not seconds, over a large database).
    government = (
        Answer.objects.filter(
            item=OuterRef("item"),
            score__isnull=False,
            evaluation__side=Side.GOVERNMENT,
            evaluation__status=Evaluation.Status.SUBMITTED,
            evaluation__round__sheets=OuterRef("evaluation_id"),
        )
        .order_by()
        .values("score")[:1]
    )
    Answer.objects.filter(
        evaluation__in=sheets.filter(side=Side.NPO, round__unsealed_at__isnull=False),
        score__isnull=False,
        government_score__isnull=True,
    ).update(government_score=Subquery(government))


@transaction.atomic
@audited("evaluation.evaluation_comment_on_other")
def evaluation_comment_on_other(*, evaluation: Evaluation, by, text: str) -> Evaluation:
    """One side's view of the other side's evaluation (part of the exchange)."""
    check(can_comment_on_other(by, evaluation))
    if not text.strip():
        raise ValidationError({"comment_on_other": [str(COMMENT_REQUIRED)]})
    evaluation.comment_on_other = text.strip()
    evaluation.comment_on_other_at = timezone.now()
    evaluation.save(update_fields=["comment_on_other", "comment_on_other_at", "updated_at"])
    return evaluation


def _check_version(round_: EvaluationRound, version: int | None) -> EvaluationRound:
    locked = EvaluationRound.objects.select_for_update().get(pk=round_.pk)
    if version is not None and locked.version != version:
        raise StaleEdit
    locked.project = round_.project
    return locked


@transaction.atomic
@audited("evaluation.exchange_record")
def exchange_record(
    *,
    round_: EvaluationRound,
    by,
    meeting_date: datetime.date | None,
    attendees: str,
    conclusions: str,
    version: int | None = None,
) -> EvaluationRound:
    """Record the joint review meeting and the conclusions both sides agreed."""
    check(can_record_exchange(by, round_))
    errors: dict[str, list[str]] = {}
    if meeting_date is None:
        errors["meeting_date"] = [str(MEETING_DATE_REQUIRED)]
    elif meeting_date > timezone.localdate():
        errors["meeting_date"] = [str(MEETING_DATE_IN_FUTURE)]
    if not attendees.strip():
        errors["meeting_attendees"] = [str(ATTENDEES_REQUIRED)]
    if not conclusions.strip():
        errors["conclusions"] = [str(CONCLUSIONS_REQUIRED)]
    if errors:
        raise ValidationError(errors)
    round_ = _check_version(round_, version)
    round_.meeting_date = meeting_date
    round_.meeting_attendees = attendees.strip()
    round_.conclusions = conclusions.strip()
    round_.exchange_recorded_at = timezone.now()
    round_.exchange_recorded_by = by
    round_.version += 1
    round_.save()
    return round_


@transaction.atomic
@audited("evaluation.third_party_comment_save")
def third_party_comment_save(
    *, round_: EvaluationRound, by, name: str, comment: str
) -> EvaluationRound:
    """A committee's or coordinator's view on the two evaluations, entered by a manager."""
    check(can_add_third_party_comment(by, round_))
    if not name.strip() or not comment.strip():
        raise ValidationError({"__all__": [str(THIRD_PARTY_REQUIRED)]})
    round_ = _check_version(round_, None)
    round_.third_party_name = name.strip()
    round_.third_party_comment = comment.strip()
    round_.third_party_by = by
    round_.version += 1
    round_.save()
    return round_


@transaction.atomic
@audited("evaluation.improvement_add")
def improvement_add(
    *, round_: EvaluationRound, by, text: str, owner: str, carry_forward: bool = True
) -> ImprovementItem:
    check(can_add_improvement(by, round_))
    if not text.strip():
        raise ValidationError({"text": [str(IMPROVEMENT_TEXT_REQUIRED)]})
    if owner not in ImprovementItem.Owner.values:
        raise ValueError(f"unknown owner {owner!r}")
    return ImprovementItem.objects.create(
        round=round_,
        project=round_.project,
        text=text.strip(),
        owner=owner,
        carry_forward=carry_forward,
        created_by=by,
    )


@transaction.atomic
@audited("evaluation.improvement_set_carry_forward")
def improvement_set_carry_forward(
    *, item: ImprovementItem, by, carry_forward: bool
) -> ImprovementItem:
    """Stop (or resume) carrying an item into later projects, e.g. once it is resolved."""
    check(can_change_improvement(by, item))
    item.carry_forward = carry_forward
    item.save(update_fields=["carry_forward", "updated_at"])
    return item


@transaction.atomic
@audited("evaluation.improvement_delete")
def improvement_delete(*, item: ImprovementItem, by) -> None:
    check(can_delete_improvement(by, item))
    item.delete()


@transaction.atomic
@audited("evaluation.improvement_acknowledge")
def improvement_acknowledge(
    *, item: ImprovementItem, project: Project, by, note: str
) -> Acknowledgement:
    """Record how a later project reflected a carried-forward improvement item."""
    check(can_acknowledge(by, project))
    if not note.strip():
        raise ValidationError({"note": [str(NOTE_REQUIRED)]})
    if not applicable_improvements(project).filter(pk=item.pk).exists():
        raise ValidationError({"__all__": [str(ITEM_NOT_APPLICABLE)]})
    if Acknowledgement.objects.filter(item=item, project=project).exists():
        raise ValidationError({"__all__": [str(ALREADY_ACKNOWLEDGED)]})
    return Acknowledgement.objects.create(
        item=item, project=project, note=note.strip(), acknowledged_by=by
    )


@transaction.atomic
@audited("evaluation.round_publish")
def round_publish(*, round_: EvaluationRound, by) -> EvaluationRound:
    """Publish the summary (both sides' scores and the agreed conclusions) on the public pages."""
    check(can_publish(by, round_))
    round_ = _check_version(round_, None)
    round_.published_at = timezone.now()
    round_.published_by = by
    round_.version += 1
    round_.save()
    return round_


@transaction.atomic
@audited("evaluation.round_unpublish")
def round_unpublish(*, round_: EvaluationRound, by) -> EvaluationRound:
    check(can_publish(by, round_))
    round_ = _check_version(round_, None)
    round_.published_at = None
    round_.published_by = None
    round_.version += 1
    round_.save()
    return round_


# --- large Excel exports, built in the background ---------------------------------------------

EXPORT_NOTICE = "results_export"
EXPORT_DONE_TITLE = _("評価結果の明細（Excel）ができました")
EXPORT_DONE_BODY = _(
    "%(rows)s行の評価結果をExcelファイルにまとめました。このお知らせのリンクからダウンロードできます。"
)
EXPORT_FAILED_TITLE = _("評価結果の明細（Excel）を作成できませんでした")
EXPORT_FAILED_BODY = _(
    "時間をおいてもう一度お試しいただくか、CSVで出力してください。CSVは件数にかかわらず、その場で出力できます。"
)


# The filters are recorded on the export itself (the audit entry's target).
@audited("evaluation.results_export_request")
def results_export_request(*, by, filters: dash.Filters) -> ResultsExport:
    """Ask for the results workbook of the dashboard's ``filters``; a Celery task builds it and
    notifies the person when it is ready."""
    from evaluation import tasks

    check(can_view_dashboard(by))
    # The request arrives by a link (GET): asking again while the same workbook is still being
    # built returns that one instead of building it twice.
    waiting = (
        ResultsExport.objects.filter(requested_by=by, filters=asdict(filters))
        .filter(status__in=[ResultsExport.Status.PENDING, ResultsExport.Status.RUNNING])
        .first()
    )
    if waiting is not None:
        return waiting
    export = ResultsExport.objects.create(requested_by=by, filters=asdict(filters))
    transaction.on_commit(lambda: _enqueue_build(tasks.build_results_export, export.pk))
    return export


def _enqueue_build(task, export_id: int) -> None:
    """Hand the export to the workers. With the broker unreachable the request has already
    been committed: the export is marked failed (the dashboard lists it, and asking again makes
    a new one) instead of waiting for ever as pending behind a server error."""
    try:
        task.delay(export_id)
    except KombuOperationalError as error:
        logger.warning("results export %s not queued: broker unreachable (%s)", export_id, error)
        ResultsExport.objects.filter(pk=export_id, status=ResultsExport.Status.PENDING).update(
            status=ResultsExport.Status.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
        )


def results_export_build(*, export_id: int) -> str:
    """Build a requested workbook (the Celery task's work). A task delivered again after its
    worker was lost finds the export still running and builds it again; one that finds it
    finished does nothing."""
    with transaction.atomic():
        # Lock the export's row only, not the requester's user row joined to it.
        export = one_or_none(
            ResultsExport.objects.select_for_update(of=("self",)).select_related("requested_by"),
            pk=export_id,
        )
        if export is None or export.status in (
            ResultsExport.Status.DONE,
            ResultsExport.Status.FAILED,
        ):
            return export.status if export else "missing"
        export.status = ResultsExport.Status.RUNNING
        export.save(update_fields=["status"])
    person = export.requested_by
    language = person.preferred_language or settings.LANGUAGE_CODE
    try:
        # The person's right is checked again: it may have ended while the task waited.
        check(can_view_dashboard(person))
        with translation.override(language), tempfile.TemporaryFile() as handle:
            filters = dash.Filters(**export.filters)
            rows = exports.result_rows(dash.scored_answers(filters))
            export.rows = spreadsheet.write_workbook(
                handle, spreadsheet.in_sheets(gettext("評価結果"), exports.result_headers(), rows)
            )
            handle.seek(0)
            export.file.save(f"evaluation-results-{export.pk}.xlsx", File(handle), save=False)
        export.status = ResultsExport.Status.DONE
    except Exception as error:
        logger.exception("results export %s failed", export.pk)
        export.status = ResultsExport.Status.FAILED
        export.error = f"{type(error).__name__}: {error}"[:2000]
    export.finished_at = timezone.now()
    export.save(update_fields=["status", "rows", "file", "error", "finished_at"])
    done = export.status == ResultsExport.Status.DONE
    # In the list only: the person asked for the workbook a moment ago and waits for it.
    messenger.notify(
        kind=EXPORT_NOTICE,
        recipients=[person],
        url=export.get_absolute_url() if done else reverse("evaluation:dashboard"),
        words=lambda: (
            EXPORT_DONE_TITLE if done else EXPORT_FAILED_TITLE,
            EXPORT_DONE_BODY % {"rows": f"{export.rows:,}"} if done else EXPORT_FAILED_BODY,
        ),
        mandatory=True,
        mail=False,
    )
    return export.status


def results_exports_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete finished workbooks older than RESULTS_EXPORT_KEEP_DAYS, file and record (the daily
    beat task). Returns how many were deleted."""
    limit = (now or timezone.now()) - datetime.timedelta(days=settings.RESULTS_EXPORT_KEEP_DAYS)
    old = ResultsExport.objects.filter(
        status__in=[ResultsExport.Status.DONE, ResultsExport.Status.FAILED],
        finished_at__lt=limit,
    )
    count = 0
    for export in old.iterator():
        if export.file:
            export.file.delete(save=False)
        export.delete()
        count += 1
    return count
