"""Celery tasks of the evaluation app: each takes ids, fetches, and calls a service."""

from celery import shared_task

from evaluation import services


@shared_task(name="evaluation.build_results_export", acks_late=True, reject_on_worker_lost=True)
def build_results_export(export_id: int) -> str:
    return services.results_export_build(export_id=export_id)


@shared_task(name="evaluation.purge_results_exports")
def purge_results_exports() -> int:
    return services.results_exports_purge()
