"""The audit trail: services record who did what to which object; managers search it; nobody
edits or deletes it through the portal."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from kyodo_portal.core.audit import audit_record
from kyodo_portal.core.models import AuditEntry
from kyodo_portal.core.roles import Role
from partners.services import membership_grant, organization_update
from projects import services as project_services
from projects.choices import Stage
from tests.factories import ProjectFactory, member

pytestmark = pytest.mark.django_db


def test_a_stage_change_is_recorded_with_actor_target_and_details(staff_user, office):
    project = ProjectFactory(owner_office=office, stage=Stage.DRAFT)
    project_services.project_advance(project=project, to=Stage.SUITABILITY, by=staff_user)
    entry = AuditEntry.objects.get(action="project.project_advance")
    assert entry.actor == staff_user and entry.actor_name == "山田 花子"
    assert entry.target_id == project.pk and entry.target_repr == f"協働事業 #{project.pk}"
    assert entry.details["to"] == Stage.SUITABILITY


def test_a_refused_change_records_nothing(npo_user, office):
    project = ProjectFactory(owner_office=office, stage=Stage.DRAFT)
    with pytest.raises(project_services.PermissionDenied):
        project_services.project_advance(project=project, to=Stage.SUITABILITY, by=npo_user)
    assert not AuditEntry.objects.exists()


def test_permission_changes_and_profile_edits_are_recorded(npo_user, npo, manager_user, office):
    newcomer = member(Role.NPO, npo, username="newcomer")
    membership_grant(user=newcomer, organization=office, role=Role.STAFF, by=manager_user)
    organization_update(organization=npo, by=npo_user, values={"area": "川口市"})
    actions = dict(AuditEntry.objects.values_list("action", "actor_name"))
    assert actions["partners.membership_grant"] == manager_user.name
    assert actions["partners.organization_update"] == npo_user.name


def test_managers_search_the_trail_and_others_cannot(
    client, manager_user, staff_user, npo_user, office
):
    # The manager's body's trail: what its staff did, and what was done to its projects.
    audit_record(actor=staff_user, action="project.project_advance", target=staff_user)
    project = ProjectFactory(owner_office=office)
    audit_record(actor=npo_user, action="project.agreement_confirm", target=project)
    client.force_login(manager_user)
    html = client.get(reverse("audit_trail"), {"action": "project.agreement"}).content.decode()
    assert "project.agreement_confirm" in html and "project.project_advance" not in html
    html = client.get(reverse("audit_trail"), {"actor": "山田"}).content.decode()
    assert "project.project_advance" in html and "project.agreement_confirm" not in html
    for user in (staff_user, npo_user):
        client.force_login(user)
        assert client.get(reverse("audit_trail")).status_code == 404


def test_the_admin_cannot_change_or_delete_entries(manager_user):
    entry = audit_record(actor=manager_user, action="x.y")
    model_admin = admin.site._registry[AuditEntry]
    request = RequestFactory().get("/")
    request.user = manager_user
    assert not model_admin.has_change_permission(request, entry)
    assert not model_admin.has_delete_permission(request, entry)
    assert not model_admin.has_add_permission(request)


def test_sealed_answers_never_reach_the_trail(office, staff_user, npo, npo_user):
    from evaluation.models import Evaluation
    from tests.evaluation.helpers import fill
    from tests.factories import add_partner

    project = ProjectFactory(owner_office=office, stage=Stage.EVALUATION)
    add_partner(project, npo)
    fill(project, office, staff_user, default=2)
    entry = AuditEntry.objects.get(action="evaluation.evaluation_save")
    assert entry.actor == staff_user
    assert entry.target_id == Evaluation.objects.get().pk
    # Which items were answered, and that a comment was given: never the scores or the words.
    assert set(entry.details["answers"]) == {"fields"}
    assert "overall_comment" not in entry.details
    assert "期待を下回った理由" not in str(entry.details)
