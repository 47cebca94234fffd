"""Choosing the storage, preparing the bucket, and reporting the store in /healthz."""

import os
import subprocess
import sys
import uuid

import pytest

from tests.storage.conftest import ROOT, settings_in_process, storage_env

LOCAL_MEMORY = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def run_manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_a_bucket_files_stay_on_the_local_disk():
    # An empty value, as a copied .env.example leaves it, means "not set".
    chosen = settings_in_process({"AWS_STORAGE_BUCKET_NAME": "", "AWS_S3_ENDPOINT_URL": ""})
    assert chosen == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_a_named_bucket_puts_files_on_private_object_storage(s3_settings, s3_endpoint):
    assert s3_settings["BACKEND"] == "storages.backends.s3.S3Storage"
    options = s3_settings["OPTIONS"]
    assert options["endpoint_url"] == s3_endpoint
    assert options["location"] == "portal"
    # No ACL is sent (objects are the bucket owner's alone); any URL built is signed and short.
    assert options["default_acl"] is None
    assert options["querystring_auth"] is True and options["querystring_expire"] <= 300


def test_ensure_storage_bucket_creates_once_and_blocks_public_access(s3_endpoint):
    import boto3

    bucket = f"kyodo-{uuid.uuid4().hex[:16]}"
    env = storage_env(s3_endpoint, bucket)
    first = run_manage("ensure_storage_bucket", env=env)
    assert first.returncode == 0, first.stderr
    assert f"bucket {bucket}: created" in first.stdout
    assert "public access: blocked" in first.stdout
    again = run_manage("ensure_storage_bucket", env=env)
    assert again.returncode == 0, again.stderr
    assert f"bucket {bucket}: exists" in again.stdout

    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
        region_name=env["AWS_S3_REGION_NAME"],
    )
    location = client.get_bucket_location(Bucket=bucket)["LocationConstraint"]
    assert location == env["AWS_S3_REGION_NAME"]
    blocked = client.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"]
    assert all(blocked.values())


def test_ensure_storage_bucket_fails_when_the_store_cannot_be_reached():
    env = storage_env("http://127.0.0.1:1", "kyodo-unreachable")  # nothing listens on port 1
    result = run_manage("ensure_storage_bucket", env=env)
    assert result.returncode != 0
    assert "object storage not ready" in result.stderr


def test_ensure_storage_bucket_has_nothing_to_do_on_the_local_disk():
    result = run_manage("ensure_storage_bucket", env={"AWS_STORAGE_BUCKET_NAME": ""})
    assert result.returncode == 0, result.stderr
    assert "no bucket to prepare" in result.stdout


@pytest.mark.django_db
def test_healthz_reports_the_store_without_failing_liveness_on_it(client, settings, object_storage):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CACHES = LOCAL_MEMORY
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["storage"] == "ok"

    # The bucket gone, then the whole store unreachable: reported, but the node stays live
    # (pages other than downloads still work, and restarting it would not help).
    default = settings.STORAGES["default"]
    missing = {**default, "OPTIONS": {**default["OPTIONS"], "bucket_name": "kyodo-no-such"}}
    settings.STORAGES = {**settings.STORAGES, "default": missing}
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["storage"] == "error: ClientError (404)"

    down = {**default, "OPTIONS": {**default["OPTIONS"], "endpoint_url": "http://127.0.0.1:1"}}
    settings.STORAGES = {**settings.STORAGES, "default": down}
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["checks"]["storage"].startswith("error: EndpointConnectionError")
