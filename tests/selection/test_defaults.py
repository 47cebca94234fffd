"""The default criteria and a call's change log are the portal's words: each reader reads them in
their own language, however they were stored; the office's own words stay as written."""

import pytest
from django.utils import translation

from selection.defaults import DEFAULT_CRITERIA, criterion_text, default_criteria
from selection.models import Call, CallRevision
from selection.selectors import revisions_with_changes
from selection.services import call_snapshot
from tests.selection.support import make_call, selection_project


@pytest.fixture
def project(office):
    return selection_project(office, title="見守り活動の協働")


SAVED_IN_JAPANESE = [(name, weight) for name, _description, weight in DEFAULT_CRITERIA]


def test_a_default_criterion_reads_in_the_readers_language_and_an_own_one_as_written():
    name, description, _weight = DEFAULT_CRITERIA[0]
    with translation.override("en"):
        assert criterion_text(name) == "Public benefit"
        assert criterion_text(description).startswith("Does it help solve local issues")
        assert criterion_text("地域への波及効果") == "地域への波及効果"
    with translation.override("ja"):
        assert criterion_text(name) == "公益性"


def test_a_new_call_offers_the_defaults_in_the_language_of_whoever_creates_it():
    with translation.override("en"):
        assert default_criteria()[0]["name"] == "Public benefit"
    with translation.override("ja"):
        assert [c["name"] for c in default_criteria()] == [n for n, _w in SAVED_IN_JAPANESE]


def test_the_public_call_shows_stored_default_criteria_in_english(client, project):
    call = make_call(project, status=Call.Status.OPEN, criteria=SAVED_IN_JAPANESE)
    client.cookies["django_language"] = "en"
    page = client.get(call.get_public_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Synergy from collaboration" in page
    assert "協働による相乗効果" not in page
    api = client.get(f"/api/v1/public/calls/{call.pk}/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert [c["name"] for c in api["criteria"]][:2] == ["Public benefit", "Feasibility"]


def test_the_change_log_is_worded_for_each_reader_from_the_snapshots(project, staff_user):
    call = make_call(project, status=Call.Status.OPEN)
    first = call_snapshot(call)
    second = {**first, "budget_cap": first["budget_cap"] + 500_000}
    start = call.revisions.count()
    for number, snapshot in ((start + 1, first), (start + 2, second)):
        CallRevision.objects.create(
            call=call,
            number=number,
            snapshot=snapshot,
            changes=[{"label": "上限額（円）", "before": "", "after": ""}],
            published_by=staff_user,
            published_at=call.application_deadline,
        )
    with translation.override("en"):
        lines = revisions_with_changes(call)[-1].change_lines
    assert len(lines) == 1
    assert lines[0]["after"] == "¥3,500,000"
    assert "円" not in lines[0]["label"]
    with translation.override("ja"):
        assert revisions_with_changes(call)[-1].change_lines[0]["after"] == "3,500,000円"
    assert revisions_with_changes(call)[0].change_lines == []
