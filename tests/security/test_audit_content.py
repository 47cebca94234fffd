"""The audit trail records who did what to which object and keeps no content: its readers (the
managers) may not open a draft proposal, a draft application or a sealed sheet, so neither may the
trail show them a title, a reason, an amount or a comment."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from kyodo_portal.core.audit import audit_details
from kyodo_portal.core.models import AuditEntry
from projects import services as project_services
from projects.models import Proposal

pytestmark = pytest.mark.django_db

DRAFT = {
    "addressed_office": None,
    "title": "下書きの題名-CONTENT",
    "issue": "地域の課題-CONTENT",
    "idea": "事業のアイデア-CONTENT",
    "rough_budget": 7_654_321,
}


def _draft_values(office) -> dict:
    return {**DRAFT, "addressed_office": office}


def test_a_draft_proposal_leaves_no_content_in_the_trail(
    client, office, npo, npo_user, manager_user
):
    proposal = project_services.proposal_create(
        by=npo_user, organization=npo, values=_draft_values(office)
    )
    project_services.proposal_update(
        proposal=proposal,
        by=npo_user,
        values={**_draft_values(office), "idea": "書き直したアイデア-CONTENT"},
        version=proposal.version,
    )
    entries = AuditEntry.objects.filter(action__startswith="project.proposal_")
    assert {e.action for e in entries} == {"project.proposal_create", "project.proposal_update"}
    stored = " ".join(f"{e.target_repr} {e.details}" for e in entries)
    assert "CONTENT" not in stored and "7654321" not in stored
    created = entries.get(action="project.proposal_create")
    assert created.target_repr == f"協働提案 #{proposal.pk}"
    # What changed is still there: which fields were given, on which organisation.
    assert set(created.details["values"]["fields"]) == set(DRAFT)
    assert created.details["organization"] == {"type": "partners.organization", "id": npo.pk}

    # The manager cannot open the draft, and the trail does not show it either.
    client.force_login(manager_user)
    assert client.get(reverse("projects:proposal_detail", args=[proposal.pk])).status_code == 404
    html = client.get(reverse("audit_trail"), {"action": "project.proposal"}).content.decode()
    assert "project.proposal_create" in html and f"#{proposal.pk}" in html
    assert "CONTENT" not in html and "7,654,321" not in html and "7654321" not in html


def test_free_text_and_amounts_are_recorded_by_name_and_codes_by_value():
    details = audit_details(
        {
            "to": "suitability",
            "version": 3,
            "comment": "理由の本文",
            "budget": 1_000_000,
            "values": {"title": "題名", "budget": 5},
            "roles": [{"who": "県"}, {"who": "NPO"}],
            "blank": "",
        }
    )
    assert details == {
        "to": "suitability",
        "version": 3,
        "values": {"fields": ["budget", "title"]},
        "roles": {"count": 2},
        "given": ["budget", "comment"],
    }


def test_entries_written_before_keep_only_what_the_trail_records_now(office, npo):
    proposal = Proposal.objects.create(
        organization=npo, addressed_office=office, title="古い記録の題名"
    )
    old = AuditEntry.objects.create(
        action="project.proposal_create",
        target_type_id=apps.get_model("contenttypes", "ContentType")
        .objects.get_for_model(Proposal)
        .pk,
        target_id=proposal.pk,
        target_repr="古い記録の題名",
        details={
            "organization": {"id": npo.pk, "label": npo.name},
            "values": {"title": "古い記録の題名", "idea": "古いアイデア", "budget": 300},
            "to": "method",
            "comment": "古いコメント",
        },
    )
    migration = importlib.import_module(
        "kyodo_portal.migrations.0002_audit_entries_without_content"
    )
    migration.forward(apps, None)
    old.refresh_from_db()
    assert old.target_repr == f"協働提案 #{proposal.pk}"
    assert old.details == {
        "organization": {"id": npo.pk},
        "values": {"fields": ["budget", "idea", "title"]},
        "to": "method",
        "given": ["comment"],
    }
