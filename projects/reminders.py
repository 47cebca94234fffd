"""Reminder kinds owned by the projects app (registered at start-up;
see kyodo_portal.core.reminders)."""

import datetime

from django.db.models import Count, Exists, F, Max, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from kyodo_portal.core.dates import display_date
from kyodo_portal.core.fiscal import fiscal_year_of
from kyodo_portal.core.models import ReminderKind
from kyodo_portal.core.reminders import AFTER, BEFORE, ReminderSpec, due_reminders, register
from kyodo_portal.core.roles import Role
from partners.models import Membership
from partners.selectors import members_for
from projects.choices import ConfirmingSide, ProposalStatus, Stage
from projects.models import (
    AgreementConfirmation,
    AgreementVersion,
    Project,
    ProjectPartner,
    Proposal,
    ProposalComment,
)


def _project_recipients(projects) -> list[tuple[int, int]]:
    """(user id, project id) for the owner office's staff and the partner NPOs' members."""
    offices = set(projects.values_list("owner_office_id", "pk"))
    partners = set(
        ProjectPartner.objects.filter(
            project__in=projects.values("pk"), status=ProjectPartner.Status.PARTNER
        ).values_list("organization_id", "project_id")
    )
    recipients = members_for(Role.STAFF, offices) + members_for(Role.NPO, partners)
    return sorted({(user_id, project_id) for user_id, _org, project_id in recipients})


def _annual_review_due(today: datetime.date, lead_days: int, body_ids=None):
    """A multi-year project in implementation is reviewed jointly at the end of every fiscal
    year but its last (31 March), so next year's plan can change with what was learnt."""
    fiscal_year = fiscal_year_of(today)
    due_date = datetime.date(fiscal_year + 1, 3, 31)
    if today < due_date - datetime.timedelta(days=lead_days):
        return []
    projects = Project.objects.filter(
        stage=Stage.IMPLEMENTATION,
        fiscal_year_start__lte=fiscal_year,
        fiscal_year_end__gt=fiscal_year,
    )
    if body_ids is not None:
        projects = projects.filter(owner_office__body_id__in=body_ids)
    return due_reminders(
        Project,
        _project_recipients(projects),
        due_date=lambda _project_id: due_date,
        url=lambda project_id: reverse("projects:project_detail", args=[project_id]),
    )


def _annual_review_still_due(reminder) -> bool:
    return Project.objects.filter(pk=reminder.subject_id, stage=Stage.IMPLEMENTATION).exists()


def _annual_review_message(reminder) -> tuple[str, str]:
    project = Project.objects.get(pk=reminder.subject_id)
    title = _("【協働ポータル】年次の見直し：%(title)s") % {"title": project.title}
    body = _(
        "複数年度にわたる協働事業「%(title)s」は、%(date)sで年度の区切りを迎えます。"
        "今年度の成果と課題を双方で振り返り、次年度の役割・費用の分担を見直してください。"
    ) % {"title": project.title, "date": display_date(reminder.due_date)}
    return title, body


register(
    ReminderSpec(
        kind=ReminderKind.ANNUAL_REVIEW,
        anchor=pgettext_lazy("リマインダーの起点", "年度末（3月31日）"),
        timing=BEFORE,
        roles=frozenset({Role.STAFF, Role.NPO}),
        default_lead_days=30,
        find_due=_annual_review_due,
        still_due=_annual_review_still_due,
        message=_annual_review_message,
    )
)


# --- An agreement version confirmed by one side only -------------------------------------


def _awaiting_confirmation():
    """Current versions of agreements at the agreement stage with exactly one confirmation."""
    return (
        AgreementVersion.objects.filter(
            agreement__project__stage=Stage.AGREEMENT,
            number=F("agreement__current_number"),
        )
        .annotate(confirmed=Count("confirmations"), since=Max("confirmations__confirmed_at"))
        .filter(confirmed=1)
    )


def _agreement_confirmation_due(today: datetime.date, lead_days: int, body_ids=None):
    """The other side is reminded once the first confirmation has waited ``lead_days`` days."""
    versions = _awaiting_confirmation()
    if body_ids is not None:
        versions = versions.filter(agreement__project__owner_office__body_id__in=body_ids)
    waiting = {
        row["pk"]: row
        for row in versions.values(
            "pk", "since", "agreement__project_id", "agreement__project__owner_office_id"
        )
        if timezone.localdate(row["since"]) + datetime.timedelta(days=lead_days) <= today
    }
    if not waiting:
        return []
    confirmed_sides = dict(
        AgreementConfirmation.objects.filter(version__in=waiting).values_list("version", "side")
    )
    npo_waits = [pk for pk, side in confirmed_sides.items() if side == ConfirmingSide.GOVERNMENT]
    office_waits = [pk for pk, side in confirmed_sides.items() if side == ConfirmingSide.NPO]
    pairs = set(
        Membership.objects.filter(
            role=Role.STAFF,
            organization__owned_projects__agreement__versions__in=office_waits,
        ).values_list("user_id", "organization__owned_projects__agreement__versions")
    ) | set(
        Membership.objects.filter(
            role=Role.NPO,
            organization__project_partnerships__status=ProjectPartner.Status.PARTNER,
            organization__project_partnerships__project__agreement__versions__in=npo_waits,
        ).values_list("user_id", "organization__project_partnerships__project__agreement__versions")
    )
    return due_reminders(
        AgreementVersion,
        sorted((user_id, version_id) for user_id, version_id in pairs if version_id in waiting),
        due_date=lambda version_id: (
            timezone.localdate(waiting[version_id]["since"]) + datetime.timedelta(days=lead_days)
        ),
        url=lambda version_id: reverse(
            "projects:agreement", args=[waiting[version_id]["agreement__project_id"]]
        ),
    )


def _agreement_confirmation_still_due(reminder) -> bool:
    return _awaiting_confirmation().filter(pk=reminder.subject_id).exists()


def _agreement_confirmation_message(reminder) -> tuple[str, str]:
    version = AgreementVersion.objects.select_related("agreement__project").get(
        pk=reminder.subject_id
    )
    project = version.agreement.project
    title = _("【協働ポータル】協定の確認のお願い：%(title)s") % {"title": project.title}
    confirmed_side = version.confirmations.values_list("side", flat=True).first()
    if confirmed_side == ConfirmingSide.GOVERNMENT:
        # The NPO does not edit the draft: it agrees, or asks the office to change it.
        body = _(
            "協働事業「%(title)s」の協定（第%(number)s版）は、担当課が確認を済ませ、"
            "あなたの団体の確認を待っています。内容を確かめ、合意できる場合は"
            "協定のページで第%(number)s版を確認してください。"
            "直してほしいところがある場合は、協定のページの「修正を依頼する」から条項と理由を"
            "伝えてください。担当課が新しい版で応え、双方で確認し直します。"
        ) % {"title": project.title, "number": version.number}
    else:
        body = _(
            "協働事業「%(title)s」の協定（第%(number)s版）は、NPOが確認を済ませ、"
            "担当課の確認を待っています。内容を確かめ、合意できる場合は確認してください。"
            "修正が必要な場合は、協定案を編集して新しい版として保存すると、"
            "双方の確認がやり直しになります。"
        ) % {"title": project.title, "number": version.number}
    return title, body


register(
    ReminderSpec(
        kind=ReminderKind.AGREEMENT_CONFIRMATION,
        anchor=pgettext_lazy("リマインダーの起点", "一方が協定案を確認した日"),
        timing=AFTER,
        roles=frozenset({Role.STAFF, Role.NPO}),
        default_lead_days=3,
        find_due=_agreement_confirmation_due,
        still_due=_agreement_confirmation_still_due,
        message=_agreement_confirmation_message,
        body_path="agreement__project__owner_office__body_id",
    )
)


# --- An NPO proposal the addressed office has not answered -------------------------------


def _unanswered_proposals():
    """Submitted proposals with no comment from the office since submission and no decision."""
    office_replied = ProposalComment.objects.filter(
        proposal=OuterRef("pk"),
        side=ConfirmingSide.GOVERNMENT,
        created_at__gte=OuterRef("submitted_at"),
    )
    return Proposal.objects.filter(status=ProposalStatus.SUBMITTED).exclude(Exists(office_replied))


def _proposal_no_response_due(today: datetime.date, lead_days: int, body_ids=None):
    latest_submission = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=lead_days), datetime.time.max)
    )
    unanswered = _unanswered_proposals()
    if body_ids is not None:
        unanswered = unanswered.filter(addressed_office__body_id__in=body_ids)
    proposals = {
        pk: submitted_at
        for pk, submitted_at in unanswered.filter(submitted_at__lte=latest_submission).values_list(
            "pk", "submitted_at"
        )
    }
    if not proposals:
        return []
    pairs = Membership.objects.filter(
        role=Role.STAFF, organization__received_proposals__in=list(proposals)
    ).values_list("user_id", "organization__received_proposals")
    return due_reminders(
        Proposal,
        sorted(
            {(user_id, proposal_id) for user_id, proposal_id in pairs if proposal_id in proposals}
        ),
        due_date=lambda proposal_id: (
            timezone.localdate(proposals[proposal_id]) + datetime.timedelta(days=lead_days)
        ),
        url=lambda proposal_id: reverse("projects:proposal_detail", args=[proposal_id]),
    )


def _proposal_no_response_still_due(reminder) -> bool:
    return _unanswered_proposals().filter(pk=reminder.subject_id).exists()


def _proposal_no_response_message(reminder) -> tuple[str, str]:
    proposal = Proposal.objects.select_related("organization").get(pk=reminder.subject_id)
    title = _("【協働ポータル】協働提案への回答のお願い：%(title)s") % {"title": proposal.title}
    body = _(
        "%(npo)sから提出された協働提案「%(title)s」に、担当課からの回答がまだありません。"
        "事前協議のコメントで受け止めや確認したい点を伝えるか、採択・不採択を決めてください。"
    ) % {"npo": proposal.organization, "title": proposal.title}
    return title, body


register(
    ReminderSpec(
        kind=ReminderKind.PROPOSAL_NO_RESPONSE,
        anchor=pgettext_lazy("リマインダーの起点", "協働提案が提出された日"),
        timing=AFTER,
        roles=frozenset({Role.STAFF}),
        default_lead_days=14,
        find_due=_proposal_no_response_due,
        still_due=_proposal_no_response_still_due,
        message=_proposal_no_response_message,
        body_path="addressed_office__body_id",
    )
)
