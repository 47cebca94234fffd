"""The implementation record (実施の記録): progress notes and meeting records."""

from __future__ import annotations

from django.db import transaction

from kyodo_portal.core.audit import audited
from kyodo_portal.core.errors import check
from kyodo_portal.core.roles import Role
from partners.selectors import organization_ids_of
from projects import notices
from projects.facts import project_facts
from projects.models import ImplementationNote, Project
from projects.permissions import can_add_note, is_owner_staff


@transaction.atomic
@audited("project.note_add")
def note_add(*, project: Project, by, values: dict) -> ImplementationNote:
    """A progress note or meeting record, written by either side and read by both."""
    facts = project_facts(project)
    check(can_add_note(by, facts))
    if is_owner_staff(by, facts):
        organization_id = project.owner_office_id
    else:
        organization_id = min(organization_ids_of(by, Role.NPO) & facts.active_partner_ids)
    note = ImplementationNote(
        project=project, author=by, author_organization_id=organization_id, **values
    )
    note.full_clean()
    note.save()
    notices.notify_note_added(note=note, by=by)
    return note
