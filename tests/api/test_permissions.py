"""Every endpoint × every kind of caller, in the expectation-table style of the page tests.

The API must never allow what the page refuses: reads go through the same fetchers (404 alike
for missing and forbidden), actions through the same services (403 with the reason when the
person may see the object but not do this).
"""

import pytest
from django.urls import reverse

from evaluation import sheet as sheet_data
from tests.api.conftest import ROLES

pytestmark = pytest.mark.django_db

EVERYONE_200 = dict.fromkeys(ROLES, 200)
SIGNED_IN_200 = {**EVERYONE_200, "anonymous": 401}


def table(anonymous, staff, other_staff, npo, other_npo, reviewer, manager) -> dict:
    return {
        "anonymous": anonymous,
        "staff": staff,
        "other_staff": other_staff,
        "npo": npo,
        "other_npo": other_npo,
        "reviewer": reviewer,
        "manager": manager,
    }


def sheet_body(world, organization_id) -> dict:
    return {
        "kind": "final",
        "organization": organization_id,
        "answers": {key: {"score": 4} for key in sheet_data.ITEM_KEYS},
        "overall_comment": "総評",
        "submit": True,
    }


# name → (method, url(world), body(world) or None, expected status per role)
ENDPOINTS = {
    # --- public ---
    "public calls": ("get", lambda w: reverse("api:public-call-list"), None, EVERYONE_200),
    "public call": (
        "get",
        lambda w: reverse("api:public-call-detail", args=[w.call.pk]),
        None,
        EVERYONE_200,
    ),
    "public call (draft)": (
        "get",
        lambda w: reverse("api:public-call-detail", args=[w.draft_call.pk]),
        None,
        dict.fromkeys(ROLES, 404),
    ),
    "public results": ("get", lambda w: reverse("api:public-result-list"), None, EVERYONE_200),
    "public bodies": ("get", lambda w: reverse("api:public-body-list"), None, EVERYONE_200),
    "public result": (
        "get",
        lambda w: reverse("api:public-result-detail", args=[w.call.pk]),
        None,
        EVERYONE_200,
    ),
    "public result (not yet published)": (
        "get",
        lambda w: reverse("api:public-result-detail", args=[w.open_call.pk]),
        None,
        dict.fromkeys(ROLES, 404),
    ),
    "public designations": (
        "get",
        lambda w: reverse("api:public-designation-list"),
        None,
        EVERYONE_200,
    ),
    "public designation": (
        "get",
        lambda w: reverse("api:public-designation-detail", args=[w.designation.pk]),
        None,
        EVERYONE_200,
    ),
    "public evaluations": (
        "get",
        lambda w: reverse("api:public-evaluation-list"),
        None,
        EVERYONE_200,
    ),
    "public evaluation": (
        "get",
        lambda w: reverse("api:public-evaluation-detail", args=[w.published_round.pk]),
        None,
        EVERYONE_200,
    ),
    "public evaluation (sealed round)": (
        "get",
        lambda w: reverse("api:public-evaluation-detail", args=[w.sealed_sheet.round_id]),
        None,
        dict.fromkeys(ROLES, 404),
    ),
    "public cases": ("get", lambda w: reverse("api:public-case-list"), None, EVERYONE_200),
    "public case": (
        "get",
        lambda w: reverse("api:public-case-detail", args=[3]),
        None,
        EVERYONE_200,
    ),
    "statistics": ("get", lambda w: reverse("api:public-statistics"), None, EVERYONE_200),
    "open-data catalogue": ("get", lambda w: reverse("api:open_data"), None, EVERYONE_200),
    "open-data CSV": (
        "get",
        lambda w: reverse("api:open_data_csv", args=["calls"]),
        None,
        EVERYONE_200,
    ),
    "open-data columns": (
        "get",
        lambda w: reverse("api:open_data_columns", args=["evaluation-scores"]),
        None,
        EVERYONE_200,
    ),
    "schema": ("get", lambda w: reverse("api:schema"), None, EVERYONE_200),
    # --- signed in ---
    "me": ("get", lambda w: reverse("api:me"), None, SIGNED_IN_200),
    "projects": (
        "get",
        lambda w: reverse("api:project-list"),
        None,
        table(401, 200, 200, 200, 200, 403, 200),
    ),
    "project": (
        "get",
        lambda w: reverse("api:project-detail", args=[w.active.pk]),
        None,
        table(401, 200, 404, 200, 404, 404, 200),
    ),
    "draft project": (
        "get",
        lambda w: reverse("api:project-detail", args=[w.draft.pk]),
        None,
        table(401, 200, 404, 404, 404, 404, 200),
    ),
    "agreement": (
        "get",
        lambda w: reverse("api:project-agreement", args=[w.active.pk]),
        None,
        table(401, 200, 404, 200, 404, 404, 200),
    ),
    # The office may try (409: the gates are closed); a viewer who is not the office is told why.
    "advance": (
        "post",
        lambda w: reverse("api:project-advance", args=[w.active.pk]),
        lambda w: {"to": "implementation"},
        table(401, 409, 404, 403, 404, 404, 403),
    ),
    "confirm agreement (government side)": (
        "post",
        lambda w: reverse("api:project-agreement", args=[w.active.pk]),
        lambda w: {"side": "government", "number": 1},
        table(401, 200, 404, 403, 404, 404, 403),
    ),
    "confirm agreement (NPO side)": (
        "post",
        lambda w: reverse("api:project-agreement", args=[w.active.pk]),
        lambda w: {"side": "npo", "number": 1},
        table(401, 403, 404, 200, 404, 404, 403),
    ),
    "proposals": (
        "get",
        lambda w: reverse("api:proposal-list"),
        None,
        table(401, 200, 200, 200, 200, 403, 200),
    ),
    "submitted proposal": (
        "get",
        lambda w: reverse("api:proposal-detail", args=[w.proposal_submitted.pk]),
        None,
        table(401, 200, 404, 200, 404, 404, 200),
    ),
    "draft proposal": (
        "get",
        lambda w: reverse("api:proposal-detail", args=[w.proposal_draft.pk]),
        None,
        table(401, 404, 404, 200, 404, 404, 404),
    ),
    "create proposal": (
        "post",
        lambda w: reverse("api:proposal-list"),
        lambda w: {
            "organization": w.proposal_draft.organization_id,
            "addressed_office": w.proposal_draft.addressed_office_id,
            "title": "子ども食堂の連携",
            "issue": "地域の課題",
            "idea": "事業のアイデア",
        },
        table(401, 403, 403, 201, 403, 403, 403),
    ),
    "edit draft proposal": (
        "patch",
        lambda w: reverse("api:proposal-detail", args=[w.proposal_draft.pk]),
        lambda w: {"title": "書き直した提案", "version": 1},
        table(401, 404, 404, 200, 404, 404, 404),
    ),
    "submit draft proposal": (
        "post",
        lambda w: reverse("api:proposal-submit", args=[w.proposal_draft.pk]),
        None,
        table(401, 404, 404, 200, 404, 404, 404),
    ),
    "applications": (
        "get",
        lambda w: reverse("api:application-list"),
        None,
        table(401, 403, 403, 200, 200, 403, 403),
    ),
    "application": (
        "get",
        lambda w: reverse("api:application-detail", args=[w.application.pk]),
        None,
        table(401, 200, 404, 200, 404, 200, 200),
    ),
    # The reviewer declared a conflict with this one: neither seen nor scored.
    "application (reviewer conflicted)": (
        "get",
        lambda w: reverse("api:application-detail", args=[w.other_application.pk]),
        None,
        table(401, 200, 404, 404, 200, 404, 200),
    ),
    "draft application": (
        "get",
        lambda w: reverse("api:application-detail", args=[w.draft_application.pk]),
        None,
        table(401, 404, 404, 200, 404, 404, 404),
    ),
    "submit application": (
        "post",
        lambda w: reverse("api:application-submit", args=[w.draft_application.pk]),
        None,
        table(401, 404, 404, 200, 404, 404, 404),
    ),
    "project evaluation": (
        "get",
        lambda w: reverse("api:evaluation-detail", args=[w.sealed_project.pk]),
        None,
        table(401, 200, 404, 200, 404, 404, 200),
    ),
    # The office's submitted sheet of a sealed round: the NPO and managers wait for the other
    # side (403 with the sealed reason); outsiders do not learn it exists.
    "sealed sheet": (
        "get",
        lambda w: reverse("api:evaluation-sheet-detail", args=[w.sealed_sheet.pk]),
        None,
        table(401, 200, 404, 403, 404, 404, 403),
    ),
    "submit NPO evaluation": (
        "post",
        lambda w: reverse("api:evaluation-sheet", args=[w.sealed_project.pk]),
        lambda w: sheet_body(w, w.proposal_draft.organization_id),
        table(401, 403, 404, 200, 404, 404, 403),
    ),
    "resubmit office evaluation": (
        "post",
        lambda w: reverse("api:evaluation-sheet", args=[w.sealed_project.pk]),
        lambda w: sheet_body(w, w.sealed_project.owner_office_id),
        table(401, 403, 404, 403, 404, 404, 403),
    ),
}

CASES = [(name, role) for name in ENDPOINTS for role in ROLES]


@pytest.mark.parametrize(("endpoint", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_access(endpoint, role, world, client_for):
    method, url, body, expected = ENDPOINTS[endpoint]
    client = client_for(role)
    kwargs = {"format": "json"} if body is not None else {}
    response = getattr(client, method)(url(world), body(world) if body else None, **kwargs)
    assert response.status_code == expected[role], response.content[:400]
    if response.status_code >= 400:
        data = response.json()
        assert data["code"] and data["message"]


def test_every_route_is_in_the_table():
    """A new endpoint must be added to the table above (and so to the permission tests)."""
    from django.urls import get_resolver

    covered = {
        "public-call-list", "public-call-detail", "public-result-list", "public-result-detail",
        "public-designation-list", "public-designation-detail", "public-evaluation-list",
        "public-evaluation-detail", "public-case-list", "public-case-detail",
        "public-statistics", "public-body-list", "open_data", "open_data_csv",
        "open_data_columns", "me",
        "project-list", "project-detail", "project-advance", "project-agreement",
        "proposal-list", "proposal-detail", "proposal-submit", "application-list",
        "application-detail", "application-submit", "evaluation-detail", "evaluation-sheet",
        "evaluation-sheet-detail",
    }  # fmt: skip
    names = {
        name for name in get_resolver("kyodo_portal.api.urls").reverse_dict if isinstance(name, str)
    }
    assert names - {"schema", "docs", "tokens"} == covered
