"""Who may do what in partner selection (協働相手の選定): open calls, applications, committee,
results. Access is decided here and only here.

- staff of the project's owner office manage its calls and decide;
- managers read every call, application and ranking, and change nothing;
- reviewers see the calls they sit on and, after declaring no conflict, those applications;
- NPO members see and edit only their own organisation's applications;
- the public sees published calls and, once published, their results.
Each check says who AND when, so the page can tell a person why a button is missing.
"""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.dates import display_datetime
from kyodo_portal.core.queries import one_or_none
from kyodo_portal.core.roles import Role
from partners.permissions import NOT_SIGNED_IN, Decision, can_use_directory
from partners.selectors import has_role, loaded_or_id, manages_office, organization_ids_of
from projects.choices import Stage
from selection.models import (
    Application,
    ApplicationAttachment,
    Call,
    ConflictDeclaration,
    PaperScoreSheet,
    Score,
)

# The "when" of each action is said by the tables; their messages are still read from here.
from selection.workflow import (  # noqa: F401
    APPLICATION_NOT_ACTIVE,
    APPLICATION_NOT_DRAFT,
    APPLICATION_NOT_SUBMITTED,
    APPLICATION_NOT_WITHDRAWN,
    APPLICATION_WORKFLOW,
    CALL_LOCKED,
    CALL_NOT_DRAFT,
    CALL_NOT_OPEN,
    CALL_WORKFLOW,
    COMMITTEE_CLOSED,
    CORRECTION_CLOSED,
    NOT_DECIDED,
    NOT_SCORING,
)

NOT_CALL_OWNER = _("この公募を管理できるのは、事業の担当課の職員だけです。")
NOT_CALL_VIEWER = _("この公募を閲覧する権限がありません。")
DEADLINE_PASSED = _("応募の締切（%(deadline)s）を過ぎているため、受け付けられません。")
DEADLINE_NOT_PASSED = _("応募の締切（%(deadline)s）まで審査は始められません。")
NO_SCORES_FOR_MINUTES = _("まだ採点がないため、会議録用の選定結果は出力できません。")
MINUTES_BEFORE_PUBLICATION = _(
    "結果の公表前に会議録用の選定結果を出力できるのは、事業の担当課の職員だけです。"
)
RESULTS_NOT_PUBLISHED = _("選定結果はまだ公表されていません。")
NOT_NPO_MEMBER_TO_APPLY = _("公募に応募できるのは、NPOの会員だけです。")
NOT_APPLICANT = _("この応募を扱えるのは、応募団体の会員だけです。")
NOT_ON_COMMITTEE = _("この公募の選定委員ではありません。")
CONFLICT_FINAL = _("利害関係ありと申告した応募の申告は取り消せません。")
DECLARE_FIRST = _("採点の前に、この応募との利害関係の有無を申告してください。")
CONFLICTED = _("利害関係を申告した応募は、閲覧も採点もできません。")
WRONG_STAGE_FOR_SELECTION = _("協働相手の選定は「相手選定」の段階で行います。")
SELECTION_IN_PROGRESS = _(
    "進行中の公募があります。特命・提案による選定の前に、公募の結果を決定してください。"
)
CALL_IN_PROGRESS = _("この事業には進行中の公募があります。")
NOT_CHAIR = _("審査結果を承認できるのは、この公募の選定委員長だけです。")
SIGNOFF_NOT_REQUIRED = _("この公募は、委員長の承認を経ずに選定結果を公表します。")
ALREADY_SIGNED_OFF = _("審査結果はすでに承認されています。")


def _local_deadline(call) -> str:
    return display_datetime(call.application_deadline)


def deadline_passed_message(call) -> str:
    return str(DEADLINE_PASSED) % {"deadline": _local_deadline(call)}


def _now(now=None):
    return now or timezone.now()


def is_call_owner_staff(user, call) -> bool:
    return call.project.owner_office_id in organization_ids_of(user, Role.STAFF)


def is_call_body_manager(user, call) -> bool:
    """A manager of the body whose office runs the call (reads it; another body's do not)."""
    return manages_office(user, loaded_or_id(call.project, "owner_office"))


def committee_user_ids(call) -> set[int]:
    """The committee's members, looked up once per call object."""
    cached = getattr(call, "_committee_user_ids", None)
    if cached is None:
        cached = set(call.committee.values_list("user_id", flat=True))
        call._committee_user_ids = cached
    return cached


def is_on_committee(user, call) -> bool:
    return user.is_authenticated and user.pk in committee_user_ids(call)


def declaration_of(user, application):
    """The reviewer's conflict declaration for the application, looked up once per object."""
    cache = application.__dict__.setdefault("_declarations", {})
    if user.pk not in cache:
        cache[user.pk] = ConflictDeclaration.objects.filter(
            application=application, reviewer=user
        ).first()
    return cache[user.pk]


def can_manage_call(user, call) -> Decision:
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if is_call_owner_staff(user, call):
        return True, ""
    return False, str(NOT_CALL_OWNER)


def can_view_call(user, call) -> Decision:
    """The internal call page: the owner office, managers and the call's committee."""
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if is_call_owner_staff(user, call) or is_call_body_manager(user, call):
        return True, ""
    if is_on_committee(user, call):
        return True, ""
    return False, str(NOT_CALL_VIEWER)


def _managed_call_allows(user, call, action: str) -> Decision:
    """The office that runs the call may take the action when the call's state allows it."""
    allowed, reason = can_manage_call(user, call)
    if not allowed:
        return allowed, reason
    return CALL_WORKFLOW.allowed(call, action)


def can_edit_call(user, call) -> Decision:
    return _managed_call_allows(user, call, "edit")


def can_publish_call(user, call) -> Decision:
    return _managed_call_allows(user, call, "publish")


def can_correct_call(user, call) -> Decision:
    return _managed_call_allows(user, call, "correct")


def can_start_scoring(user, call, now=None) -> Decision:
    allowed, reason = _managed_call_allows(user, call, "start_scoring")
    if not allowed:
        return allowed, reason
    if _now(now) <= call.application_deadline:
        return False, str(DEADLINE_NOT_PASSED) % {"deadline": _local_deadline(call)}
    return True, ""


def can_change_committee(user, call) -> Decision:
    return _managed_call_allows(user, call, "change_committee")


def committee_locked(call, now=None) -> bool:
    """Once applications have closed the applicants are known: from then on a change of the
    committee needs a written reason and is published in the call's history."""
    if call.status == Call.Status.DRAFT:
        return False
    if call.status == Call.Status.OPEN:
        return _now(now) > call.application_deadline
    return True


def chair_of(call):
    """The call's chair (CommitteeMember), or None."""
    return call.committee.filter(is_chair=True).select_related("user").first()


def can_sign_off_results(user, call) -> Decision:
    """The chair approves the ranking and the decision when the call asks for it, once the
    decision is recorded and before the results are published; once only."""
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if not call.committee.filter(user=user, is_chair=True).exists():
        return False, str(NOT_CHAIR)
    if not call.requires_chair_signoff:
        return False, str(SIGNOFF_NOT_REQUIRED)
    if call.chair_signed_off_at is not None:
        return False, str(ALREADY_SIGNED_OFF)
    if call.status != Call.Status.DECIDED:
        return False, str(NOT_DECIDED)
    return True, ""


def can_view_ranking(user, call) -> Decision:
    """Totals are for the office that decides and for managers; reviewers see only their own
    sheets, so a recused member never sees how the application they left is doing."""
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if not (is_call_owner_staff(user, call) or is_call_body_manager(user, call)):
        return False, str(NOT_CALL_OWNER)
    return CALL_WORKFLOW.allowed(call, "view_ranking")


def can_export_minutes(user, call) -> Decision:
    """「選定結果（会議録用）」: the office that runs the call, once there are scores; the body's
    managers too once the results are public (before that the totals stay with the office)."""
    allowed, reason = can_view_ranking(user, call)
    if not allowed:
        return allowed, reason
    if not is_call_owner_staff(user, call) and not call.results_are_public:
        return False, str(MINUTES_BEFORE_PUBLICATION)
    scored = Score.objects.filter(
        application__call=call, application__status=Application.Status.SUBMITTED
    )
    if not scored.exists():
        return False, str(NO_SCORES_FOR_MINUTES)
    return True, ""


def can_decide_call(user, call) -> Decision:
    return _managed_call_allows(user, call, "decide")


def can_publish_results(user, call) -> Decision:
    return _managed_call_allows(user, call, "publish_results")


def can_view_public_call(user, call) -> Decision:
    """Anyone, signed in or not, reads a call once it is published."""
    if call.is_public:
        return True, ""
    return False, str(NOT_CALL_VIEWER)


def can_apply_to_call(user, call, now=None) -> Decision:
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if not organization_ids_of(user, Role.NPO):
        return False, str(NOT_NPO_MEMBER_TO_APPLY)
    allowed, reason = CALL_WORKFLOW.allowed(call, "apply")
    if not allowed:
        return allowed, reason
    if _now(now) > call.application_deadline:
        return False, deadline_passed_message(call)
    return True, ""


def is_applicant_member(user, application) -> bool:
    return application.organization_id in organization_ids_of(user, Role.NPO)


def can_view_application(user, application) -> Decision:
    """Drafts are the NPO's own; submitted ones are read by the office, managers and the
    reviewers who declared no conflict with them."""
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if is_applicant_member(user, application):
        return True, ""
    if application.status != application.Status.SUBMITTED:
        return False, str(APPLICATION_NOT_SUBMITTED)
    call = application.call
    if is_call_owner_staff(user, call) or is_call_body_manager(user, call):
        return True, ""
    if is_on_committee(user, call) and CALL_WORKFLOW.allowed(call, "committee_read")[0]:
        declaration = declaration_of(user, application)
        if declaration is None:
            return False, str(DECLARE_FIRST)
        if declaration.has_conflict:
            return False, str(CONFLICTED)
        return True, ""
    return False, str(NOT_APPLICANT)


def _applicant_while_open(user, application, now=None) -> Decision:
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if not is_applicant_member(user, application):
        return False, str(NOT_APPLICANT)
    call = application.call
    allowed, reason = CALL_WORKFLOW.allowed(call, "apply")
    if not allowed:
        return allowed, reason
    if _now(now) > call.application_deadline:
        return False, deadline_passed_message(call)
    return True, ""


def can_edit_application(user, application, now=None) -> Decision:
    """Editing, attaching files and submitting: the applicant's members, on a draft, in time."""
    allowed, reason = _applicant_while_open(user, application, now)
    if not allowed:
        return allowed, reason
    return APPLICATION_WORKFLOW.allowed(application, "edit")


can_submit_application = can_edit_application


def can_withdraw_application(user, application, now=None) -> Decision:
    allowed, reason = _applicant_while_open(user, application, now)
    if not allowed:
        return allowed, reason
    return APPLICATION_WORKFLOW.allowed(application, "withdraw")


def can_reopen_application(user, application, now=None) -> Decision:
    allowed, reason = _applicant_while_open(user, application, now)
    if not allowed:
        return allowed, reason
    return APPLICATION_WORKFLOW.allowed(application, "reopen")


def _reviewer_while_scoring(user, application) -> Decision:
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    call = application.call
    if not is_on_committee(user, call):
        return False, str(NOT_ON_COMMITTEE)
    allowed, reason = APPLICATION_WORKFLOW.allowed(application, "review")
    if not allowed:
        return allowed, reason
    return CALL_WORKFLOW.allowed(call, "score")


def can_declare_conflict(user, application) -> Decision:
    allowed, reason = _reviewer_while_scoring(user, application)
    if not allowed:
        return allowed, reason
    declaration = declaration_of(user, application)
    if declaration is not None and declaration.has_conflict:
        return False, str(CONFLICT_FINAL)
    return True, ""


def can_declare_for_call(user, call) -> Decision:
    """One declaration for every submitted application of the call, while scoring."""
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if not is_on_committee(user, call):
        return False, str(NOT_ON_COMMITTEE)
    return CALL_WORKFLOW.allowed(call, "score")


def can_score_application(user, application) -> Decision:
    allowed, reason = _reviewer_while_scoring(user, application)
    if not allowed:
        return allowed, reason
    declaration = declaration_of(user, application)
    if declaration is None:
        return False, str(DECLARE_FIRST)
    if declaration.has_conflict:
        return False, str(CONFLICTED)
    return True, ""


def is_result_notice_party(user, application) -> bool:
    """The applicant it is addressed to, the office that sends it, managers; nobody else even
    learns that it exists."""
    return (
        is_applicant_member(user, application)
        or is_call_owner_staff(user, application.call)
        or is_call_body_manager(user, application.call)
    )


def can_get_result_notice(user, application) -> Decision:
    """The 選定結果通知書 of a submitted application, once the call is decided: the office and
    managers at once, the applicant when the results are public."""
    allowed, reason = can_view_application(user, application)
    if not allowed:
        return allowed, reason
    call = application.call
    applicant = is_applicant_member(user, application)
    if not is_result_notice_party(user, application):
        return False, str(NOT_CALL_OWNER)
    if application.status != application.Status.SUBMITTED:
        return False, str(APPLICATION_NOT_SUBMITTED)
    if call.decided_at is None:
        return False, str(NOT_DECIDED)
    if applicant and not call.results_are_public:
        return False, str(RESULTS_NOT_PUBLISHED)
    return True, ""


def can_view_own_scores(user, application) -> Decision:
    """An applicant reads its own per-criterion scores and comments once results are public."""
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if not is_applicant_member(user, application):
        return False, str(NOT_APPLICANT)
    if not application.call.results_are_public:
        return False, str(RESULTS_NOT_PUBLISHED)
    return APPLICATION_WORKFLOW.allowed(application, "review")


def can_view_selection(user, project) -> Decision:
    """The project's selection page: its office (acting) and managers (reading)."""
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if project.owner_office_id in organization_ids_of(user, Role.STAFF):
        return True, ""
    if manages_office(user, loaded_or_id(project, "owner_office")):
        return True, ""
    return False, str(NOT_CALL_OWNER)


def _active_call_exists(project) -> bool:
    return Call.objects.filter(
        project=project, status__in=[Call.Status.OPEN, Call.Status.SCORING]
    ).exists()


def can_select_partner(user, project) -> Decision:
    """Starting a call, designating or confirming a proposer: the owner office, at the
    partner-selection stage."""
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if project.owner_office_id not in organization_ids_of(user, Role.STAFF):
        return False, str(NOT_CALL_OWNER)
    if project.stage != Stage.PARTNER_SELECTION:
        return False, str(WRONG_STAGE_FOR_SELECTION)
    return True, ""


def can_designate_partner(user, project) -> Decision:
    allowed, reason = can_select_partner(user, project)
    if not allowed:
        return allowed, reason
    if _active_call_exists(project):
        return False, str(SELECTION_IN_PROGRESS)
    return True, ""


def can_create_call(user, project) -> Decision:
    allowed, reason = can_select_partner(user, project)
    if not allowed:
        return allowed, reason
    if _active_call_exists(project):
        return False, str(CALL_IN_PROGRESS)
    return True, ""


def _get_or_404(model, pk, decide, user, queryset=None):
    obj = one_or_none(queryset if queryset is not None else model.objects, pk=pk)
    if obj is None or not decide(user, obj)[0]:
        raise Http404
    return obj


def _call_queryset():
    return Call.objects.select_related("project", "project__owner_office")


def get_call_for_view_or_404(user, pk: int):
    return _get_or_404(Call, pk, can_view_call, user, _call_queryset())


def get_call_for_manage_or_404(user, pk: int):
    return _get_or_404(Call, pk, can_manage_call, user, _call_queryset())


def get_public_call_or_404(user, pk: int):
    # The public page names the chosen organisation.
    queryset = _call_queryset().select_related("chosen_application__organization")
    return _get_or_404(Call, pk, can_view_public_call, user, queryset)


def _application_queryset():
    return Application.objects.select_related(
        "call", "call__project", "call__project__owner_office", "organization"
    )


def get_application_for_view_or_404(user, pk: int):
    return _get_or_404(Application, pk, can_view_application, user, _application_queryset())


def get_application_for_applicant_or_404(user, pk: int):
    """For the applicant's own actions (edit, submit, withdraw, files)."""
    return _get_or_404(
        Application,
        pk,
        lambda u, a: (is_applicant_member(u, a), ""),
        user,
        _application_queryset(),
    )


def get_application_for_committee_or_404(user, pk: int):
    """For declaring a conflict: a committee member of the call, on a submitted application.
    Only the applicant's name is shown until no conflict is declared."""

    def decide(u, application):
        return (
            u.is_authenticated
            and is_on_committee(u, application.call)
            and APPLICATION_WORKFLOW.allowed(application, "review")[0]
            and CALL_WORKFLOW.allowed(application.call, "committee_read")[0],
            "",
        )

    return _get_or_404(Application, pk, decide, user, _application_queryset())


def get_attachment_for_download_or_404(user, pk: int):
    attachment = (
        ApplicationAttachment.objects.select_related(
            "application__call__project", "application__organization"
        )
        .filter(pk=pk)
        .first()
    )
    if attachment is None or not can_view_application(user, attachment.application)[0]:
        raise Http404
    return attachment


def can_list_calls(user) -> Decision:
    return can_use_directory(user)


def can_review(user) -> Decision:
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if has_role(user, Role.REVIEWER):
        return True, ""
    return False, str(NOT_ON_COMMITTEE)


# --- the secretary's desk: progress, reminders, scores entered from paper sheets --------------


def can_view_progress(user, call) -> Decision:
    """Who has declared and scored what: the office that runs the call, while and after the
    committee works (a member's own sheet stays theirs; the office sees only its state)."""
    allowed, reason = can_manage_call(user, call)
    if not allowed:
        return allowed, reason
    return CALL_WORKFLOW.allowed(call, "committee_read")


def can_remind_member(user, call) -> Decision:
    return _managed_call_allows(user, call, "score")


def can_enter_scores_on_behalf(user, call) -> Decision:
    """Typing in a member's signed paper sheet: the office that runs the call, while scoring
    (never once the result is decided)."""
    return _managed_call_allows(user, call, "score")


def get_call_for_progress_or_404(user, pk: int):
    return _get_or_404(Call, pk, can_view_progress, user, _call_queryset())


def get_paper_sheet_for_download_or_404(user, pk: int):
    """The scan of a signed sheet: the office and managers of the call, and the member whose
    sheet it is."""
    sheet = (
        PaperScoreSheet.objects.select_related("call__project__owner_office").filter(pk=pk).first()
    )
    if sheet is None or not user.is_authenticated:
        raise Http404
    call = sheet.call
    if is_call_owner_staff(user, call) or is_call_body_manager(user, call):
        return sheet
    if sheet.member_id is not None and sheet.member_id == user.pk:
        return sheet
    raise Http404
