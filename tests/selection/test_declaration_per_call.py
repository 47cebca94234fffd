"""One conflict declaration per committee member per call, covering every applicant, and the
appointment of several members at once (issue: the committee's declarations and appointments)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kyodo_portal.core.errors import PermissionDenied
from kyodo_portal.core.roles import Role
from selection import forms as selection_forms
from selection import permissions as perms
from selection import services
from selection.models import Application, Call, CommitteeMember, ConflictDeclaration, Score
from tests.factories import NpoFactory, member
from tests.selection.support import apply, declare, make_call, score_all, seat, selection_project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def call(office):
    project = selection_project(office, title="子育て広場運営事業")
    return make_call(
        project, status=Call.Status.SCORING, deadline=timezone.now() - datetime.timedelta(days=1)
    )


@pytest.fixture
def applicants(call):
    """Three submitted applications, plus a draft and a withdrawn one nobody declares on."""
    submitted = [apply(call, NpoFactory(name=f"応募団体{n}")) for n in range(1, 4)]
    apply(call, NpoFactory(name="下書きの団体"), status=Application.Status.DRAFT)
    apply(call, NpoFactory(name="取り下げた団体"), status=Application.Status.WITHDRAWN)
    return submitted


def rows_of(call, reviewer) -> dict:
    return {
        d.application_id: (d.has_conflict, d.reason)
        for d in ConflictDeclaration.objects.filter(application__call=call, reviewer=reviewer)
    }


# --- the service -------------------------------------------------------------------------------
def test_one_declaration_writes_a_row_for_every_submitted_application(call, applicants):
    reviewer = seat(call)
    first, second, third = applicants
    services.conflict_declare_for_call(
        call=call, by=reviewer, conflicts={second.pk: " 団体の理事を務めている "}
    )
    assert rows_of(call, reviewer) == {
        first.pk: (False, ""),
        second.pk: (True, "団体の理事を務めている"),
        third.pk: (False, ""),
    }
    second = Application.objects.get(pk=second.pk)
    assert perms.can_score_application(reviewer, second) == (False, str(perms.CONFLICTED))
    assert perms.can_score_application(reviewer, Application.objects.get(pk=first.pk))[0]


def test_a_conflict_without_a_reason_refuses_the_whole_declaration(call, applicants):
    reviewer = seat(call)
    first, second, _third = applicants
    with pytest.raises(ValidationError) as caught:
        services.conflict_declare_for_call(
            call=call, by=reviewer, conflicts={first.pk: "親族が職員", second.pk: "  "}
        )
    assert caught.value.messages == [
        str(services.CONFLICT_REASON_REQUIRED_FOR) % {"applicant": second.organization}
    ]
    assert not ConflictDeclaration.objects.exists()  # all or nothing


def test_a_declared_conflict_stays_and_a_later_conflict_removes_the_scores(call, applicants):
    reviewer = seat(call)
    first, second, third = applicants
    declare(first, reviewer, conflict=True, reason="理事を務めている")
    score_all(second, reviewer, [4, 4, 4, 4, 4])
    # "Nobody" now neither withdraws the conflict with the first nor rewrites it.
    services.conflict_declare_for_call(call=call, by=reviewer, conflicts={})
    assert rows_of(call, reviewer)[first.pk] == (True, "理事を務めている")
    assert rows_of(call, reviewer)[third.pk] == (False, "")
    # A conflict found after scoring: declared for the call, the sheet goes.
    services.conflict_declare_for_call(call=call, by=reviewer, conflicts={second.pk: "気づいた"})
    assert rows_of(call, reviewer)[second.pk] == (True, "気づいた")
    assert not Score.objects.filter(reviewer=reviewer).exists()


def test_only_the_calls_own_submitted_applications_may_be_named(call, applicants, office):
    reviewer = seat(call)
    other_call = make_call(selection_project(office), status=Call.Status.SCORING)
    stranger = apply(other_call, NpoFactory())
    with pytest.raises(ValidationError) as caught:
        services.conflict_declare_for_call(call=call, by=reviewer, conflicts={stranger.pk: "x"})
    assert caught.value.messages == [str(services.NOT_A_SUBMITTED_APPLICATION)]
    assert not ConflictDeclaration.objects.exists()


def test_only_members_declare_and_only_while_scoring(call, applicants, office):
    outsider = member(Role.REVIEWER)
    with pytest.raises(PermissionDenied) as caught:
        services.conflict_declare_for_call(call=call, by=outsider, conflicts={})
    assert str(caught.value) == str(perms.NOT_ON_COMMITTEE)
    open_call = make_call(selection_project(office), status=Call.Status.OPEN)
    reviewer = seat(open_call)
    with pytest.raises(PermissionDenied):
        services.conflict_declare_for_call(call=open_call, by=reviewer, conflicts={})


# --- the page ----------------------------------------------------------------------------------
def test_the_review_page_links_to_the_single_declaration(client, call, applicants):
    reviewer = seat(call)
    client.force_login(reviewer)
    page = client.get(reverse("selection:review_call", args=[call.pk])).content.decode()
    assert reverse("selection:conflict_declare_for_call", args=[call.pk]) in page
    assert "利害関係を申告していない応募が3件あります。" in page


def test_the_page_lists_every_applicant_and_declares_nobody_at_once(client, call, applicants):
    reviewer = seat(call)
    client.force_login(reviewer)
    url = reverse("selection:conflict_declare_for_call", args=[call.pk])
    page = client.get(url).content.decode()
    for application in applicants:
        assert str(application.organization) in page
        assert application.plan not in page  # nothing of the content before declaring
    assert "下書きの団体" not in page and "取り下げた団体" not in page
    response = client.post(url, {"answer": "none"})
    # Straight on to the first sheet to fill in.
    assert response["Location"] == reverse("selection:score", args=[applicants[0].pk])
    assert rows_of(call, reviewer) == {a.pk: (False, "") for a in applicants}
    # The page for one application still answers (links and bookmarks from before).
    one = reverse("selection:conflict_declare", args=[applicants[0].pk])
    assert client.get(one).status_code == 200


def test_a_checked_applicant_without_reason_keeps_what_was_entered(client, call, applicants):
    reviewer = seat(call)
    client.force_login(reviewer)
    first, second, _third = applicants
    url = reverse("selection:conflict_declare_for_call", args=[call.pk])
    response = client.post(
        url,
        {
            "answer": "some",
            f"conflict_{first.pk}": "on",
            f"reason_{first.pk}": "親族が職員として勤めている",
            f"conflict_{second.pk}": "on",
            f"reason_{second.pk}": "",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert str(services.CONFLICT_REASON_REQUIRED_FOR) % {"applicant": second.organization} in page
    assert "親族が職員として勤めている" in page
    assert not ConflictDeclaration.objects.exists()


def test_contradicting_answers_are_refused(client, call, applicants):
    reviewer = seat(call)
    client.force_login(reviewer)
    url = reverse("selection:conflict_declare_for_call", args=[call.pk])
    first = applicants[0]
    response = client.post(
        url, {"answer": "none", f"conflict_{first.pk}": "on", f"reason_{first.pk}": "理事"}
    )
    assert str(selection_forms.NONE_BUT_CHECKED) in response.content.decode()
    response = client.post(url, {"answer": "some"})
    assert str(selection_forms.SOME_BUT_NONE_CHECKED) in response.content.decode()
    assert not ConflictDeclaration.objects.exists()


def test_the_page_shows_what_is_still_undeclared_and_final(client, call, applicants):
    reviewer = seat(call)
    first, second, third = applicants
    declare(first, reviewer, conflict=True, reason="理事を務めている")
    declare(second, reviewer)
    client.force_login(reviewer)
    url = reverse("selection:conflict_declare_for_call", args=[call.pk])
    response = client.get(url)
    undeclared = response.context["undeclared"]
    assert undeclared == [third]
    form = response.context["form"]
    assert [a for a, _d in form.final] == [first]
    assert f"conflict_{first.pk}" not in form.fields  # a conflict cannot be withdrawn


def test_the_declaration_page_needs_the_same_queries_for_many_applicants(
    client, call, django_assert_max_num_queries
):
    reviewer = seat(call)
    for n in range(25):
        apply(call, NpoFactory(name=f"団体{n}"))
    client.force_login(reviewer)
    url = reverse("selection:conflict_declare_for_call", args=[call.pk])
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(20):  # "nobody" for every applicant is one insert
        assert client.post(url, {"answer": "none"}).status_code == 302
    assert ConflictDeclaration.objects.filter(reviewer=reviewer).count() == 25


# --- appointing several at once ----------------------------------------------------------------
def test_several_members_are_appointed_at_once_with_their_categories(
    client, call, staff_user, office
):
    call = make_call(selection_project(office), status=Call.Status.OPEN)
    a, b, c = (member(Role.REVIEWER, name=name) for name in ("青木 一", "井上 二", "上田 三"))
    client.force_login(staff_user)
    url = reverse("selection:committee", args=[call.pk])
    response = client.post(
        url,
        {
            f"appoint_{a.pk}": "on",
            f"category_{a.pk}": CommitteeMember.Category.ACADEMIC,
            f"chair_{a.pk}": "on",
            f"appoint_{b.pk}": "on",
            f"category_{b.pk}": CommitteeMember.Category.CITIZEN,
            f"category_{c.pk}": CommitteeMember.Category.OTHER,  # not chosen: not appointed
        },
    )
    assert response.status_code == 302
    seats = {m.user_id: (m.category, m.is_chair) for m in call.committee.all()}
    assert seats == {
        a.pk: (CommitteeMember.Category.ACADEMIC, True),
        b.pk: (CommitteeMember.Category.CITIZEN, False),
    }
    # The list offers only those not yet on the committee.
    form = client.get(url).context["form"]
    assert f"appoint_{c.pk}" in form.fields
    assert f"appoint_{a.pk}" not in form.fields and f"appoint_{b.pk}" not in form.fields


def test_a_chosen_member_without_category_appoints_nobody(client, staff_user, office):
    call = make_call(selection_project(office), status=Call.Status.OPEN)
    a, b = member(Role.REVIEWER, name="青木 一"), member(Role.REVIEWER, name="井上 二")
    client.force_login(staff_user)
    response = client.post(
        reverse("selection:committee", args=[call.pk]),
        {
            f"appoint_{a.pk}": "on",
            f"category_{a.pk}": CommitteeMember.Category.ACADEMIC,
            f"appoint_{b.pk}": "on",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert str(selection_forms.CATEGORY_MISSING) % {"name": "井上 二"} in page
    assert not call.committee.exists()
    assert response.context["form"][f"appoint_{a.pk}"].value()  # what was chosen stays chosen


def test_the_service_appoints_all_or_none(staff_user, office, npo_user):
    call = make_call(selection_project(office), status=Call.Status.OPEN)
    reviewer = member(Role.REVIEWER)
    with pytest.raises(ValidationError) as caught:
        services.committee_appoint_many(
            call=call,
            by=staff_user,
            appointments=[
                services.Appointment(user=reviewer, category="academic"),
                services.Appointment(user=npo_user, category="citizen"),
            ],
        )
    assert caught.value.messages == [str(services.NOT_A_REVIEWER)]
    assert not call.committee.exists()
