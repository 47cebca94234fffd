"""A workbook built by a real Celery worker, in another process with a disk of its own, is
downloaded through the web node: the two share only the database, the broker and the bucket.

Needs PostgreSQL (the worker must see the test's committed rows) and Redis, as the reminder
worker tests do; CI provides both and declares them (KYODO_EXPECT_BROKER).
"""

import io
import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
from django.db import connection
from openpyxl import load_workbook

from evaluation.models import ResultsExport
from evaluation.tasks import build_results_export
from kyodo_portal.celery import app as celery_app
from tests.storage.conftest import ROOT, storage_env

pytestmark = [pytest.mark.broker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker_on_its_own_disk(object_storage, tmp_path):
    if connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"):
        if os.environ.get("KYODO_EXPECT_BROKER"):
            pytest.fail("CI declares a broker, but PostgreSQL or REDIS_URL is missing")
        pytest.skip("needs PostgreSQL and REDIS_URL")
    queue = f"kyodo-test-{uuid.uuid4().hex[:8]}"
    previous_broker = celery_app.conf.broker_url
    celery_app.conf.broker_url = os.environ["REDIS_URL"]
    db = connection.settings_dict
    disk = tmp_path / "worker-disk" / "media"
    disk.mkdir(parents=True)
    log_path = tmp_path / "worker.log"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("AWS_")},
        **storage_env(object_storage.endpoint, object_storage.bucket),
        "DATABASE_URL": (
            f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "MEDIA_ROOT": str(disk),
    }
    with open(log_path, "w") as log:
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "kyodo_portal",
                "worker",
                "--pool",
                "solo",
                "-Q",
                queue,
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--hostname",
                f"{queue}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    yield {"queue": queue, "disk": disk, "log": log_path}
    worker.send_signal(signal.SIGTERM)
    try:
        worker.wait(timeout=10)
    except subprocess.TimeoutExpired:
        worker.kill()
    celery_app.conf.broker_url = previous_broker


def test_a_workbook_built_by_a_worker_elsewhere_is_downloaded_through_the_web_node(
    worker_on_its_own_disk, object_storage, client, manager_user
):
    export = ResultsExport.objects.create(requested_by=manager_user, filters={})
    # Straight to this test's own queue, whichever queue the portal routes exports to.
    build_results_export.apply_async(args=[export.pk], queue=worker_on_its_own_disk["queue"])
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        export.refresh_from_db()
        if export.status in (ResultsExport.Status.DONE, ResultsExport.Status.FAILED):
            break
        time.sleep(0.3)
    log = worker_on_its_own_disk["log"].read_text()[-3000:]
    assert export.status == ResultsExport.Status.DONE, f"{export.error}\n{log}"
    assert object_storage.keys() == [f"{object_storage.prefix}/{export.file.name}"]
    assert not any(worker_on_its_own_disk["disk"].rglob("*.xlsx"))

    object_storage.on_node("web")
    client.force_login(manager_user)
    response = client.get(export.get_absolute_url())
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(b"".join(response.streaming_content))).sheetnames
    assert object_storage.local_files() == []
