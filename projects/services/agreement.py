"""The agreement draft (役割分担・費用分担・責任分担), its versions and both sides'
confirmations.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from kyodo_portal.core.audit import audited
from kyodo_portal.core.errors import check
from projects import notices
from projects.choices import ConfirmingSide
from projects.facts import project_facts
from projects.models import (
    Agreement,
    AgreementConfirmation,
    AgreementVersion,
    CostLine,
    Project,
    ResponsibilityLine,
    RoleLine,
)
from projects.permissions import can_confirm_agreement, can_edit_agreement, confirming_npo_ids
from projects.services.base import (
    ALREADY_CONFIRMED,
    CONFIRM_NOT_CURRENT,
    COST_LINE_INCOMPLETE,
    COSTS_OVER_BUDGET,
    NEGATIVE_AMOUNT,
    RESPONSIBILITY_LINE_INCOMPLETE,
    ROLE_LINE_INCOMPLETE,
    STALE_AGREEMENT,
    StaleEdit,
    _check_version,
)
from projects.workflow import agreement_lines_complete


def _line_tuple(kind: str, line) -> tuple:
    get = line.get if isinstance(line, dict) else lambda name, default=None: getattr(line, name)
    if kind == "role":
        return (get("task"), get("side"), get("deliverable") or "", get("due_date"))
    if kind == "cost":
        return (
            get("item"),
            get("category"),
            int(get("amount") or 0),
            get("borne_by"),
            get("note") or "",
        )
    return (get("topic"), get("side"), get("text"))


def _validate_lines(project: Project, roles, costs, responsibilities) -> None:
    errors: list[str] = []
    if any(not line.get("task") or not line.get("side") for line in roles):
        errors.append(str(ROLE_LINE_INCOMPLETE))
    for line in costs:
        amount = line.get("amount")
        if not line.get("item") or amount in (None, "") or not line.get("borne_by"):
            errors.append(str(COST_LINE_INCOMPLETE))
            break
        if not isinstance(amount, int) or amount < 0:
            errors.append(str(NEGATIVE_AMOUNT))
            break
    if any(
        not line.get("topic") or not line.get("side") or not line.get("text")
        for line in responsibilities
    ):
        errors.append(str(RESPONSIBILITY_LINE_INCOMPLETE))
    if not errors and project.budget is not None:
        total = sum(line["amount"] for line in costs)
        if total > project.budget:
            errors.append(
                str(COSTS_OVER_BUDGET) % {"total": f"{total:,}", "budget": f"{project.budget:,}"}
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
@audited("project.agreement_save")
def agreement_save(
    *,
    project: Project,
    by,
    roles: list[dict],
    costs: list[dict],
    responsibilities: list[dict],
    revision: int | None,
) -> AgreementVersion:
    """Save the agreement draft (役割分担・費用分担・責任分担).

    Edits to a version nobody has confirmed change it in place. Once either side has confirmed
    the current version, an edit creates the next version, and the confirmations stay with the
    version they were given for (対話と合意: both must confirm the same text again). A save
    based on an older revision than the stored one is refused rather than overwriting it.
    """
    check(can_edit_agreement(by, project))
    agreement, _created = Agreement.objects.get_or_create(project=project)
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    _check_version(agreement.revision, revision, STALE_AGREEMENT)
    _validate_lines(project, roles, costs, responsibilities)

    current = AgreementVersion.objects.filter(
        agreement=agreement, number=agreement.current_number
    ).first()
    if current is not None:
        unchanged = (
            [_line_tuple("role", line) for line in current.roles.all()]
            == [_line_tuple("role", line) for line in roles]
            and [_line_tuple("cost", line) for line in current.costs.all()]
            == [_line_tuple("cost", line) for line in costs]
            and [_line_tuple("resp", line) for line in current.responsibilities.all()]
            == [_line_tuple("resp", line) for line in responsibilities]
        )
        if unchanged:
            return current
        if current.confirmations.exists():
            agreement.current_number += 1
            current = None
        else:
            current.roles.all().delete()
            current.costs.all().delete()
            current.responsibilities.all().delete()
            current.save(update_fields=["updated_at"])
    if current is None:
        current = AgreementVersion.objects.create(
            agreement=agreement, number=agreement.current_number, created_by=by
        )
    RoleLine.objects.bulk_create(
        RoleLine(
            version=current,
            order=index,
            task=line["task"],
            side=line["side"],
            deliverable=line.get("deliverable") or "",
            due_date=line.get("due_date"),
        )
        for index, line in enumerate(roles)
    )
    CostLine.objects.bulk_create(
        CostLine(
            version=current,
            order=index,
            item=line["item"],
            category=line["category"],
            amount=line["amount"],
            borne_by=line["borne_by"],
            note=line.get("note") or "",
        )
        for index, line in enumerate(costs)
    )
    ResponsibilityLine.objects.bulk_create(
        ResponsibilityLine(
            version=current,
            order=index,
            topic=line["topic"],
            side=line["side"],
            text=line["text"],
        )
        for index, line in enumerate(responsibilities)
    )
    agreement.revision += 1
    agreement.save()
    notices.notify_agreement_ready(project=project, version=current, by=by)
    return current


@transaction.atomic
@audited("project.agreement_confirm")
def agreement_confirm(*, project: Project, by, side: str, number: int) -> AgreementConfirmation:
    """One side confirms the version it has read. Refused if that version is no longer the
    current one, so nobody confirms text that has since changed."""
    facts = project_facts(project)
    check(can_confirm_agreement(by, facts, side))
    agreement = Agreement.objects.select_for_update().filter(project=project).first()
    if agreement is None or int(number) != agreement.current_number:
        raise StaleEdit(str(CONFIRM_NOT_CURRENT) % {"number": number}, code="stale")
    # The snapshot reads the agreement only now, after the lock.
    if reason := agreement_lines_complete(facts):
        raise ValidationError(reason)
    version = AgreementVersion.objects.get(agreement=agreement, number=agreement.current_number)
    if version.confirmations.filter(side=side).exists():
        raise ValidationError(str(ALREADY_CONFIRMED))
    if side == ConfirmingSide.GOVERNMENT:
        organization_id = project.owner_office_id
    else:
        organization_id = min(confirming_npo_ids(by, facts))
    confirmation = AgreementConfirmation.objects.create(
        version=version, side=side, organization_id=organization_id, confirmed_by=by
    )
    notices.notify_agreement_confirmed(project=project, confirmation=confirmation, by=by)
    return confirmation
