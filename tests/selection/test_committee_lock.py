"""The committee is locked once applications close: a change then needs a reason and is listed
in the call's public history; and the chair's optional approval before results are published."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kyodo_portal.core.errors import PermissionDenied
from kyodo_portal.core.models import AuditEntry
from kyodo_portal.core.roles import Role
from selection import permissions as perms
from selection import services
from selection.models import Call, CommitteeChange, CommitteeMember
from tests.factories import member
from tests.selection.support import apply, make_call, seat, selection_project
from tests.selection.test_services import call_values, criteria_dicts

pytestmark = pytest.mark.django_db

REASON = "委員の1人が応募団体の役員に就任したため、交代していただいた。"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def project(office):
    return selection_project(office, title="子育て広場運営事業")


@pytest.fixture
def open_call(project):
    return make_call(project, status=Call.Status.OPEN)


@pytest.fixture
def closed_call(project):
    """Still 公募中 in status, but the deadline has passed: the applicants are known."""
    return make_call(
        project, status=Call.Status.OPEN, deadline=timezone.now() - datetime.timedelta(hours=1)
    )


@pytest.fixture
def scoring_call(project):
    return make_call(
        project, status=Call.Status.SCORING, deadline=timezone.now() - datetime.timedelta(days=1)
    )


# --- before the deadline nothing changes ------------------------------------------------------
def test_before_the_deadline_members_come_and_go_without_a_reason(open_call, staff_user):
    assert not perms.committee_locked(open_call)
    reviewer = member(Role.REVIEWER)
    seat_row = services.committee_appoint(
        call=open_call, by=staff_user, user=reviewer, category="academic"
    )
    services.committee_remove(member=seat_row, by=staff_user)
    assert not open_call.committee.exists()
    assert not CommitteeChange.objects.exists()


# --- after the deadline: a reason, and the public history ---------------------------------------
@pytest.mark.parametrize("which", ["closed_call", "scoring_call"])
def test_after_the_deadline_a_change_needs_a_reason(request, which, staff_user):
    call = request.getfixturevalue(which)
    assert perms.committee_locked(call)
    reviewer = member(Role.REVIEWER)
    with pytest.raises(ValidationError) as caught:
        services.committee_appoint(call=call, by=staff_user, user=reviewer, category="academic")
    assert caught.value.messages == [str(services.COMMITTEE_CHANGE_REASON_REQUIRED)]
    assert not call.committee.exists()
    sitting = CommitteeMember.objects.get(call=call, user=seat(call))
    with pytest.raises(ValidationError) as caught:
        services.committee_remove(member=sitting, by=staff_user, reason="  ")
    assert caught.value.messages == [str(services.COMMITTEE_CHANGE_REASON_REQUIRED)]
    assert call.committee.filter(pk=sitting.pk).exists()


def test_a_change_after_the_deadline_is_recorded_and_audited(scoring_call, staff_user):
    newcomer = member(Role.REVIEWER)
    leaving = CommitteeMember.objects.get(call=scoring_call, user=seat(scoring_call))
    services.committee_appoint(
        call=scoring_call, by=staff_user, user=newcomer, category="citizen", reason=REASON
    )
    services.committee_remove(member=leaving, by=staff_user, reason=REASON)
    changes = list(scoring_call.committee_changes.all())
    assert [(c.kind, c.category, c.reason, c.changed_by) for c in changes] == [
        (CommitteeChange.Kind.APPOINTED, "citizen", REASON, staff_user),
        (CommitteeChange.Kind.REMOVED, "academic", REASON, staff_user),
    ]
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"selection.committee_appoint", "selection.committee_remove"} <= actions
    # The trail names who and what, never the reason's words.
    assert REASON not in str(list(AuditEntry.objects.values_list("details", flat=True)))


def _change_the_committee_after_the_deadline(call, staff_user) -> None:
    """Two members appointed (one consents to be named) and one removed who had consented."""
    hidden = member(Role.REVIEWER, name="秘匿 太郎")
    named = member(Role.REVIEWER, name="公表 花子")
    leaving_named = CommitteeMember.objects.get(
        call=call, user=seat(call, member(Role.REVIEWER, name="退任 次郎"))
    )
    leaving_named.publish_name = True
    leaving_named.save()
    services.committee_appoint_many(
        call=call,
        by=staff_user,
        appointments=[
            services.Appointment(user=hidden, category="academic"),
            services.Appointment(user=named, category="intermediary"),
        ],
        reason="利害関係の申告により採点できる委員が足りなくなったため",
    )
    CommitteeMember.objects.filter(call=call, user=named).update(publish_name=True)
    services.committee_remove(member=leaving_named, by=staff_user, reason="一身上の都合により辞退")


def test_the_public_page_lists_committee_changes_named_only_with_consent(
    client, scoring_call, staff_user
):
    url = reverse("selection:public_call_detail", args=[scoring_call.pk])
    assert "委員の変更" not in client.get(url).content.decode()  # no change, no history
    _change_the_committee_after_the_deadline(scoring_call, staff_user)
    text = client.get(url).content.decode()
    assert "委員の変更" in text
    assert "利害関係の申告により採点できる委員が足りなくなったため" in text
    assert "一身上の都合により辞退" in text
    assert "公表 花子" in text and "退任 次郎" in text
    assert "秘匿 太郎" not in text
    assert str(CommitteeChange.Kind.REMOVED.label) in text


def test_the_public_api_lists_the_same_changes_named_only_with_consent(
    client, scoring_call, staff_user
):
    url = reverse("api:public-call-detail", args=[scoring_call.pk])
    assert client.get(url).json()["committee"]["changes"] == []
    _change_the_committee_after_the_deadline(scoring_call, staff_user)
    response = client.get(url)
    changes = response.json()["committee"]["changes"]
    assert [
        (c["kind"]["value"], c["category"]["value"], c["name"], c["reason"]) for c in changes
    ] == [
        ("appointed", "academic", None, "利害関係の申告により採点できる委員が足りなくなったため"),
        (
            "appointed",
            "intermediary",
            "公表 花子",
            "利害関係の申告により採点できる委員が足りなくなったため",
        ),
        ("removed", "academic", "退任 次郎", "一身上の都合により辞退"),
    ]
    assert changes[2]["kind"]["label"] == str(CommitteeChange.Kind.REMOVED.label)
    assert changes[0]["changed_at"].endswith("+09:00")
    assert "秘匿" not in response.content.decode()


# --- the committee page ------------------------------------------------------------------------
def test_the_committee_page_asks_for_the_reason_only_after_the_deadline(
    client, open_call, closed_call, staff_user
):
    client.force_login(staff_user)
    reviewer = member(Role.REVIEWER)
    before = client.get(reverse("selection:committee", args=[open_call.pk]))
    assert "reason" not in before.context["form"].fields
    after = client.get(reverse("selection:committee", args=[closed_call.pk]))
    assert "reason" in after.context["form"].fields
    response = client.post(
        reverse("selection:committee", args=[closed_call.pk]),
        {f"appoint_{reviewer.pk}": "on", f"category_{reviewer.pk}": "academic"},
    )
    assert response.status_code == 400
    assert str(services.COMMITTEE_CHANGE_REASON_REQUIRED) in response.content.decode()
    assert not closed_call.committee.exists()
    response = client.post(
        reverse("selection:committee", args=[closed_call.pk]),
        {f"appoint_{reviewer.pk}": "on", f"category_{reviewer.pk}": "academic", "reason": REASON},
    )
    assert response.status_code == 302
    assert closed_call.committee_changes.get().reason == REASON


def test_removing_after_the_deadline_without_reason_keeps_the_member(
    client, closed_call, staff_user
):
    sitting = CommitteeMember.objects.get(call=closed_call, user=seat(closed_call))
    client.force_login(staff_user)
    url = reverse("selection:committee_remove", args=[closed_call.pk, sitting.pk])
    response = client.post(url, {f"remove-{sitting.pk}-reason": ""})
    assert response.status_code == 400
    assert str(services.COMMITTEE_CHANGE_REASON_REQUIRED) in response.content.decode()
    assert CommitteeMember.objects.filter(pk=sitting.pk).exists()
    response = client.post(url, {f"remove-{sitting.pk}-reason": REASON})
    assert response.status_code == 302
    assert not CommitteeMember.objects.filter(pk=sitting.pk).exists()
    assert closed_call.committee_changes.get().kind == CommitteeChange.Kind.REMOVED


# --- the chair's approval ----------------------------------------------------------------------
@pytest.fixture
def decided_call(project, npo):
    call = make_call(
        project,
        status=Call.Status.DECIDED,
        deadline=timezone.now() - datetime.timedelta(days=3),
        requires_chair_signoff=True,
        decision_reason="実績と計画の具体性を評価した。",
        decided_at=timezone.now(),
    )
    apply(call, npo)
    return call


def test_results_wait_for_the_chairs_approval_when_the_call_asks_for_it(
    client, decided_call, staff_user
):
    chair = seat(decided_call, is_chair=True)
    other = seat(decided_call)
    with pytest.raises(ValidationError) as caught:
        services.call_publish_results(call=decided_call, by=staff_user)
    assert caught.value.messages == [str(services.CHAIR_SIGNOFF_REQUIRED)]
    assert Call.objects.get(pk=decided_call.pk).status == Call.Status.DECIDED
    # Another member may not approve; the chair does, once, from their review page.
    with pytest.raises(PermissionDenied) as caught:
        services.results_sign_off(call=decided_call, by=other)
    assert str(caught.value) == str(perms.NOT_CHAIR)
    client.force_login(chair)
    review = client.get(reverse("selection:review_call", args=[decided_call.pk]))
    assert "審査結果を承認する" in review.content.decode()
    response = client.post(reverse("selection:results_sign_off", args=[decided_call.pk]))
    assert response.status_code == 302
    decided_call.refresh_from_db()
    assert decided_call.chair_signed_off_by == chair
    assert decided_call.chair_signed_off_at is not None
    assert AuditEntry.objects.filter(action="selection.results_sign_off").exists()
    assert perms.can_sign_off_results(chair, decided_call) == (
        False,
        str(perms.ALREADY_SIGNED_OFF),
    )
    services.call_publish_results(call=decided_call, by=staff_user)
    assert Call.objects.get(pk=decided_call.pk).status == Call.Status.PUBLISHED


def test_without_the_option_there_is_nothing_to_approve(project, staff_user):
    call = make_call(project, status=Call.Status.DECIDED, decided_at=timezone.now())
    chair = seat(call, is_chair=True)
    assert perms.can_sign_off_results(chair, call) == (False, str(perms.SIGNOFF_NOT_REQUIRED))
    services.call_publish_results(call=call, by=staff_user)  # published as before
    assert Call.objects.get(pk=call.pk).status == Call.Status.PUBLISHED


def test_the_office_page_says_the_results_wait_for_the_chair(client, decided_call, staff_user):
    seat(decided_call, is_chair=True)
    client.force_login(staff_user)
    response = client.post(reverse("selection:publish_results", args=[decided_call.pk]))
    page = client.get(response["Location"]).content.decode()
    assert str(services.CHAIR_SIGNOFF_REQUIRED) in page
    assert "委員長の承認待ちです。" in page


def test_scoring_needs_a_chair_when_the_call_asks_for_approval(project, staff_user):
    call = make_call(
        project,
        status=Call.Status.OPEN,
        deadline=timezone.now() - datetime.timedelta(hours=1),
        requires_chair_signoff=True,
    )
    seat(call)
    with pytest.raises(ValidationError) as caught:
        services.call_start_scoring(call=call, by=staff_user)
    assert caught.value.messages == [str(services.CHAIR_NEEDED_TO_SCORE)]
    CommitteeMember.objects.filter(call=call).update(is_chair=True)
    services.call_start_scoring(call=call, by=staff_user)
    assert Call.objects.get(pk=call.pk).status == Call.Status.SCORING


def test_the_office_chooses_the_approval_when_drafting(client, project, staff_user):
    call = services.call_create(
        project=project,
        by=staff_user,
        values={**call_values(), "requires_chair_signoff": True},
        criteria=criteria_dicts(),
    )
    assert call.requires_chair_signoff
    client.force_login(staff_user)
    form = client.get(reverse("selection:call_edit", args=[call.pk])).context["form"]
    assert "requires_chair_signoff" in form.fields


def test_the_admin_shows_committee_changes_but_changes_none(client, scoring_call, staff_user):
    from tests.factories import UserFactory

    _change_the_committee_after_the_deadline(scoring_call, staff_user)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    listing = client.get(reverse("admin:selection_committeechange_changelist"))
    assert listing.status_code == 200
    assert listing.context["cl"].result_count == 3
    change = CommitteeChange.objects.filter(kind=CommitteeChange.Kind.REMOVED).get()
    page = client.get(reverse("admin:selection_committeechange_change", args=[change.pk]))
    assert page.status_code == 200 and "一身上の都合により辞退" in page.content.decode()
    # Made and recorded only through the committee page: no adding, editing or deleting here.
    assert client.get(reverse("admin:selection_committeechange_add")).status_code == 403
    assert (
        client.get(reverse("admin:selection_committeechange_delete", args=[change.pk])).status_code
        == 403
    )
    client.post(
        reverse("admin:selection_committeechange_change", args=[change.pk]), {"reason": "書換え"}
    )
    change.refresh_from_db()
    assert change.reason == "一身上の都合により辞退"
