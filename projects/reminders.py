"""Reminder kinds owned by the projects app (registered at start-up, see kyodo_portal.reminders)."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext as _

from kyodo_portal.fiscal import fiscal_year_of
from kyodo_portal.models import ReminderKind
from kyodo_portal.reminders import DueReminder, ReminderSpec, register
from kyodo_portal.roles import Role
from partners.models import Membership
from projects.choices import Stage
from projects.models import Project, ProjectPartner


def _project_recipients(project_ids) -> list[tuple[int, int]]:
    """(user id, project id) for the owner office's staff and the partner NPOs' members."""
    staff = Membership.objects.filter(
        role=Role.STAFF, organization__owned_projects__in=project_ids
    ).values_list("user_id", "organization__owned_projects")
    npo_members = Membership.objects.filter(
        role=Role.NPO,
        organization__project_partnerships__project__in=project_ids,
        organization__project_partnerships__status=ProjectPartner.Status.PARTNER,
    ).values_list("user_id", "organization__project_partnerships__project")
    return sorted(set(staff) | set(npo_members))


def _annual_review_due(today: datetime.date, lead_days: int):
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
    ).values("pk")
    project_type = ContentType.objects.get_for_model(Project).pk
    return [
        DueReminder(
            recipient_id=user_id,
            subject_type_id=project_type,
            subject_id=project_id,
            due_date=due_date,
            url=reverse("projects:project_detail", args=[project_id]),
        )
        for user_id, project_id in _project_recipients(projects)
    ]


def _annual_review_still_due(reminder) -> bool:
    return Project.objects.filter(pk=reminder.subject_id, stage=Stage.IMPLEMENTATION).exists()


def _annual_review_message(reminder) -> tuple[str, str]:
    project = Project.objects.get(pk=reminder.subject_id)
    title = _("【協働ポータル】年次の見直し：%(title)s") % {"title": project.title}
    body = _(
        "複数年度にわたる協働事業「%(title)s」は、%(date)sで年度の区切りを迎えます。"
        "今年度の成果と課題を双方で振り返り、次年度の役割・費用の分担を見直してください。"
    ) % {"title": project.title, "date": reminder.due_date.strftime("%Y年%-m月%-d日")}
    return title, body


register(
    ReminderSpec(
        kind=ReminderKind.ANNUAL_REVIEW,
        default_lead_days=30,
        find_due=_annual_review_due,
        still_due=_annual_review_still_due,
        message=_annual_review_message,
    )
)
