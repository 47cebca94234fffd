"""Backup and restore of the stored files on S3-compatible object storage: scripts/backup reads
every object of the bucket through the portal's storage, and scripts/restore puts them back under
the same keys — into an emptied bucket, or onto the disk of a portal moving off the bucket."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage

from kyodo_portal import backups

FILES = {
    "attachments/2026/0123456789abcdef0123456789abcdef.pdf": b"%PDF-1.7 agreement",
    "exports/fedcba9876543210fedcba9876543210.xlsx": bytes(range(256)) * 50,
}


@pytest.fixture
def stored(object_storage):
    object_storage.on_node("a")
    for name, content in FILES.items():
        assert default_storage.save(name, ContentFile(content)) == name
    return object_storage


def test_the_bucket_is_backed_up_emptied_and_restored(stored, tmp_path):
    archive = tmp_path / "files.tar.gz"
    assert backups.archive_files(archive) == 2

    backed_up = stored.keys()
    for key in backed_up:
        stored.client.delete_object(Bucket=stored.bucket, Key=key)
    assert stored.keys() == []

    stored.on_node("b")  # restored from another machine, sharing only the bucket
    assert backups.restore_files(archive) == 2
    assert stored.keys() == sorted(f"{stored.prefix}/{name}" for name in FILES)
    for name, content in FILES.items():
        with default_storage.open(name, "rb") as stream:
            assert stream.read() == content
    assert stored.local_files() == []  # nothing went through a node's disk to stay there


def test_a_restore_replaces_a_changed_object_under_its_own_key(stored, tmp_path):
    archive = tmp_path / "files.tar.gz"
    backups.archive_files(archive)
    name = next(iter(FILES))
    stored.client.put_object(Bucket=stored.bucket, Key=f"{stored.prefix}/{name}", Body=b"changed")

    backups.restore_files(archive)
    with default_storage.open(name, "rb") as stream:
        assert stream.read() == FILES[name]
    assert len(stored.keys()) == 2  # replaced, not stored beside it under another name


def test_files_from_the_bucket_restore_onto_a_disk(stored, tmp_path):
    archive = tmp_path / "files.tar.gz"
    backups.archive_files(archive)
    disk = FileSystemStorage(location=tmp_path / "media")
    assert backups.restore_files(archive, disk) == 2
    assert {name: (tmp_path / "media" / name).read_bytes() for name in FILES} == FILES
