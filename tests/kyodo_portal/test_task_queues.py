"""Each kind of background work goes to its own Celery queue, so that its own workers take it.

The tasks are published for real (not run eagerly) on Celery's in-memory broker, and the test
reads back which queue each message landed in and which task it carries.
"""

import pytest
from django.conf import settings

from evaluation.tasks import build_results_export, purge_results_exports
from kyodo_portal.celery import app as celery_app
from kyodo_portal.core.messenger import mail_notification_task
from kyodo_portal.tasks import reminders_sweep, send_reminder

QUEUES = ("default", "reminders", "exports")


@pytest.fixture
def memory_broker():
    """Publish to an in-memory broker instead of running tasks in-process. Yields the producer to
    publish with, and a function that takes the task names waiting in a queue."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    with celery_app.connection_for_write("memory://") as connection:
        channel = connection.default_channel
        for queue in QUEUES:
            channel.queue_declare(queue)
            channel.queue_purge(queue)

        def waiting(queue: str) -> list[str]:
            names = []
            while (message := channel.basic_get(queue, no_ack=True)) is not None:
                names.append(message.headers["task"])
            return names

        yield connection.Producer(), waiting
    celery_app.conf.task_always_eager = previous


def test_the_three_queues_are_named_as_the_worker_commands_say():
    assert settings.CELERY_TASK_DEFAULT_QUEUE == "default"
    # A worker started without -Q consumes every declared queue, so one worker still does it all.
    assert [queue.name for queue in settings.CELERY_TASK_QUEUES] == list(QUEUES)
    # (Other tests add queues of their own to this process's list once they publish to them.)
    assert set(QUEUES) <= set(celery_app.amqp.queues)


def test_reminders_and_exports_are_routed_to_their_own_queues(memory_broker):
    producer, waiting = memory_broker
    reminders_sweep.apply_async(producer=producer)
    send_reminder.apply_async((1,), countdown=60, producer=producer)
    build_results_export.apply_async((2,), producer=producer)
    purge_results_exports.apply_async(producer=producer)
    mail_notification_task.apply_async((3,), producer=producer)

    assert waiting("reminders") == [
        "kyodo_portal.reminders_sweep",
        "kyodo_portal.send_reminder",
    ]
    assert waiting("exports") == [
        "evaluation.build_results_export",
        "evaluation.purge_results_exports",
    ]
    # What is not routed (a notice mail) stays on the default queue.
    assert waiting("default") == ["kyodo_portal.mail_notification"]


def test_every_task_has_a_deliberate_queue():
    """A new task is either routed or meant for the default queue: name it here when adding one."""
    default_queue_tasks = {"kyodo_portal.mail_notification"}
    ours = {name for name in celery_app.tasks if not name.startswith(("celery.", "tests."))}
    assert ours == set(settings.CELERY_TASK_ROUTES) | default_queue_tasks


def test_the_beat_schedule_only_names_routed_tasks():
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled <= set(settings.CELERY_TASK_ROUTES)


def test_the_visibility_timeout_exceeds_every_countdown_the_portal_uses():
    """Redis would deliver a task waiting for its countdown to a second worker otherwise."""
    timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    longest_retry = min(
        settings.REMINDER_RETRY_BASE_SECONDS * 2 ** (settings.REMINDER_MAX_RETRIES - 1), 3600
    )
    claim_look_again = settings.REMINDER_CLAIM_TIMEOUT + 1
    assert timeout > max(longest_retry, claim_look_again)
