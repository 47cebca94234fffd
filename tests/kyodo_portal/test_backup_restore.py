"""scripts/backup and scripts/restore, run as an operator would: a scratch portal (its own database
and media directory) gets a person and an uploaded file, is backed up, loses its database and its
files, is restored, and has both back — with every migration applied.

PostgreSQL (pg_dump -Fc / pg_restore) where the tests run on it (CI declares it with
KYODO_EXPECT_DATABASE=postgresql); the zero-setup SQLite file everywhere.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

SEED = """
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from partners.models import User
User.objects.create_user(username="backup-probe", last_name="保存", email="probe@example.jp")
print(default_storage.save("attachments/2026/協定書.txt", ContentFile("協定の中身".encode())))
print(default_storage.save("exports/results.xlsx", ContentFile(bytes(range(256)) * 40)))
"""

CHECK = """
from partners.models import User
print(User.objects.get(username="backup-probe").last_name)
"""


def run(command: list[str], env: dict, *, ok: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    if ok:
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


def manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    return run([sys.executable, "manage.py", *args], env)


def scratch_env(database_url: str, media: Path) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "CELERY_BROKER_URL", "BACKUP_DATABASE_URL"}
    }
    env.update(DATABASE_URL=database_url, MEDIA_ROOT=str(media), PYTHON=sys.executable)
    return env


def seed_back_up_lose_and_restore(env: dict, media: Path, tmp_path: Path, lose) -> Path:
    manage("migrate", "--noinput", "-v0", env=env)
    stored = manage("shell", "-c", SEED, env=env).stdout.split()[-2:]
    assert stored == ["attachments/2026/協定書.txt", "exports/results.xlsx"]
    originals = {name: (media / name).read_bytes() for name in stored}

    backup = Path(
        run(["scripts/backup", "--output", str(tmp_path / "backups")], env).stdout.strip()
    )
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["files"]["count"] == 2
    assert manifest["migrations"]["partners"]

    lose()
    shutil.rmtree(media)
    restored = run(["scripts/restore", str(backup), "--yes"], env)
    assert "2 files" in restored.stdout

    assert manage("shell", "-c", CHECK, env=env).stdout.split()[-1] == "保存"
    assert {name: (media / name).read_bytes() for name in stored} == originals
    manage("migrate", "--check", env=env)  # the whole schema is back, nothing left to apply
    return backup


def test_postgresql_backup_and_restore(tmp_path):
    if connection.vendor != "postgresql":
        if os.environ.get("KYODO_EXPECT_DATABASE") == "postgresql":
            pytest.fail("CI declares PostgreSQL, but the tests do not run on it")
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    if shutil.which("pg_dump") is None:
        pytest.fail("pg_dump not found: install PostgreSQL's client programs")
    db = connection.settings_dict
    name = f"{db['NAME']}_restore"[:60]
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    user = db["USER"] or "postgres"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    admin = {"host": host, "port": port, "user": user, "password": db["PASSWORD"] or None}

    def drop():
        with psycopg.connect(**admin, dbname="postgres", autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    drop()
    with psycopg.connect(**admin, dbname="postgres", autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    media = tmp_path / "media"
    env = scratch_env(f"postgres://{user}{password}@{host}:{port}/{name}", media)
    try:
        backup = seed_back_up_lose_and_restore(env, media, tmp_path, lose=drop)
        assert (backup / "database.dump").read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
        # A restore over a portal that has moved on puts it back as it was.
        manage(
            "shell", "-c", "from partners.models import User; User.objects.all().delete()", env=env
        )
        run(["scripts/restore", str(backup), "--yes"], env)
        assert manage("shell", "-c", CHECK, env=env).stdout.split()[-1] == "保存"
    finally:
        drop()


def test_sqlite_backup_and_restore(tmp_path):
    database = tmp_path / "portal.sqlite3"
    media = tmp_path / "media"
    env = scratch_env(f"sqlite:///{database}", media)
    backup = seed_back_up_lose_and_restore(env, media, tmp_path, lose=database.unlink)

    # A damaged backup is refused before anything is replaced.
    with (backup / "files.tar.gz").open("ab") as archive:
        archive.write(b"garbage")
    refused = run(["scripts/restore", str(backup), "--yes"], env, ok=False)
    assert refused.returncode != 0
    assert "does not match its checksum" in refused.stderr
