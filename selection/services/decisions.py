"""The committee's declarations and scores, the decision and its publication, designations."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.audit import audited
from kyodo_portal.core.errors import check
from kyodo_portal.core.punctuation import join_list
from partners.models import Organization, User
from projects.choices import Stage
from projects.models import ProjectPartner
from projects.services import event_note, project_advance, project_set_partner
from selection import notices
from selection.defaults import criterion_text
from selection.models import (
    Application,
    Call,
    ConflictDeclaration,
    Criterion,
    Designation,
    Score,
)
from selection.permissions import (
    can_decide_call,
    can_declare_conflict,
    can_declare_for_call,
    can_designate_partner,
    can_publish_results,
    can_score_application,
    can_sign_off_results,
)
from selection.scoring import Ranking, compute_ranking
from selection.services.base import (
    APPLICATION_UNSCORED,
    BOTTOM_SCORE_NEEDS_REASON,
    CONFLICT_REASON_REQUIRED,
    DECISION_REASON_REQUIRED,
    JUSTIFICATION_REQUIRED,
    NOT_AN_APPLICANT,
    NOT_AN_NPO,
    NOT_PROSPECTIVE_PROPOSER,
    NOT_TOP_REASON_REQUIRED,
    PROPOSAL_REASON_REQUIRED,
    SCORE_MISSING,
    SCORE_OUT_OF_SCALE,
    SCORING_INCOMPLETE,
    SINGLE_APPLICANT_REASON_REQUIRED,
    _raise_if,
)
from selection.workflow import CALL_WORKFLOW

# The project's history records how its partner was chosen (ProjectEvent.note, worded when read).
CALL_DECIDED_NOTE = gettext_noop("公募「%(call)s」の選定結果：%(reason)s")
DESIGNATION_NOTES = {
    Designation.Route.DESIGNATED: gettext_noop("特命（指名）：%(justification)s"),
    Designation.Route.PROPOSAL: gettext_noop("協働提案による選定：%(justification)s"),
}


# --- messages of the declaration per call and the chair's approval (reused by forms and tests)
CONFLICT_REASON_REQUIRED_FOR = _("%(applicant)sとの利害関係の内容を記入してください。")
NOT_A_SUBMITTED_APPLICATION = _("この公募に提出された応募ではないものが含まれています。")
CHAIR_SIGNOFF_REQUIRED = _(
    "この公募は委員長の承認を経て選定結果を公表します。"
    "選定委員長が審査結果を承認するまで、結果は公表できません。"
)


# --- committee: conflicts and scores ---------------------------------------------------------
@transaction.atomic
@audited("selection.conflict_declare")
def conflict_declare(
    *, application: Application, by: User, has_conflict: bool, reason: str = ""
) -> ConflictDeclaration:
    """Declare, before seeing the application, whether the reviewer has a conflict with it.

    A declared conflict removes any scores the reviewer gave it and cannot be taken back.
    """
    check(can_declare_conflict(by, application))
    if has_conflict and not reason.strip():
        raise ValidationError(str(CONFLICT_REASON_REQUIRED))
    declaration, _created = ConflictDeclaration.objects.update_or_create(
        application=application,
        reviewer=by,
        defaults={"has_conflict": has_conflict, "reason": reason.strip() if has_conflict else ""},
    )
    if has_conflict:
        Score.objects.filter(application=application, reviewer=by).delete()
    application.__dict__.pop("_declarations", None)
    if has_conflict:
        notices.notify_conflict_declared(declaration=declaration, by=by)
    return declaration


@transaction.atomic
@audited("selection.conflict_declare_for_call")
def conflict_declare_for_call(
    *, call: Call, by: User, conflicts: dict[int, str]
) -> list[ConflictDeclaration]:
    """One declaration for every submitted application of the call: a conflict, with its
    reason, for each application in ``conflicts`` ({application id: reason}) and no conflict
    with all the others. All or nothing: a conflict without a reason refuses the whole.

    The stored truth stays one row per application (the queue, the sheets and the office's
    progress read those). A conflict declared before is final and stays as it is; a "no
    conflict" declared before may become a conflict, which removes the reviewer's scores."""
    check(can_declare_for_call(by, call))
    applications = list(
        call.applications.filter(status=Application.Status.SUBMITTED)
        .select_related("organization")
        .order_by("submitted_at", "pk")
    )
    existing = {
        d.application_id: d
        for d in ConflictDeclaration.objects.filter(application__call=call, reviewer=by)
    }
    by_id = {a.pk: a for a in applications}
    errors = []
    if set(conflicts) - set(by_id):
        errors.append(str(NOT_A_SUBMITTED_APPLICATION))
    for application in applications:
        reason = conflicts.get(application.pk)
        if reason is not None and not reason.strip():
            errors.append(
                str(CONFLICT_REASON_REQUIRED_FOR) % {"applicant": application.organization}
            )
    _raise_if(errors)
    conflicted, none = [], []
    for application in applications:
        before = existing.get(application.pk)
        if before is not None and before.has_conflict:
            continue  # final: neither withdrawn nor reworded
        if application.pk in conflicts:
            declaration = before or ConflictDeclaration(application=application, reviewer=by)
            declaration.has_conflict = True
            declaration.reason = conflicts[application.pk].strip()
            declaration.save()
            conflicted.append(declaration)
        elif before is None:
            none.append(
                ConflictDeclaration(
                    application=application, reviewer=by, has_conflict=False, reason=""
                )
            )
        # else "no conflict" again: the first declaration and its time stand.
    # Conflicts are few and each is told to the office; "none" for everyone else is one insert.
    written = conflicted + ConflictDeclaration.objects.bulk_create(none)
    newly_conflicted = [d.application_id for d in conflicted]
    if newly_conflicted:
        Score.objects.filter(application_id__in=newly_conflicted, reviewer=by).delete()
    for declaration in written:
        if declaration.has_conflict:
            notices.notify_conflict_declared(declaration=declaration, by=by)
    return written


@dataclass
class ScoreInput:
    value: int | None
    comment: str = ""


def score_errors(call: Call, criteria: list[Criterion], scores: dict[int, ScoreInput]):
    """{criterion_id: message} for scores missing, off the declared scale, or at the bottom of
    the scale without a reason."""
    errors = {}
    for criterion in criteria:
        entry = scores.get(criterion.pk)
        values = {
            "criterion": criterion_text(criterion.name),
            "min": call.scale_min,
            "max": call.scale_max,
        }
        if entry is None or entry.value is None:
            errors[criterion.pk] = str(SCORE_MISSING) % values
        elif not call.scale_min <= entry.value <= call.scale_max:
            errors[criterion.pk] = str(SCORE_OUT_OF_SCALE) % values
        elif entry.value == call.scale_min and not entry.comment.strip():
            errors[criterion.pk] = str(BOTTOM_SCORE_NEEDS_REASON) % values
    return errors


@transaction.atomic
@audited("selection.scores_save")
def scores_save(
    *, application: Application, by: User, scores: dict[int, ScoreInput]
) -> list[Score]:
    """Save a reviewer's complete sheet for one application (every criterion at once)."""
    check(can_score_application(by, application))
    call = application.call
    criteria = list(call.criteria.all())
    errors = score_errors(call, criteria, scores)
    if errors:
        raise ValidationError(list(errors.values()))
    saved = []
    for criterion in criteria:
        entry = scores[criterion.pk]
        score, _created = Score.objects.update_or_create(
            application=application,
            reviewer=by,
            criterion=criterion,
            # The member's own entry replaces any the office typed in from paper.
            defaults={
                "value": entry.value,
                "comment": entry.comment.strip(),
                "entered_by": None,
                "paper_sheet": None,
            },
        )
        saved.append(score)
    return saved


# --- decision and publication ----------------------------------------------------------------
def scoring_gaps(ranking: Ranking) -> list[str]:
    """What still stops a decision: sheets not yet done, applications nobody may score."""
    gaps = []
    pending = [
        gettext("%(reviewer)s（%(count)s件）") % {"reviewer": name, "count": count}
        for name, count in ranking.pending_by_reviewer()
    ]
    if pending:
        gaps.append(str(SCORING_INCOMPLETE) % {"pending": join_list(pending)})
    for row in ranking.rows:
        if row.eligible_reviewers == 0:
            gaps.append(str(APPLICATION_UNSCORED) % {"applicant": row.application.organization})
    return gaps


@transaction.atomic
@audited("selection.call_decide")
def call_decide(
    *,
    call: Call,
    by: User,
    application: Application | None,
    reason: str,
    not_top_reason: str = "",
    single_applicant_reason: str = "",
    committee_summary: str = "",
    now=None,
) -> Call:
    """Record the decision and its reasons, make the chosen NPO the project's partner and move
    the project on to the agreement stage. ``application=None`` records that nobody was chosen
    (該当なし); the project stays at partner selection for another call or a designation.
    With a single applicant nothing was compared, so the decision needs a written reason too."""
    call = Call.objects.select_for_update().select_related("project").get(pk=call.pk)
    check(can_decide_call(by, call))
    # The table's gate, asked before the ranking so its reason comes alone, as it always has.
    _raise_if(CALL_WORKFLOW.closed_gates(call, Call.Status.DECIDED))
    ranking = compute_ranking(call)
    errors = scoring_gaps(ranking)
    if not reason.strip():
        errors.append(str(DECISION_REASON_REQUIRED))
    if application is not None:
        row = ranking.row_for(application.pk)
        if row is None:
            errors.append(str(NOT_AN_APPLICANT))
        elif row.rank != 1 and not not_top_reason.strip():
            errors.append(str(NOT_TOP_REASON_REQUIRED))
    single = len(ranking.rows) == 1
    if single and not single_applicant_reason.strip():
        errors.append(str(SINGLE_APPLICANT_REASON_REQUIRED))
    _raise_if(errors)
    call.chosen_application = application
    call.decision_reason = reason.strip()
    call.not_top_reason = not_top_reason.strip()
    call.single_applicant_reason = single_applicant_reason.strip() if single else ""
    call.committee_summary = committee_summary.strip()
    call.decided_by = by
    call.decided_at = now or timezone.now()
    call.version += 1
    CALL_WORKFLOW.transition(
        call,
        Call.Status.DECIDED,
        also=[
            "chosen_application",
            "decision_reason",
            "not_top_reason",
            "single_applicant_reason",
            "committee_summary",
            "decided_by",
            "decided_at",
            "version",
        ],
    )
    if application is not None:
        note = event_note(CALL_DECIDED_NOTE, call=call.title, reason=call.decision_reason)
        project_set_partner(
            project=call.project, organization=application.organization, by=by, via="open_call"
        )
        project_advance(project=call.project, to=Stage.AGREEMENT, by=by, note=note)
    notices.notify_call_decided(call=call, by=by)
    return call


@transaction.atomic
@audited("selection.call_publish_results")
def call_publish_results(*, call: Call, by: User, now=None) -> Call:
    """Publish the ranked results and reasons on the call's public page."""
    call = Call.objects.select_for_update().select_related("project").get(pk=call.pk)
    check(can_publish_results(by, call))
    if call.requires_chair_signoff and call.chair_signed_off_at is None:
        raise ValidationError(str(CHAIR_SIGNOFF_REQUIRED))
    call.results_published_at = now or timezone.now()
    call.version += 1
    CALL_WORKFLOW.transition(call, Call.Status.PUBLISHED, also=["results_published_at", "version"])
    notices.notify_results_published(call=call, by=by)
    return call


@transaction.atomic
@audited("selection.results_sign_off")
def results_sign_off(*, call: Call, by: User, now=None) -> Call:
    """The chair approves the ranking and the decision (when the call asks for it); the
    results may be published from then on. Recorded with the time, once."""
    call = Call.objects.select_for_update().select_related("project").get(pk=call.pk)
    check(can_sign_off_results(by, call))
    call.chair_signed_off_by = by
    call.chair_signed_off_at = now or timezone.now()
    call.version += 1
    call.save(update_fields=["chair_signed_off_by", "chair_signed_off_at", "version", "updated_at"])
    return call


@transaction.atomic
@audited("selection.designation_create")
def designation_create(
    *, project, by: User, organization: Organization, route: str, justification: str
) -> Designation:
    """Choose the partner without an open call, with the published justification: a designated
    partner (特命) or the NPO whose proposal became the project."""
    check(can_designate_partner(by, project))
    if not organization.is_npo:
        raise ValidationError(str(NOT_AN_NPO))
    if not justification.strip():
        raise ValidationError(
            str(JUSTIFICATION_REQUIRED)
            if route == Designation.Route.DESIGNATED
            else str(PROPOSAL_REASON_REQUIRED)
        )
    if route == Designation.Route.PROPOSAL:
        is_proposer = ProjectPartner.objects.filter(
            project=project,
            organization=organization,
            status=ProjectPartner.Status.PROSPECTIVE,
            via=ProjectPartner.Via.PROPOSAL,
        ).exists()
        if not is_proposer:
            raise ValidationError(str(NOT_PROSPECTIVE_PROPOSER))
    designation = Designation.objects.create(
        project=project,
        organization=organization,
        route=route,
        justification=justification.strip(),
        decided_by=by,
    )
    via = "designated" if route == Designation.Route.DESIGNATED else "proposal"
    note = event_note(DESIGNATION_NOTES[route], justification=designation.justification)
    project_set_partner(project=project, organization=organization, by=by, via=via)
    project_advance(project=project, to=Stage.AGREEMENT, by=by, note=note)
    return designation
