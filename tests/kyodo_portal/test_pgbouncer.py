"""The portal behind PgBouncer in transaction pooling mode, as when many web nodes and workers share
one PostgreSQL: a real PgBouncer is started in front of the test's PostgreSQL, and the smoke
subset (tests/smoke.py) runs through it in another pytest process, with the portal's switch for
pooled connections off (DB_SERVER_SIDE_BINDING=false: no prepared statements, no named cursors).
With the switch on, the same run fails on its first migration ("prepared statement "_pg3_0" does
not exist"): PgBouncer is set up to move each transaction to another server connection.

Needs PostgreSQL and the pgbouncer program (Debian's package). CI provides both and declares it
(KYODO_EXPECT_PGBOUNCER=1), so there the test fails rather than skips.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from tests.smoke import SMOKE_TESTS

ROOT = Path(__file__).resolve().parents[2]


def _unavailable(reason: str):
    if os.environ.get("KYODO_EXPECT_PGBOUNCER"):
        pytest.fail(f"CI declares PgBouncer (KYODO_EXPECT_PGBOUNCER), but {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _direct(dbname: str, db: dict) -> psycopg.Connection:
    """A connection straight to PostgreSQL, past PgBouncer (for creating and dropping)."""
    return psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"] or "postgres",
        password=db["PASSWORD"] or None,
        dbname=dbname,
        autocommit=True,
    )


def _drop(name: str, db: dict) -> None:
    with _direct("postgres", db) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pgbouncer():
    """A PgBouncer in transaction pooling mode on a free port, in front of the test's server."""
    if connection.vendor != "postgresql":
        _unavailable("the tests do not run on PostgreSQL (set DATABASE_URL)")
    program = shutil.which("pgbouncer") or shutil.which("pgbouncer", path="/usr/sbin:/sbin")
    if program is None:
        _unavailable("pgbouncer is not installed (apt-get install pgbouncer)")
    db = connection.settings_dict
    user = db["USER"] or "postgres"
    port = _free_port()
    # Not tmp_path: PgBouncer refuses to run as root, and the user it switches to must be able to
    # read its configuration.
    workdir = Path(tempfile.mkdtemp(prefix="kyodo-pgbouncer-"))
    workdir.chmod(0o755)
    backend = f"host={db['HOST'] or '127.0.0.1'} port={db['PORT'] or 5432} user={user}"
    if db["PASSWORD"]:
        backend += f" password={db['PASSWORD']}"
    config = workdir / "pgbouncer.ini"
    config.write_text(
        "[databases]\n"
        f"* = {backend}\n"
        "[pgbouncer]\n"
        "listen_addr = 127.0.0.1\n"
        f"listen_port = {port}\n"
        "unix_socket_dir =\n"
        # Any client user is let in and logs in to PostgreSQL as the one user above.
        "auth_type = any\n"
        f"admin_users = {user}\n"
        "pool_mode = transaction\n"
        # A few server connections kept open, and each transaction given the one idle longest:
        # consecutive transactions of one client land on different server connections, so
        # anything that relies on a session (a prepared statement, a named cursor, a SET) fails.
        "default_pool_size = 4\n"
        "min_pool_size = 4\n"
        "server_round_robin = 1\n"
        "max_client_conn = 100\n"
        "ignore_startup_parameters = extra_float_digits\n",
        encoding="utf-8",
    )
    config.chmod(0o644)
    command = [program, str(config)]
    if os.geteuid() == 0:
        command[1:1] = ["-u", "postgres"]
    log = open(workdir / "pgbouncer.log", "w")  # noqa: SIM115
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 15
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                log.close()
                pytest.fail("PgBouncer did not start:\n" + (workdir / "pgbouncer.log").read_text())
            time.sleep(0.2)
    state = {"port": port, "user": user, "db": db, "inner_database": None}
    try:
        yield state
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        if state["inner_database"]:
            _drop(state["inner_database"], db)  # past PgBouncer, now that it has let go
        shutil.rmtree(workdir, ignore_errors=True)


def _admin(pgbouncer: dict, command: str) -> list[dict]:
    """A command on PgBouncer's admin console (SHOW ...), as rows of dicts."""
    with psycopg.connect(
        host="127.0.0.1",
        port=pgbouncer["port"],
        user=pgbouncer["user"],
        dbname="pgbouncer",
        autocommit=True,
        prepare_threshold=None,
    ) as admin:
        cursor = admin.execute(command)
        names = [column.name for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def test_the_smoke_subset_passes_through_pgbouncer_in_transaction_mode(pgbouncer):
    db = pgbouncer["db"]
    # The inner run's database: pytest-django names it test_<name>, creates it through PgBouncer
    # and migrates it there; --reuse-db keeps it, to be dropped past PgBouncer afterwards.
    name = f"{db['NAME']}_pgb"[:50]
    pgbouncer["inner_database"] = test_database = f"test_{name}"
    _drop(test_database, db)
    env = {
        key: value
        for key, value in os.environ.items()
        # The inner run uses no Redis: its cache.clear() would empty the Redis database that this
        # run's broker tests use. Celery runs eagerly there.
        if key not in {"REDIS_URL", "CELERY_BROKER_URL", "KYODO_EXPECT_BROKER"}
        and not key.startswith("PYTEST_")
    }
    env.update(
        DATABASE_URL=f"postgres://{pgbouncer['user']}@127.0.0.1:{pgbouncer['port']}/{name}",
        DB_SERVER_SIDE_BINDING="false",
        KYODO_EXPECT_PGBOUNCER="",
    )
    files = sorted({test.split("::")[0] for test in SMOKE_TESTS})
    pytest_args = ["-m", "smoke", "-p", "no:cacheprovider", "-n", "0", "--reuse-db", "-q", "-rA"]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", *pytest_args, *files],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    output = result.stdout[-8000:] + result.stderr[-3000:]
    assert result.returncode == 0, output
    passed = {
        line.split()[1].split("[", 1)[0]
        for line in result.stdout.splitlines()
        if line.startswith("PASSED ")
    }
    assert passed == set(SMOKE_TESTS), output  # each of them ran, and nothing else
    # The traffic went through PgBouncer, pooled per transaction.
    config = {row["key"]: row["value"] for row in _admin(pgbouncer, "SHOW CONFIG")}
    assert config["pool_mode"] == "transaction"
    stats = {row["database"]: row for row in _admin(pgbouncer, "SHOW STATS")}
    assert stats[test_database]["total_xact_count"] > 100, stats.get(test_database)
