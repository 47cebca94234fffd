"""Reminders through the real broker: Redis and a Celery worker in another process.

These tests need PostgreSQL (the worker must see the test's committed data) and Redis. CI provides
both and declares them (KYODO_EXPECT_BROKER), so there the tests fail rather than skip.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection

from kyodo_portal import services
from kyodo_portal.celery import app as celery_app
from kyodo_portal.core.models import Notification, Reminder
from kyodo_portal.core.roles import Role
from partners.models import Membership, User
from tests.kyodo_portal.conftest import FIRST_NOTICE_DAY

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.broker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def broker_setup(tmp_path):
    if connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"):
        if os.environ.get("KYODO_EXPECT_BROKER"):
            pytest.fail("CI declares a broker, but PostgreSQL or REDIS_URL is missing")
        pytest.skip("needs PostgreSQL and REDIS_URL")
    queue = f"kyodo-test-{uuid.uuid4().hex[:8]}"
    # Every queue of this test is its own, so that parallel runs on one Redis take none of each
    # other's tasks: the default queue, and the reminders queue the send tasks are routed to.
    routed = {
        "CELERY_REMINDERS_QUEUE": f"{queue}-reminders",
        "CELERY_EXPORTS_QUEUE": f"{queue}-exports",
    }
    previous = (
        celery_app.conf.task_default_queue,
        celery_app.conf.broker_url,
        celery_app.conf.task_routes,
    )
    celery_app.conf.task_default_queue = queue
    celery_app.conf.broker_url = os.environ["REDIS_URL"]
    celery_app.conf.task_routes = {
        name: {"queue": routed["CELERY_REMINDERS_QUEUE"]}
        for name in ("kyodo_portal.reminders_sweep", "kyodo_portal.send_reminder")
    }
    _reset_router()
    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )
    maildir = tmp_path / "mail"
    maildir.mkdir()
    workers: list[subprocess.Popen] = []

    def start_worker(**extra_env) -> subprocess.Popen:
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "CELERY_QUEUE": queue,
            **routed,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "CELERY_VISIBILITY_TIMEOUT": "3",
            "CELERY_UNACKED_RESTORE_SECONDS": "1",
            "REMINDER_RETRY_BASE_SECONDS": "1",
            # Below the visibility timeout, as in production: a task redelivered after its worker
            # died finds the claim stale.
            "REMINDER_CLAIM_TIMEOUT": "2",
            "EMAIL_URL": f"file://{maildir}",
            **extra_env,
        }
        log = open(tmp_path / f"worker-{len(workers)}.log", "w")  # noqa: SIM115
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "kyodo_portal",
                "worker",
                "--pool",
                "solo",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel",
                "INFO",
                "--hostname",
                f"{queue}-{len(workers)}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        workers.append(process)
        return process

    yield {"start_worker": start_worker, "maildir": maildir, "logs": tmp_path}
    for process in workers:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
    (
        celery_app.conf.task_default_queue,
        celery_app.conf.broker_url,
        celery_app.conf.task_routes,
    ) = previous
    for name in (queue, *routed.values()):
        celery_app.amqp.queues.pop(name, None)  # declared on first use; gone with this test
    _reset_router()


def _reset_router() -> None:
    """Celery builds its router from task_routes once: build it again after changing them."""
    celery_app.amqp.flush_routes()
    celery_app.amqp.router = celery_app.amqp.Router()


def wait_for(condition, timeout: float, what: str, logs: Path):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    worker_logs = "\n".join(p.read_text()[-3000:] for p in sorted(logs.glob("worker-*.log")))
    pytest.fail(f"timed out waiting for {what}\n{worker_logs}")


def mails(maildir: Path) -> list[str]:
    return [path.read_text() for path in sorted(maildir.glob("*.log"))]


def test_sweep_sends_through_redis_and_a_worker(broker_setup, multi_year_project):
    broker_setup["start_worker"]()
    result = services.reminders_sweep(today=FIRST_NOTICE_DAY)  # commits: tasks go to Redis
    assert len(result.pending_ids) == 2
    wait_for(
        lambda: Reminder.objects.filter(status="sent").count() == 2,
        60,
        "both reminders sent by the worker",
        broker_setup["logs"],
    )
    sent = mails(broker_setup["maildir"])
    assert len(sent) == 2
    assert all("年次の見直し" in text or "=?utf-8?" in text for text in sent)


def test_worker_killed_mid_send_still_sends_exactly_once(
    broker_setup, multi_year_project, tmp_path
):
    marker = tmp_path / "send-started"
    first = broker_setup["start_worker"](
        EMAIL_BACKEND="tests.support.mail.SlowFileBackend",
        SLOW_MAIL_MARKER=str(marker),
        SLOW_MAIL_SECONDS="120",
    )
    Membership.objects.filter(role="npo").delete()  # one recipient: one reminder in play
    services.reminders_sweep(today=FIRST_NOTICE_DAY)
    reminder = Reminder.objects.get()
    wait_for(marker.exists, 60, "the first worker to start sending", broker_setup["logs"])
    os.kill(first.pid, signal.SIGKILL)  # dies after claiming the row, before the mail is written
    first.wait(timeout=10)
    assert mails(broker_setup["maildir"]) == []
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts) == ("sending", 1)  # the claim was committed

    broker_setup["start_worker"]()  # the task comes back once Redis's visibility timeout passes
    wait_for(
        lambda: Reminder.objects.filter(pk=reminder.pk, status="sent").exists(),
        90,
        "the redelivered task to send",
        broker_setup["logs"],
    )
    services.reminders_sweep(today=FIRST_NOTICE_DAY)  # a further sweep the same day adds nothing
    time.sleep(5)
    assert len(mails(broker_setup["maildir"])) == 1
    reminder.refresh_from_db()
    # The claim was found stale and the mail sent again; only that second one reached the server.
    assert (reminder.attempts, reminder.stale_claims) == (2, 1)
    assert reminder.message_id in mails(broker_setup["maildir"])[0]


BATCH = 120


def test_worker_killed_mid_batch_every_send_is_in_the_ledger(
    broker_setup, multi_year_project, office, tmp_path
):
    """The issue's reproduction: a batch going out, the worker killed with kill -9 after the mail
    server took one mail and before the ledger recorded it, a new worker finishing the batch."""
    people = User.objects.bulk_create(
        User(username=f"batch{n:03}", email=f"batch{n:03}@example.jp", name=f"一括 {n}")
        for n in range(BATCH - 2)
    )
    Membership.objects.bulk_create(
        Membership(user=person, organization=office, role=Role.STAFF) for person in people
    )
    sent_log, hung = tmp_path / "sent.log", tmp_path / "hung"
    mail_server = {
        "EMAIL_BACKEND": "tests.support.mail.RecordingBackend",
        "SENT_LOG": str(sent_log),
        "MAIL_SECONDS": "0.02",
    }
    first = broker_setup["start_worker"](**mail_server, HANG_AFTER="40", HANG_MARKER=str(hung))
    assert len(services.reminders_sweep(today=FIRST_NOTICE_DAY).pending_ids) == BATCH
    wait_for(hung.exists, 60, "the first worker to stall on its 40th mail", broker_setup["logs"])
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    # The 40th mail was taken and its row says its send is unfinished.
    assert Reminder.objects.filter(status="sending").count() == 1

    broker_setup["start_worker"](**mail_server)
    wait_for(
        lambda: Reminder.objects.filter(status="sent").count() == BATCH,
        50,
        "the second worker to finish the batch",
        broker_setup["logs"],
    )
    sends = Counter(sent_log.read_text().split())
    rows = list(Reminder.objects.all())
    # Every mail handed to the server was a claimed attempt recorded in the ledger: no silent copy.
    assert sum(sends.values()) <= sum(row.attempts for row in rows)
    # As many distinct mails as sent rows, and every due reminder among them.
    assert len(sends) == sum(row.status == "sent" for row in rows) == len(rows) == BATCH
    assert set(sends) == {row.message_id for row in rows}
    # The one mail interrupted went again under the same Message-ID, and its row says so.
    again = [row for row in rows if sends[row.message_id] > 1]
    assert [(sends[row.message_id], row.attempts, row.stale_claims) for row in again] == [(2, 2, 1)]
    assert Notification.objects.count() == BATCH
