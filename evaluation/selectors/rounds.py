"""Rounds and sheets: their status per side, the exchange table and what a user may do there."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from evaluation import sheet as sheet_data
from evaluation.facts import evaluation_facts
from evaluation.models import Acknowledgement, Answer, Evaluation, EvaluationRound, RoundKind, Side
from evaluation.permissions import (
    acting_organizations,
    can_add_improvement,
    can_add_third_party_comment,
    can_change_improvement,
    can_comment_on_other,
    can_publish,
    can_record_exchange,
    can_request_third_party_comment,
    can_view_sheet,
)
from partners.models import Organization
from projects.choices import Stage
from projects.facts import ProjectFacts, facts_of
from projects.models import Project

EVALUATION_STAGES = (Stage.IMPLEMENTATION, Stage.EVALUATION, Stage.CLOSED)
NOT_STARTED = _("未着手")


@dataclass
class SheetStatus:
    organization: Organization
    side: str
    sheet: Evaluation | None
    mine: bool = False
    viewable: bool = False

    @property
    def submitted(self) -> bool:
        return self.sheet is not None and self.sheet.is_submitted

    @property
    def state_label(self):
        if self.sheet is None:
            return NOT_STARTED
        return self.sheet.get_status_display()


@dataclass
class RoundStatus:
    kind: str
    round: EvaluationRound | None
    sheets: list[SheetStatus] = field(default_factory=list)
    exchange_viewable: bool = False
    can_record_exchange: bool = False
    can_publish: bool = False
    window_open: bool = False

    @property
    def label(self):
        return RoundKind(self.kind).label

    @property
    def unsealed(self) -> bool:
        return self.round is not None and self.round.is_unsealed


def round_statuses(user, subject: ProjectFacts | Project) -> list[RoundStatus]:
    """Status of each round for a person: which sheets exist, which may be opened. No answers."""
    from evaluation.permissions import round_window

    facts = facts_of(subject)
    project = facts.project
    rounds = evaluation_facts(facts).rounds
    mine = {org for _side, org in acting_organizations(user, facts)}
    organizations = evaluation_facts(facts).organizations
    statuses = []
    for kind in (RoundKind.MIDTERM, RoundKind.FINAL):
        round_ = rounds.get(kind)
        if round_ is not None:
            round_.project = project
        sheets = {s.organization_id: s for s in round_.sheets.all()} if round_ else {}
        status = RoundStatus(
            kind=kind, round=round_, window_open=round_window(project, kind, rounds)[0]
        )
        for organization in organizations:
            sheet = sheets.get(organization.pk)
            if sheet is not None:
                sheet.round = round_
            status.sheets.append(
                SheetStatus(
                    organization=organization,
                    side=(
                        Side.GOVERNMENT if organization.pk == project.owner_office_id else Side.NPO
                    ),
                    sheet=sheet,
                    mine=organization.pk in mine,
                    viewable=sheet is not None and can_view_sheet(user, sheet, facts)[0],
                )
            )
        if round_ is not None:
            status.exchange_viewable = round_.is_unsealed
            status.can_record_exchange = can_record_exchange(user, round_)[0]
            status.can_publish = can_publish(user, round_)[0]
        statuses.append(status)
    return statuses


@dataclass
class ExchangeRow:
    item: sheet_data.Item
    government: Answer | None
    npos: list[Answer | None]
    gaps: list[int | None]

    @property
    def max_gap(self) -> int | None:
        known = [abs(g) for g in self.gaps if g is not None]
        return max(known) if known else None

    @property
    def pairs(self) -> list[tuple[Answer | None, int | None]]:
        return list(zip(self.npos, self.gaps, strict=True))

    @property
    def needs_discussion(self) -> bool:
        return self.max_gap is not None and self.max_gap >= sheet_data.GAP_FOR_DISCUSSION


def gap(government_score: int | None, npo_score: int | None) -> int | None:
    """NPO minus government: positive when the NPO rates the item higher."""
    if government_score is None or npo_score is None:
        return None
    return npo_score - government_score


def exchange_table(round_: EvaluationRound) -> dict:
    """Side-by-side answers of an unsealed round with the gap per item (callers check sealing)."""
    if not round_.is_unsealed:
        raise ValueError("the exchange of a sealed round must not be read")
    sheets = list(
        round_.sheets.filter(status=Evaluation.Status.SUBMITTED)
        .select_related("organization", "submitted_by")
        .order_by("side", "organization__name")
    )
    government = next((s for s in sheets if s.side == Side.GOVERNMENT), None)
    npos = [s for s in sheets if s.side == Side.NPO]
    answers = {
        (a.evaluation_id, a.item): a
        for a in Answer.objects.filter(evaluation__in=[s.pk for s in sheets])
    }
    groups = []
    rows_total = []
    for group, items in sheet_data.items_by_group():
        rows = []
        for item in items:
            gov_answer = answers.get((government.pk, item.key)) if government else None
            npo_answers = [answers.get((s.pk, item.key)) for s in npos]
            rows.append(
                ExchangeRow(
                    item=item,
                    government=gov_answer,
                    npos=npo_answers,
                    gaps=[
                        gap(
                            gov_answer.score if gov_answer else None,
                            a.score if a else None,
                        )
                        for a in npo_answers
                    ],
                )
            )
        groups.append((group, rows))
        rows_total.extend(rows)
    for sheet in sheets:
        sheet.round = round_
    return {
        "round": round_,
        "government": government,
        "npos": npos,
        "groups": groups,
        "discussion_count": sum(1 for r in rows_total if r.needs_discussion),
    }


def sheet_answers(sheet: Evaluation) -> list[tuple[sheet_data.Group, list[tuple]]]:
    """A sheet's answers grouped as on the form: [(group, [(item, answer|None)])]."""
    answers = {a.item: a for a in sheet.answers.all()}
    return [
        (group, [(item, answers.get(item.key)) for item in items])
        for group, items in sheet_data.items_by_group()
    ]


def sheet_for(project: Project, kind: str, organization_id: int) -> Evaluation | None:
    return (
        Evaluation.objects.filter(
            round__project=project, round__kind=kind, organization_id=organization_id
        )
        .select_related("round", "organization")
        .first()
    )


def exchange_permissions(user, round_: EvaluationRound, table: dict) -> dict:
    """What the person may do on the exchange page."""
    own = [
        s
        for s in [table["government"], *table["npos"]]
        if s is not None and can_comment_on_other(user, s)[0]
    ]
    return {
        "my_sheets": own,
        "can_record_exchange": can_record_exchange(user, round_)[0],
        "can_add_third_party": can_add_third_party_comment(user, round_)[0],
        "can_request_third_party": can_request_third_party_comment(user, round_)[0],
        "third_party_request": round_.third_party_requests.filter(answered_at__isnull=True)
        .select_related("requested_by")
        .first(),
        "can_add_improvement": can_add_improvement(user, round_)[0],
        "can_publish": can_publish(user, round_)[0],
    }


def improvements_of(user, round_: EvaluationRound) -> list[dict]:
    items = (
        round_.improvements.select_related("created_by")
        .annotate(
            reflected=Exists(Acknowledgement.objects.filter(item_id=OuterRef("pk"))),
        )
        .order_by("created_at", "pk")
    )
    rows = []
    for item in items:
        item.project = round_.project
        rows.append({"item": item, "can_change": can_change_improvement(user, item)[0]})
    return rows
