"""The demo projects: every stage, several methods and offices, versions, proposals; idempotent."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from projects.choices import Stage
from projects.models import (
    AgreementConfirmation,
    AgreementVersion,
    ImplementationNote,
    Project,
    ProjectEvent,
    Proposal,
    ProposalComment,
)


def snapshot():
    return {
        "projects": sorted(
            Project.objects.values_list("title", "owner_office__name", "stage", "method")
        ),
        "events": ProjectEvent.objects.count(),
        "versions": sorted(
            AgreementVersion.objects.values_list("agreement__project__title", "number")
        ),
        "confirmations": AgreementConfirmation.objects.count(),
        "notes": ImplementationNote.objects.count(),
        "proposals": sorted(Proposal.objects.values_list("title", "status")),
        "comments": ProposalComment.objects.count(),
    }


@pytest.fixture
def seeded(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", stdout=io.StringIO())


def test_seed_demo_twice_gives_the_same_projects(seeded):
    first = snapshot()
    call_command("seed_demo", stdout=io.StringIO())
    assert snapshot() == first


def test_demo_covers_every_stage_methods_offices_and_versions(seeded):
    stages = set(Project.objects.values_list("stage", flat=True))
    assert stages == set(Stage.values)
    assert len(set(Project.objects.exclude(method="").values_list("method", flat=True))) >= 5
    assert Project.objects.values("owner_office").distinct().count() >= 3
    assert Project.objects.filter(predecessor__isnull=False).exists()
    assert Project.objects.filter(stage=Stage.ENDED).exclude(end_outcome="").exists()
    assert AgreementVersion.objects.filter(number__gte=3).exists()
    assert set(Proposal.objects.values_list("status", flat=True)) == {
        "draft",
        "submitted",
        "adopted",
        "declined",
    }
    adopted = Proposal.objects.get(status="adopted")
    assert adopted.project.stage == Stage.SUITABILITY
    assert adopted.project.origin == "npo_proposal"
    assert adopted.project.content == adopted.idea and adopted.project.purpose == adopted.purpose
    drafted = AgreementVersion.objects.get(agreement__project=adopted.project).roles.all()
    assert {(line.side, line.task) for line in drafted} >= {
        ("government", "集会所の確保"),
        ("npo", "サロンの企画と運営"),
        ("joint", "参加者の声を聞く振り返り会"),
    }


def test_demo_people_see_a_living_portal(seeded, client):
    from partners.models import User

    client.force_login(User.objects.get(username="npo"))
    home = client.get(reverse("home")).content.decode()
    assert "乳幼児親子の防災講座" in home  # an agreement version awaiting the NPO
    client.force_login(User.objects.get(username="staff"))
    listing = client.get(reverse("projects:project_list"))
    assert listing.context["page"].paginator.count >= 6
    # Each body's manager reads every project of their body, and another body's none of them.
    manager_of = {"埼玉県": "manager", "さいたま市": "city_manager", "川越市": "kawagoe_manager"}
    managers = {body: User.objects.get(username=name) for body, name in manager_of.items()}
    for project in Project.objects.select_related("owner_office__body"):
        own = project.owner_office.body.name
        client.force_login(managers[own])
        assert client.get(project.get_absolute_url()).status_code == 200
        other = next(body for body in managers if body != own)
        client.force_login(managers[other])
        assert client.get(project.get_absolute_url()).status_code == 404
