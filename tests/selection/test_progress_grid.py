"""The secretary's progress grid: each member × application cell in words, who may open it, a
bounded number of queries, reminders through the messenger, and what members still owe."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kyodo_portal.core.errors import PermissionDenied
from kyodo_portal.core.models import AuditEntry, Notification
from selection import selectors
from selection.models import Call
from selection.notices import MEMBER_REMINDED
from selection.services import proxy
from tests.selection.desk_support import _fast_password_hashing, committee_call  # noqa: F401
from tests.selection.support import declare, score_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(office):
    """Three members, three applicants: member 1 scored A, declared a conflict with B and has
    not declared on C; member 2 declared no conflict with A but has not scored it; member 3
    has done nothing."""
    call, users, applications = committee_call(office, members=3, applicants=3)
    a, b, _c = applications
    score_all(a, users[0], [7] * 6)
    declare(b, users[0], conflict=True)
    declare(a, users[1])
    return call, users, applications


def _row(grid, user):
    return next(row for row in grid["rows"] if row["seat"].user_id == user.pk)


def test_each_cell_says_its_state_in_words(desk, client, staff_user):
    call, users, _applications = desk
    grid = selectors.progress_grid(call)
    assert [c["state"] for c in _row(grid, users[0])["cells"]] == [
        "scored",
        "conflicted",
        "undeclared",
    ]
    assert [c["state"] for c in _row(grid, users[1])["cells"]] == [
        "unscored",
        "undeclared",
        "undeclared",
    ]
    assert not grid["complete"]
    client.force_login(staff_user)
    response = client.get(reverse("selection:progress", args=[call.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    for text in ("採点済み", "利害関係あり（回避）", "未申告", "未採点", "督促する"):
        assert text in page
    assert '<th scope="col">特定非営利活動法人 団体A</th>' in page
    assert re.search(r'<th scope="row"[^>]*>委員1', page)


def test_owed_lists_applicants_per_member(desk):
    call, users, applications = desk
    owed = _row(selectors.progress_grid(call), users[0])["owed"]
    assert owed == {"undeclared": [applications[2].organization.display_name], "unscored": []}


@pytest.mark.parametrize("who", ["npo", "reviewer", "other_staff", "manager", "anonymous"])
def test_only_the_office_running_the_call_opens_the_grid(
    desk, client, who, npo_user, other_staff_user, manager_user
):
    call, users, _applications = desk
    person = {
        "npo": npo_user,
        "reviewer": users[0],
        "other_staff": other_staff_user,
        "manager": manager_user,
        "anonymous": None,
    }[who]
    if person is not None:
        client.force_login(person)
    for name, method in (
        ("selection:progress", "get"),
        ("selection:score_csv", "get"),
        ("selection:score_import", "post"),
    ):
        response = getattr(client, method)(reverse(name, args=[call.pk]))
        assert response.status_code in ((302,) if person is None else (404,)), name
    seat = call.committee.first()
    for name, method in (("selection:member_remind", "post"), ("selection:proxy_entry", "get")):
        response = getattr(client, method)(reverse(name, args=[call.pk, seat.pk]))
        assert response.status_code in ((302,) if person is None else (404,)), name
    assert not Notification.objects.filter(kind=MEMBER_REMINDED).exists()


def test_the_grid_is_closed_while_the_call_is_open(office, client, staff_user):
    call, _users, _applications = committee_call(office, members=1, applicants=1)
    Call.objects.filter(pk=call.pk).update(status=Call.Status.OPEN)
    client.force_login(staff_user)
    assert client.get(reverse("selection:progress", args=[call.pk])).status_code == 404


def test_grid_queries_do_not_grow_with_members_and_applicants(
    office, client, staff_user, django_assert_max_num_queries
):
    small, small_users, small_apps = committee_call(office, members=1, applicants=1)
    score_all(small_apps[0], small_users[0], [5] * 6)
    big, big_users, big_apps = committee_call(office, members=12, applicants=15)
    for user in big_users[:6]:
        for application in big_apps[:8]:
            score_all(application, user, [6] * 6)
    declare(big_apps[9], big_users[7], conflict=True)
    client.force_login(staff_user)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("selection:progress", args=[small.pk]))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("selection:progress", args=[big.pk]))
    assert response.status_code == 200
    assert response.content.decode().count("progress-cell") == 12 * 15


def test_reminder_goes_through_the_messenger_and_is_recorded(desk, client, staff_user):
    call, users, applications = desk
    seat = call.committee.get(user=users[2])
    client.force_login(staff_user)
    response = client.post(reverse("selection:member_remind", args=[call.pk, seat.pk]))
    assert response.status_code == 302
    notice = Notification.objects.get(kind=MEMBER_REMINDED)
    assert notice.recipient == users[2]
    assert notice.url == reverse("selection:review_call", args=[call.pk])
    for application in applications:
        assert application.organization.display_name in notice.body
    entry = AuditEntry.objects.get(action="selection.member_remind")
    assert entry.actor == staff_user
    assert entry.target_id == seat.pk
    page = client.get(reverse("selection:progress", args=[call.pk])).content.decode()
    assert "最終督促" in page


def test_a_member_with_nothing_left_is_not_reminded(office, staff_user):
    call, users, applications = committee_call(office, members=1, applicants=1)
    score_all(applications[0], users[0], [8] * 6)
    seat = call.committee.get()
    with pytest.raises(ValidationError) as refused:
        proxy.member_remind(call=call, member=seat, by=staff_user, owed={})
    assert "残りがありません" in str(refused.value)
    assert not Notification.objects.filter(kind=MEMBER_REMINDED).exists()


def test_members_own_queue_lists_what_they_still_owe(desk, client):
    _call, users, applications = desk
    client.force_login(users[1])
    page = client.get(reverse("selection:review_queue")).content.decode()
    assert "まだ済んでいない申告・採点" in page
    owed = page.split('id="owed-list"')[1].split("</ul>\n</section>")[0]
    assert "利害関係の申告待ち" in owed and "採点待ち" in owed
    assert applications[0].organization.display_name in owed.split("採点待ち")[-1]
    assert applications[1].organization.display_name in owed.split("採点待ち")[0]


def test_a_member_who_owes_nothing_sees_no_list(office, client):
    _call, users, applications = committee_call(office, members=1, applicants=1)
    score_all(applications[0], users[0], [8] * 6)
    client.force_login(users[0])
    page = client.get(reverse("selection:review_queue")).content.decode()
    assert "まだ済んでいない申告・採点" not in page


def test_owed_by_member_queries_are_bounded(office, django_assert_max_num_queries):
    _call, users, _apps = committee_call(office, members=1, applicants=10)
    other_call, _others, _more = committee_call(office, members=1, applicants=10)
    seat_user = users[0]
    other_call.committee.create(user=seat_user, category="academic")
    with django_assert_max_num_queries(3):
        owed = selectors.owed_by_member(seat_user)
    assert sum(len(item["undeclared"]) for item in owed) == 20


def test_staff_without_the_call_cannot_remind_through_the_service(desk, other_staff_user):
    call, users, _apps = desk
    seat = call.committee.get(user=users[2])
    with pytest.raises(PermissionDenied):
        proxy.member_remind(call=call, member=seat, by=other_staff_user, owed={"undeclared": ["x"]})
    assert not Notification.objects.filter(kind=MEMBER_REMINDED).exists()
