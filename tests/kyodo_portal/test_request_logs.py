"""Logs as JSON lines with a request id: the id in the response header, the access line of each
request, the formatter's fixed fields, and the id carried from a request into its tasks."""

import io
import json
import logging
import re

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from kyodo_portal import logs
from kyodo_portal.celery import app as celery_app

pytestmark = pytest.mark.django_db

GENERATED = re.compile(r"[0-9a-f]{32}")


@pytest.fixture
def json_lines():
    """The lines the portal's handler would write to stdout, as parsed objects."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.JsonFormatter())
    handler.addFilter(logs.ContextFilter())
    root = logging.getLogger()
    previous_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(previous_level)


def access_lines(lines):
    return [line for line in lines if line["logger"] == "kyodo_portal.request"]


def test_a_request_without_an_id_gets_a_new_one(client):
    first = client.get(reverse("landing"))
    second = client.get(reverse("landing"))
    assert GENERATED.fullmatch(first["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_the_proxys_id_is_kept(client):
    request_id = "4f1c2b7e9a0d4c3bb1e2f3a4b5c6d7e8"
    response = client.get(reverse("landing"), HTTP_X_REQUEST_ID=request_id)
    assert response["X-Request-ID"] == request_id


@pytest.mark.parametrize(
    "sent",
    [
        "abc",  # too short to tell requests apart
        "x" * 200,  # too long
        "ok-id-1234\nlevel=ERROR forged line",  # would forge a second log line
        "<script>alert(1)</script>",
        "日本語のリクエストID12345",
    ],
)
def test_a_malformed_id_is_replaced(client, sent):
    response = client.get(reverse("landing"), HTTP_X_REQUEST_ID=sent)
    assert GENERATED.fullmatch(response["X-Request-ID"])


def test_redirects_carry_the_id_too(client):
    response = client.get(reverse("home"))  # not signed in: to the login page
    assert response.status_code == 302
    assert GENERATED.fullmatch(response["X-Request-ID"])


def test_the_access_line_of_a_signed_in_page(client, staff_user, json_lines):
    client.force_login(staff_user)
    response = client.get(reverse("home") + "?q=山田", HTTP_X_REQUEST_ID="proxy-0123456789abcdef")
    assert response.status_code == 200
    [line] = access_lines(json_lines())
    assert line["request_id"] == "proxy-0123456789abcdef" == response["X-Request-ID"]
    assert line["level"] == "INFO"
    assert line["method"] == "GET"
    assert line["path"] == reverse("home")  # without the query string: it may hold a name
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["user_id"] == staff_user.pk
    text = json.dumps(line, ensure_ascii=False)
    assert staff_user.username not in text
    assert "山田" not in text


def test_the_access_line_of_an_api_call_names_the_tokens_user(client, staff_user, json_lines):
    key = Token.objects.create(user=staff_user).key
    response = client.get(reverse("api:me"), HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    [line] = access_lines(json_lines())
    assert line["user_id"] == staff_user.pk
    assert line["request_id"] == response["X-Request-ID"]


def test_an_anonymous_request_has_no_user_and_a_404_is_logged(client, json_lines):
    client.get("/no-such-page/")
    lines = access_lines(json_lines())
    assert [(line["status"], "user_id" in line) for line in lines] == [(404, False)]


def test_health_probes_stay_out_of_the_info_log(client, json_lines):
    assert client.get("/healthz").status_code == 200
    assert access_lines(json_lines()) == []


def test_the_formatter_writes_one_json_object_a_line():
    record = logging.LogRecord(
        "kyodo_portal.services", logging.WARNING, __file__, 1, "協定 %s を確認", (7,), None
    )
    record.request_id = "abcdef0123456789"
    record.username = "yamada"  # not a field a line may carry
    record.status = 409
    line = logs.JsonFormatter().format(record)
    assert "\n" not in line
    parsed = json.loads(line)
    assert parsed["message"] == "協定 7 を確認"
    assert "協定" in line  # Japanese stays readable, not \\u-escaped
    assert parsed["level"] == "WARNING"
    assert parsed["logger"] == "kyodo_portal.services"
    assert parsed["request_id"] == "abcdef0123456789"
    assert parsed["status"] == 409
    assert "username" not in parsed
    assert parsed["time"].endswith("+00:00")


def test_the_formatter_keeps_the_traceback_inside_the_line():
    try:
        raise RuntimeError("壊れた")
    except RuntimeError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    parsed = json.loads(logs.JsonFormatter().format(record))
    assert "RuntimeError: 壊れた" in parsed["exception"]


def test_lines_written_during_a_request_carry_its_id(json_lines):
    token = logs.current_request_id.set("req-0123456789ab")
    try:
        logging.getLogger("kyodo_portal.services").warning("inside")
    finally:
        logs.current_request_id.reset(token)
    logging.getLogger("kyodo_portal.services").warning("outside")
    inside, outside = json_lines()
    assert inside["request_id"] == "req-0123456789ab"
    assert "request_id" not in outside


def test_text_or_json_by_log_format():
    assert (
        logs.logging_config(log_format="json", level="INFO")["handlers"]["console"]["formatter"]
        == "json"
    )
    text = logs.logging_config(log_format="text", level="INFO")
    assert text["handlers"]["console"]["formatter"] == "text"
    assert text["handlers"]["console"]["stream"] == "ext://sys.stdout"
    with pytest.raises(ValueError):
        logs.logging_config(log_format="yaml", level="INFO")
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "hello", (), None)
    record.request_id = "abcdef0123456789"
    assert re.search(r"INFO x \[abcdef01\] hello$", logs.TextFormatter().format(record))


@celery_app.task(name="tests.log_probe")
def log_probe():
    logging.getLogger("tests.log_probe").warning("in the task")


def test_a_task_enqueued_in_a_request_carries_its_id():
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    token = logs.current_request_id.set("req-from-the-page-01")
    try:
        with celery_app.connection_for_write("memory://") as connection:
            channel = connection.default_channel
            channel.queue_declare("default")
            channel.queue_purge("default")
            log_probe.apply_async(producer=connection.Producer())
            message = channel.basic_get("default", no_ack=True)
    finally:
        logs.current_request_id.reset(token)
        celery_app.conf.task_always_eager = previous
    assert message.headers["request_id"] == "req-from-the-page-01"


def test_a_tasks_lines_carry_the_task_id_and_the_request_id(json_lines):
    result = log_probe.apply(headers={"request_id": "req-from-the-page-02"})
    [line] = [line for line in json_lines() if line["logger"] == "tests.log_probe"]
    assert line["task_id"] == result.id
    assert line["task_name"] == "tests.log_probe"
    assert line["request_id"] == "req-from-the-page-02"
    assert logs.current_request_id.get() is None  # not left behind for the next task


@pytest.mark.parametrize(
    ("env", "json_expected"),
    [
        ({"DEBUG": "false"}, True),  # production: JSON by default
        ({"DEBUG": "true"}, False),  # a developer's console
        ({"DEBUG": "false", "LOG_FORMAT": "text"}, False),
        ({"DEBUG": "true", "LOG_FORMAT": "json"}, True),
    ],
)
def test_a_process_logs_to_stdout_in_the_format_chosen(env, json_expected):
    from tests.kyodo_portal.test_settings import PRODUCTION_ENV, run_manage

    script = "import logging; logging.getLogger('kyodo_portal.probe').warning('ログの確認')"
    clean = {"LOG_FORMAT": "", **env}
    result = run_manage("shell", "-c", script, env={**PRODUCTION_ENV, **clean})
    assert result.returncode == 0, result.stderr
    [line] = [line for line in result.stdout.splitlines() if "ログの確認" in line]
    if json_expected:
        parsed = json.loads(line)
        assert parsed["logger"] == "kyodo_portal.probe"
        assert parsed["level"] == "WARNING"
    else:
        assert re.search(r"WARNING kyodo_portal\.probe ログの確認$", line)
