"""Weighted totals, recusal neutrality, tie handling, and a bounded number of queries for a
ranking of 200 applications × 10 criteria × 7 reviewers."""

import datetime
from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kyodo_portal.core.roles import Role
from selection.models import Call, CommitteeMember, ConflictDeclaration, Score
from selection.scoring import compute_ranking, to_decimal
from tests.factories import NpoFactory, UserFactory, member
from tests.selection.support import (
    apply,
    declare,
    make_call,
    score_all,
    seat,
    selection_project,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Dozens of people per test: a fast hasher keeps the suite quick (tests only)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def project(office):
    return selection_project(office, title="子育て広場運営事業")


@pytest.fixture
def third_npo(db):
    return NpoFactory(name="特定非営利活動法人 みどりの広場")


@pytest.fixture
def call(project):
    # Weights 40/60, scale 1–5: total = 40·m1/5 + 60·m2/5.
    return make_call(
        project,
        status=Call.Status.SCORING,
        criteria=[("公益性", 40), ("実現性", 60)],
        deadline=timezone.now() - datetime.timedelta(days=1),
    )


def test_weighted_total_is_the_sum_of_weight_times_mean_over_the_top_of_the_scale(call, npo):
    r1, r2 = seat(call), seat(call)
    application = apply(call, npo)
    score_all(application, r1, [5, 3])
    score_all(application, r2, [4, 4])
    row = compute_ranking(call).row_for(application.pk)
    # means 4.5 and 3.5 → 40·4.5/5 + 60·3.5/5 = 36 + 42 = 78
    assert row.total == Fraction(78)
    assert [stat.mean for stat in row.stats] == [Fraction(9, 2), Fraction(7, 2)]
    assert [stat.spread for stat in row.stats] == [1, 1]
    # each reviewer's own total: r1 = 40 + 36 = 76, r2 = 32 + 48 = 80 → spread 4
    assert sorted(row.reviewer_totals) == [Fraction(76), Fraction(80)]
    assert row.reviewer_spread == Fraction(4)


def test_recusal_neither_helps_nor_hurts(call, npo, other_npo):
    """With a recusal, the total is the others' mean — the same total the application gets
    when the recused member would have scored exactly that mean."""
    r1, r2, r3 = seat(call), seat(call), seat(call)
    application = apply(call, npo)
    declare(application, r1, conflict=True)
    score_all(application, r2, [5, 2])
    score_all(application, r3, [3, 4])
    with_recusal = compute_ranking(call).row_for(application.pk)
    assert with_recusal.recused_reviewers == 1 and with_recusal.eligible_reviewers == 2
    assert with_recusal.total == 40 * Fraction(4) / 5 + 60 * Fraction(3) / 5

    # Same application scored by the two alone, in another call, gives the same total.
    alone = make_call(
        call.project, status=Call.Status.SCORING, criteria=[("公益性", 40), ("実現性", 60)]
    )
    a2, a3 = seat(alone), seat(alone)
    same = apply(alone, other_npo)
    score_all(same, a2, [5, 2])
    score_all(same, a3, [3, 4])
    assert compute_ranking(alone).row_for(same.pk).total == with_recusal.total


def test_a_recused_reviewers_stray_scores_are_never_counted(call, npo):
    r1, r2 = seat(call), seat(call)
    application = apply(call, npo)
    score_all(application, r2, [3, 3])
    # Scores that exist although a conflict is declared (e.g. written before the declaration by
    # a direct database edit) must still be left out of every figure.
    declare(application, r1, conflict=True)
    for criterion in call.criteria.all():
        Score.objects.create(application=application, reviewer=r1, criterion=criterion, value=5)
    row = compute_ranking(call).row_for(application.pk)
    assert row.total == Fraction(60)
    assert [stat.count for stat in row.stats] == [1, 1]


def test_ranking_orders_by_total_and_reports_pending_sheets(call, npo, other_npo, project):
    r1, r2 = seat(call), seat(call)
    low, high = apply(call, npo), apply(call, other_npo)
    score_all(low, r1, [2, 2], comment="")
    score_all(high, r1, [5, 5])
    ranking = compute_ranking(call)
    assert [row.application for row in ranking.rows] == [high, low]
    assert [row.rank for row in ranking.rows] == [1, 2]
    assert ranking.pending == {r1.pk: 0, r2.pk: 2}
    assert not ranking.is_complete


def test_tie_on_total_is_broken_by_the_heavier_criterion(call, npo, other_npo, third_npo):
    reviewer = seat(call)
    a, b = apply(call, npo), apply(call, other_npo)
    # a: 40·5/5 + 60·3/5 = 40 + 36 = 76 ; b: 40·2/5 + 60·... need 76 with more on 実現性
    score_all(a, reviewer, [5, 3])  # 76
    # b: 40·x/5 + 60·y/5 = 76 → 8x + 12y = 76 → x=2, y=5 → 16 + 60 = 76
    score_all(b, reviewer, [2, 5])
    ranking = compute_ranking(call)
    row_a, row_b = ranking.row_for(a.pk), ranking.row_for(b.pk)
    assert row_a.total == row_b.total == 76
    # 実現性 (60) is the heavier criterion: b scored more there, so b ranks first.
    assert (row_b.rank, row_a.rank) == (1, 2)
    assert row_a.tied_on_total and row_b.tied_on_total
    assert not row_a.shares_rank and not row_b.shares_rank


def test_a_full_tie_shares_the_rank(call, npo, other_npo, third_npo):
    reviewer = seat(call)
    a, b, c = apply(call, npo), apply(call, other_npo), apply(call, third_npo)
    score_all(a, reviewer, [4, 4])
    score_all(b, reviewer, [4, 4])
    score_all(c, reviewer, [3, 3])
    ranking = compute_ranking(call)
    assert [ranking.row_for(x.pk).rank for x in (a, b, c)] == [1, 1, 3]
    assert ranking.row_for(a.pk).shares_rank and ranking.row_for(b.pk).shares_rank
    assert {row.application for row in ranking.top} == {a, b}


def test_equal_weights_break_ties_in_published_order(project, npo, other_npo):
    call = make_call(project, status=Call.Status.SCORING, criteria=[("A", 50), ("B", 50)])
    reviewer = seat(call)
    first_strong, second_strong = apply(call, npo), apply(call, other_npo)
    score_all(first_strong, reviewer, [5, 3])
    score_all(second_strong, reviewer, [3, 5])
    ranking = compute_ranking(call)
    assert ranking.row_for(first_strong.pk).rank == 1
    assert ranking.row_for(second_strong.pk).rank == 2


def test_ties_are_exact_not_floating_point(project, npo, other_npo):
    """Thirds that floats would round differently are compared exactly."""
    call = make_call(
        project, status=Call.Status.SCORING, criteria=[("A", 70), ("B", 30)], scale=(1, 3)
    )
    r1, r2, r3 = seat(call), seat(call), seat(call)
    a, b = apply(call, npo), apply(call, other_npo)
    for reviewer, values in ((r1, [1, 3]), (r2, [2, 3]), (r3, [2, 3])):
        score_all(a, reviewer, values, comment="理由")
    for reviewer, values in ((r1, [2, 3]), (r2, [2, 3]), (r3, [1, 3])):
        score_all(b, reviewer, values, comment="理由")
    ranking = compute_ranking(call)
    assert ranking.row_for(a.pk).total == ranking.row_for(b.pk).total
    assert ranking.row_for(a.pk).rank == ranking.row_for(b.pk).rank == 1
    assert to_decimal(ranking.row_for(a.pk).total) == to_decimal(Fraction(7 * 5 * 10, 9) + 30)


def test_withdrawn_and_draft_applications_are_not_ranked(call, npo, other_npo):
    reviewer = seat(call)
    apply(call, npo, status="withdrawn")
    apply(call, other_npo, status="draft")
    assert compute_ranking(call).rows == []
    assert compute_ranking(call).pending == {reviewer.pk: 0}


def _bulk_call(project, applications: int, criteria: int, reviewers: int) -> Call:
    """A large scored call built with bulk inserts."""
    weight = 100 // criteria
    call = make_call(
        project,
        status=Call.Status.SCORING,
        criteria=[(f"基準{i}", weight) for i in range(criteria)],
        total=weight * criteria,
    )
    people = UserFactory.create_batch(reviewers, password="x")
    CommitteeMember.objects.bulk_create(
        CommitteeMember(call=call, user=person, category="academic") for person in people
    )
    npos = NpoFactory.create_batch(applications)
    apps = [apply(call, npo) for npo in npos]
    conflicts = [
        ConflictDeclaration(
            application=apps[i], reviewer=people[i % reviewers], has_conflict=True, reason="役員"
        )
        for i in range(0, applications, 10)
    ]
    ConflictDeclaration.objects.bulk_create(conflicts)
    conflicted = {(c.application_id, c.reviewer_id) for c in conflicts}
    call_criteria = list(call.criteria.all())
    Score.objects.bulk_create(
        Score(
            application=app,
            reviewer=person,
            criterion=criterion,
            value=1 + (app.pk * 7 + person.pk * 3 + criterion.pk) % 5,
            comment="c",
        )
        for app in apps
        for person in people
        if (app.pk, person.pk) not in conflicted
        for criterion in call_criteria
    )
    return call


def _queries_for_ranking(call) -> int:
    call = Call.objects.get(pk=call.pk)
    with CaptureQueriesContext(connection) as context:
        ranking = compute_ranking(call)
        assert all(row.total is not None for row in ranking.rows)
    return len(context.captured_queries)


def test_ranking_query_count_does_not_grow_with_size(project, office):
    small = _bulk_call(project, applications=3, criteria=2, reviewers=2)
    other_project = type(project).objects.create(
        title="大規模",
        owner_office=office,
        fiscal_year_start=2026,
        fiscal_year_end=2026,
        stage=project.stage,
    )
    large = _bulk_call(other_project, applications=200, criteria=10, reviewers=7)
    assert Score.objects.filter(application__call=large).count() == (200 * 7 - 20) * 10
    small_count = _queries_for_ranking(small)
    large_count = _queries_for_ranking(large)
    assert small_count == large_count <= 6
    ranking = compute_ranking(large)
    assert len(ranking.rows) == 200 and ranking.is_complete
    assert sum(row.recused_reviewers for row in ranking.rows) == 20


def test_ranking_and_public_pages_at_200_x_10_x_7(
    client, project, staff_user, django_assert_max_num_queries
):
    """The pages, not only the computation, stay within a fixed number of queries."""
    from django.urls import reverse

    from selection import services

    large = _bulk_call(project, applications=200, criteria=10, reviewers=7)
    client.force_login(staff_user)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("selection:ranking", args=[large.pk]))
    assert response.status_code == 200 and response.content.decode().count("<tr") == 201
    first = compute_ranking(large).rows[0].application
    services.call_decide(call=large, by=staff_user, application=first, reason="最高得点")
    services.call_publish_results(call=large, by=staff_user)
    client.logout()
    with django_assert_max_num_queries(12):
        assert (
            client.get(reverse("selection:public_call_detail", args=[large.pk])).status_code == 200
        )


def test_reviewer_role_exists_for_factories():
    assert member(Role.REVIEWER).memberships.get().role == Role.REVIEWER
