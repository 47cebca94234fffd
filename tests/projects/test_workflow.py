"""Every transition allowed and refused, by stage and role, and each guard's reason."""

import pytest
from django.contrib.auth.models import AnonymousUser

from projects import services, workflow
from projects.choices import ConfirmingSide, Stage
from projects.models import MethodPlan, ProjectEvent
from projects.permissions import NOT_OWNER_STAFF, NOT_SIGNED_IN
from tests.projects.conftest import (
    RESPONSIBILITIES,
    answer_suitability,
    choose_method,
    confirm,
    make_ready,
    project_at,
    save_agreement,
)

FORWARD = [pair for pair in workflow.TRANSITIONS if pair[1] != Stage.ENDED]
ROLES = ["staff", "other_staff", "npo", "other_npo", "reviewer", "manager", "anonymous"]


@pytest.fixture
def people(staff_user, other_staff_user, npo_user, other_npo_user, reviewer_user, manager_user):
    return {
        "staff": staff_user,
        "other_staff": other_staff_user,
        "npo": npo_user,
        "other_npo": other_npo_user,
        "reviewer": reviewer_user,
        "manager": manager_user,
        "anonymous": AnonymousUser(),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("frm", "to"), [*FORWARD, (Stage.SUITABILITY, Stage.ENDED)])
def test_forward_transition_by_role(
    frm, to, role, people, office, npo, staff_user, npo_user, open_evaluation_gates
):
    """Only the owner office moves a project, and only when the gate is open."""
    project = project_at(frm, office, npo=npo if frm == Stage.AGREEMENT else None)
    if to == Stage.ENDED:
        answer_suitability(
            project,
            staff_user,
            answers=None,
            outcome="reconsider",
            justification="予算規模を見直すため",
        )
    else:
        make_ready(project, staff_user, npo, npo_user)
    actor = people[role]
    if role == "staff":
        services.project_advance(project=project, to=to, by=actor, comment="ok")
        project.refresh_from_db()
        assert project.stage == to
        event = ProjectEvent.objects.get(project=project)
        assert (event.actor, event.from_stage, event.to_stage, event.comment) == (
            actor,
            frm,
            to,
            "ok",
        )
        assert not event.is_backward
    else:
        with pytest.raises(services.PermissionDenied) as refused:
            services.project_advance(project=project, to=to, by=actor)
        expected = NOT_SIGNED_IN if role == "anonymous" else NOT_OWNER_STAFF
        assert str(refused.value) == str(expected)
        project.refresh_from_db()
        assert project.stage == frm
        assert not ProjectEvent.objects.filter(project=project).exists()


@pytest.mark.parametrize(
    ("frm", "to"),
    [(a, b) for a, b in zip(workflow.STAGE_ORDER[1:], workflow.STAGE_ORDER[2:], strict=False)],
)
def test_going_back_needs_a_reason(frm, to, office, staff_user):
    # (frm, to) is a forward pair; going back is from ``to`` to ``frm``.
    project = project_at(to, office)
    with pytest.raises(services.GateClosed) as refused:
        services.project_advance(project=project, to=frm, by=staff_user, comment="  ")
    assert refused.value.reasons == [str(services.REASON_REQUIRED_TO_GO_BACK)]
    services.project_advance(project=project, to=frm, by=staff_user, comment="相手が辞退")
    project.refresh_from_db()
    assert project.stage == frm
    assert ProjectEvent.objects.get(project=project).is_backward


@pytest.mark.parametrize(
    ("frm", "to"),
    [
        (Stage.DRAFT, Stage.METHOD),
        (Stage.DRAFT, Stage.ENDED),
        (Stage.METHOD, Stage.ENDED),
        (Stage.AGREEMENT, Stage.CLOSED),
        (Stage.ENDED, Stage.SUITABILITY),
        (Stage.CLOSED, Stage.DRAFT),
    ],
)
def test_skipping_stages_is_refused(frm, to, office, staff_user):
    project = project_at(frm, office)
    with pytest.raises(services.GateClosed) as refused:
        services.project_advance(project=project, to=to, by=staff_user, comment="x")
    assert refused.value.reasons == [str(workflow.NOT_ALLOWED)]


def test_draft_needs_the_basics(office, staff_user):
    project = project_at(Stage.DRAFT, office, outcome_targets="")
    assert workflow.closed_gates(project, Stage.SUITABILITY) == [str(workflow.BASICS_MISSING)]
    with pytest.raises(services.GateClosed):
        services.project_advance(project=project, to=Stage.SUITABILITY, by=staff_user)


def test_method_gate_reasons(office, staff_user, open_evaluation_gates):
    project = project_at(Stage.METHOD, office)
    assert workflow.closed_gates(project, Stage.PARTNER_SELECTION) == [
        str(workflow.NO_METHOD),
        str(workflow.NO_RATIONALE),
    ]
    choose_method(project, staff_user)
    project.refresh_from_db()
    assert workflow.closed_gates(project, Stage.PARTNER_SELECTION) == []


def test_method_gate_asks_the_evaluation_app_about_feedback(office, staff_user, monkeypatch):
    """A continuation project waits until the predecessor's feedback is acknowledged."""
    monkeypatch.setitem(
        workflow.REGISTERED_GATES,
        "feedback_acknowledged",
        lambda facts: "前の事業の振り返りを確認してください。",
    )
    project = project_at(Stage.METHOD, office)
    choose_method(project, staff_user)
    project.refresh_from_db()
    assert workflow.closed_gates(project, Stage.PARTNER_SELECTION) == [
        "前の事業の振り返りを確認してください。"
    ]


def test_partner_gate_reason(office, npo, staff_user):
    project = project_at(Stage.PARTNER_SELECTION, office)
    assert workflow.closed_gates(project, Stage.AGREEMENT) == [str(workflow.NO_PARTNER)]
    # A prospective partner (e.g. from a proposal) is not yet decided.
    from tests.factories import add_partner

    add_partner(project, npo, status="prospective", via="proposal")
    assert workflow.closed_gates(project, Stage.AGREEMENT) == [str(workflow.NO_PARTNER)]


def test_agreement_gate_reasons_step_by_step(office, npo, staff_user, npo_user):
    project = project_at(Stage.AGREEMENT, office, npo=npo)
    gate = lambda: workflow.closed_gates(project, Stage.IMPLEMENTATION)  # noqa: E731
    assert gate() == [str(workflow.NO_AGREEMENT)]
    save_agreement(project, staff_user, roles=[], costs=[], responsibilities=[])
    assert gate()[0] == str(workflow.NO_ROLE_LINES)
    save_agreement(project, staff_user, costs=[], responsibilities=[])
    assert gate()[0] == str(workflow.NO_COST_LINES)
    save_agreement(project, staff_user, responsibilities=RESPONSIBILITIES[:5])
    assert gate()[0] == str(workflow.TOPICS_MISSING) % {"topics": "情報公開、協定の変更と終了"}
    save_agreement(project, staff_user)
    assert gate() == [str(workflow.NOT_CONFIRMED) % {"side": "行政（担当課）・NPO", "number": 1}]
    confirm(project, staff_user, ConfirmingSide.GOVERNMENT)
    assert gate() == [str(workflow.NOT_CONFIRMED) % {"side": "NPO", "number": 1}]
    confirm(project, npo_user, ConfirmingSide.NPO)
    assert gate() == []


def test_evaluation_gate_is_the_evaluation_apps(office, staff_user, monkeypatch):
    from evaluation import gates

    # The evaluation app registers its own gate when it loads.
    assert workflow.REGISTERED_GATES["evaluation_complete"] is gates.evaluation_complete
    monkeypatch.setitem(
        workflow.REGISTERED_GATES,
        "evaluation_complete",
        lambda facts: "双方の評価がそろっていません。",
    )
    project = project_at(Stage.EVALUATION, office)
    with pytest.raises(services.GateClosed) as refused:
        services.project_advance(project=project, to=Stage.CLOSED, by=staff_user)
    assert refused.value.reasons == ["双方の評価がそろっていません。"]


def test_guards_have_no_side_effects(office, staff_user, django_assert_num_queries):
    project = project_at(Stage.SUITABILITY, office)
    answer_suitability(project, staff_user)
    before = project.stage
    workflow.closed_gates(project, Stage.METHOD)
    project.refresh_from_db()
    assert project.stage == before
    assert not ProjectEvent.objects.filter(project=project).exists()


@pytest.mark.parametrize(
    ("stage", "table", "reads"),
    [
        # The conclusion and the plan come joined to the project; the answers in one query.
        (Stage.SUITABILITY, "projects_suitability", 0),
        (Stage.SUITABILITY, "projects_suitabilityanswer", 1),
        (Stage.METHOD, "projects_methodplan", 0),
    ],
)
def test_project_page_shares_the_gates_reads(stage, table, reads, client, office, staff_user):
    """The next stage's gate and the page's summary of the same stage read its rows once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    project = project_at(stage, office)
    if stage == Stage.SUITABILITY:
        answer_suitability(project, staff_user, outcome="")  # the gate stays shut: no conclusion
    else:
        MethodPlan.objects.create(project=project)  # shut: no rationale yet
    client.force_login(staff_user)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("projects:project_detail", args=[project.pk])).content.decode()
    reason = workflow.NO_OUTCOME if stage == Stage.SUITABILITY else workflow.NO_RATIONALE
    assert str(reason) in html
    sqls = [q["sql"] for q in queries.captured_queries]
    assert len([s for s in sqls if f'FROM "{table}"' in s]) == reads


def test_project_page_partner_gate_uses_the_pages_partner_list(client, office, npo, staff_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from tests.factories import add_partner

    project = project_at(Stage.PARTNER_SELECTION, office)
    add_partner(project, npo, status="prospective", via="proposal")
    client.force_login(staff_user)
    url = reverse("projects:project_detail", args=[project.pk])
    assert str(workflow.NO_PARTNER) in client.get(url).content.decode()
    services.project_set_partner(project=project, organization=npo, by=staff_user, via="designated")
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    assert str(workflow.NO_PARTNER) not in html
    sqls = [q["sql"] for q in queries.captured_queries]
    assert len([s for s in sqls if 'FROM "projects_projectpartner"' in s]) == 1


def test_project_page_without_a_method_plan_names_the_missing_rationale(client, office, staff_user):
    from django.urls import reverse

    project = project_at(Stage.METHOD, office)  # no plan row at all: the join finds none
    client.force_login(staff_user)
    html = client.get(reverse("projects:project_detail", args=[project.pk])).content.decode()
    assert str(workflow.NO_RATIONALE) in html
