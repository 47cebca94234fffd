"""Every task the beat schedules exists under that name (a typo would fail silently at night)."""

from django.conf import settings

from kyodo_portal.celery import app


def test_every_scheduled_task_is_registered():
    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"kyodo_portal.reminders_sweep", "evaluation.purge_results_exports"} <= scheduled
    assert scheduled <= set(app.tasks)
