"""The selection demo: a call in each state, with applications, a recusal and scores; stable."""

import io

import pytest
from django.core.management import call_command

from projects.choices import Stage
from projects.models import ProjectPartner
from selection.models import (
    Application,
    Call,
    CallRevision,
    CommitteeMember,
    ConflictDeclaration,
    Designation,
    Score,
)
from selection.scoring import compute_ranking

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def snapshot():
    return {
        "calls": sorted(
            Call.objects.values_list(
                "title",
                "status",
                "revision",
                "application_deadline",
                "chosen_application__organization__name",
                "decision_reason",
            )
        ),
        "revisions": sorted(CallRevision.objects.values_list("call__title", "number", "notice")),
        "applications": sorted(
            Application.objects.values_list(
                "call__title", "organization__name", "status", "submitted_at"
            )
        ),
        "committee": sorted(
            CommitteeMember.objects.values_list(
                "call__title", "user__username", "category", "publish_name"
            )
        ),
        "declarations": sorted(
            ConflictDeclaration.objects.values_list(
                "application__pk", "reviewer__username", "has_conflict"
            )
        ),
        "scores": sorted(
            Score.objects.values_list(
                "application__pk", "reviewer__username", "criterion__position", "value"
            )
        ),
        "designations": sorted(
            Designation.objects.values_list("project__title", "organization__name")
        ),
        "partners": sorted(
            ProjectPartner.objects.values_list(
                "project__title", "organization__name", "status", "via"
            )
        ),
    }


def test_seed_demo_twice_gives_the_same_selection_data():
    call_command("seed_demo", stdout=io.StringIO())
    first = snapshot()
    call_command("seed_demo", stdout=io.StringIO())
    assert snapshot() == first


def test_demo_has_a_call_in_each_state_with_applications_a_recusal_and_scores():
    call_command("seed_demo", stdout=io.StringIO())
    statuses = set(Call.objects.values_list("status", flat=True))
    assert statuses == {"draft", "open", "scoring", "decided", "published"}
    assert ConflictDeclaration.objects.filter(has_conflict=True).count() >= 2
    scoring = Call.objects.get(status="scoring")
    ranking = compute_ranking(scoring)
    assert len(ranking.rows) == 3 and not ranking.is_complete  # the demo reviewer has work
    published = Call.objects.get(status="published")
    ranking = compute_ranking(published)
    assert ranking.is_complete and ranking.rows[0].application == published.chosen_application
    assert published.project.stage == Stage.AGREEMENT
    decided = Call.objects.get(status="decided")
    assert decided.project.stage == Stage.AGREEMENT
    assert Call.objects.get(status="open").revisions.count() == 2
    designation = Designation.objects.get()
    assert designation.project.project_partners.get().via == "designated"
