"""The tables of a call's and an application's lifecycle: every status reachable from draft,
the moves the services make and nothing else, and the "when" of each action."""

import pytest

from selection.models import Application, Call
from selection.workflow import APPLICATION_WORKFLOW, CALL_WORKFLOW

C, A = Call.Status, Application.Status


def test_a_call_goes_one_way_from_draft_to_published():
    assert CALL_WORKFLOW.path(C.DRAFT, C.PUBLISHED) == [C.OPEN, C.SCORING, C.DECIDED, C.PUBLISHED]
    for earlier, later in [(C.OPEN, C.DRAFT), (C.SCORING, C.OPEN), (C.PUBLISHED, C.DECIDED)]:
        assert not CALL_WORKFLOW.can_move(earlier, later)
    assert not CALL_WORKFLOW.can_move(C.OPEN, C.DECIDED)


def test_an_application_may_be_withdrawn_and_reopened_but_not_unsubmitted():
    assert APPLICATION_WORKFLOW.can_move(A.DRAFT, A.WITHDRAWN)
    assert APPLICATION_WORKFLOW.can_move(A.SUBMITTED, A.WITHDRAWN)
    assert APPLICATION_WORKFLOW.can_move(A.WITHDRAWN, A.DRAFT)
    assert not APPLICATION_WORKFLOW.can_move(A.SUBMITTED, A.DRAFT)


@pytest.mark.parametrize(
    ("action", "states"),
    [
        ("edit", {C.DRAFT}),
        ("publish", {C.DRAFT}),
        ("correct", {C.OPEN}),
        ("apply", {C.OPEN}),
        ("start_scoring", {C.OPEN}),
        ("score", {C.SCORING}),
        ("decide", {C.SCORING}),
        ("publish_results", {C.DECIDED}),
        ("change_committee", {C.DRAFT, C.OPEN, C.SCORING}),
        ("view_ranking", {C.SCORING, C.DECIDED, C.PUBLISHED}),
        ("committee_read", {C.DRAFT, C.SCORING, C.DECIDED, C.PUBLISHED}),
    ],
)
def test_each_call_action_runs_in_its_statuses_only(action, states):
    for status in C:
        allowed, reason = CALL_WORKFLOW.allowed(Call(status=status), action)
        assert allowed == (status in states), (action, status)
        assert bool(reason) != allowed
