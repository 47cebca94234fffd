"""Backup and restore of what the portal keeps: the database and every stored file.

A backup is one directory (``backup-<UTC time>``) holding

- ``database.dump``: PostgreSQL's custom format (``pg_dump -Fc``), restored with ``pg_restore``;
  or ``database.sqlite3``, a consistent copy of the zero-setup SQLite file;
- ``files.tar.gz``: every file of the default storage under its storage name (attachments,
  generated exports and PDFs), read and written through the storage itself, so the same backup
  works for the media directory and for an S3 bucket, and restores from one to the other;
- ``manifest.json``: when, from which database, the applied migrations, and a SHA-256 of each
  file, checked before anything is restored.

Used by ``scripts/backup`` and ``scripts/restore`` (``manage.py backup`` / ``manage.py restore``);
docs/operations.md says when to run them and how to keep the copies.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connections

MANIFEST = "manifest.json"
POSTGRES_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
FILES = "files.tar.gz"
FORMAT = 1


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


@dataclass(frozen=True)
class Database:
    vendor: str  # "postgresql" or "sqlite"
    name: str
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = ""
    sslmode: str = ""

    @classmethod
    def from_settings(cls) -> "Database":
        """The portal's database, or BACKUP_DATABASE_URL when set: behind PgBouncer in
        transaction pooling mode, pg_dump and pg_restore must reach PostgreSQL itself."""
        url = os.environ.get("BACKUP_DATABASE_URL", "").strip()
        config = dj_database_url.parse(url) if url else settings.DATABASES["default"]
        engine = config["ENGINE"]
        if engine.endswith("postgresql"):
            return cls(
                vendor="postgresql",
                name=str(config["NAME"]),
                host=str(config.get("HOST") or ""),
                port=str(config.get("PORT") or ""),
                user=str(config.get("USER") or ""),
                password=str(config.get("PASSWORD") or ""),
                sslmode=str((config.get("OPTIONS") or {}).get("sslmode", "")),
            )
        if engine.endswith("sqlite3"):
            return cls(vendor="sqlite", name=str(config["NAME"]))
        raise BackupError(f"no backup for the database engine {engine}")

    def libpq_env(self) -> dict:
        """The connection for pg_dump and pg_restore, as libpq's variables (no password on the
        command line, where other users of the machine could read it)."""
        env = {**os.environ, "PGDATABASE": self.name}
        for variable, value in (
            ("PGHOST", self.host),
            ("PGPORT", self.port),
            ("PGUSER", self.user),
            ("PGPASSWORD", self.password),
            ("PGSSLMODE", self.sslmode),
        ):
            if value:
                env[variable] = value
        return env


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _run(command: list[str], env: dict) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} not found: install PostgreSQL's client programs")
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{' '.join(command[:2])} failed:\n{result.stderr.strip()}")


def stored_files(storage=default_storage, directory: str = "") -> list[str]:
    """Every file name in the storage, depth first, sorted."""
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:
        return []  # a media directory that was never created holds nothing
    prefix = f"{directory}/" if directory else ""
    names = [prefix + name for name in sorted(files)]
    for child in sorted(directories):
        names += stored_files(storage, prefix + child)
    return names


def _applied_migrations() -> dict[str, str]:
    connection = connections["default"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
        latest: dict[str, str] = {}
        for app, name in cursor.fetchall():
            latest[app] = name
    return latest


def backup(output: Path, *, storage=default_storage) -> Path:
    """Write a backup directory under ``output`` and return it."""
    database = Database.from_settings()
    stamp = datetime.now(tz=UTC).strftime("%Y%m%dT%H%M%SZ")
    target = Path(output) / f"backup-{stamp}"
    target.mkdir(parents=True, exist_ok=False)
    if database.vendor == "postgresql":
        dump = target / POSTGRES_DUMP
        # -Fc: compressed, and pg_restore can restore it selectively and in parallel.
        _run(["pg_dump", "--format=custom", f"--file={dump}"], database.libpq_env())
    else:
        dump = target / SQLITE_COPY
        # SQLite's online backup: a consistent copy even while the portal writes.
        with sqlite3.connect(database.name) as source, sqlite3.connect(dump) as copy:
            source.backup(copy)
    count = archive_files(target / FILES, storage)
    manifest = {
        "format": FORMAT,
        "created_at": datetime.now(tz=UTC).isoformat(timespec="seconds"),
        "database": {"vendor": database.vendor, "name": database.name, "file": dump.name},
        "files": {"file": FILES, "count": count},
        "migrations": _applied_migrations(),
        "sha256": {dump.name: _sha256(dump), FILES: _sha256(target / FILES)},
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return target


def read_manifest(source: Path) -> dict:
    """The backup's manifest, after checking that its files are whole."""
    path = Path(source) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{source} is not a backup: no {MANIFEST}")
    manifest = json.loads(path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    for name, expected in manifest["sha256"].items():
        if _sha256(Path(source) / name) != expected:
            raise BackupError(f"{name} does not match its checksum: the backup is damaged")
    return manifest


def _postgres_restore(database: Database, dump: Path) -> None:
    import psycopg

    connections.close_all()
    admin_params = {
        "host": database.host or None,
        "port": database.port or None,
        "user": database.user or None,
        "password": database.password or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    if database.sslmode:
        admin_params["sslmode"] = database.sslmode
    with psycopg.connect(**admin_params) as admin:
        exists = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database.name]
        ).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{database.name}"')
    # --clean --if-exists: what the dump holds replaces what the database holds. Ownership and
    # grants are left to the target's own user, so a dump restores on another server too. One
    # transaction: a restore that fails leaves the database as it was.
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={database.name}",
            str(dump),
        ],
        database.libpq_env(),
    )


def _sqlite_restore(database: Database, copy: Path) -> None:
    connections.close_all()
    Path(database.name).parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(copy) as source, sqlite3.connect(database.name) as target:
        source.backup(target)


def restore(source: Path, *, storage=default_storage) -> dict:
    """Put the backup's database and files back; returns its manifest."""
    source = Path(source)
    manifest = read_manifest(source)
    database = Database.from_settings()
    if manifest["database"]["vendor"] != database.vendor:
        raise BackupError(
            f"the backup holds a {manifest['database']['vendor']} database, the portal uses "
            f"{database.vendor}"
        )
    dump = source / manifest["database"]["file"]
    if database.vendor == "postgresql":
        _postgres_restore(database, dump)
    else:
        _sqlite_restore(database, dump)
    restore_files(source / FILES, storage)
    return manifest


def archive_files(path: Path, storage=default_storage) -> int:
    """Every file of the storage into a tar.gz under its stored name; returns how many."""
    names = stored_files(storage)
    with tarfile.open(path, "w:gz") as archive:
        for name in names:
            with storage.open(name, "rb") as stream:
                info = tarfile.TarInfo(name)
                info.size = storage.size(name)
                archive.addfile(info, stream)
    return len(names)


def restore_files(path: Path, storage=default_storage) -> int:
    """Every file of the archive back into the storage under its name; returns how many."""
    count = 0
    with tempfile.TemporaryDirectory() as scratch, tarfile.open(path, "r:gz") as archive:
        for member in archive.getmembers():
            if not member.isfile():
                continue
            # The data filter refuses absolute names, "..", links and devices.
            archive.extract(member, scratch, filter="data")
            if storage.exists(member.name):
                storage.delete(member.name)  # else the storage would pick another name
            with open(Path(scratch) / member.name, "rb") as stream:
                saved = storage.save(member.name, File(stream))
            if saved != member.name:
                raise BackupError(f"{member.name} was stored as {saved}")
            count += 1
    return count
