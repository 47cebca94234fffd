"""What a deployment is built from: the compose file, the image's build context, the locks, the
environment the settings read, the health probes and the refusal to start without a broker."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from django.test import Client

from kyodo_portal import beat, startup
from kyodo_portal.settings import env, env_bool, env_list

ROOT = Path(__file__).resolve().parents[2]
PORTAL_SERVICES = {"web", "worker-reminders", "worker-exports", "beat"}
KEY = "k" * 20 + "-a-long-random-production-key-0123456789"


def settings_in_subprocess(expression: str, **variables: str) -> str:
    """The value of ``expression`` over kyodo_portal.settings, loaded with exactly these
    variables on top of a clean environment and no .env file."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CELERY_", "CSRF_", "REDIS_", "DATABASE_", "SITE_", "DJANGO_"))
        and k not in {"DEBUG", "SECRET_KEY", "HTTPS", "PORT"}
    }
    result = subprocess.run(
        [sys.executable, "-c", f"import kyodo_portal.settings as s; print(repr(({expression})))"],
        cwd=ROOT,
        env={**clean, "ENV_FILE": "/dev/null", "SECRET_KEY": KEY, **variables},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def manage(*args: str, **variables: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CELERY_", "REDIS_", "DJANGO_")) and k != "SECRET_KEY"
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, "ENV_FILE": "/dev/null", "SECRET_KEY": KEY, **variables},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


# --- The environment: an empty value means unset ----------------------------------------------


def test_env_treats_an_empty_or_blank_value_as_unset(monkeypatch):
    monkeypatch.setenv("KYODO_TEST_VALUE", "")
    assert env("KYODO_TEST_VALUE", "fallback") == "fallback"
    monkeypatch.setenv("KYODO_TEST_VALUE", "   ")
    assert env("KYODO_TEST_VALUE") is None
    assert env_bool("KYODO_TEST_VALUE", True) is True
    assert env_list("KYODO_TEST_VALUE", "a,b") == ["a", "b"]
    monkeypatch.setenv("KYODO_TEST_VALUE", " set ")
    assert env("KYODO_TEST_VALUE", "fallback") == "set"
    monkeypatch.delenv("KYODO_TEST_VALUE")
    assert env("KYODO_TEST_VALUE", "fallback") == "fallback"


def test_an_empty_broker_url_falls_back_to_redis_and_tasks_leave_the_process():
    values = settings_in_subprocess(
        "s.CELERY_BROKER_URL, s.CELERY_TASK_ALWAYS_EAGER",
        REDIS_URL="redis://redis:6379/0",
        CELERY_BROKER_URL="",
        CELERY_TASK_ALWAYS_EAGER="",
    )
    assert values == "('redis://redis:6379/0', False)"


def test_an_empty_csrf_trusted_origins_gives_the_documented_default():
    origins = settings_in_subprocess(
        "s.CSRF_TRUSTED_ORIGINS", SITE_URL="https://kyodo.example.jp", CSRF_TRUSTED_ORIGINS=""
    )
    assert origins == "['https://kyodo.example.jp']"


def test_without_database_or_redis_the_portal_is_sqlite_and_eager():
    values = settings_in_subprocess(
        "s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_PROBLEM",
        DATABASE_URL="",
        REDIS_URL="",
        CELERY_BROKER_URL="",
    )
    assert values == "('django.db.backends.sqlite3', True, '')"


def test_an_empty_value_in_the_env_file_leaves_the_default(tmp_path):
    dotenv = tmp_path / "portal.env"
    dotenv.write_text("CELERY_BROKER_URL=\nREDIS_URL=redis://cache:6379/2\nLOG_LEVEL=WARNING\n")
    values = settings_in_subprocess(
        "s.CELERY_BROKER_URL, s.LOGGING['root']['level']", ENV_FILE=str(dotenv)
    )
    assert values == "('redis://cache:6379/2', 'WARNING')"


# --- No broker with eager off: the portal refuses to start ------------------------------------


def test_the_check_refuses_eager_off_without_a_broker():
    refused = manage("check", CELERY_TASK_ALWAYS_EAGER="false", REDIS_URL="", CELERY_BROKER_URL="")
    assert refused.returncode != 0
    assert "kyodo_portal.E002" in refused.stderr
    assert "no broker is configured" in refused.stderr
    accepted = manage("check", CELERY_TASK_ALWAYS_EAGER="false", REDIS_URL="redis://redis:6379/0")
    assert accepted.returncode == 0, accepted.stderr


def test_the_broker_check_reads_the_recorded_problem(settings):
    settings.CELERY_BROKER_PROBLEM = ""
    assert startup.broker_check() == []
    settings.CELERY_BROKER_PROBLEM = "no broker"
    [error] = startup.broker_check()
    assert error.id == "kyodo_portal.E002"


def test_gunicorn_refuses_to_load_the_portal_without_a_broker():
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "REDIS_"))}
    result = subprocess.run(
        [sys.executable, "-c", "import kyodo_portal.wsgi"],
        cwd=ROOT,
        env={
            **clean,
            "ENV_FILE": "/dev/null",
            "SECRET_KEY": KEY,
            "CELERY_TASK_ALWAYS_EAGER": "false",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "no broker is configured" in result.stderr


@pytest.mark.parametrize("process", ["worker", "beat"])
def test_celery_refuses_to_start_without_a_broker(process, tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "REDIS_"))}
    result = subprocess.run(
        [sys.executable, "-m", "celery", "-A", "kyodo_portal", process],
        cwd=tmp_path if process == "beat" else ROOT,  # beat writes its schedule file there
        env={
            **clean,
            "PYTHONPATH": str(ROOT),
            "ENV_FILE": "/dev/null",
            "SECRET_KEY": KEY,
            "CELERY_TASK_ALWAYS_EAGER": "false",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "no broker is configured" in result.stdout + result.stderr


@pytest.mark.django_db
def test_healthz_reports_a_missing_broker_as_unavailable(client, settings):
    settings.CELERY_BROKER_PROBLEM = "no broker"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"] == "error: not configured"


# --- Health probes ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_liveness_answers_a_foreign_host_over_http_without_touching_the_database(
    settings, django_assert_num_queries
):
    settings.ALLOWED_HOSTS = ["kyodo.example.jp"]
    settings.SECURE_SSL_REDIRECT = True
    probe = Client(HTTP_HOST="web:8000")
    # Host validation is on: any other page gets 400 for this Host.
    assert probe.get("/accessibility/").status_code == 400
    with django_assert_num_queries(0):
        response = probe.get("/healthz/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readiness_answers_a_foreign_host_too(settings):
    settings.ALLOWED_HOSTS = ["kyodo.example.jp"]
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CELERY_BROKER_PROBLEM = ""
    response = Client(HTTP_HOST="10.0.0.7").get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["database"] == "ok"


def test_the_health_middleware_comes_first(settings):
    assert settings.MIDDLEWARE.index("kyodo_portal.middleware.HealthCheckMiddleware") <= 1
    assert settings.MIDDLEWARE.index(
        "kyodo_portal.middleware.HealthCheckMiddleware"
    ) < settings.MIDDLEWARE.index("django.middleware.security.SecurityMiddleware")


# --- Beat's heartbeat ---------------------------------------------------------------------------


def test_beat_heartbeat_is_fresh_stale_or_missing(tmp_path, monkeypatch, capsys):
    heartbeat = tmp_path / "beat-heartbeat"
    monkeypatch.setenv("BEAT_HEARTBEAT_FILE", str(heartbeat))
    monkeypatch.setenv("BEAT_HEARTBEAT_MAX_AGE", "120")
    assert beat.main() == 1  # none yet
    heartbeat.touch()
    assert beat.main() == 0
    old = time.time() - 600
    os.utime(heartbeat, (old, old))
    assert beat.main() == 1
    assert "600 s ago" in capsys.readouterr().err


def test_the_beat_scheduler_touches_the_heartbeat_on_every_tick(tmp_path, monkeypatch, settings):
    from kyodo_portal.celery import app

    heartbeat = tmp_path / "beat-heartbeat"
    monkeypatch.setenv("BEAT_HEARTBEAT_FILE", str(heartbeat))
    assert settings.CELERY_BEAT_SCHEDULER == "kyodo_portal.beat:HeartbeatScheduler"
    scheduler = beat.HeartbeatScheduler(app, schedule_filename=str(tmp_path / "schedule"))
    try:
        scheduler.tick()
    finally:
        scheduler.close()
    assert beat.heartbeat_age() is not None and beat.heartbeat_age() < 5


# --- docker compose -----------------------------------------------------------------------------


def test_compose_has_every_service_with_a_health_check(compose):
    services = compose["services"]
    expected = PORTAL_SERVICES | {"migrate", "proxy", "postgres", "redis"}
    assert expected <= set(services)
    for name in expected - {"migrate"}:
        assert "healthcheck" in services[name], name
    assert "/healthz/live" in str(services["web"]["healthcheck"]["test"])
    assert "kyodo_portal.beat" in str(services["beat"]["healthcheck"]["test"])
    for worker in ("worker-reminders", "worker-exports"):
        assert "inspect ping" in " ".join(services[worker]["healthcheck"]["test"])


def test_compose_builds_one_image_for_web_workers_and_beat(compose):
    services = compose["services"]
    images = {services[name].get("image") for name in PORTAL_SERVICES | {"migrate"}}
    assert len(images) == 1 and None not in images
    built = [name for name, service in services.items() if "build" in service]
    assert built == ["migrate"]
    for name in PORTAL_SERVICES:
        assert services[name]["pull_policy"] == "never", name  # the built image, never a pull


def test_compose_migrates_once_before_the_portal_starts(compose):
    services = compose["services"]
    assert "migrate" in " ".join(services["migrate"]["command"])
    assert services["migrate"].get("restart", "no") == "no"
    for name in PORTAL_SERVICES:
        depends = services[name]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully", name
        assert "migrate" not in str(services[name].get("command")), name
    assert services["proxy"]["depends_on"]["web"]["condition"] == "service_healthy"


def test_compose_workers_take_their_own_queues(compose):
    services = compose["services"]
    assert "reminders,default" in " ".join(services["worker-reminders"]["command"])
    exports = services["worker-exports"]["command"]
    assert exports[exports.index("-Q") + 1] == "exports"


def test_compose_takes_secrets_from_the_environment_only(compose):
    text = (ROOT / "docker-compose.yml").read_text()
    assert "${POSTGRES_PASSWORD:?" in text
    assert "${SECRET_KEY:?" in text
    password = compose["services"]["postgres"]["environment"]["POSTGRES_PASSWORD"]
    assert password.startswith("${POSTGRES_PASSWORD")
    assert not re.search(r"postgres://\w+:\w+@", text)  # no password written into a URL


def test_compose_publishes_only_the_proxy(compose):
    services = compose["services"]
    for name, service in services.items():
        for port in service.get("ports", []):
            if name != "proxy":
                assert str(port).startswith("127.0.0.1:"), (name, port)
    assert services["proxy"]["ports"]
    assert "deploy/Caddyfile" in str(services["proxy"]["volumes"])
    assert (ROOT / "deploy" / "Caddyfile").is_file()


def test_the_caddyfile_proxies_to_the_web_nodes_with_optional_tls():
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text()
    assert "{$SITE_ADDRESS::80}" in caddyfile  # a domain gets certificates, none gives http on 80
    assert "reverse_proxy" in caddyfile and "/healthz/live" in caddyfile


def test_env_example_runs_compose_as_shipped():
    example = dict(
        re.findall(r"^([A-Z_0-9]+)=(.*)$", (ROOT / ".env.example").read_text(), re.MULTILINE)
    )
    # http on port 80 until a domain is set: nothing redirects to an https nobody serves.
    assert example["HTTPS"] == "false"
    assert example["SITE_ADDRESS"] == ""
    assert example["BEHIND_PROXY"] == "true"
    assert example["CELERY_BROKER_URL"] == ""  # empty = unset: the broker is REDIS_URL
    assert example["CELERY_TASK_ALWAYS_EAGER"] == ""
    for secret in ("SECRET_KEY", "POSTGRES_PASSWORD"):
        assert example[secret] == "", secret  # never a shipped secret
    for name in (
        "AWS_STORAGE_BUCKET_NAME",
        "AWS_S3_ENDPOINT_URL",
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_S3_REGION_NAME",
    ):
        assert name in example, name


# --- The image's build context and the locks ---------------------------------------------------


def test_dockerignore_keeps_secrets_and_local_state_out_of_the_image():
    ignored = {
        line.strip().strip("/")
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    for entry in (".env", ".venv", "db.sqlite3", ".git", "media", "staticfiles", "test-results"):
        assert entry in ignored, entry


def dockerfile_instructions() -> list[str]:
    """The Dockerfile's instructions, continuation lines joined, comments left out."""
    lines = [
        line for line in (ROOT / "Dockerfile").read_text().splitlines() if not line.startswith("#")
    ]
    return [part.strip() for part in re.split(r"\n(?=[A-Z]+ )", "\n".join(lines)) if part.strip()]


def test_the_image_installs_the_lock_with_hashes_and_builds_without_a_dotenv():
    instructions = dockerfile_instructions()
    runs = [step for step in instructions if step.startswith("RUN ")]
    install = next(step for step in runs if "pip install" in step)
    assert "--require-hashes -r requirements.lock" in install
    assert not any("pip install" in step and " ." in step for step in runs)  # nothing resolved
    assert instructions.index("COPY requirements.lock ./") < instructions.index("COPY . .")
    build = next(step for step in runs if "manage.py collectstatic" in step)
    assert "ENV_FILE=/dev/null" in build


def test_every_declared_dependency_is_locked():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]

    def names(requirements):
        return {re.match(r"[A-Za-z0-9._-]+", r).group().lower() for r in requirements}

    def locked(lock):
        text = (ROOT / lock).read_text()
        return {name.lower() for name in re.findall(r"^([A-Za-z0-9._-]+)==", text, re.M)}

    assert names(project["dependencies"]) <= locked("requirements.lock")
    assert names(project["dependencies"] + project["optional-dependencies"]["dev"]) <= locked(
        "requirements-dev.lock"
    )


@pytest.mark.parametrize("lock", ["requirements.lock", "requirements-dev.lock"])
def test_locks_pin_every_package_with_hashes(lock):
    text = (ROOT / lock).read_text()
    assert "pip-compile" in text
    requirements = re.findall(r"^([a-z0-9][a-z0-9._-]*(?:\[[^\]]+\])?)==(\S+)", text, re.M)
    names = {name.lower() for name, _ in requirements}
    assert {"django", "celery", "gunicorn", "django-storages"} <= names
    if lock == "requirements-dev.lock":
        assert {"pytest", "moto"} <= names
    else:
        assert "pytest" not in names
    blocks = re.split(r"\n(?=[a-z0-9])", text.split("\n\n", 1)[-1])
    for block in blocks:
        if "==" in block:
            assert "--hash=sha256:" in block, block.splitlines()[0]


def test_the_venv_installs_from_the_dev_lock():
    script = (ROOT / "scripts" / "_venv").read_text()
    assert "--require-hashes -r requirements-dev.lock" in script
    assert "--no-deps" in script
    assert "requirements-dev.lock -nt" in script


@pytest.mark.parametrize("version", [(3, 11, 2), (3, 10, 14), (3, 12, 1)])
def test_the_venv_refuses_a_python_the_locks_were_not_resolved_for(tmp_path, version):
    # Below 3.11.3 redis needs async-timeout, which the locks do not pin: pip would stop half-way
    # with a hash error. The script must say what is wrong before it creates or installs anything.
    dotted = ".".join(map(str, version))
    fake = tmp_path / "python3"
    fake.write_text(
        "#!/bin/sh\n"
        f'[ "$1" = -V ] && {{ echo "Python {dotted}"; exit 0; }}\n'
        f'[ "$1" = -c ] && exec {sys.executable} -c "import sys; '
        f'sys.version_info = {version!r}\n$2"\n'
        "exit 99\n"
    )
    fake.chmod(0o755)
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "_venv")],
        env={**os.environ, "PYTHON": str(fake)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert "needs CPython 3.11.3 or a newer 3.11 release" in result.stderr
    assert f"is Python {dotted}" in result.stderr


def test_gitignore_keeps_beat_schedules_out_of_the_repository():
    assert "celerybeat-schedule*" in (ROOT / ".gitignore").read_text().splitlines()


def test_ci_runs_the_topology_after_the_suite():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "need+=(caddy)" in ci
    assert ci.index("./scripts/test") < ci.index("./scripts/topology")
    assert "exec ./scripts/test" not in ci  # exec would end the script before the topology
    topology = (ROOT / "scripts" / "topology").read_text()
    assert os.access(ROOT / "scripts" / "topology", os.X_OK)
    assert "deploy/Caddyfile" in topology  # the proxy of compose, not one of its own
    assert "trap stop_everything EXIT" in topology
