"""The agreement draft (役割分担・費用分担・責任分担), its versions and both sides'
confirmations.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kyodo_portal.core.audit import audited
from kyodo_portal.core.errors import check
from projects import notices
from projects.choices import AgreementArticle, ConfirmingSide, PaymentMethod
from projects.facts import project_facts
from projects.models import (
    AGREEMENT_TEXT_MAX,
    Agreement,
    AgreementChangeRequest,
    AgreementComment,
    AgreementConfirmation,
    AgreementVersion,
    CostLine,
    Project,
    ResponsibilityLine,
    RoleLine,
)
from projects.permissions import (
    agreement_side_organization_id,
    can_comment_agreement,
    can_confirm_agreement,
    can_edit_agreement,
    can_request_agreement_change,
    confirming_npo_ids,
)
from projects.services.base import (
    AGREEMENT_COMMENT_REQUIRED,
    AGREEMENT_TEXT_TOO_LONG,
    ALREADY_CONFIRMED,
    ARTICLE_UNKNOWN,
    CHANGE_REASON_REQUIRED,
    CONFIRM_NOT_CURRENT,
    COST_LINE_INCOMPLETE,
    COSTS_OVER_BUDGET,
    INVALID_PAYMENT_METHOD,
    NEGATIVE_AMOUNT,
    RESPONSIBILITY_LINE_INCOMPLETE,
    ROLE_LINE_INCOMPLETE,
    STALE_AGREEMENT,
    VERSION_NOT_CURRENT,
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
    payment_method: str = "",
    payment_schedule: str = "",
) -> AgreementVersion:
    """Save the agreement draft (役割分担・費用分担・責任分担・支払条件).

    Edits to a version nobody has confirmed or spoken to change it in place. Once either side
    has confirmed the current version, commented on it or asked for a change, an edit creates
    the next version: the confirmations stay with the version they were given for (対話と合意:
    both must confirm the same text again), the comments with the text they were about, and the
    open change requests are settled by the new version. A save based on an older revision than
    the stored one is refused rather than overwriting it.
    """
    check(can_edit_agreement(by, project))
    agreement, _created = Agreement.objects.get_or_create(project=project)
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    _check_version(agreement.revision, revision, STALE_AGREEMENT)
    _validate_lines(project, roles, costs, responsibilities)
    payment_schedule = (payment_schedule or "").strip()
    if payment_method and payment_method not in PaymentMethod.values:
        raise ValidationError(str(INVALID_PAYMENT_METHOD))

    current = AgreementVersion.objects.filter(
        agreement=agreement, number=agreement.current_number
    ).first()
    open_requests = AgreementChangeRequest.objects.filter(
        version__agreement=agreement, settled_by_version__isnull=True
    )
    if current is not None:
        unchanged = (
            [_line_tuple("role", line) for line in current.roles.all()]
            == [_line_tuple("role", line) for line in roles]
            and [_line_tuple("cost", line) for line in current.costs.all()]
            == [_line_tuple("cost", line) for line in costs]
            and [_line_tuple("resp", line) for line in current.responsibilities.all()]
            == [_line_tuple("resp", line) for line in responsibilities]
            and (current.payment_method, current.payment_schedule)
            == (payment_method or "", payment_schedule)
        )
        if unchanged:
            return current
        if current.confirmations.exists() or current.comments.exists() or open_requests.exists():
            agreement.current_number += 1
            current = None
        else:
            current.roles.all().delete()
            current.costs.all().delete()
            current.responsibilities.all().delete()
            current.payment_method = payment_method or ""
            current.payment_schedule = payment_schedule
            current.save(update_fields=["payment_method", "payment_schedule", "updated_at"])
    if current is None:
        current = AgreementVersion.objects.create(
            agreement=agreement,
            number=agreement.current_number,
            created_by=by,
            payment_method=payment_method or "",
            payment_schedule=payment_schedule,
        )
        open_requests.update(settled_by_version=current, settled_at=timezone.now())
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


def _current_version_check(version: AgreementVersion) -> None:
    """Comments and requests speak to the current text; an older version is history."""
    current_number = (
        Agreement.objects.filter(pk=version.agreement_id)
        .values_list("current_number", flat=True)
        .first()
    )
    if version.number != current_number:
        raise StaleEdit(str(VERSION_NOT_CURRENT) % {"number": version.number}, code="stale")


def _clean_text(text: str, required_message) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(str(required_message))
    if len(text) > AGREEMENT_TEXT_MAX:
        raise ValidationError(
            str(AGREEMENT_TEXT_TOO_LONG) % {"max": f"{AGREEMENT_TEXT_MAX:,}", "length": len(text)}
        )
    return text


def _clean_article(article: str) -> str:
    if article not in AgreementArticle.values:
        raise ValidationError(str(ARTICLE_UNKNOWN))
    return article


@transaction.atomic
@audited("project.agreement_comment")
def agreement_comment_add(
    *, version: AgreementVersion, by, article: str, body: str
) -> AgreementComment:
    """Either side remarks on one article of the current version, while it is being agreed."""
    project = version.agreement.project
    facts = project_facts(project)
    check(can_comment_agreement(by, facts))
    _current_version_check(version)
    comment = AgreementComment.objects.create(
        version=version,
        article=_clean_article(article),
        author=by,
        organization_id=agreement_side_organization_id(by, facts),
        body=_clean_text(body, AGREEMENT_COMMENT_REQUIRED),
    )
    notices.notify_agreement_commented(comment)
    return comment


@transaction.atomic
@audited("project.agreement_change_request")
def agreement_change_request(
    *, version: AgreementVersion, by, article: str, reason: str
) -> AgreementChangeRequest:
    """The partner NPO asks for an article of the current version to change, saying why. It
    stays open until the office saves a new version (agreement_save settles it)."""
    project = version.agreement.project
    facts = project_facts(project)
    check(can_request_agreement_change(by, facts))
    _current_version_check(version)
    change_request = AgreementChangeRequest.objects.create(
        version=version,
        article=_clean_article(article),
        reason=_clean_text(reason, CHANGE_REASON_REQUIRED),
        requested_by=by,
        organization_id=agreement_side_organization_id(by, facts),
    )
    notices.notify_agreement_change_requested(change_request)
    return change_request
