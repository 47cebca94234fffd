import os
from unittest import mock

import pytest
from django.db.backends.utils import CursorWrapper

pytestmark = pytest.mark.django_db


LOCAL_MEMORY = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def test_healthy_reports_database_ok(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CACHES = LOCAL_MEMORY
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {
            "database": "ok",
            "cache": "not configured",
            "broker": "not configured",
            "storage": "not configured",
        },
    }


def test_database_down_gives_503(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    with mock.patch.object(CursorWrapper, "execute", side_effect=OSError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"].startswith("error")


def test_configured_broker_that_is_down_gives_503(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"].startswith("error")


@pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs the real Redis (CI sets REDIS_URL)"
)
def test_configured_broker_that_is_up_is_ok(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = os.environ["REDIS_URL"]
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["broker"] == "ok"


def test_redis_cache_that_is_down_gives_503(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CACHES = {
        "default": {
            "BACKEND": "kyodo_portal.core.cache_backend.TolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["cache"].startswith("error")
    assert body["checks"]["database"] == "ok"


@pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs the real Redis (CI sets REDIS_URL)"
)
def test_redis_cache_that_is_up_is_ok(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["cache"] == "ok"


# --- the broker check keeps one connection per process ------------------------------------------


class FakeBrokerConnection:
    """Stands in for kombu's Connection: counts the connections opened and can be made to fail
    its round trip as a connection closed by the broker does."""

    opened: list["FakeBrokerConnection"] = []

    def __init__(self, url, **options):
        self.url = url
        self.dropped = False
        self.released = False
        FakeBrokerConnection.opened.append(self)

    def ensure_connection(self, **options):
        return self

    @property
    def default_channel(self):
        connection = self

        class Client:
            def ping(self):
                if connection.dropped:
                    raise ConnectionResetError("closed by the broker")
                return True

        class Channel:
            client = Client()

        return Channel()

    def release(self):
        self.released = True


@pytest.fixture
def fake_broker(settings):
    from kyodo_portal import health

    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://broker.invalid:6379/0"
    settings.CACHES = LOCAL_MEMORY
    FakeBrokerConnection.opened = []
    with (
        mock.patch.object(health, "Connection", FakeBrokerConnection),
        mock.patch.object(health, "broker_probe", health.BrokerProbe()),
        mock.patch("kyodo_portal.views.broker_probe", new_callable=health.BrokerProbe),
    ):
        yield FakeBrokerConnection.opened


def test_consecutive_probes_reuse_one_broker_connection(client, fake_broker):
    for _ in range(3):
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json()["checks"]["broker"] == "ok"
    assert len(fake_broker) == 1


def test_a_dropped_broker_connection_is_replaced(client, fake_broker):
    assert client.get("/healthz").json()["checks"]["broker"] == "ok"
    fake_broker[0].dropped = True
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["broker"] == "ok"
    assert len(fake_broker) == 2
    assert fake_broker[0].released
    # The new connection is the one kept from then on.
    assert client.get("/healthz").status_code == 200
    assert len(fake_broker) == 2


def test_a_forked_worker_opens_its_own_broker_connection(client, fake_broker):
    client.get("/healthz")
    with mock.patch("kyodo_portal.health.os.getpid", return_value=os.getpid() + 1):
        assert client.get("/healthz").json()["checks"]["broker"] == "ok"
    assert len(fake_broker) == 2
    # The parent's socket is left alone, not closed under it.
    assert not fake_broker[0].released


def test_broker_down_after_one_new_connection_gives_503(client, fake_broker):
    from kyodo_portal import health

    class Down(FakeBrokerConnection):
        def ensure_connection(self, **options):
            raise ConnectionRefusedError

    with mock.patch.object(health, "Connection", Down):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"] == "error: ConnectionRefusedError"
    assert len(fake_broker) == 2  # the first try and one new connection, no more


@pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs the real Redis (CI sets REDIS_URL)"
)
def test_real_redis_probes_share_one_connection(client, settings):
    import kombu

    from kyodo_portal import health

    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = os.environ["REDIS_URL"]
    settings.CACHES = LOCAL_MEMORY
    opened = []

    def counting(*args, **kwargs):
        connection = kombu.Connection(*args, **kwargs)
        opened.append(connection)
        return connection

    probe = health.BrokerProbe()
    with (
        mock.patch.object(health, "Connection", counting),
        mock.patch("kyodo_portal.views.broker_probe", probe),
    ):
        assert client.get("/healthz").json()["checks"]["broker"] == "ok"
        assert client.get("/healthz").json()["checks"]["broker"] == "ok"
        assert len(opened) == 1
        # The broker closes the connection (a restart, an idle timeout): the next probe still
        # answers ok, over a new socket (the Redis client's own reconnect, or a new connection).
        redis_client = opened[0].default_channel.client
        redis_client.execute_command("CLIENT", "KILL", "ID", redis_client.client_id())
        assert client.get("/healthz").json()["checks"]["broker"] == "ok"
    probe._drop()
