"""Pages a person comes back to for years stay one size: an NPO's applications a page at a
time, with the open calls it may still apply to (closing soonest, linked to all of them), and
the committees a reviewer has sat on, a page at a time."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from selection.models import Call
from tests.selection.support import make_call, selection_project

pytestmark = pytest.mark.django_db


def test_an_npo_pages_through_its_applications_and_sees_the_calls_it_can_still_apply_to(
    client, office, npo, npo_user, monkeypatch
):
    from selection.views import applications as application_views
    from tests.selection.support import apply

    monkeypatch.setattr(application_views, "APPLICATIONS_PAGE", 2)
    monkeypatch.setattr(application_views, "OPEN_CALLS_SHOWN", 2)
    soon = timezone.now() + datetime.timedelta(days=3)
    calls = [
        make_call(
            selection_project(office, title=f"募集中の事業{n}"),
            status=Call.Status.OPEN,
            title=f"募集中の公募{n}",
            deadline=soon + datetime.timedelta(days=n),
        )
        for n in range(5)
    ]
    for call in calls[:3]:
        apply(call, npo)  # applied to the three closing soonest
    client.force_login(npo_user)
    response = client.get(reverse("selection:my_applications"))
    html = response.content.decode()
    assert len(response.context["page"].object_list) == 2
    assert "新しい順、全3件" in html and 'aria-label="ページ送り"' in html
    assert [c.title for c in response.context["open_calls"]] == ["募集中の公募3", "募集中の公募4"]
    assert "締切の近いものから" not in html  # both shown: no link to more
    monkeypatch.setattr(application_views, "OPEN_CALLS_SHOWN", 1)
    html = client.get(reverse("selection:my_applications")).content.decode()
    assert "締切の近いものから1件を表示しています（全2件）。" in html
    assert f'href="{reverse("selection:public_call_group", args=["open"])}"' in html
    second = client.get(reverse("selection:my_applications"), {"page": 2})
    assert len(second.context["page"].object_list) == 1


def test_a_member_of_two_npos_still_sees_a_call_only_one_of_them_applied_to(
    client, office, npo, other_npo, npo_user
):
    from kyodo_portal.core.roles import Role
    from tests.factories import MembershipFactory
    from tests.selection.support import apply

    MembershipFactory(user=npo_user, organization=other_npo, role=Role.NPO)
    call = make_call(selection_project(office), status=Call.Status.OPEN, title="二団体の公募")
    apply(call, npo)
    client.force_login(npo_user)
    listed = client.get(reverse("selection:my_applications")).context["open_calls"]
    assert [c.title for c in listed] == ["二団体の公募"]
    apply(call, other_npo)
    assert list(client.get(reverse("selection:my_applications")).context["open_calls"]) == []


def test_a_reviewer_pages_through_the_committees_they_sat_on(client, office, monkeypatch):
    from kyodo_portal.core.roles import Role
    from selection.views import review as review_views
    from tests.factories import member
    from tests.selection.support import seat

    monkeypatch.setattr(review_views, "SEATS_PAGE", 2)
    reviewer = member(Role.REVIEWER)
    titles = []
    for n in range(3):
        call = make_call(
            selection_project(office, title=f"委員の事業{n}"),
            status=Call.Status.PUBLISHED,
            title=f"委員を務めた公募{n}",
            deadline=timezone.now() - datetime.timedelta(days=60 - n),
        )
        seat(call, reviewer)
        titles.append(call.title)
    client.force_login(reviewer)
    seen = []
    for number in (1, 2):
        response = client.get(reverse("selection:review_queue"), {"page": number})
        seen += [s.call.title for s in response.context["page"].object_list]
        assert "委嘱されている公募の一覧（全3件）" in response.content.decode()
    assert seen == titles[::-1]  # the latest deadline first
