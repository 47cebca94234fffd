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
from pathlib import Path

import pytest
from django.db import connection

from kyodo_portal import services
from kyodo_portal.celery import app as celery_app
from kyodo_portal.models import Reminder
from partners.models import Membership
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
    previous = (celery_app.conf.task_default_queue, celery_app.conf.broker_url)
    celery_app.conf.task_default_queue = queue
    celery_app.conf.broker_url = os.environ["REDIS_URL"]
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
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "CELERY_VISIBILITY_TIMEOUT": "3",
            "CELERY_UNACKED_RESTORE_SECONDS": "1",
            "REMINDER_RETRY_BASE_SECONDS": "1",
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
    celery_app.conf.task_default_queue, celery_app.conf.broker_url = previous


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
    os.kill(first.pid, signal.SIGKILL)  # dies holding the row lock, before the mail is written
    first.wait(timeout=10)
    assert mails(broker_setup["maildir"]) == []
    reminder.refresh_from_db()
    assert reminder.status == "pending"  # the half-done send was rolled back

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
    assert reminder.attempts == 1
