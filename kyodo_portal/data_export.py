"""What the portal holds about a person, and about an organisation, as one JSON document.

Personal data law (個人情報保護法) gives a person the right to see what is held about them, and
an NPO should be able to take its own records with it. These selectors gather the rows; the
views in kyodo_portal/views.py decide who may download (kyodo_portal/permissions.py).
"""

import json
from collections.abc import Iterable

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model, Q
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from evaluation.models import Answer, Evaluation, ImprovementItem
from kyodo_portal.models import AuditEntry, Notification, ReminderPreference
from partners.models import (
    Application,
    CommitteeMember,
    ConflictDeclaration,
    Designation,
    Membership,
    Organization,
    Score,
    User,
)
from projects.models import (
    AgreementConfirmation,
    AgreementVersion,
    ImplementationNote,
    Project,
    ProjectPartner,
    Proposal,
    ProposalComment,
)

FORMAT_VERSION = 1
# Secrets are never exported, not even to their owner: a password hash gives nothing back and
# would only help someone who got hold of the file.
NEVER_EXPORTED = {"password"}


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
            Evaluation.objects.filter(Q(created_by=user) | Q(submitted_by=user)).distinct()
        ),
        "audit_entries": rows(AuditEntry.objects.filter(actor=user)),
    }


def organization_data(organization: Organization) -> dict:
    """An organisation's records: its profile, proposals, applications, the projects it is a
    partner of with their agreements, and its own side of their evaluations. Other parties'
    sealed sheets, reviewers' scores and comments are not the organisation's and stay out."""
    partner_links = ProjectPartner.objects.filter(organization=organization)
    project_ids = partner_links.values("project_id")
    evaluations = Evaluation.objects.filter(organization=organization)
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
        "proposals": rows(Proposal.objects.filter(organization=organization)),
        "applications": rows(Application.objects.filter(organization=organization)),
        "designations": rows(Designation.objects.filter(organization=organization)),
        "project_partnerships": rows(partner_links),
        "projects": rows(Project.objects.filter(pk__in=project_ids)),
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
        "improvement_items": rows(ImprovementItem.objects.filter(project_id__in=project_ids)),
    }


def as_json(data: dict) -> str:
    return json.dumps(data, cls=ExportEncoder, ensure_ascii=False, indent=2)
