"""The OpenAPI document and the documentation page."""

import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db


def test_schema_generates_without_warnings_and_validates(tmp_path):
    # --fail-on-warn turns any drf-spectacular warning or error into a failure.
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    document = yaml.safe_load(out.read_text())
    assert document["openapi"].startswith("3.")
    assert all(path.startswith("/api/v1/") for path in document["paths"])


def test_served_schema_documents_errors_limits_and_validators(client):
    response = client.get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    document = response.json()
    assert document["info"]["title"] == "協働ポータル API"
    assert "Accept-Language" in document["info"]["description"]
    assert set(document["components"]["securitySchemes"]) == {"tokenAuth", "cookieAuth"}
    assert document["components"]["schemas"]["Error"]["required"] == ["code", "message"]
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert {"401", "404", "429"} <= set(responses), (method, path)
            assert "Retry-After" in responses["429"]["headers"]
            if method == "post":
                assert "409" in responses
    calls = document["paths"]["/api/v1/public/calls/"]["get"]
    assert "304" in calls["responses"]
    assert {p["name"] for p in calls["parameters"]} >= {"If-None-Match", "state", "office", "page"}
    assert "ETag" in calls["responses"]["200"]["headers"]
    # Public operations can be called without credentials; the others cannot.
    assert {} in calls["security"]
    projects = document["paths"]["/api/v1/projects/"]["get"]
    assert {} not in projects["security"]
    slug = document["paths"]["/api/v1/open-data/{slug}.csv"]["get"]["parameters"]
    assert "calls" in next(p for p in slug if p["name"] == "slug")["schema"]["enum"]


def test_docs_page_uses_vendored_assets_and_no_inline_script(client):
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    html = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert scripts and all('src="/static/' in attrs and not body.strip() for attrs, body in scripts)
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html
    assert "/static/api/docs.js" in html
    assert "https://" not in re.sub(r'href="https://[^"]*"', "", html)  # no CDN
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert html.count("<h1") == 1
    for asset in (
        "vendor/swagger-ui/swagger-ui-bundle.js",
        "vendor/swagger-ui/swagger-ui.css",
        "vendor/swagger-ui/LICENSE",
        "api/docs.js",
        "api/docs.css",
    ):
        assert finders.find(asset), asset


def test_patch_bodies_require_the_version_the_api_requires(world, client_for):
    document = SchemaGenerator().get_schema(request=None, public=True)
    patched = {
        name: component
        for name, component in document["components"]["schemas"].items()
        if name.startswith("Patched") and "version" in component.get("properties", {})
    }
    assert "PatchedProposalUpdateRequest" in patched
    for name, component in patched.items():
        assert "version" in component.get("required", []), name
    # ... because the API does refuse a PATCH without it.
    response = client_for("npo").patch(
        reverse("api:proposal-detail", args=[world.proposal_draft.pk]),
        {"title": "版なしの修正"},
        format="json",
    )
    assert response.status_code == 400
    assert "version" in response.json()["errors"]
