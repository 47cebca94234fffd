"""Every state-changing service leaves an audit entry naming the actor, the action and the target;
and no page of the portal changes or removes an entry."""

import datetime
import importlib
import inspect

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import get_resolver

from evaluation import services as evaluation_services
from evaluation.models import RoundKind
from kyodo_portal import services as portal_services
from kyodo_portal.core.models import AuditEntry, ReminderPolicy
from partners import services as partner_services
from projects import services as project_services
from projects.choices import Stage
from selection import services as selection_services
from tests.api.conftest import sheet_answers
from tests.factories import ProjectFactory
from tests.selection.support import seat

pytestmark = pytest.mark.django_db

SERVICE_MODULES = (
    "projects.services.projects",
    "projects.services.suitability",
    "projects.services.method",
    "projects.services.agreement",
    "projects.services.notes",
    "projects.services.proposals",
    "partners.services",
    "selection.services.base",
    "selection.services.calls",
    "selection.services.applications",
    "selection.services.decisions",
    "kyodo_portal.services",
    "evaluation.services.sheets",
    "evaluation.services.exchange",
    "evaluation.services.improvements",
    "evaluation.services.exports",
)
# Public functions of the service modules that are not audited, and why.
NOT_AUDITED = {
    # Validation and formatting helpers: they read and compute, they change nothing.
    "partners.services.check",
    "selection.services.calls.call_content_errors",
    "selection.services.calls.call_snapshot",
    "selection.services.calls.call_timeline_errors",
    "selection.services.calls.change_log",
    "selection.services.calls.criterion_concerns_legal_status",
    "selection.services.base.format_local",
    "selection.services.calls.legal_status_warnings",
    "selection.services.decisions.score_errors",
    "selection.services.decisions.scoring_gaps",
    "selection.services.base.application_days",
    "selection.services.calls.short_period",
    "projects.services.proposals.proposed_role_lines",
    # Reads the policies (creating the default rows on first use): no one's decision.
    "kyodo_portal.services.reminder_policies",
    "kyodo_portal.services.mandatory_kinds_for",
    "kyodo_portal.services.kinds_for_roles",
    "kyodo_portal.services.notice_kinds_for",
    # The person's own read marks on their notifications: not a decision about any record.
    "kyodo_portal.services.notification_mark_read",
    # The scheduler's mail: each sent reminder is itself the record (Reminder.sent_at), with no
    # person acting.
    "kyodo_portal.services.reminder_send",
    "kyodo_portal.services.reminders_sweep",
    # The Celery task's work on an export a manager asked for: the request is the audited act.
    "evaluation.services.exports.results_export_build",
    # The daily housekeeping of those workbooks: no person acts.
    "evaluation.services.exports.results_exports_purge",
    # Copies of frozen scores for the dashboard, made inside the audited submission (or by a bulk
    # loader): no decision of its own.
    "evaluation.services.sheets.score_rollups_fill",
}


def audit_action(function) -> str | None:
    """The action name given to @audited, wherever it sits among the decorators."""
    while function is not None:
        closure = inspect.getclosurevars(function).nonlocals
        if isinstance(closure.get("action"), str) and "service" in closure:
            return closure["action"]
        function = getattr(function, "__wrapped__", None)
    return None


def test_every_public_service_is_audited_or_explained():
    unexplained, audited = [], 0
    for module_name in SERVICE_MODULES:
        module = importlib.import_module(module_name)
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module_name or name.startswith("_"):
                continue
            qualified = f"{module_name}.{name}"
            if audit_action(function):
                audited += 1
                assert qualified not in NOT_AUDITED, f"{qualified} is audited: drop the exception"
            elif qualified not in NOT_AUDITED:
                unexplained.append(qualified)
    assert not unexplained, "services that change state without an audit entry:\n" + "\n".join(
        unexplained
    )
    assert audited >= 50


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _cases():
    """(id, call(w) -> (result, actor, expected target)) for the services of every app."""

    def advance(w):
        project = ProjectFactory(owner_office=w.office, stage=Stage.DRAFT)
        project_services.project_advance(project=project, to=Stage.SUITABILITY, by=w.staff)
        return "project.project_advance", w.staff, project

    def set_partner(w):
        project = ProjectFactory(owner_office=w.office, stage=Stage.PARTNER_SELECTION)
        result = project_services.project_set_partner(
            project=project, organization=w.npo, by=w.staff, via="designated"
        )
        return "project.project_set_partner", w.staff, result

    def agreement_confirm(w):
        result = project_services.agreement_confirm(
            project=w.world.active, by=w.staff, side="government", number=1
        )
        return "project.agreement_confirm", w.staff, result

    def proposal_submit(w):
        result = project_services.proposal_submit(proposal=w.world.proposal_draft, by=w.npo_user)
        return "project.proposal_submit", w.npo_user, result

    def proposal_comment(w):
        result = project_services.proposal_comment(
            proposal=w.world.proposal_submitted, by=w.staff, body="ご提案を拝見しました。"
        )
        return "project.proposal_comment", w.staff, result

    def proposal_decline(w):
        result = project_services.proposal_decline(
            proposal=w.world.proposal_submitted, by=w.staff, reason="今年度は予算がありません。"
        )
        return "project.proposal_decline", w.staff, result

    def proposal_attachment(w):
        upload = SimpleUploadedFile("企画書.pdf", PDF, content_type="application/pdf")
        result = project_services.attachment_add(
            proposal=w.world.proposal_draft, by=w.npo_user, upload=upload
        )
        return "project.attachment_add", w.npo_user, result

    def application_withdraw(w):
        result = selection_services.application_withdraw(
            application=w.world.draft_application, by=w.npo_user
        )
        return "selection.application_withdraw", w.npo_user, result

    def call_start_scoring(w):
        call = w.world.open_call
        call.application_deadline = call.application_deadline - datetime.timedelta(days=60)
        call.scoring_deadline = call.application_deadline + datetime.timedelta(days=7)
        call.save()
        seat(call, w.reviewer)
        result = selection_services.call_start_scoring(call=call, by=w.staff)
        return "selection.call_start_scoring", w.staff, result

    def organization_update(w):
        result = partner_services.organization_update(
            organization=w.npo, by=w.npo_user, values={"description": "子育て支援の団体"}
        )
        return "partners.organization_update", w.npo_user, result or w.npo

    def reminder_policy(w):
        body_id = w.manager.memberships.first().organization.body_id
        policy = next(iter(portal_services.reminder_policies([body_id])[body_id].values()))
        portal_services.reminder_policy_update(
            policy=policy, by=w.manager, lead_days=5, mandatory=False, enabled=True
        )
        return "portal.reminder_policy_update", w.manager, ReminderPolicy.objects.get(pk=policy.pk)

    def evaluation_save(w):
        result = evaluation_services.evaluation_save(
            project=w.world.sealed_project,
            kind=RoundKind.FINAL,
            organization=w.npo,
            by=w.npo_user,
            answers=sheet_answers(4),
            overall_comment="総評",
            submit=True,
        )
        return "evaluation.evaluation_save", w.npo_user, result

    def round_unpublish(w):
        result = evaluation_services.round_unpublish(round_=w.world.published_round, by=w.staff)
        return "evaluation.round_unpublish", w.staff, result

    def improvement_add(w):
        sheet = evaluation_services.evaluation_save(
            project=w.world.sealed_project,
            kind=RoundKind.FINAL,
            organization=w.npo,
            by=w.npo_user,
            answers=sheet_answers(4),
            overall_comment="総評",
            submit=True,
        )
        result = evaluation_services.improvement_add(
            round_=sheet.round, by=w.staff, text="夜の回を増やす", owner="both"
        )
        return "evaluation.improvement_add", w.staff, result

    def results_export_request(w):
        from evaluation.dashboard import Filters

        result = evaluation_services.results_export_request(
            by=w.manager, filters=Filters(fiscal_year=2025)
        )
        return "evaluation.results_export_request", w.manager, result

    return [
        (function.__name__, function)
        for function in (
            advance,
            set_partner,
            agreement_confirm,
            proposal_submit,
            proposal_comment,
            proposal_decline,
            proposal_attachment,
            application_withdraw,
            call_start_scoring,
            organization_update,
            reminder_policy,
            evaluation_save,
            round_unpublish,
            improvement_add,
            results_export_request,
        )
    ]


class Who:
    def __init__(self, **kwargs):
        self.__dict__.update(kwargs)


@pytest.mark.parametrize("case", [c for _i, c in _cases()], ids=[i for i, _c in _cases()])
def test_the_service_records_actor_action_and_target(
    case, world, office, npo, staff_user, npo_user, manager_user, reviewer_user, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    w = Who(
        world=world,
        office=office,
        npo=npo,
        staff=staff_user,
        npo_user=npo_user,
        manager=manager_user,
        reviewer=reviewer_user,
    )
    AuditEntry.objects.all().delete()
    action, actor, target = case(w)
    entry = AuditEntry.objects.get(action=action)
    assert entry.actor == actor
    assert entry.actor_name == actor.get_full_name()
    assert entry.target_id == target.pk
    assert entry.target_type.model_class() is type(target)
    assert entry.target_repr == f"{type(target)._meta.verbose_name} #{target.pk}"


def test_no_page_changes_or_removes_an_audit_entry(client, manager_user, world, people):
    """Only the manager's search page touches AuditEntry, and it answers GET only; every other
    method is refused and the entries stay as they were."""
    before = list(AuditEntry.objects.values_list("pk", "action", "target_repr").order_by("pk"))
    assert before
    routes = [
        str(p.pattern)
        for p in get_resolver().url_patterns
        if getattr(p, "name", "") == "audit_trail"
    ]
    assert routes == ["audit/"]
    manager = Client()
    manager.force_login(manager_user)
    first = before[0][0]
    for method in ("post", "put", "patch", "delete"):
        for url in ("/audit/", f"/audit/?pk={first}", f"/audit/{first}/"):
            response = getattr(manager, method)(url, {"action": "tampered"})
            assert response.status_code in (403, 404, 405), (method, url, response.status_code)
    after = list(AuditEntry.objects.values_list("pk", "action", "target_repr").order_by("pk"))
    assert after == before
