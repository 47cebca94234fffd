import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from kyodo_portal.settings import email_settings_from_url

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "p" * 20 + "-a-long-random-production-key-0123456789",
    "ALLOWED_HOSTS": "kyodo.example.jp",
    "SITE_URL": "https://kyodo.example.jp",
    "DATABASE_URL": "sqlite:///:memory:",
    "EMAIL_URL": "smtp://mailer:secret@smtp.example.jp:587/?tls=1",
}


# The processes these tests start are configured by their environment alone: the .env that
# ./scripts/demo writes into a checkout (DEBUG=true and a SECRET_KEY) would otherwise fill every
# variable left unset or empty here.
NO_DOTENV = {"ENV_FILE": "/dev/null"}


def run_manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **NO_DOTENV, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_japanese_first_defaults():
    assert settings.LANGUAGE_CODE == "ja"
    assert settings.TIME_ZONE == "Asia/Tokyo"
    assert [code for code, _ in settings.LANGUAGES] == ["ja", "en"]
    assert settings.AUTH_USER_MODEL == "partners.User"


def start_portal(env: dict) -> subprocess.CompletedProcess:
    """Load the WSGI application, as gunicorn (and runserver) do before serving."""
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "HTTPS"}}
    return subprocess.run(
        [sys.executable, "-c", "import kyodo_portal.wsgi"],
        cwd=ROOT,
        env={**clean, **NO_DOTENV, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key(tmp_path):
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    for result in (start_portal(env), run_manage("check", "--deploy", env=env)):
        assert result.returncode != 0
        assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_a_development_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": "django-insecure-abc"}
    for result in (start_portal(env), run_manage("check", "--deploy", env=env)):
        assert result.returncode != 0
        assert "too weak" in result.stderr


def test_migrations_can_be_checked_on_a_fresh_checkout_without_configuration():
    """No SECRET_KEY and DEBUG off (and no .env read, as a fresh checkout has none):
    makemigrations signs nothing, so it runs."""
    bare = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    bare.update({"DEBUG": "false", "SECRET_KEY": "", **NO_DOTENV})
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env=bare,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout
    assert start_portal(bare).returncode != 0  # but it does not serve


def test_the_zero_setup_database_checks_clean_although_it_ignores_covering_indexes():
    """SQLite, the first-run default, creates the plain index where PostgreSQL carries columns in
    it; the check that migrate runs does not warn the newcomer about that."""
    result = run_manage("check", "--database", "default", env={"DEBUG": "true", "DATABASE_URL": ""})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "W040" not in result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_is_clean_under_documented_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_email_url_is_translated_to_django_settings():
    values = email_settings_from_url("smtp://mailer:p%40ss@smtp.example.jp:587/?tls=1")
    assert values["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
    assert values["EMAIL_HOST"] == "smtp.example.jp"
    assert values["EMAIL_PORT"] == 587
    assert values["EMAIL_HOST_PASSWORD"] == "p@ss"
    assert values["EMAIL_USE_TLS"] is True
    assert email_settings_from_url("console://")["EMAIL_BACKEND"].endswith("console.EmailBackend")


def test_env_example_lists_every_variable_the_settings_read():
    import re

    read = set(
        re.findall(
            r'env(?:_bool|_list)?\("([A-Z_]+)"', (ROOT / "kyodo_portal/settings.py").read_text()
        )
    )
    read |= set(
        re.findall(
            r'os\.environ(?:\.get)?\(?\[?"([A-Z_]+)"',
            (ROOT / "kyodo_portal/settings.py").read_text(),
        )
    )
    listed = set(re.findall(r"^#?\s*([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE))
    assert read - listed == set()


@pytest.mark.django_db
def test_ci_runs_the_suite_on_the_expected_database():
    """CI sets KYODO_EXPECT_DATABASE=postgresql: prove the tests really run there."""
    expected = os.environ.get("KYODO_EXPECT_DATABASE")
    if os.environ.get("CI") and not expected:
        pytest.fail("CI must declare the database the suite is expected to run on")
    if expected:
        assert connection.vendor == expected
        with connection.cursor() as cursor:
            cursor.execute("SELECT version()" if expected == "postgresql" else "SELECT 1")
            assert "PostgreSQL" in cursor.fetchone()[0]


def test_collectstatic_builds_the_production_manifest(tmp_path):
    """Every vendored stylesheet's references resolve, so the hashed manifest builds."""
    env = {**PRODUCTION_ENV, "STATIC_ROOT": str(tmp_path / "static"), "STATIC_MANIFEST": "true"}
    result = run_manage("collectstatic", "--noinput", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "static" / "staticfiles.json").exists()


def database_options(**env: str) -> dict:
    """The database OPTIONS the settings build from the given environment, and whether they
    disable server-side cursors (as ``_cursors``)."""
    script = (
        "from django.conf import settings; db = settings.DATABASES['default']; "
        "print({**db['OPTIONS'], '_cursors': db.get('DISABLE_SERVER_SIDE_CURSORS', False)})"
    )
    result = run_manage("shell", "-c", script, env={**PRODUCTION_ENV, **env})
    assert result.returncode == 0, result.stderr
    return ast.literal_eval(result.stdout.strip().splitlines()[-1])


def test_postgresql_statements_are_bound_server_side_unless_turned_off():
    postgres = {"DATABASE_URL": "postgres://kyodo@db.internal:5432/kyodo_portal"}
    assert database_options(**postgres) == {
        "server_side_binding": True,
        "prepare_threshold": 5,
        "_cursors": False,
    }
    # Off behind PgBouncer in transaction pooling: no prepared statements, no named cursors.
    off = database_options(**postgres, DB_SERVER_SIDE_BINDING="false")
    assert off == {"_cursors": True}
    assert database_options() == {"_cursors": False}  # SQLite has nothing of the kind


@pytest.mark.django_db
def test_a_statement_run_again_and_again_is_prepared_once():
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    from partners.models import User

    for _ in range(6):
        list(User.objects.filter(username="nobody-at-all"))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ["%partners_user%nobody%"],
        )
        assert cursor.fetchone()[0] == 0  # the value is a parameter, not part of the statement
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%FROM "partners_user" WHERE "partners_user"."username" = $1%'],
        )
        assert cursor.fetchone()[0] == 1


@pytest.mark.parametrize(("port", "expected"), [("8123", "8123"), ("", "8000")])
def test_site_url_defaults_to_the_local_server_on_port(port, expected):
    """Without SITE_URL, mail links point at the server scripts/demo runs (PORT, else 8000)."""
    env = {"DEBUG": "true", "PORT": port}
    clean = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "PORT"}}
    result = subprocess.run(
        [sys.executable, "-c", "import kyodo_portal.settings as s; print(s.SITE_URL)"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == f"http://127.0.0.1:{expected}", result.stderr
