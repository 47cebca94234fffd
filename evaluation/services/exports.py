"""Large Excel exports of the results, built in the background and announced to the manager."""

import datetime
import logging
import tempfile
from dataclasses import asdict

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from kombu.exceptions import OperationalError as KombuOperationalError

from evaluation import dashboard as dash
from evaluation import exports
from evaluation.models import ResultsExport
from evaluation.permissions import can_view_dashboard, dashboard_bodies
from kyodo_portal.core import messenger, person_pages, spreadsheet
from kyodo_portal.core.audit import audited
from kyodo_portal.core.errors import check
from kyodo_portal.core.queries import one_or_none
from kyodo_portal.core.stored_files import unguessable_name

logger = logging.getLogger(__name__)

EXPORT_NOTICE = "results_export"
EXPORT_DONE_TITLE = _("評価結果の明細（Excel）ができました")
EXPORT_DONE_BODY = _(
    "%(rows)s行の評価結果をExcelファイルにまとめました。このお知らせのリンクからダウンロードできます。"
)
EXPORT_FAILED_TITLE = _("評価結果の明細（Excel）を作成できませんでした")
EXPORT_FAILED_BODY = _(
    "時間をおいてもう一度お試しいただくか、CSVで出力してください。CSVは件数にかかわらず、その場で出力できます。"
)


def _bodies_now(export: ResultsExport) -> tuple[int, ...]:
    """The bodies the workbook may cover when it is built: those recorded with the request that
    the person still manages (an export asked for before bodies existed gets their bodies now)."""
    current = set(dashboard_bodies(export.requested_by))
    recorded = export.filters.get("bodies")
    return tuple(sorted(current if recorded is None else current & set(recorded)))


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
        waiting = ResultsExport.objects.filter(pk=export_id, status=ResultsExport.Status.PENDING)
        requester = waiting.values_list("requested_by_id", flat=True).first()
        waiting.update(
            status=ResultsExport.Status.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
        )
        # An update sends no signal: the dashboard listing the workbook is made stale here.
        person_pages.people_changed([requester])


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
            filters = dash.Filters(**{**export.filters, "bodies": _bodies_now(export)})
            rows = exports.result_rows(dash.scored_answers(filters))
            export.rows = spreadsheet.write_workbook(
                handle,
                spreadsheet.in_sheets(gettext("評価結果"), exports.result_headers(), rows),
                exports.conditions(filters),
            )
            handle.seek(0)
            # A random name: the workbook lies in the shared storage, and a name numbered by
            # the export's id would lead from one manager's file to the next.
            export.file.save(unguessable_name(".xlsx"), File(handle), save=False)
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
