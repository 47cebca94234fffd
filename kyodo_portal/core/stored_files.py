"""Files the portal keeps (attachments, workbooks built in the background): where they are stored,
what they are called there, and the one way they are handed out.

Storage is Django's default storage: the local disk (MEDIA_ROOT) for a first run, an S3-compatible
object store once AWS_STORAGE_BUCKET_NAME is set (settings.py). With several web nodes and
workers, a file uploaded to one node or built by a worker must be readable from every other, so
nothing here may assume a path on the local disk: files are opened through the storage, never
through ``FieldFile.path``.

Objects are private. The portal never hands out the store's address, not even a signed one: a
file leaves through :func:`stored_file_response` after the caller's permission check, so a
revoked right or a closed project stops the download at once, and the address bar never carries
a link that could be passed on. Stored names are random (:func:`unguessable_name`), so a name
seen in a log or an export of the database tells nothing about other files.
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404

S3_BACKEND = "storages.backends.s3.S3Storage"
# A health probe must answer within the probe's own timeout: one short try, no retries.
HEALTH_TIMEOUT_SECONDS = 2


def unguessable_name(extension: str, folder: str = "") -> str:
    """``<folder>/<128 random bits><extension>``: a stored name that says nothing about its
    neighbours (a workbook numbered by its id would let one name lead to the next)."""
    suffix = extension.lower()[:10]
    if suffix and not suffix.startswith("."):
        suffix = "." + suffix
    name = uuid.uuid4().hex + suffix
    return f"{folder.strip('/')}/{name}" if folder.strip("/") else name


def stored_file_response(file: FieldFile, *, filename: str, content_type: str) -> FileResponse:
    """The stored file as a download, read through the storage wherever it is (local disk or
    object store) and passed on by the portal. Call only after the permission check.

    Always an attachment (never rendered inline) under ``filename`` (sent RFC 5987-encoded, so
    Japanese names arrive intact), with its known type, ``nosniff``, and kept out of shared
    caches. A file missing from the storage answers 404 like a missing row.
    """
    if not file:
        raise Http404
    try:
        handle = file.storage.open(file.name, "rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- Object storage ------------------------------------------------------------------------------


def object_storage_configured() -> bool:
    return settings.STORAGES["default"]["BACKEND"] == S3_BACKEND


@functools.lru_cache(maxsize=4)
def _probe_client(endpoint_url, region_name, access_key, secret_key, token, addressing_style):
    import boto3
    from botocore.config import Config

    session = boto3.session.Session(
        aws_access_key_id=access_key,
        aws_secret_access_key=secret_key,
        aws_session_token=token,
        region_name=region_name,
    )
    return session.client(
        "s3",
        endpoint_url=endpoint_url,
        config=Config(
            connect_timeout=HEALTH_TIMEOUT_SECONDS,
            read_timeout=HEALTH_TIMEOUT_SECONDS,
            retries={"max_attempts": 1, "mode": "standard"},
            s3={"addressing_style": addressing_style} if addressing_style else None,
        ),
    )


def storage_status(storage: Storage | None = None) -> str | None:
    """None when files are on the local disk (nothing separate can be down), else 'ok' or the
    error that kept the bucket from answering: one HEAD of the bucket with a short timeout, on
    a client of its own so that the storage's patient retries cannot hold a probe."""
    if not object_storage_configured():
        return None
    storage = storage or default_storage
    try:
        client = _probe_client(
            storage.endpoint_url,
            storage.region_name,
            storage.access_key,
            storage.secret_key,
            storage.security_token,
            storage.addressing_style,
        )
        client.head_bucket(Bucket=storage.bucket_name)
        return "ok"
    except Exception as error:  # the store being unreachable is exactly what we report
        code = getattr(error, "response", {}).get("Error", {}).get("Code")
        return f"error: {type(error).__name__}" + (f" ({code})" if code else "")


PUBLIC_ACCESS_BLOCKED = {
    "BlockPublicAcls": True,
    "IgnorePublicAcls": True,
    "BlockPublicPolicy": True,
    "RestrictPublicBuckets": True,
}


def ensure_bucket(storage: Storage | None = None) -> list[str]:
    """Create the bucket if it is missing and block public access to it; a second run (or a
    second node starting at the same moment) changes nothing. Returns what was found and done,
    one line each. Errors other than "no such bucket" (wrong keys, a bucket owned by someone
    else) are raised: a node must not start against a store it cannot use."""
    from botocore.exceptions import ClientError

    storage = storage or default_storage
    client = storage.connection.meta.client
    bucket = storage.bucket_name
    done = []
    try:
        client.head_bucket(Bucket=bucket)
        done.append(f"bucket {bucket}: exists")
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") not in ("404", "NoSuchBucket", "NotFound"):
            raise
        params = {"Bucket": bucket}
        region = storage.region_name or client.meta.region_name
        if region and region not in ("us-east-1", "aws-global"):
            params["CreateBucketConfiguration"] = {"LocationConstraint": region}
        try:
            client.create_bucket(**params)
            done.append(f"bucket {bucket}: created")
        except ClientError as race:
            if race.response.get("Error", {}).get("Code") != "BucketAlreadyOwnedByYou":
                raise
            done.append(f"bucket {bucket}: exists")
    try:
        client.put_public_access_block(
            Bucket=bucket, PublicAccessBlockConfiguration=PUBLIC_ACCESS_BLOCKED
        )
        done.append("public access: blocked")
    except ClientError as error:
        # Some S3-compatible servers have no such switch; their objects are private unless an
        # ACL or policy opens them, and the portal sets neither.
        code = error.response.get("Error", {}).get("Code", "")
        done.append(f"public access block: not supported by this server ({code})")
    return done


@dataclass
class CopyReport:
    copied: list[str] = field(default_factory=list)
    already_there: list[str] = field(default_factory=list)
    # The bucket holds a different file under the same name: left alone for a person to look at.
    conflicts: list[str] = field(default_factory=list)


def copy_local_files(root: Path, storage: Storage | None = None, *, dry_run=False) -> CopyReport:
    """Copy every file under ``root`` (a former MEDIA_ROOT) into the storage under the same
    name, which is the name the database holds. What the storage already has with the same size
    is skipped, so the copy can be run again after an interruption; nothing is overwritten and
    the disk is left as it was."""
    storage = storage or default_storage
    report = CopyReport()
    for path in sorted(p for p in Path(root).rglob("*") if p.is_file()):
        name = path.relative_to(root).as_posix()
        size = path.stat().st_size
        if storage.exists(name):
            target = report.already_there if storage.size(name) == size else report.conflicts
            target.append(name)
            continue
        if not dry_run:
            with path.open("rb") as handle:
                stored = storage.save(name, File(handle, name=path.name))
            if stored != name or storage.size(stored) != size:
                raise OSError(f"{name}: stored as {stored!r} with a different size")
        report.copied.append(name)
    return report
