"""The third party's comment: only managers give it, so the owner office's staff are told who can,
and may ask them for it; the managers are told, and the staff who asked hear when it is given."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from evaluation import services
from evaluation.models import EvaluationRound, ThirdPartyRequest
from evaluation.notices import THIRD_PARTY_GIVEN, THIRD_PARTY_REQUESTED
from evaluation.permissions import (
    NOT_OWNER_STAFF,
    SEALED,
    THIRD_PARTY_ALREADY_GIVEN,
    THIRD_PARTY_ALREADY_REQUESTED,
    THIRD_PARTY_BY_MANAGERS,
    can_request_third_party_comment,
)
from evaluation.services import PermissionDenied
from kyodo_portal.core import events
from kyodo_portal.core.models import Notification
from kyodo_portal.core.roles import Role
from tests.evaluation.helpers import fill
from tests.factories import OfficeFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def unsealed(project, office, npo, staff_user, npo_user):
    fill(project, office, staff_user)
    fill(project, npo, npo_user)
    return EvaluationRound.objects.select_related("project").get()


def test_the_notice_kinds_are_registered():
    assert events.kind_for(THIRD_PARTY_REQUESTED).mandatory
    assert not events.kind_for(THIRD_PARTY_GIVEN).mandatory


def test_only_the_owner_office_staff_may_ask(unsealed, staff_user, npo_user, manager_user):
    assert can_request_third_party_comment(staff_user, unsealed) == (True, "")
    assert can_request_third_party_comment(npo_user, unsealed) == (False, str(NOT_OWNER_STAFF))
    assert can_request_third_party_comment(manager_user, unsealed)[0] is False
    assert can_request_third_party_comment(AnonymousUser(), unsealed)[0] is False


def test_not_while_sealed(project, office, staff_user):
    fill(project, office, staff_user)
    round_ = EvaluationRound.objects.select_related("project").get()
    assert can_request_third_party_comment(staff_user, round_) == (False, str(SEALED))


def test_not_twice_and_not_once_given(unsealed, staff_user, manager_user):
    services.third_party_comment_request(round_=unsealed, by=staff_user, message="")
    with pytest.raises(PermissionDenied) as error:
        services.third_party_comment_request(round_=unsealed, by=staff_user, message="")
    assert str(error.value) == str(THIRD_PARTY_ALREADY_REQUESTED)
    services.third_party_comment_save(
        round_=unsealed, by=manager_user, name="協働推進委員会", comment="費用分担の検証を"
    )
    unsealed.refresh_from_db()
    assert can_request_third_party_comment(staff_user, unsealed) == (
        False,
        str(THIRD_PARTY_ALREADY_GIVEN),
    )


def test_the_request_tells_the_managers_and_the_answer_tells_the_staff(
    unsealed, office, staff_user, manager_user
):
    other_office_manager = member(Role.MANAGER, OfficeFactory())
    request = services.third_party_comment_request(
        round_=unsealed, by=staff_user, message="委員会の意見をいただきたい"
    )
    assert request.requested_by == staff_user and request.answered_at is None
    asked = Notification.objects.get(kind=THIRD_PARTY_REQUESTED)
    assert asked.recipient == manager_user
    assert "委員会の意見をいただきたい" in asked.body
    assert asked.url == reverse("evaluation:exchange", args=[unsealed.pk]) + "#third-party"
    assert not Notification.objects.filter(recipient=other_office_manager).exists()

    services.third_party_comment_save(
        round_=unsealed, by=manager_user, name="協働推進委員会", comment="費用分担の検証を"
    )
    request.refresh_from_db()
    assert request.answered_at is not None
    given = Notification.objects.get(kind=THIRD_PARTY_GIVEN)
    assert given.recipient == staff_user


def test_the_page_says_who_gives_it_and_lets_staff_ask(client, unsealed, staff_user, npo_user):
    url = reverse("evaluation:exchange", args=[unsealed.pk])
    client.force_login(npo_user)
    page = client.get(url).content.decode()
    assert str(THIRD_PARTY_BY_MANAGERS) in page
    assert reverse("evaluation:third_party_request", args=[unsealed.pk]) not in page

    client.force_login(staff_user)
    page = client.get(url).content.decode()
    assert str(THIRD_PARTY_BY_MANAGERS) in page
    ask = reverse("evaluation:third_party_request", args=[unsealed.pk])
    assert ask in page
    response = client.post(ask, {"message": "次の企画の前に"})
    assert response.status_code == 302
    assert ThirdPartyRequest.objects.get().message == "次の企画の前に"
    page = client.get(url).content.decode()
    assert "data-third-party-requested" in page and ask not in page


def test_a_refused_request_keeps_the_message(client, unsealed, staff_user, npo_user):
    services.third_party_comment_request(round_=unsealed, by=staff_user, message="")
    client.force_login(staff_user)
    response = client.post(
        reverse("evaluation:third_party_request", args=[unsealed.pk]), {"message": "二度目"}
    )
    assert response.status_code == 403
    assert str(THIRD_PARTY_ALREADY_REQUESTED) in response.content.decode()
    assert ThirdPartyRequest.objects.count() == 1
    client.force_login(npo_user)
    response = client.post(
        reverse("evaluation:third_party_request", args=[unsealed.pk]), {"message": "x"}
    )
    assert response.status_code in (403, 404)
    assert ThirdPartyRequest.objects.count() == 1
