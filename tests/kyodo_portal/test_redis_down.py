"""The site without its Redis.

The cache backend is first tried against a port where nothing listens. Then a private
redis-server is started, used, and killed or paused: the shared Redis the other tests use is never
touched, each such test starts its own server on a free port and points the cache, the sessions
and the broker at it. Those need the portal's Redis configuration (REDIS_URL set, as in CI) and
the redis-server program.
"""

import logging
import os
import shutil
import signal
import socket
import subprocess
import time

import pytest
import redis
from django.core.cache import cache
from django.test import Client

from casebook.models import Case
from kyodo_portal.core import cache_backend, caching
from kyodo_portal.core.cache_backend import TolerantRedisCache, TolerantRedisCacheClient

SESSION_CACHE_PREFIX = "django.contrib.sessions.cached_db"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def private_redis(tmp_path):
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("needs the redis-server program")
    port = _free_port()
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    probe = redis.Redis.from_url(url, socket_timeout=1)
    try:
        for _ in range(100):
            try:
                probe.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        else:
            pytest.fail("the private redis-server did not start")
        yield server, url, probe
    finally:
        if server.poll() is None:
            os.kill(server.pid, signal.SIGCONT)  # a paused server cannot act on SIGKILL's exit
            server.kill()
        server.wait(timeout=10)
        probe.close()


@pytest.fixture
def portal_on_private_redis(private_redis, settings):
    """The portal's own Redis configuration, aimed at the private server."""
    if "redis" not in settings.CACHES["default"]["BACKEND"].lower():
        pytest.skip("the portal uses Redis only when REDIS_URL is set")
    server, url, probe = private_redis
    default = dict(settings.CACHES["default"])
    default["LOCATION"] = url
    default["OPTIONS"] = {**default.get("OPTIONS", {}), "retry_after": 1}
    settings.CACHES = {"default": default}
    settings.CELERY_BROKER_URL = url
    settings.CELERY_TASK_ALWAYS_EAGER = False
    return server, probe


def _log_in(client: Client, user, password: str) -> None:
    response = client.post(
        "/accounts/login/", {"username": user.username, "password": password}, follow=False
    )
    assert response.status_code == 302, response.status_code
    assert response["Location"] == "/home/"


def _signed_in(client: Client) -> bool:
    response = client.get("/home/")
    assert response.status_code in (200, 302), response.status_code
    return response.status_code == 200


@pytest.fixture
def no_outage_yet(monkeypatch):
    """Each test starts with a process that has not yet seen Redis fail."""
    monkeypatch.setattr(cache_backend, "_outages", {})


def _unreachable(**options) -> TolerantRedisCache:
    return TolerantRedisCache(
        "redis://127.0.0.1:1/0",  # nothing listens on port 1
        {"KEY_PREFIX": "test", "OPTIONS": {"socket_connect_timeout": 0.5, **options}},
    )


def test_an_unreachable_redis_is_an_empty_cache(no_outage_yet, caplog):
    backend = _unreachable(retry_after=0)
    caplog.set_level(logging.WARNING, logger="kyodo_portal.core.cache_backend")

    assert backend.get("key", "default") == "default"
    assert backend.get_many(["a", "b"]) == {}
    assert backend.has_key("key") is False
    assert backend.add("key", 1) is False
    assert backend.touch("key") is False
    assert backend.delete("key") is False
    backend.set("key", 1)
    backend.set_many({"a": 1, "b": 2})
    backend.delete_many(["a", "b"])
    assert backend.clear() is False
    assert backend.get_or_set("key", lambda: "computed") == "computed"
    with pytest.raises(ValueError):  # as for a counter the cache does not hold
        backend.incr("counter")
    assert backend.ping().startswith("error")

    assert [record.levelno for record in caplog.records] == [logging.WARNING]


def test_after_a_failure_redis_is_left_alone_for_a_while(no_outage_yet, monkeypatch):
    backend = _unreachable(retry_after=60)
    connections = []
    connect = TolerantRedisCacheClient.get_client

    def counting(self, *args, **kwargs):
        connections.append(1)
        return connect(self, *args, **kwargs)

    monkeypatch.setattr(TolerantRedisCacheClient, "get_client", counting)
    for _ in range(5):
        assert backend.get("key") is None
    assert len(connections) == 1


def test_generations_and_their_bumps_carry_on_without_the_cache(no_outage_yet, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "kyodo_portal.core.cache_backend.TolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"retry_after": 60},
        }
    }
    caching.bump_generation("test:generation")
    first = caching.generation("test:generation")
    assert isinstance(first, int)
    assert caching.generation("test:generation") != first  # nothing is ever read back under it
    assert cache.get("test:generation") is None


def test_too_many_missed_writes_forget_the_cache_s_whole_namespace(
    private_redis, no_outage_yet, monkeypatch
):
    _server, url, probe = private_redis
    backend = TolerantRedisCache(url, {"KEY_PREFIX": "site"})
    backend.set("kept", 1)
    backend.set("also_kept", 2)
    probe.set("queue", "not the cache's")  # e.g. the broker's, in the same database
    monkeypatch.setattr(cache_backend, "OWED_KEYS_LIMIT", 1)
    backend._cache._outage.owe([backend.make_key("x"), backend.make_key("y")])

    assert backend.get("kept") is None
    assert backend.get("also_kept") is None
    assert probe.get("queue") == b"not the cache's"


@pytest.mark.broker
@pytest.mark.django_db
def test_the_site_keeps_working_when_redis_dies(
    portal_on_private_redis, staff_user, other_staff_user, password, caplog
):
    server, probe = portal_on_private_redis
    before = Client()
    _log_in(before, staff_user, password)
    assert _signed_in(before)
    assert before.get("/casebook/").status_code == 200
    # While Redis is up, sessions are read from it.
    assert any(SESSION_CACHE_PREFIX in key.decode() for key in probe.keys("*"))

    server.kill()
    server.wait(timeout=10)
    caplog.set_level(logging.WARNING)

    visitor = Client()
    assert visitor.get("/casebook/").status_code == 200
    assert visitor.get("/casebook/1/").status_code == 200
    assert visitor.get("/").status_code == 200
    assert _signed_in(before)  # signed in before the outage, still signed in
    after = Client()
    _log_in(after, other_staff_user, password)
    assert _signed_in(after)
    assert after.post("/accounts/logout/").status_code == 302
    assert not _signed_in(after)

    health = visitor.get("/healthz")
    assert health.status_code == 503
    checks = health.json()["checks"]
    assert checks["cache"].startswith("error")
    assert checks["broker"].startswith("error")

    warnings = [r for r in caplog.records if r.name == "kyodo_portal.core.cache_backend"]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]
    assert warnings[0].levelno == logging.WARNING


@pytest.mark.broker
@pytest.mark.django_db
def test_writes_missed_while_redis_was_away_do_not_leave_stale_entries(
    portal_on_private_redis, staff_user, password
):
    """Redis paused (a network cut, an overloaded server) comes back with its old data: a case
    corrected and a session ended meanwhile must not come back from the cache."""
    server, _probe = portal_on_private_redis
    visitor = Client()
    case = Case.objects.get(number=1)
    assert case.title_ja in visitor.get("/casebook/").content.decode()
    staff = Client()
    _log_in(staff, staff_user, password)
    assert _signed_in(staff)
    ended_session = staff.cookies["sessionid"].value

    os.kill(server.pid, signal.SIGSTOP)
    try:
        case.title_ja = "見直した事例の題名"
        case.save()
        assert staff.post("/accounts/logout/").status_code == 302
    finally:
        os.kill(server.pid, signal.SIGCONT)
    time.sleep(1.1)  # the cache leaves an unreachable Redis alone for retry_after seconds

    assert "見直した事例の題名" in visitor.get("/casebook/").content.decode()
    stolen = Client()
    stolen.cookies["sessionid"] = ended_session
    assert not _signed_in(stolen)
