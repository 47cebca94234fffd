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
