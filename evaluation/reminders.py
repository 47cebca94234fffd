"""Reminder kinds owned by the evaluation app (registered at start-up;
see kyodo_portal.core.reminders).

- evaluation due: the final evaluation of each side, ``lead_days`` after the project's end date;
- the other side still pending: a round where one side has submitted and another has not;
- carried-forward improvement items not yet acknowledged by a project at the method stage.
"""

import datetime

from django.db.models import Exists, Max, Min, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from evaluation.models import Evaluation, EvaluationRound, ImprovementItem, RoundKind
from evaluation.selectors import open_improvements
from kyodo_portal.core.models import ReminderKind
from kyodo_portal.core.reminders import AFTER, ReminderSpec, due_reminders, register
from kyodo_portal.core.roles import Role
from partners.models import Membership
from partners.selectors import members_for
from projects.choices import Stage
from projects.models import Project, ProjectPartner

EVALUATING_STAGES = (Stage.IMPLEMENTATION, Stage.EVALUATION)


def _final_sheet_submitted(project_ref: str, organization_ref: str) -> Exists:
    return Exists(
        Evaluation.objects.filter(
            round__project_id=OuterRef(project_ref),
            round__kind=RoundKind.FINAL,
            organization_id=OuterRef(organization_ref),
            status=Evaluation.Status.SUBMITTED,
        )
    )


# --- The final evaluation is due ---------------------------------------------------------------


def _evaluation_due(today: datetime.date, lead_days: int, body_ids=None):
    ended_by = today - datetime.timedelta(days=lead_days)
    projects = Project.objects.filter(stage__in=EVALUATING_STAGES, end_date__lte=ended_by)
    if body_ids is not None:
        projects = projects.filter(owner_office__body_id__in=body_ids)
    end_dates = dict(projects.values_list("pk", "end_date"))
    if not end_dates:
        return []
    offices_pending = set(
        projects.exclude(_final_sheet_submitted("pk", "owner_office_id")).values_list(
            "owner_office_id", "pk"
        )
    )
    npos_pending = set(
        ProjectPartner.objects.filter(
            project__in=projects.values("pk"), status=ProjectPartner.Status.PARTNER
        )
        .exclude(_final_sheet_submitted("project_id", "organization_id"))
        .values_list("organization_id", "project_id")
    )
    recipients = members_for(Role.STAFF, offices_pending) + members_for(Role.NPO, npos_pending)
    return due_reminders(
        Project,
        ((user_id, project_id) for user_id, _organization, project_id in recipients),
        due_date=lambda project_id: end_dates[project_id] + datetime.timedelta(days=lead_days),
        url=lambda project_id: reverse("evaluation:project", args=[project_id]),
    )


def _recipients_organizations(reminder, project: Project) -> set[int]:
    """The organisations on whose behalf the recipient evaluates this project."""
    staff_of = set(
        Membership.objects.filter(user_id=reminder.recipient_id, role=Role.STAFF).values_list(
            "organization_id", flat=True
        )
    )
    if project.owner_office_id in staff_of:
        return {project.owner_office_id}
    return set(
        ProjectPartner.objects.filter(
            project=project,
            status=ProjectPartner.Status.PARTNER,
            organization__memberships__user_id=reminder.recipient_id,
            organization__memberships__role=Role.NPO,
        ).values_list("organization_id", flat=True)
    )


def _evaluation_due_still_due(reminder) -> bool:
    project = Project.objects.filter(pk=reminder.subject_id, stage__in=EVALUATING_STAGES).first()
    if project is None:
        return False
    organizations = _recipients_organizations(reminder, project)
    submitted = set(
        Evaluation.objects.filter(
            round__project=project,
            round__kind=RoundKind.FINAL,
            status=Evaluation.Status.SUBMITTED,
            organization_id__in=organizations,
        ).values_list("organization_id", flat=True)
    )
    return bool(organizations - submitted)


def _evaluation_due_message(reminder) -> tuple[str, str]:
    project = Project.objects.get(pk=reminder.subject_id)
    title = _("【協働ポータル】最終評価のお願い：%(title)s") % {"title": project.title}
    body = _(
        "協働事業「%(title)s」は事業期間を終えました。担当課とNPOがそれぞれ評価シートに記入し、"
        "提出してください。双方の評価がそろうと、互いの評価を見比べて意見交換ができるようになります。"
    ) % {"title": project.title}
    return title, body


register(
    ReminderSpec(
        kind=ReminderKind.EVALUATION_DUE,
        anchor=pgettext_lazy("リマインダーの起点", "事業終了日"),
        timing=AFTER,
        roles=frozenset({Role.STAFF, Role.NPO}),
        default_lead_days=30,
        find_due=_evaluation_due,
        still_due=_evaluation_due_still_due,
        message=_evaluation_due_message,
    )
)


# --- One side has submitted, the other is still pending -----------------------------------------


def _other_side_pending(today: datetime.date, lead_days: int, body_ids=None):
    waiting_since = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=lead_days), datetime.time.max)
    )
    rounds = EvaluationRound.objects.filter(unsealed_at__isnull=True)
    if body_ids is not None:
        rounds = rounds.filter(project__owner_office__body_id__in=body_ids)
    rounds = rounds.annotate(first_submitted=Min("sheets__submitted_at")).filter(
        first_submitted__lte=waiting_since
    )
    first_submitted = dict(rounds.values_list("pk", "first_submitted"))
    if not first_submitted:
        return []
    round_projects = dict(rounds.values_list("pk", "project_id"))
    submitted = set(
        Evaluation.objects.filter(
            round_id__in=first_submitted, status=Evaluation.Status.SUBMITTED
        ).values_list("organization_id", "round_id")
    )
    offices = set(
        EvaluationRound.objects.filter(pk__in=first_submitted).values_list(
            "project__owner_office_id", "pk"
        )
    )
    npos = set(
        ProjectPartner.objects.filter(
            project__evaluation_rounds__in=first_submitted,
            status=ProjectPartner.Status.PARTNER,
        ).values_list("organization_id", "project__evaluation_rounds")
    )
    recipients = members_for(Role.STAFF, offices - submitted) + members_for(
        Role.NPO, npos - submitted
    )
    return due_reminders(
        EvaluationRound,
        ((user_id, round_id) for user_id, _organization, round_id in recipients),
        due_date=lambda round_id: (
            timezone.localdate(first_submitted[round_id]) + datetime.timedelta(days=lead_days)
        ),
        url=lambda round_id: reverse("evaluation:project", args=[round_projects[round_id]]),
    )


def _other_side_pending_still_due(reminder) -> bool:
    round_ = (
        EvaluationRound.objects.select_related("project").filter(pk=reminder.subject_id).first()
    )
    if round_ is None or round_.is_unsealed:
        return False
    organizations = _recipients_organizations(reminder, round_.project)
    submitted = set(
        round_.sheets.filter(status=Evaluation.Status.SUBMITTED).values_list(
            "organization_id", flat=True
        )
    )
    return bool(organizations - submitted)


def _other_side_pending_message(reminder) -> tuple[str, str]:
    round_ = EvaluationRound.objects.select_related("project").get(pk=reminder.subject_id)
    title = _("【協働ポータル】評価の提出をお待ちしています：%(title)s") % {
        "title": round_.project.title
    }
    body = _(
        "協働事業「%(title)s」の%(round)sは、相手方が評価シートを提出し、あなたの側の提出を"
        "待っています。双方がそろうまで、互いの評価は見えません。"
    ) % {"title": round_.project.title, "round": round_.get_kind_display()}
    return title, body


register(
    ReminderSpec(
        kind=ReminderKind.EVALUATION_OTHER_SIDE,
        anchor=pgettext_lazy("リマインダーの起点", "相手方が評価シートを提出した日"),
        timing=AFTER,
        roles=frozenset({Role.STAFF, Role.NPO}),
        default_lead_days=7,
        find_due=_other_side_pending,
        still_due=_other_side_pending_still_due,
        message=_other_side_pending_message,
        body_path="project__owner_office__body_id",
    )
)


# --- Carried-forward improvement items not yet acknowledged ------------------------------------


def _open_items_exist() -> Exists:
    """The same rule as evaluation.selectors.applicable_improvements, for every project at once:
    items from the predecessor, or from the same office's projects sharing an NPO or the method,
    not the project's own or its continuations', and not yet acknowledged by it."""
    my_npos = (
        # Three levels out: this subquery, the partner subquery, the item query, the project.
        ProjectPartner.objects.filter(project_id=OuterRef(OuterRef(OuterRef("pk"))))
        .exclude(status=ProjectPartner.Status.WITHDRAWN)
        .values("organization_id")
    )
    shares_npo = Q(
        project_id__in=ProjectPartner.objects.filter(organization_id__in=my_npos)
        .exclude(status=ProjectPartner.Status.WITHDRAWN)
        .values("project_id")
    )
    same_method = Q(project__method=OuterRef("method")) & ~Q(project__method="")
    related = Q(project_id=OuterRef("predecessor_id")) | (
        Q(project__owner_office_id=OuterRef("owner_office_id")) & (shares_npo | same_method)
    )
    return Exists(
        ImprovementItem.objects.filter(carry_forward=True)
        .filter(related)
        .exclude(project_id=OuterRef("pk"))
        .exclude(project__predecessor_id=OuterRef("pk"))
        .exclude(acknowledgements__project_id=OuterRef("pk"))
    )


def _feedback_unacknowledged(today: datetime.date, lead_days: int, body_ids=None):
    """Remind the office once a project has waited ``lead_days`` at the method stage, whose gate
    the unacknowledged items keep closed."""
    projects = Project.objects.filter(stage=Stage.METHOD)
    if body_ids is not None:
        projects = projects.filter(owner_office__body_id__in=body_ids)
    entered = (
        projects.filter(_open_items_exist())
        .annotate(
            entered_method=Max("events__created_at", filter=Q(events__to_stage=Stage.METHOD)),
        )
        .values_list("pk", "owner_office_id", "entered_method", "created_at")
    )
    due_dates = {}
    offices = set()
    for project_id, office_id, entered_method, created_at in entered:
        due = timezone.localdate(entered_method or created_at) + datetime.timedelta(days=lead_days)
        if due <= today:
            due_dates[project_id] = due
            offices.add((office_id, project_id))
    return due_reminders(
        Project,
        (
            (user_id, project_id)
            for user_id, _office, project_id in members_for(Role.STAFF, offices)
        ),
        due_date=lambda project_id: due_dates[project_id],
        url=lambda project_id: reverse("projects:project_detail", args=[project_id]),
    )


def _feedback_still_due(reminder) -> bool:
    project = Project.objects.filter(pk=reminder.subject_id, stage=Stage.METHOD).first()
    return project is not None and open_improvements(project).exists()


def _feedback_message(reminder) -> tuple[str, str]:
    project = Project.objects.get(pk=reminder.subject_id)
    count = open_improvements(project).count()
    title = _("【協働ポータル】以前の評価の改善点の確認：%(title)s") % {"title": project.title}
    body = _(
        "協働事業「%(title)s」には、以前の事業の評価で挙がった改善点が%(count)s件あり、"
        "まだ確認されていません。事業の計画にどう反映したかを記入して確認すると、"
        "協働相手の選定に進めます。"
    ) % {"title": project.title, "count": count}
    return title, body


register(
    ReminderSpec(
        kind=ReminderKind.FEEDBACK_UNACKNOWLEDGED,
        anchor=pgettext_lazy("リマインダーの起点", "方法選択の段階に入った日"),
        timing=AFTER,
        roles=frozenset({Role.STAFF}),
        default_lead_days=7,
        find_due=_feedback_unacknowledged,
        still_due=_feedback_still_due,
        message=_feedback_message,
    )
)
