"""Schemathesis against the API served by a real HTTP server (pytest-django's live server, a
threaded WSGI server on a local port), the way a client meets it: real sockets, real header and
path decoding, each request in its own thread and database connection.

Every operation is called as an office's staff member with a token, and every public one as an
anonymous visitor; then every address with a path parameter is called with a line break in it.
The bar is the in-process run's: no server error, no undocumented status, content type or
header, no body that contradicts the schema, unsupported methods refused with 405, and invalid
input refused. Bounded (derandomised, a few examples per operation) to stay near a minute on two
cores.
"""

import pytest
import schemathesis
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error

from casebook.services import casebook_load
from tests.api.test_schemathesis import CHECKS, _document

# No application attached: cases are sent over HTTP to the base URL each call names.
schema = schemathesis.openapi.from_dict(_document())
public_schema = schema.include(path_regex=r"^/api/v1/(public|open-data)/")

BOUNDS = hypothesis_settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def server(live_server, people, settings):
    """The live server's URL, with the people behind it committed (live_server makes the test
    transactional) and the casebook, which the flush between such tests removes. The in-process
    run checks the answers about the test world's objects; here it is the HTTP that counts."""
    casebook_load()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    # A new connection per request: on a kept-alive one the server's separate writes of headers
    # and body meet the client's delayed acknowledgement, 40 ms per request.
    return live_server.url


@pytest.fixture
def staff_token(people) -> dict:
    key = Token.objects.get_or_create(user=people["staff"])[0].key
    return {"Authorization": f"Token {key}"}


@schema.parametrize()
@BOUNDS
def test_running_api_as_office_staff(case, server, staff_token):
    case.call_and_validate(base_url=server, headers=staff_token, checks=CHECKS)


@public_schema.parametrize()
@BOUNDS
def test_running_api_as_anonymous_visitor(case, server):
    case.call_and_validate(base_url=server, checks=CHECKS)


# Values a fuzzer sends that a route's pattern must refuse as a whole: a trailing line break
# (which "$" lets through), and digits of another script.
SAMPLE = {"id": "1", "number": "1", "slug": "calls"}
HOSTILE = {
    "id": ["1\n", "١"],
    "number": ["1\n", "１"],
    "slug": ["calls\n", "calls\r\n"],
}


def _hostile_cases():
    for path, operations in schema.raw_schema["paths"].items():
        for method, operation in operations.items():
            parameters = [p for p in operation.get("parameters", []) if p["in"] == "path"]
            for parameter in parameters:
                for value in HOSTILE[parameter["name"]]:
                    yield path, method.upper(), {parameter["name"]: value}


HOSTILE_CASES = list(_hostile_cases())


def test_hostile_path_values_are_covered():
    assert {path for path, _method, _parameters in HOSTILE_CASES} >= {
        "/api/v1/public/cases/{number}/",
        "/api/v1/projects/{id}/",
        "/api/v1/open-data/{slug}.csv",
    }


def test_running_api_refuses_hostile_path_values_in_its_own_shape(server, staff_token):
    for path, method, parameters in HOSTILE_CASES:
        case = schema[path][method].Case(path_parameters=parameters)
        response = case.call_and_validate(base_url=server, headers=staff_token, checks=CHECKS)
        assert response.status_code == 404, (method, path, parameters)
        assert response.json()["code"] == "not_found"


UNSAFE = ("POST", "PUT", "PATCH", "DELETE")


def test_running_api_tells_a_signed_in_browser_which_methods_an_address_takes(
    server, people, settings
):
    """The documentation page's browser session, holding a CSRF cookie, sends a method an
    address does not take, with a JSON body: 405 in the API's shape, never a server error."""
    browser = Client()
    browser.force_login(people["staff"])
    cookies = {
        settings.SESSION_COOKIE_NAME: browser.cookies[settings.SESSION_COOKIE_NAME].value,
        settings.CSRF_COOKIE_NAME: "x" * 32,
    }
    for path, operations in schema.raw_schema["paths"].items():
        parameters = {
            p["name"]: SAMPLE[p["name"]]
            for operation in operations.values()
            for p in operation.get("parameters", [])
            if p["in"] == "path"
        }
        declared = next(iter(operations))
        for method in (m for m in UNSAFE if m.lower() not in operations):
            case = schema[path][declared.upper()].Case(
                method=method, path_parameters=parameters, body={}, media_type="application/json"
            )
            response = case.call_and_validate(
                base_url=server, cookies=cookies, checks=[not_a_server_error]
            )
            assert response.status_code == 405, (method, response.request.url, response.text[:200])
            assert response.json()["code"] == "method_not_allowed"
            assert method not in ", ".join(response.headers["allow"])
