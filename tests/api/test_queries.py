"""Bounded SQL queries per request: the same ceiling at a small and a larger data size, for
every list and for the CSV files."""

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from evaluation import services as evaluation_services
from evaluation.models import EvaluationRound, RoundKind
from projects.choices import Method, ProposalStatus, Stage
from projects.models import Proposal
from selection.models import Call, Designation
from tests.api.conftest import sheet_answers
from tests.factories import NpoFactory, ProjectFactory, add_partner
from tests.selection.support import apply, make_call

pytestmark = pytest.mark.django_db


def grow(office, npo, staff_user, npo_user, n: int) -> None:
    """n more of everything the lists show."""
    for i in range(n):
        other = NpoFactory()
        project = ProjectFactory(
            owner_office=office, stage=Stage.PARTNER_SELECTION, method=Method.COMMISSION
        )
        add_partner(project, npo)
        add_partner(project, other)
        call = make_call(project, status=Call.Status.PUBLISHED, decision_reason=f"理由{i}")
        call.chosen_application = apply(call, other)
        call.decided_at = call.results_published_at = timezone.now()
        call.save()
        Designation.objects.create(
            project=project, organization=other, route="designated", justification=f"理由{i}"
        )
        Proposal.objects.create(
            organization=npo,
            addressed_office=office,
            title=f"提案{i}",
            issue="課題",
            idea="案",
            status=ProposalStatus.SUBMITTED,
            submitted_at=timezone.now(),
        )
        apply(make_call(ProjectFactory(owner_office=office), status=Call.Status.OPEN), npo)
        closed = ProjectFactory(owner_office=office, stage=Stage.EVALUATION, method=Method.SUBSIDY)
        add_partner(closed, npo)
        for organization, person in ((office, staff_user), (npo, npo_user)):
            evaluation_services.evaluation_save(
                project=closed,
                kind=RoundKind.FINAL,
                organization=organization,
                by=person,
                answers=sheet_answers(4),
                submit=True,
            )
        round_ = EvaluationRound.objects.get(project=closed)
        EvaluationRound.objects.filter(pk=round_.pk).update(
            exchange_recorded_at=timezone.now(), conclusions="結論", published_at=timezone.now()
        )
        closed.stage = Stage.CLOSED
        closed.save()


# (caller, URL name, arguments, most queries allowed) — measured, and held at both sizes.
ENDPOINTS = [
    ("anonymous", "api:public-call-list", [], 4),
    ("anonymous", "api:public-result-list", [], 3),
    ("anonymous", "api:public-designation-list", [], 3),
    ("anonymous", "api:public-evaluation-list", [], 4),
    ("anonymous", "api:public-case-list", [], 2),
    ("anonymous", "api:public-statistics", [], 5),
    ("anonymous", "api:open_data", [], 9),  # one freshness query per dataset
    ("staff", "api:project-list", [], 5),
    ("npo", "api:project-list", [], 5),
    ("npo", "api:proposal-list", [], 4),
    ("staff", "api:proposal-list", [], 4),
    ("npo", "api:application-list", [], 5),
    ("anonymous", "api:open_data_csv", ["cases"], 3),
    ("anonymous", "api:open_data_csv", ["calls"], 2),
    ("anonymous", "api:open_data_csv", ["call-criteria"], 2),
    ("anonymous", "api:open_data_csv", ["selection-results"], 2),
    # Freshness, the published calls, then their rankings together (six queries, not six a call).
    ("anonymous", "api:open_data_csv", ["selection-rankings"], 8),
    ("anonymous", "api:open_data_csv", ["designations"], 2),
    ("anonymous", "api:open_data_csv", ["evaluation-summaries"], 3),
    ("anonymous", "api:open_data_csv", ["evaluation-scores"], 2),
    ("anonymous", "api:open_data_csv", ["project-statistics"], 5),
]


def _client(people, role):
    client = APIClient()
    if people[role] is not None:
        key = Token.objects.get_or_create(user=people[role])[0].key
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.mark.parametrize(("role", "name", "args", "ceiling"), ENDPOINTS)
def test_queries_do_not_grow_with_the_data(
    role, name, args, ceiling, people, office, npo, staff_user, npo_user,
    django_assert_max_num_queries,
):  # fmt: skip
    client = _client(people, role)
    url = reverse(name, args=args)
    for size in (2, 12):
        grow(office, npo, staff_user, npo_user, size if size == 2 else size - 2)
        with django_assert_max_num_queries(ceiling):
            response = client.get(url, {"page_size": 100})
            if response.streaming:
                b"".join(response.streaming_content)
        assert response.status_code == 200


def test_details_are_bounded_too(world, people, django_assert_max_num_queries):
    anonymous = _client(people, "anonymous")
    with django_assert_max_num_queries(16):
        assert (
            anonymous.get(reverse("api:public-call-detail", args=[world.call.pk])).status_code
            == 200
        )
    with django_assert_max_num_queries(8):
        url = reverse("api:public-evaluation-detail", args=[world.published_round.pk])
        assert anonymous.get(url).status_code == 200
    staff = _client(people, "staff")
    with django_assert_max_num_queries(9):
        assert staff.get(reverse("api:project-detail", args=[world.active.pk])).status_code == 200
