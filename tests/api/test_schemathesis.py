"""Schemathesis against the API's own OpenAPI document, in-process through WSGI.

Every operation is called with generated data as an office's staff member (who may act on the
test world's projects), and every public one as an anonymous visitor. No answer may be a server
error, use an undocumented status code, content type or header, or contradict the documented
schema; a method an address does not take must be refused with 405 and its Allow header, and
input the schema calls invalid must be refused. The run is bounded (a few examples per
operation, derandomised) so that it stays well under two minutes in CI. The same checks run
against a real HTTP server in test_schemathesis_live.py.
"""

import json

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from kyodo_portal.wsgi import application

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    # These two judge only the cases generated to test them (unlisted methods, invalid values),
    # so they raise no false alarms on the valid ones.
    unsupported_method,
    negative_data_rejection,
]
BOUNDS = hypothesis_settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def _document() -> dict:
    """The same document /api/schema/ serves (built without a request or the database)."""
    generated = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(generated))


schema = schemathesis.openapi.from_dict(_document())
schema.app = application


@pytest.fixture
def wsgi(world, settings):
    # Schemathesis calls the WSGI application as host "localhost".
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    # As Django's test client does: a request must not close the test's database connection
    # (which holds the test's transaction).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield world
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@BOUNDS
def test_api_as_office_staff(case, wsgi, people):
    key = Token.objects.get_or_create(user=people["staff"])[0].key
    case.call_and_validate(headers={"Authorization": f"Token {key}"}, checks=CHECKS)


# Anonymous callers of the other operations only ever get the 401 checked above.
public_schema = schema.include(path_regex=r"^/api/v1/(public|open-data)/")


@pytest.mark.django_db
@public_schema.parametrize()
@BOUNDS
def test_api_as_anonymous_visitor(case, wsgi):
    case.call_and_validate(checks=CHECKS)


def _detail_calls(world) -> list[tuple[str, str, dict, str | None]]:
    """(path, method, path parameters, role): one real object behind each detail address."""
    return [
        ("/api/v1/public/calls/{id}/", "GET", {"id": world.call.pk}, None),
        ("/api/v1/public/calls/{id}/", "GET", {"id": world.open_call.pk}, None),
        ("/api/v1/public/results/{id}/", "GET", {"id": world.call.pk}, None),
        ("/api/v1/public/designations/{id}/", "GET", {"id": world.designation.pk}, None),
        ("/api/v1/public/evaluations/{id}/", "GET", {"id": world.published_round.pk}, None),
        ("/api/v1/public/cases/{number}/", "GET", {"number": 4}, None),
        ("/api/v1/projects/{id}/", "GET", {"id": world.active.pk}, "staff"),
        ("/api/v1/projects/{id}/", "GET", {"id": world.closed.pk}, "npo"),
        ("/api/v1/projects/{id}/agreement/", "GET", {"id": world.active.pk}, "npo"),
        ("/api/v1/proposals/{id}/", "GET", {"id": world.proposal_submitted.pk}, "staff"),
        ("/api/v1/applications/{id}/", "GET", {"id": world.application.pk}, "reviewer"),
        ("/api/v1/evaluations/{id}/", "GET", {"id": world.sealed_project.pk}, "npo"),
        ("/api/v1/evaluation-sheets/{id}/", "GET", {"id": world.sealed_sheet.pk}, "staff"),
    ]


def test_real_objects_conform_to_the_schema(wsgi, people):
    """Generated IDs rarely hit a real row: check one real object behind every detail address."""
    for path, method, parameters, role in _detail_calls(wsgi):
        headers = {}
        if role:
            key = Token.objects.get_or_create(user=people[role])[0].key
            headers["Authorization"] = f"Token {key}"
        case = schema[path][method].Case(path_parameters=parameters)
        response = case.call_and_validate(headers=headers, checks=CHECKS)
        assert response.status_code == 200, (path, response.text[:300])
