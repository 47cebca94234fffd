"""A real S3-compatible server for the object storage tests, and "nodes" that share only it.

The server is moto's standalone S3 server, listening on a free local port over HTTP: the portal
reaches it through boto3 exactly as it would reach AWS S3 or MinIO. Without moto installed the
tests skip; CI declares the store (KYODO_EXPECT_OBJECT_STORAGE=1 in .ci/run), and there they fail
instead, so a green run cannot hide that they never ran.

The storage settings are read from the real settings module, in a separate process given the
environment a deployment would set, so that what is tested is what settings.py builds.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]
ACCESS_KEY = "kyodo-test-key"
SECRET_KEY = "kyodo-test-secret"  # the test server's, not a real one
REGION = "ap-northeast-1"
PREFIX = "portal"


def _unavailable(reason: str):
    if os.environ.get("KYODO_EXPECT_OBJECT_STORAGE"):
        pytest.fail(f"CI declares object storage, but {reason}")
    pytest.skip(reason)


def settings_in_process(env: dict) -> dict:
    """``STORAGES["default"]`` as settings.py builds it from ``env`` in a fresh process."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json; from kyodo_portal import settings as s; "
            "print(json.dumps(s.STORAGES['default']))",
        ],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def storage_env(endpoint: str, bucket: str) -> dict:
    return {
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        "AWS_S3_REGION_NAME": REGION,
        "AWS_S3_ADDRESSING_STYLE": "path",
        "AWS_LOCATION": PREFIX,
    }


@pytest.fixture(scope="session")
def s3_endpoint():
    """The address of a running S3-compatible server (moto's, started here)."""
    try:
        from moto.server import ThreadedMotoServer
    except ImportError:
        _unavailable("moto[server] is not installed (pip install -e '.[dev]')")
    # The server's request log would fill the test output.
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    starter = threading.Thread(target=server.start, daemon=True)
    starter.start()
    starter.join(timeout=30)
    if starter.is_alive():
        _unavailable("moto's S3 server did not start within 30 seconds")
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture(scope="session")
def s3_settings(s3_endpoint):
    """What settings.py makes of a deployment's variables (read once, in its own process)."""
    return settings_in_process(storage_env(s3_endpoint, "kyodo-placeholder"))


@pytest.fixture
def object_storage(settings, s3_endpoint, s3_settings, tmp_path):
    """Files in a fresh private bucket of the S3 server; ``on_node(name)`` makes the process act
    as another machine: its own empty MEDIA_ROOT and a new storage client, sharing nothing with
    the previous node but the bucket (and the database)."""
    import boto3

    from kyodo_portal.core.stored_files import ensure_bucket

    bucket = f"kyodo-{uuid.uuid4().hex[:16]}"
    storage_settings = {**s3_settings, "OPTIONS": {**s3_settings["OPTIONS"], "bucket_name": bucket}}
    disks = {}

    def on_node(name: str) -> Path:
        disks[name] = tmp_path / f"node-{name}" / "media"
        disks[name].mkdir(parents=True)
        settings.MEDIA_ROOT = disks[name]
        # A new STORAGES value drops the storage objects built so far (Django's setting_changed):
        # the next file operation connects afresh, as a process on another machine would.
        fresh = json.loads(json.dumps(storage_settings))
        settings.STORAGES = {**settings.STORAGES, "default": fresh}
        return disks[name]

    on_node("setup")
    from django.core.files.storage import default_storage

    ensure_bucket(default_storage)
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name=REGION,
    )

    def keys() -> list[str]:
        listed = client.list_objects_v2(Bucket=bucket)
        return sorted(item["Key"] for item in listed.get("Contents", []))

    def local_files() -> list[Path]:
        """Every file left on any node's local disk (there should be none)."""
        return [path for disk in disks.values() for path in disk.rglob("*") if path.is_file()]

    return SimpleNamespace(
        endpoint=s3_endpoint,
        bucket=bucket,
        prefix=PREFIX,
        client=client,
        on_node=on_node,
        keys=keys,
        local_files=local_files,
    )
