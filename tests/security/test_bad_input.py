"""Hostile and random input thrown at every form of the portal (Hypothesis).

Each form is read from its real page (the fields, their current values and where it posts), so a
field added later is attacked too. For each example one field gets the hostile value and the
rest keep what the page offered. Whatever happens: no server error; a script typed in comes back
escaped, never as markup; when the form is refused the page explains it in Japanese and still
shows what the person typed.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

import lxml.html
import pytest
from django.test import Client
from django.utils import timezone
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluation import services as evaluation_services
from evaluation.models import EvaluationRound, RoundKind
from projects.choices import Stage
from selection.models import Call
from tests.api.conftest import sheet_answers
from tests.factories import ProjectFactory, add_partner
from tests.selection.support import apply, declare, make_call, seat

pytestmark = pytest.mark.django_db

XSS = "<script>xss()</script>"
IMG = '"><img src=x onerror=xss()>'
RAW_MARKUP = ("<script>xss()", "<img src=x onerror")

HOSTILE_SAMPLES = [
    XSS,
    IMG,
    "'; DROP TABLE projects_project; --",
    "1 OR 1=1",
    "\x07\x1b[31m制御文字\x08",
    "絵文字🎉👨‍👩‍👧🇯🇵" * 10,
    "長" * 6000,
    "１２３４５",
    "１，０００",
    "-1",
    "-99999999999999999999",
    "99999999999999999999999",
    "2026-02-30",
    "２０２６-１３-０１",
    "令和8年4月1日",
    "not a date",
    "1e309",
    "",
    "   ",
    "\u202e逆向きの文字",
    "%s%n{0}{{7*7}}",
    "../../etc/passwd",
    "\x00NUL",
]
# Surrogates cannot be sent as UTF-8 by any browser, so they are left out of the random text.
HOSTILE = st.one_of(
    st.sampled_from(HOSTILE_SAMPLES),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=200),
)
ATTACKED_TYPES = {"text", "number", "date", "datetime-local", "email", "url", "search", "tel"}
ERROR_SIGNS = ('id="error-summary"', "invalid-feedback", "alert-danger", "alert-warning")


@dataclass
class FormCase:
    name: str
    role: str
    url: Callable  # (objects) -> str
    marker: str  # a field name (or its start) that identifies the form on the page
    overrides: dict = field(default_factory=dict)
    method: str = "post"


def _form_on(body: str, marker: str, method: str):
    doc = lxml.html.fromstring(body)
    for form in doc.forms:
        if (form.method or "get").lower() != method:
            continue
        if form.xpath(f".//*[contains(@name, '{marker}')]"):
            return form
    raise AssertionError(f"no {method} form with a field {marker!r} on the page")


def _values(form) -> tuple[dict, list[str], list[str]]:
    data: dict[str, list[str]] = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value)
    data.pop("csrfmiddlewaretoken", None)
    attackable, choices = [], []
    for element in form.inputs:
        name = element.get("name")
        if not name or name == "csrfmiddlewaretoken":
            continue
        if element.tag == "textarea" or (
            element.tag == "input" and (element.get("type") or "text") in ATTACKED_TYPES
        ):
            attackable.append(name)
        elif element.tag == "select":
            choices.append(name)
    return data, sorted(set(attackable)), sorted(set(choices))


def _check_answer(client, response, value, *, name):
    assert response.status_code < 500, f"{name}: {response.status_code} for {value!r}"
    if response.status_code in (301, 302):
        response = client.get(response["Location"])
        assert response.status_code < 500
    body = response.content.decode()
    for raw in RAW_MARKUP:
        assert raw not in body, f"{name}: typed markup came back unescaped"
    return response, body


def run_case(case: FormCase, objects, people, language="ja"):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if people[case.role] is not None:
        client.force_login(people[case.role])
    url = case.url(objects)
    page = client.get(url)
    assert page.status_code == 200, f"{case.name}: {url} → {page.status_code}"
    form = _form_on(page.content.decode(), case.marker, case.method)
    target = form.get("action") or url
    base, attackable, choices = _values(form)
    for key, value in case.overrides.items():
        base[key] = [value]
    if case.method == "get":
        # A filter's choices arrive in the address, where anyone can write anything.
        attackable += choices
    attackable = [name for name in attackable if name not in case.overrides]
    assert attackable, f"{case.name}: nothing to type into"

    @settings(
        max_examples=20,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(name=st.sampled_from(attackable), value=HOSTILE)
    def attack(name, value):
        data = {**base, name: [value]}
        send = client.get if case.method == "get" else client.post
        response = send(target, data)
        response, body = _check_answer(client, response, value, name=case.name)
        refused = response.request["REQUEST_METHOD"] == case.method.upper() and (
            response.status_code == 200 and any(sign in body for sign in ERROR_SIGNS)
        )
        if refused and name not in choices and "\x00" not in value and value.strip():
            # What the person typed is still on the page (escaped), so nothing is lost.
            kept = escape(value)
            assert kept in body or escape(value.strip()) in body, (
                f"{case.name}: {name}={value[:60]!r} lost on the error page"
            )
        if refused and case.method == "post":
            assert 'id="error-summary"' in body or "alert" in body
            if language == "ja":
                assert "入力内容を確認してください" in body or "ください" in body

    attack()


@pytest.fixture
def objects(world, office, npo, other_npo, npo_user, staff_user, reviewer_user):
    """The world of the API tests, plus a project at every stage that has a form."""
    suitability = ProjectFactory(owner_office=office, stage=Stage.SUITABILITY, title="適否")
    method = ProjectFactory(owner_office=office, stage=Stage.METHOD, title="手法")
    implementation = ProjectFactory(owner_office=office, stage=Stage.IMPLEMENTATION)
    add_partner(implementation, npo)
    scoring_call = make_call(
        ProjectFactory(owner_office=office, stage=Stage.PARTNER_SELECTION),
        status=Call.Status.SCORING,
        deadline=timezone.now() - datetime.timedelta(days=1),
    )
    seat(scoring_call, reviewer_user)
    scored = apply(scoring_call, npo)
    declare(scored, reviewer_user)
    undeclared = apply(scoring_call, other_npo)
    # A round where both sides have submitted and the exchange is still to be recorded.
    exchanged = ProjectFactory(owner_office=office, stage=Stage.EVALUATION, title="振り返り")
    add_partner(exchanged, npo)
    for organization, person in ((office, staff_user), (npo, npo_user)):
        evaluation_services.evaluation_save(
            project=exchanged,
            kind=RoundKind.FINAL,
            organization=organization,
            by=person,
            answers=sheet_answers(4),
            overall_comment="総評",
            submit=True,
        )
    return {
        "world": world,
        "npo": npo,
        "office": office,
        "suitability": suitability,
        "method": method,
        "implementation": implementation,
        "scored": scored,
        "undeclared": undeclared,
        "round": EvaluationRound.objects.get(project=exchanged, kind=RoundKind.FINAL),
    }


def _url(name, *args):
    from django.urls import reverse

    return lambda o: reverse(name, args=[a(o) if callable(a) else a for a in args])


CASES = [
    FormCase("project_create", "staff", _url("projects:project_create"), "title"),
    FormCase(
        "project_edit",
        "staff",
        _url("projects:project_edit", lambda o: o["world"].draft.pk),
        "budget",
    ),
    FormCase(
        "suitability",
        "staff",
        _url("projects:suitability", lambda o: o["suitability"].pk),
        "version",
    ),
    FormCase(
        "hearing", "staff", _url("projects:hearing_add", lambda o: o["suitability"].pk), "summary"
    ),
    FormCase("method_plan", "staff", _url("projects:method", lambda o: o["method"].pk), "version"),
    FormCase(
        "agreement_lines",
        "staff",
        _url("projects:agreement_edit", lambda o: o["world"].active.pk),
        "costs-0-amount",
    ),
    FormCase("notes", "staff", _url("projects:notes", lambda o: o["implementation"].pk), "body"),
    FormCase("proposal_create", "npo", _url("projects:proposal_create"), "rough_budget"),
    FormCase(
        "proposal_edit",
        "npo",
        _url("projects:proposal_edit", lambda o: o["world"].proposal_draft.pk),
        "rough_budget",
    ),
    FormCase(
        "proposal_comment",
        "staff",
        _url("projects:proposal_detail", lambda o: o["world"].proposal_submitted.pk),
        "body",
    ),
    FormCase(
        "call_create",
        "staff",
        _url("selection:call_create", lambda o: o["world"].selection_project.pk),
        "budget_cap",
    ),
    FormCase(
        "call_edit",
        "staff",
        _url("selection:call_edit", lambda o: o["world"].draft_call.pk),
        "budget_cap",
    ),
    FormCase(
        "application_create",
        "npo",
        _url("selection:application_create", lambda o: o["world"].open_call.pk),
        "requested_amount",
    ),
    FormCase(
        "application_edit",
        "npo",
        _url("selection:application_edit", lambda o: o["world"].draft_application.pk),
        "requested_amount",
    ),
    FormCase(
        "conflict_declaration",
        "reviewer",
        _url("selection:conflict_declare", lambda o: o["undeclared"].pk),
        "reason",
    ),
    FormCase("scores", "reviewer", _url("selection:score", lambda o: o["scored"].pk), "comment"),
    FormCase(
        "evaluation_sheet",
        "npo",
        _url("evaluation:sheet_edit", lambda o: o["world"].sealed_project.pk, "final"),
        "version",
    ),
    FormCase(
        "exchange_record",
        "staff",
        _url("evaluation:exchange", lambda o: o["round"].pk),
        "conclusions",
    ),
    FormCase(
        "improvement_item", "staff", _url("evaluation:exchange", lambda o: o["round"].pk), "text"
    ),
    FormCase("profile", "npo", _url("partners:profile"), "name"),
    FormCase(
        "organization_profile",
        "npo",
        _url("partners:organization_edit", lambda o: o["npo"].pk),
        "description",
    ),
    FormCase("reminder_policy", "manager", _url("reminder_policies"), "lead_days"),
    FormCase("directory_search", "staff", _url("partners:directory"), "q", method="get"),
    FormCase(
        "dashboard_filters", "manager", _url("evaluation:dashboard"), "fiscal_year", method="get"
    ),
    FormCase("project_filters", "staff", _url("projects:project_list"), "q", method="get"),
    FormCase("audit_filters", "manager", _url("audit_trail"), "action", method="get"),
    FormCase(
        "reminder_history_filters", "manager", _url("reminder_history"), "query", method="get"
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hostile_input_never_breaks_a_form(case, objects, people):
    run_case(case, objects, people)


@pytest.mark.parametrize(
    "case",
    [c for c in CASES if c.name in {"project_create", "proposal_create"}],
    ids=lambda c: c.name,
)
def test_errors_are_in_english_for_an_english_speaker(case, objects, people):
    run_case(case, objects, people, language="en")
