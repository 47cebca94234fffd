"""The exchange: side-by-side with the gap per item, comments, the meeting, third party, items."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from evaluation import services
from evaluation.models import EvaluationRound, ImprovementItem
from evaluation.permissions import NOT_MANAGER, NOT_OWNER_STAFF
from evaluation.selectors import exchange_table, gap
from evaluation.services import (
    ATTENDEES_REQUIRED,
    CONCLUSIONS_REQUIRED,
    MEETING_DATE_IN_FUTURE,
    PermissionDenied,
)
from projects.models import ProjectPartner
from tests.evaluation.helpers import fill

pytestmark = pytest.mark.django_db


@pytest.fixture
def unsealed(project, office, npo, staff_user, npo_user):
    # Office: 4 everywhere, 2 on costs. NPO: 4 everywhere, 5 on synergy, 1 on costs... and 2 on
    # openness where the office gave 4 (a gap of -2), 5 on continuation (gap +1).
    fill(project, office, staff_user, costs=2, synergy=3)
    fill(project, npo, npo_user, costs=1, synergy=5, openness=2, continuation=5)
    return EvaluationRound.objects.select_related("project").get()


def test_gap_is_npo_minus_government():
    assert gap(4, 2) == -2
    assert gap(3, 5) == 2
    assert gap(None, 5) is None
    assert gap(3, None) is None


def test_side_by_side_gaps_and_highlighting(unsealed):
    table = exchange_table(unsealed)
    rows = {row.item.key: row for _group, rows in table["groups"] for row in rows}
    assert rows["synergy"].gaps == [2]
    assert rows["synergy"].needs_discussion
    assert rows["openness"].gaps == [-2]
    assert rows["openness"].needs_discussion
    assert rows["costs"].gaps == [-1]
    assert not rows["costs"].needs_discussion
    assert rows["continuation"].gaps == [1]
    assert not rows["continuation"].needs_discussion
    assert rows["roles"].gaps == [0]
    assert table["discussion_count"] == 2


def test_sealed_round_cannot_be_tabled(project, office, staff_user):
    fill(project, office, staff_user)
    with pytest.raises(ValueError):
        exchange_table(EvaluationRound.objects.get())


def test_exchange_page_highlights_items_to_discuss(client, unsealed, npo_user):
    client.force_login(npo_user)
    response = client.get(reverse("evaluation:exchange", args=[unsealed.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="table-warning gap-row"') == 2
    assert "要協議の項目：2件" in html


def test_a_repeat_view_is_the_stored_copy_but_the_rule_is_checked_each_time(
    client, unsealed, npo_user, npo
):
    client.force_login(npo_user)
    url = reverse("evaluation:exchange", args=[unsealed.pk])
    with CaptureQueriesContext(connection) as built:
        first = client.get(url)
    with CaptureQueriesContext(connection) as again:
        second = client.get(url)
    assert second.status_code == 200
    assert "要協議の項目：2件" in second.content.decode()
    # The person, the round's light row, their memberships and (an NPO member) the partners.
    assert len(again) <= 4 < len(built), (len(built), len(again))
    assert first.status_code == 200
    # A partner row removed outside the portal's services moves no generation: access still ends.
    ProjectPartner.objects.filter(project=unsealed.project, organization=npo).delete()
    assert client.get(url).status_code == 404


def test_each_side_comments_on_the_other(client, unsealed, staff_user, npo_user):
    for user, text in (
        (staff_user, "行政から：費用の見方が違った"),
        (npo_user, "NPOから：相乗効果を実感"),
    ):
        client.force_login(user)
        sheet = unsealed.sheets.get(side="government" if user == staff_user else "npo")
        response = client.post(
            reverse("evaluation:comment_save", args=[sheet.pk]),
            {f"s{sheet.pk}-comment_on_other": text},
        )
        assert response.status_code == 302
        sheet.refresh_from_db()
        assert sheet.comment_on_other == text
    client.force_login(staff_user)
    html = client.get(reverse("evaluation:exchange", args=[unsealed.pk])).content.decode()
    assert "NPOから：相乗効果を実感" in html


def test_comment_on_the_other_sides_sheet_is_refused(client, unsealed, staff_user):
    client.force_login(staff_user)
    npo_sheet = unsealed.sheets.get(side="npo")
    response = client.post(
        reverse("evaluation:comment_save", args=[npo_sheet.pk]),
        {f"s{npo_sheet.pk}-comment_on_other": "x"},
    )
    assert response.status_code == 403
    npo_sheet.refresh_from_db()
    assert npo_sheet.comment_on_other == ""


def test_empty_comment_is_refused_and_the_page_rerendered(client, unsealed, staff_user):
    client.force_login(staff_user)
    sheet = unsealed.sheets.get(side="government")
    response = client.post(
        reverse("evaluation:comment_save", args=[sheet.pk]), {f"s{sheet.pk}-comment_on_other": ""}
    )
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()


def test_meeting_is_recorded_by_the_office(unsealed, staff_user, npo_user):
    with pytest.raises(PermissionDenied) as error:
        services.exchange_record(
            round_=unsealed,
            by=npo_user,
            meeting_date=datetime.date(2026, 3, 10),
            attendees="a",
            conclusions="b",
        )
    assert str(error.value) == str(NOT_OWNER_STAFF)
    recorded = services.exchange_record(
        round_=unsealed,
        by=staff_user,
        meeting_date=datetime.date(2026, 3, 10),
        attendees="県民生活課 山田、ひだまり 田中",
        conclusions="費用分担の考え方を次年度の協定で見直す。",
        version=unsealed.version,
    )
    assert recorded.exchange_recorded
    assert recorded.exchange_recorded_by == staff_user


def test_meeting_bad_input_keeps_what_was_typed(client, unsealed, staff_user):
    client.force_login(staff_user)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        reverse("evaluation:meeting_record", args=[unsealed.pk]),
        {
            "meeting_date": tomorrow.isoformat(),
            "meeting_attendees": "",
            "conclusions": "結論の下書き",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert str(MEETING_DATE_IN_FUTURE) in html
    assert str(ATTENDEES_REQUIRED) in html
    assert "結論の下書き" in html
    unsealed.refresh_from_db()
    assert not unsealed.exchange_recorded


def test_meeting_validation_messages(unsealed, staff_user):
    with pytest.raises(ValidationError) as error:
        services.exchange_record(
            round_=unsealed,
            by=staff_user,
            meeting_date=timezone.localdate() + datetime.timedelta(1),
            attendees=" ",
            conclusions="",
        )
    assert error.value.message_dict == {
        "meeting_date": [str(MEETING_DATE_IN_FUTURE)],
        "meeting_attendees": [str(ATTENDEES_REQUIRED)],
        "conclusions": [str(CONCLUSIONS_REQUIRED)],
    }


def test_stale_meeting_record_is_refused(client, unsealed, staff_user):
    client.force_login(staff_user)
    data = {
        "meeting_date": "2026-03-10",
        "meeting_attendees": "出席者",
        "conclusions": "結論A",
        "version": unsealed.version,
    }
    assert (
        client.post(reverse("evaluation:meeting_record", args=[unsealed.pk]), data).status_code
        == 302
    )
    data["conclusions"] = "古い画面からの結論B"
    response = client.post(reverse("evaluation:meeting_record", args=[unsealed.pk]), data)
    assert response.status_code == 400
    assert "古い画面からの結論B" in response.content.decode()
    unsealed.refresh_from_db()
    assert unsealed.conclusions == "結論A"


def test_third_party_comment_only_by_a_manager(unsealed, staff_user, manager_user):
    with pytest.raises(PermissionDenied) as error:
        services.third_party_comment_save(
            round_=unsealed, by=staff_user, name="委員会", comment="x"
        )
    assert str(error.value) == str(NOT_MANAGER)
    services.third_party_comment_save(
        round_=unsealed, by=manager_user, name="協働推進委員会", comment="費用分担の検証を"
    )
    unsealed.refresh_from_db()
    assert unsealed.third_party_name == "協働推進委員会"


def test_improvement_items_added_by_either_side(
    client, unsealed, staff_user, npo_user, manager_user
):
    client.force_login(npo_user)
    response = client.post(
        reverse("evaluation:improvement_add", args=[unsealed.pk]),
        {"text": "精算払いをやめ概算払いにする", "owner": "government", "carry_forward": "on"},
    )
    assert response.status_code == 302
    item = ImprovementItem.objects.get()
    assert item.project == unsealed.project and item.carry_forward and item.created_by == npo_user
    client.force_login(manager_user)
    response = client.post(
        reverse("evaluation:improvement_add", args=[unsealed.pk]), {"text": "x", "owner": "npo"}
    )
    assert response.status_code == 403
    client.force_login(staff_user)
    response = client.post(
        reverse("evaluation:improvement_add", args=[unsealed.pk]), {"text": "", "owner": "npo"}
    )
    assert response.status_code == 400
    # The office may stop carrying it forward, the NPO may not.
    client.force_login(npo_user)
    assert (
        client.post(
            reverse("evaluation:improvement_change", args=[item.pk]), {"action": "stop"}
        ).status_code
        == 403
    )
    client.force_login(staff_user)
    client.post(reverse("evaluation:improvement_change", args=[item.pk]), {"action": "stop"})
    item.refresh_from_db()
    assert not item.carry_forward
