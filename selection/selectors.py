"""Read queries of partner selection: calls, applications, the committee's queue, public pages,
and what the home page and the project page show of it."""

from django.db import models
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from kyodo_portal.core.roles import Role
from partners.selectors import (
    bodies_of_offices_q,
    managed_body_ids,
    organization_ids_of,
)
from projects.choices import Stage
from selection.call_changes import change_log
from selection.defaults import criterion_text
from selection.models import (
    Application,
    Call,
    CallRevision,
    CommitteeChange,
    CommitteeMember,
    ConflictDeclaration,
    Designation,
    Score,
)
from selection.permissions import can_select_partner, can_view_selection


def calls_for_staff(user) -> QuerySet:
    """Calls of the person's offices (every call of their body for managers)."""
    queryset = Call.objects.select_related("project", "project__owner_office").order_by(
        "-created_at"
    )
    return queryset.filter(
        Q(project__owner_office_id__in=organization_ids_of(user, Role.STAFF))
        | bodies_of_offices_q(managed_body_ids(user), "project__owner_office")
    )


def with_submitted_count(calls: QuerySet) -> QuerySet:
    """The calls, each with ``submitted``: its number of submitted applications. Counted for each
    row shown (a correlated subquery), not by grouping every call joined to its applications
    before a page is taken: 34 ms → 8 ms for an office's page at 100,000 projects."""
    submitted = (
        Application.objects.filter(call=OuterRef("pk"), status=Application.Status.SUBMITTED)
        .order_by()
        .values("call")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return calls.annotate(submitted=Coalesce(Subquery(submitted), 0))


def applications_of(user) -> QuerySet:
    """Applications of every NPO the person is a member of."""
    return (
        Application.objects.filter(organization_id__in=organization_ids_of(user, Role.NPO))
        .select_related("call", "organization")
        .order_by("-created_at")
    )


def open_calls_to_apply(npos, now=None) -> QuerySet:
    """Calls accepting applications that at least one of these NPOs has not applied to yet
    (a draft counts as applied), closing soonest first."""
    npo_ids = [npo.pk for npo in npos]
    return (
        open_calls(now)
        .annotate(
            applied=Count(
                "applications__organization",
                filter=Q(applications__organization_id__in=npo_ids),
                distinct=True,
            )
        )
        .filter(applied__lt=len(npo_ids))
        .order_by("application_deadline", "pk")
    )


def _of_body(queryset: QuerySet, body, path: str = "project__owner_office__body") -> QuerySet:
    """Only the rows of this government body (all of them when ``body`` is None)."""
    return queryset if body is None else queryset.filter(**{path: body})


def open_calls(now=None, body=None) -> QuerySet:
    """Calls accepting applications right now (of one body when given)."""
    calls = (
        Call.objects.filter(
            status=Call.Status.OPEN, application_deadline__gte=now or timezone.now()
        )
        .select_related("project__owner_office")
        .order_by("application_deadline")
    )
    return _of_body(calls, body)


def public_calls(body=None) -> QuerySet:
    """Every call anyone may read (all but drafts), of one body when given."""
    calls = (
        Call.objects.exclude(status=Call.Status.DRAFT)
        .select_related("project__owner_office", "chosen_application__organization")
        .order_by("-published_at")
    )
    return _of_body(calls, body)


def public_designations(body=None) -> QuerySet:
    designations = Designation.objects.select_related(
        "project__owner_office", "organization"
    ).order_by("-decided_at")
    return _of_body(designations, body)


# The public calls page lists the newest rows of each group and links to the group's own page,
# which shows every row a page at a time: a country's calls would otherwise make one page of
# megabytes (8,300 calls at 100,000 projects).
PUBLIC_GROUP_SHOWN = 20
PUBLIC_GROUP_PAGE = 100


class PublicGroup(models.TextChoices):
    """The groups of the public calls page, as the handbook names them: open calls, calls in
    review, results of calls, and partners chosen without a call (特命・協働提案)."""

    OPEN = "open", gettext_lazy("公募中")
    IN_REVIEW = "in-review", gettext_lazy("審査中")
    RESULTS = "results", gettext_lazy("選定結果（公募）")
    DESIGNATIONS = "designations", gettext_lazy("特命・協働提案による選定")


def _call_group_conditions(now) -> dict[str, Q]:
    """Which public calls each group of calls holds at ``now``."""
    return {
        PublicGroup.OPEN: Q(status=Call.Status.OPEN, application_deadline__gte=now),
        PublicGroup.IN_REVIEW: Q(status__in=(Call.Status.SCORING, Call.Status.DECIDED))
        | Q(status=Call.Status.OPEN, application_deadline__lt=now),
        PublicGroup.RESULTS: Q(status=Call.Status.PUBLISHED),
    }


def public_group_rows(group: str, body=None, now=None) -> QuerySet:
    """Every row of one group of the public calls page, newest first (of one body when given)."""
    if group == PublicGroup.DESIGNATIONS:
        return public_designations(body).order_by("-decided_at", "-pk")
    condition = _call_group_conditions(now or timezone.now())[group]
    return public_calls(body).filter(condition).order_by("-published_at", "-pk")


def public_calls_page(body=None, now=None) -> dict:
    """The public calls page's groups, of one body when given (the body's page shows the same
    groups): the newest ``PUBLIC_GROUP_SHOWN`` rows of each and its number of rows. The same
    six queries whatever the number of calls: the rows of each group, one count of the calls
    in each group of calls, and one of the designations."""
    now = now or timezone.now()
    names = {
        PublicGroup.OPEN: "open_calls",
        PublicGroup.IN_REVIEW: "in_review",
        PublicGroup.RESULTS: "results",
        PublicGroup.DESIGNATIONS: "designations",
    }
    page = {
        name: list(public_group_rows(group, body, now)[:PUBLIC_GROUP_SHOWN])
        for group, name in names.items()
    }
    totals = public_calls(body).aggregate(
        **{
            names[group]: Count("pk", filter=condition)
            for group, condition in _call_group_conditions(now).items()
        }
    )
    totals["designations"] = public_designations(body).count()
    # The body goes with the links to the groups' own pages.
    return {**page, "totals": totals, "body_slug": body.slug if body is not None else ""}


def open_call_counts_by_body(now=None) -> dict[int, int]:
    """{body id: calls accepting applications now}, for the index of bodies (one query)."""
    rows = (
        open_calls(now).order_by().values("project__owner_office__body").annotate(count=Count("pk"))
    )
    return {row["project__owner_office__body"]: row["count"] for row in rows}


def committee_seats_of(user) -> QuerySet:
    return (
        CommitteeMember.objects.filter(user=user)
        .select_related("call", "call__project__owner_office")
        .order_by("-call__application_deadline", "-pk")
    )


def review_sheet(user, call) -> list[dict]:
    """The reviewer's view of a call: each submitted application with their declaration and
    whether their sheet is done (one query for each kind of fact, whatever the size)."""
    applications = list(
        call.applications.filter(status=Application.Status.SUBMITTED)
        .select_related("organization")
        .order_by("submitted_at", "pk")
    )
    declarations = {
        d.application_id: d
        for d in ConflictDeclaration.objects.filter(application__call=call, reviewer=user)
    }
    scored = dict(
        Score.objects.filter(application__call=call, reviewer=user)
        .values("application_id")
        .annotate(n=Count("id"))
        .values_list("application_id", "n")
    )
    criteria_count = call.criteria.count()
    return [
        {
            "application": application,
            "declaration": declarations.get(application.pk),
            "scored": bool(criteria_count) and scored.get(application.pk, 0) >= criteria_count,
        }
        for application in applications
    ]


def review_queue_items(user) -> list[dict]:
    """[{url, text}] for each call under review where the reviewer still has work to do
    (two queries, whatever the number of calls and applications)."""
    if not user.is_authenticated:
        return []
    calls = list(
        Call.objects.filter(committee__user=user, status=Call.Status.SCORING)
        .annotate(n_criteria=Count("criteria", distinct=True))
        .order_by("scoring_deadline")
    )
    declarations = ConflictDeclaration.objects.filter(application=OuterRef("pk"), reviewer=user)
    rows = (
        Application.objects.filter(call__in=calls, status=Application.Status.SUBMITTED)
        .annotate(
            declared=Exists(declarations),
            conflicted=Exists(declarations.filter(has_conflict=True)),
            n_scores=Count("scores", filter=Q(scores__reviewer=user)),
        )
        .values_list("call_id", "declared", "conflicted", "n_scores")
    )
    undeclared: dict[int, int] = {}
    unscored: dict[int, int] = {}
    criteria_counts = {call.pk: call.n_criteria for call in calls}
    for call_id, declared, conflicted, n_scores in rows:
        if not declared:
            undeclared[call_id] = undeclared.get(call_id, 0) + 1
        elif not conflicted and n_scores < criteria_counts[call_id]:
            unscored[call_id] = unscored.get(call_id, 0) + 1
    items = []
    for call in calls:
        d, s = undeclared.get(call.pk, 0), unscored.get(call.pk, 0)
        if d or s:
            items.append(
                {
                    "url": reverse("selection:review_call", args=[call.pk]),
                    "text": gettext("%(call)s：利害関係の申告待ち %(d)s件、採点待ち %(s)s件")
                    % {"call": call.title, "d": d, "s": s},
                }
            )
    return items


def home_context(user, roles: set[str]) -> dict:
    """What the home page shows from partner selection (see kyodo_portal/home.py)."""
    context: dict = {}
    if Role.NPO in roles:
        context["npo_applications"] = list(applications_of(user)[:10])
    if Role.REVIEWER in roles:
        context["review_queue"] = review_queue_items(user)
    return context


def public_home_context(body=None) -> dict:
    return {"open_calls": list(open_calls(body=body)[:10])}


def project_panel(user, project) -> dict | None:
    """The selection panel on the project page: calls and their state, designations, links."""
    project = getattr(project, "project", project)  # the project page passes its snapshot
    if not can_view_selection(user, project)[0]:
        return None
    calls = list(
        Call.objects.filter(project=project)
        .select_related("chosen_application__organization")
        .order_by("-created_at")
    )
    designations = list(Designation.objects.filter(project=project).select_related("organization"))
    if not calls and not designations and project.stage != Stage.PARTNER_SELECTION:
        return None
    return {
        "template": "selection/_project_panel.html",
        "project": project,
        "calls": calls,
        "designations": designations,
        "can_select": can_select_partner(user, project)[0],
    }


def revisions_with_changes(call: Call) -> list[CallRevision]:
    """The call's published versions, each with ``change_lines``: what it changed from the one
    before, worded now in the reader's language from the two snapshots (the words stored with
    the revision are in the language of whoever published it)."""
    revisions = list(call.revisions.all())
    previous = None
    for revision in revisions:
        revision.change_lines = change_log(previous.snapshot, revision.snapshot) if previous else []
        previous = revision
    return revisions


# --- the secretary's desk: who has declared and scored what ------------------------------------
class CellState:
    """The state of one member × application cell of the progress grid."""

    UNDECLARED = "undeclared"
    CONFLICTED = "conflicted"
    SCORED = "scored"
    UNSCORED = "unscored"

    LABELS = {
        UNDECLARED: gettext_lazy("未申告"),
        CONFLICTED: gettext_lazy("利害関係あり（回避）"),
        SCORED: gettext_lazy("採点済み"),
        UNSCORED: gettext_lazy("未採点"),
    }


def _cell_state(declaration: bool | None, n_scores: int, n_criteria: int) -> str:
    """``declaration``: None when not declared, else whether a conflict was declared."""
    if declaration is None:
        return CellState.UNDECLARED
    if declaration:
        return CellState.CONFLICTED
    if n_criteria and n_scores >= n_criteria:
        return CellState.SCORED
    return CellState.UNSCORED


def progress_grid(call) -> dict:
    """The committee × submitted applications grid of a call: each cell's state (declared,
    conflicted, scored, not yet), who still owes what, and when the office last reminded each
    member. A fixed number of queries, whatever the size of the committee and the field."""
    from kyodo_portal.core.models import Notification
    from selection.notices import MEMBER_REMINDED

    n_criteria = call.criteria.count()
    seats = list(call.committee.select_related("user").order_by("-is_chair", "pk"))
    applications = list(
        call.applications.filter(status=Application.Status.SUBMITTED)
        .select_related("organization")
        .order_by("submitted_at", "pk")
    )
    declarations = {
        (reviewer_id, application_id): has_conflict
        for application_id, reviewer_id, has_conflict in ConflictDeclaration.objects.filter(
            application__call=call
        ).values_list("application_id", "reviewer_id", "has_conflict")
    }
    scores = {
        (row["reviewer_id"], row["application_id"]): row
        for row in Score.objects.filter(application__call=call)
        .values("reviewer_id", "application_id")
        .annotate(
            n=Count("id"),
            by_office=Count("id", filter=Q(entered_by__isnull=False)),
            last=Max("updated_at"),
        )
    }
    review_url = reverse("selection:review_call", args=[call.pk])
    reminded = dict(
        Notification.objects.filter(
            kind=MEMBER_REMINDED, url=review_url, recipient_id__in=[s.user_id for s in seats]
        )
        .values("recipient_id")
        .annotate(last=Max("created_at"))
        .values_list("recipient_id", "last")
    )
    rows = []
    for seat in seats:
        cells, owed = [], {"undeclared": [], "unscored": []}
        for application in applications:
            key = (seat.user_id, application.pk)
            score = scores.get(key)
            state = _cell_state(declarations.get(key), score["n"] if score else 0, n_criteria)
            if state in (CellState.UNDECLARED, CellState.UNSCORED):
                owed[state].append(application.organization.display_name)
            cells.append(
                {
                    "application": application,
                    "state": state,
                    "label": CellState.LABELS[state],
                    "by_office": bool(score and score["by_office"]),
                    "by_member": bool(score and score["n"] > score["by_office"]),
                }
            )
        rows.append(
            {
                "seat": seat,
                "cells": cells,
                "owed": owed,
                "owes": bool(owed["undeclared"] or owed["unscored"]),
                "reminded_at": reminded.get(seat.user_id),
            }
        )
    complete = bool(rows) and bool(applications) and not any(row["owes"] for row in rows)
    return {"applications": applications, "rows": rows, "complete": complete}


def member_owed(call, seat) -> dict:
    """What one member still owes on the call (the grid's row for them)."""
    for row in progress_grid(call)["rows"]:
        if row["seat"].pk == seat.pk:
            return row["owed"]
    return {"undeclared": [], "unscored": []}


def owed_by_member(user) -> list[dict]:
    """For a member's own pages: per call under review, the applicants they still have to
    declare on or score (three queries, whatever the number of calls and applications)."""
    if not user.is_authenticated:
        return []
    calls = list(
        Call.objects.filter(committee__user=user, status=Call.Status.SCORING)
        .annotate(n_criteria=Count("criteria", distinct=True))
        .order_by("scoring_deadline", "pk")
    )
    if not calls:
        return []
    declarations = ConflictDeclaration.objects.filter(application=OuterRef("pk"), reviewer=user)
    applications = (
        Application.objects.filter(call__in=calls, status=Application.Status.SUBMITTED)
        .select_related("organization")
        .annotate(
            declared=Exists(declarations),
            conflicted=Exists(declarations.filter(has_conflict=True)),
            n_scores=Count("scores", filter=Q(scores__reviewer=user)),
        )
        .order_by("submitted_at", "pk")
    )
    by_call: dict[int, dict] = {
        call.pk: {"call": call, "undeclared": [], "unscored": []} for call in calls
    }
    for application in applications:
        entry = by_call[application.call_id]
        if not application.declared:
            entry["undeclared"].append(application)
        elif not application.conflicted and application.n_scores < entry["call"].n_criteria:
            entry["unscored"].append(application)
    return [entry for entry in by_call.values() if entry["undeclared"] or entry["unscored"]]


def entered_by_office(user, call) -> list[dict]:
    """The member's applications whose scores the office typed in from their paper sheet:
    [{application, entered_by, entered_at, sheet}] (one query)."""
    rows = (
        Score.objects.filter(application__call=call, reviewer=user, entered_by__isnull=False)
        .select_related("application__organization", "entered_by", "paper_sheet")
        .order_by("application__submitted_at", "application_id", "criterion__position")
    )
    seen: dict[int, dict] = {}
    for score in rows:
        item = seen.setdefault(
            score.application_id,
            {
                "application": score.application,
                "entered_by": score.entered_by,
                "entered_at": score.updated_at,
                "sheet": score.paper_sheet,
            },
        )
        item["entered_at"] = max(item["entered_at"], score.updated_at)
    return list(seen.values())


# Column titles of the spreadsheet (the grid's layout: one row per member and application).
COLUMN_MEMBER_NUMBER = gettext_lazy("委員番号")
COLUMN_MEMBER = gettext_lazy("委員")
COLUMN_APPLICATION_NUMBER = gettext_lazy("応募番号")
COLUMN_APPLICANT = gettext_lazy("応募団体")
COLUMN_STATE = gettext_lazy("状況（参考）")
COLUMN_COMMENT = gettext_lazy("%(criterion)s（コメント）")
FIXED_COLUMNS = 5


def csv_header(criteria: list) -> list[str]:
    header = [
        str(COLUMN_MEMBER_NUMBER),
        str(COLUMN_MEMBER),
        str(COLUMN_APPLICATION_NUMBER),
        str(COLUMN_APPLICANT),
        str(COLUMN_STATE),
    ]
    for criterion in criteria:
        header.append(criterion_text(criterion.name))
    for criterion in criteria:
        header.append(str(COLUMN_COMMENT) % {"criterion": criterion_text(criterion.name)})
    return header


def score_sheet_csv_rows(call) -> list[list[str]]:
    """The spreadsheet to type the paper sheets into: the grid's layout, one row per member and
    application, the state for reference, one column per criterion (and its comment)."""
    criteria = list(call.criteria.all())
    grid = progress_grid(call)
    rows = [csv_header(criteria)]
    for row in grid["rows"]:
        seat = row["seat"]
        for cell in row["cells"]:
            application = cell["application"]
            rows.append(
                [
                    str(seat.pk),
                    seat.user.get_full_name(),
                    str(application.pk),
                    application.organization.display_name,
                    str(cell["label"]),
                ]
                + [""] * (2 * len(criteria))
            )
    return rows


def committee_changes(call: Call) -> list[CommitteeChange]:
    """The committee's changes after applications closed, oldest first, each with
    ``public_name``: the member's name when they consent to its publication (the seat's
    consent for a member still sitting, the consent kept at removal otherwise), else "".
    One query, whatever the number of changes."""
    consenting = CommitteeMember.objects.filter(call=call, user=OuterRef("user"), publish_name=True)
    changes = list(
        call.committee_changes.select_related("user").annotate(seat_consents=Exists(consenting))
    )
    for change in changes:
        consents = (
            change.seat_consents
            if change.kind == CommitteeChange.Kind.APPOINTED
            else change.name_consented
        )
        change.public_name = change.user.get_full_name() if consents and change.user else ""
    return changes
