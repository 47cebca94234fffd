"""A person downloads their own data, an NPO member their organisation's (JSON)."""

import json

import pytest
from django.urls import reverse

from kyodo_portal import data_export
from kyodo_portal.core.models import AuditEntry, Notification
from projects.models import ProposalComment

pytestmark = pytest.mark.django_db


def download(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="kyodo-portal-')
    assert response["Cache-Control"] == "no-store"
    return json.loads(response.content)


def test_a_person_downloads_what_the_portal_holds_about_them(client, world, npo_user, staff_user):
    Notification.objects.create(recipient=npo_user, title="提出のお願い")
    Notification.objects.create(recipient=staff_user, title="他人あてのお知らせ")
    world.proposal_draft.created_by = npo_user
    world.proposal_draft.save()
    AuditEntry.objects.create(actor=npo_user, actor_name="田中 直子", action="proposal.submit")
    data = download(client, npo_user, reverse("personal_data"))

    assert data["kind"] == "personal"
    assert data["profile"]["username"] == npo_user.username
    assert "password" not in data["profile"]
    assert [m["organization_id"] for m in data["memberships"]] == [
        world.application.organization_id
    ]
    # The world's changes also told the person of events (kind set); the plain notices are theirs
    # alone, and every notice exported is addressed to them.
    assert [n["title"] for n in data["notifications"] if not n["kind"]] == ["提出のお願い"]
    assert {n["recipient_id"] for n in data["notifications"]} == {npo_user.pk}
    assert [p["title"] for p in data["proposals"]] == ["PROPOSAL-DRAFT-SECRET"]
    assert "proposal.submit" in [a["action"] for a in data["audit_entries"]]
    assert {a["actor_id"] for a in data["audit_entries"]} == {npo_user.pk}
    assert {e["id"] for e in data["evaluations"]} == {
        s.pk for s in world.published_round.sheets.filter(submitted_by=npo_user)
    }


def test_a_reviewer_gets_their_scores_and_declarations_and_no_one_elses(
    client, world, reviewer_user
):
    data = download(client, reviewer_user, reverse("personal_data"))
    assert data["scores"] and {s["reviewer_id"] for s in data["scores"]} == {reviewer_user.pk}
    assert {d["reviewer_id"] for d in data["conflict_declarations"]} == {reviewer_user.pk}
    assert [c["user_id"] for c in data["committee_seats"]] == [reviewer_user.pk]


def test_an_npo_member_downloads_the_organisations_records(client, world, npo, npo_user):
    ProposalComment.objects.create(
        proposal=world.proposal_submitted, body="ご提案ありがとうございます"
    )
    data = download(client, npo_user, reverse("organization_data", args=[npo.pk]))

    assert data["kind"] == "organization"
    assert data["profile"]["name"] == npo.name
    assert data["profile"]["email"] == npo.email  # its own contact details, to its own member
    assert {p["title"] for p in data["proposals"]} == {
        "PROPOSAL-DRAFT-SECRET",
        "提出済みの協働提案",
    }
    assert {a["id"] for a in data["applications"]} == {
        world.application.pk,
        world.draft_application.pk,
    }
    assert {p["id"] for p in data["projects"]} == {
        world.active.pk,
        world.closed.pk,
        world.sealed_project.pk,
    }
    assert data["agreement_versions"][0]["costs"][0]["amount"] == 1_200_000
    # Only the NPO's own side of the evaluations: the office's sheets are not the NPO's.
    assert {e["organization_id"] for e in data["evaluations"]} == {npo.pk}
    assert data["evaluation_answers"]
    assert {m["user_id"] for m in data["members"]} == {npo_user.pk}


def test_the_other_side_and_reviewers_private_words_stay_out_of_the_npo_file(world, npo, npo_user):
    text = data_export.as_json(data_export.organization_data(npo, npo_user))
    assert "REVIEWER-COMMENT-SECRET" not in text  # reviewers' comments on its application
    assert "SEALED-SECRET" not in text  # the office's sheet still sealed
    assert "OTHER-PLAN-SECRET" not in text  # the other applicant's plan


@pytest.mark.parametrize("role", ["staff", "other_staff", "other_npo", "reviewer", "manager"])
def test_only_members_download_an_organisations_data(client, world, npo, people, role):
    client.force_login(people[role])
    assert client.get(reverse("organization_data", args=[npo.pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, npo):
    for url in (reverse("personal_data"), reverse("organization_data", args=[npo.pk])):
        assert client.get(url).status_code == 302


def test_the_pages_offer_the_downloads(client, world, npo, npo_user, other_npo_user):
    client.force_login(npo_user)
    assert reverse("personal_data") in client.get(reverse("partners:profile")).content.decode()
    detail = reverse("partners:organization_detail", args=[npo.pk])
    assert reverse("organization_data", args=[npo.pk]) in client.get(detail).content.decode()
    client.force_login(other_npo_user)
    assert reverse("organization_data", args=[npo.pk]) not in client.get(detail).content.decode()


def test_the_downloads_stay_within_a_fixed_number_of_queries(
    client, world, npo, npo_user, django_assert_max_num_queries
):
    client.force_login(npo_user)
    with django_assert_max_num_queries(30):
        client.get(reverse("personal_data"))
    with django_assert_max_num_queries(30):
        client.get(reverse("organization_data", args=[npo.pk]))
