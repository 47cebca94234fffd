"""What the portal holds about a person, and about an organisation, as one JSON document.

Personal data law (個人情報保護法) gives a person the right to see what is held about them, and
an NPO should be able to take its own records with it. These selectors gather the rows; the
views in kyodo_portal/views.py decide who may download (kyodo_portal/permissions.py).

A file carries only what its reader could open page by page, through the same permission
querysets as the pages: projects, proposals and applications the reader may view, and evaluation
sheets only once their round has unsealed (evaluation.permissions.exportable_sheets) — a sealed
round's sheets, one's own included, and drafts are in no file.
"""

import json
from collections.abc import Iterable

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model, Q
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from evaluation.models import Answer, ImprovementItem
from evaluation.permissions import exportable_sheets
from kyodo_portal.core.models import AuditEntry, Notification, ReminderPreference
from kyodo_portal.core.roles import Role
from partners.models import Membership, Organization, User
from partners.selectors import organization_ids_of
from projects.models import (
    AgreementConfirmation,
    AgreementVersion,
    ImplementationNote,
    ProjectPartner,
    Proposal,
    ProposalComment,
)
from projects.permissions import projects_visible_to, proposals_visible_to
from selection.models import Application, CommitteeMember, ConflictDeclaration, Designation, Score

FORMAT_VERSION = 1
# Secrets are never exported, not even to their owner: a password hash gives nothing back and
# would only help someone who got hold of the file.
# Nor are columns the portal derives for its own use (the normalized search key repeats the
# organisation's texts in a form nobody wrote).
NEVER_EXPORTED = {"password", "search_text"}


class ExportEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, FieldFile):
            return o.name
        return super().default(o)


def row(obj: Model) -> dict:
    """Every stored column of the row (foreign keys as ids), in the database's own names."""
    data = {"id": obj.pk}
    for field in obj._meta.concrete_fields:
        if field.attname in NEVER_EXPORTED or field.primary_key:
            continue
        data[field.attname] = getattr(obj, field.attname)
    return data


def rows(objects: Iterable[Model]) -> list[dict]:
    return [row(obj) for obj in objects]


def personal_data(user: User) -> dict:
    """A person's own data: profile, memberships, notifications and everything they wrote or
    decided in the portal, and the audit entries of what they did."""
    return {
        "format_version": FORMAT_VERSION,
        "exported_at": timezone.now(),
        "kind": "personal",
        "profile": row(user),
        "memberships": rows(Membership.objects.filter(user=user)),
        "notifications": rows(Notification.objects.filter(recipient=user)),
        "reminder_preferences": rows(ReminderPreference.objects.filter(user=user)),
        "proposals": rows(Proposal.objects.filter(created_by=user)),
        "proposal_comments": rows(ProposalComment.objects.filter(author=user)),
        "applications": rows(
            Application.objects.filter(Q(created_by=user) | Q(submitted_by=user)).distinct()
        ),
        "committee_seats": rows(CommitteeMember.objects.filter(user=user)),
        "conflict_declarations": rows(ConflictDeclaration.objects.filter(reviewer=user)),
        "scores": rows(Score.objects.filter(reviewer=user)),
        "implementation_notes": rows(ImplementationNote.objects.filter(author=user)),
        "agreement_confirmations": rows(AgreementConfirmation.objects.filter(confirmed_by=user)),
        "evaluations": rows(
            exportable_sheets(user).filter(Q(created_by=user) | Q(submitted_by=user)).distinct()
        ),
        "audit_entries": rows(AuditEntry.objects.filter(actor=user)),
    }


def organization_data(organization: Organization, reader: User) -> dict:
    """An organisation's records, as far as ``reader`` (one of its members) may open them: its
    profile, proposals, applications, the projects it is a partner of with their agreements, and
    its own side of their evaluations once unsealed. Other parties' sheets, reviewers' scores and
    comments are not the organisation's and stay out."""
    projects = projects_visible_to(reader)
    partner_links = ProjectPartner.objects.filter(
        organization=organization, project__in=projects.values("pk")
    )
    project_ids = partner_links.values("project_id")
    evaluations = exportable_sheets(reader).filter(organization=organization)
    # Applications are the applicant's working papers until submitted; only its NPO members
    # open them (a member in another role, say a reviewer, does not).
    applications = Application.objects.filter(organization=organization)
    if organization.pk not in organization_ids_of(reader, Role.NPO):
        applications = applications.none()
    return {
        "format_version": FORMAT_VERSION,
        "exported_at": timezone.now(),
        "kind": "organization",
        "profile": row(organization),
        "activity_fields": list(organization.fields.values_list("pk", flat=True)),
        "members": [
            {"user_id": m.user_id, "name": m.user.name, "role": m.role}
            for m in Membership.objects.filter(organization=organization).select_related("user")
        ],
        "proposals": rows(proposals_visible_to(reader).filter(organization=organization)),
        "applications": rows(applications),
        "designations": rows(Designation.objects.filter(organization=organization)),
        "project_partnerships": rows(partner_links),
        "projects": rows(projects.filter(pk__in=project_ids)),
        "agreement_versions": [
            {
                **row(version),
                "roles": rows(version.roles.all()),
                "costs": rows(version.costs.all()),
                "responsibilities": rows(version.responsibilities.all()),
            }
            for version in AgreementVersion.objects.filter(
                agreement__project_id__in=project_ids
            ).prefetch_related("roles", "costs", "responsibilities")
        ],
        "agreement_confirmations": rows(
            AgreementConfirmation.objects.filter(organization=organization)
        ),
        "evaluations": rows(evaluations),
        "evaluation_answers": rows(Answer.objects.filter(evaluation__in=evaluations)),
        "improvement_items": rows(
            ImprovementItem.objects.filter(
                project_id__in=project_ids, round__unsealed_at__isnull=False
            )
        ),
    }


def as_json(data: dict) -> str:
    return json.dumps(data, cls=ExportEncoder, ensure_ascii=False, indent=2)
