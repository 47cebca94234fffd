"""The one workflow engine: its table decides every move, its guards every gate, and
``transition`` is the one writer of the field."""

import pytest
from django.core.exceptions import ValidationError

from kyodo_portal.core.workflow import Move, StateAction, TransitionRefused, Workflow
from projects.models import Project
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def needs_title(project) -> str | None:
    return None if project.title.strip() else "題名がありません"


def never(_facts) -> str | None:
    return "閉じています"


FLOW = Workflow(
    name="test",
    field="stage",
    moves=[
        Move("draft", "suitability", (needs_title,)),
        Move("suitability", "method"),
        Move("suitability", "ended", (never,)),
    ],
    actions={
        "edit_suitability": StateAction(frozenset({"draft", "suitability"}), "今はできません"),
    },
    not_allowed="この変更はできません",
)


def test_the_table_lists_the_moves_from_the_current_state():
    project = Project(stage="suitability")
    assert FLOW.targets(project) == ["method", "ended"]
    assert FLOW.can_move("draft", "suitability") and not FLOW.can_move("draft", "method")


def test_a_move_outside_the_table_and_a_closed_gate_say_why():
    project = Project(stage="draft", title=" ")
    assert FLOW.closed_gates(project, "method") == ["この変更はできません"]
    assert FLOW.closed_gates(project, "suitability") == ["題名がありません"]
    project.title = "題名"
    assert FLOW.closed_gates(project, "suitability") == []


def test_guards_read_the_facts_when_given():
    project = Project(stage="draft", title="")
    assert FLOW.closed_gates(project, "suitability", facts=Project(title="facts")) == []


def test_actions_are_allowed_in_their_states_only():
    assert FLOW.allowed(Project(stage="draft"), "edit_suitability") == (True, "")
    assert FLOW.allowed(Project(stage="method"), "edit_suitability") == (False, "今はできません")


def test_transition_writes_the_field_and_refuses_with_reasons(office):
    project = ProjectFactory(owner_office=office, stage="suitability")
    with pytest.raises(TransitionRefused) as refused:
        FLOW.transition(project, "ended")
    assert refused.value.reasons == ["閉じています"]
    assert Project.objects.get(pk=project.pk).stage == "suitability"
    assert FLOW.transition(project, "method") == "suitability"
    assert Project.objects.get(pk=project.pk).stage == "method"


def test_a_table_with_a_move_listed_twice_is_refused():
    with pytest.raises(ValueError):
        Workflow(name="x", field="stage", moves=[Move("a", "b"), Move("a", "b")])


def test_a_refused_move_is_a_validation_error_carrying_its_reasons(office):
    project = ProjectFactory(owner_office=office, stage="suitability")
    with pytest.raises(ValidationError) as refused:
        FLOW.transition(project, "ended")
    assert refused.value.messages == ["閉じています"]


def test_the_path_walks_the_table_and_refuses_what_it_cannot_reach():
    assert FLOW.path("draft", "method") == ["suitability", "method"]
    assert FLOW.path("draft", "draft") == []
    with pytest.raises(ValueError):
        FLOW.path("method", "draft")


def test_bulk_seed_inserts_rows_in_reachable_states_only(office):
    def row(title):
        return ProjectFactory.build(owner_office=office, title=title)

    seeded = FLOW.bulk_seed([(row("a"), "draft"), (row("b"), "method")])
    assert [p.stage for p in seeded] == ["draft", "method"]
    assert dict(Project.objects.filter(title__in=["a", "b"]).values_list("title", "stage")) == {
        "a": "draft",
        "b": "method",
    }
    with pytest.raises(ValueError):
        FLOW.bulk_seed([(row("c"), "closed")])
    assert not Project.objects.filter(title="c").exists()
