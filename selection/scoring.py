"""Weighted totals and the ranking of a call's applications.

The method, as published with every call:

- each reviewer scores every criterion on the call's scale (e.g. 1–5);
- a reviewer who declared a conflict with an application neither sees nor scores it, and the
  application's mean on each criterion is taken over the other reviewers only — so a recusal
  neither raises nor lowers anyone's total;
- an application's total is Σ over criteria of (weight × mean score ÷ top of the scale), out of
  the call's declared total points;
- ties: equal totals are ordered by the points on the criteria of larger weight first (in the
  published order when weights are equal); still equal, they share the rank and the decision's
  reasons say how the office chose.

Totals are exact fractions, so a tie is a tie and never an accident of floating point. The whole
ranking costs a fixed number of queries whatever the number of applications, criteria and
reviewers: two aggregate queries over the scores plus four small ones — and the same for the
rankings of many calls at once (compute_rankings, for the open-data files).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.core.cache import cache
from django.db import models
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Sum
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core import caching
from selection.models import (
    Application,
    Call,
    CommitteeMember,
    ConflictDeclaration,
    Criterion,
    Score,
)

METHOD_TEXT = _(
    "各評価項目について、利害関係を申告した委員を除く委員の評点の平均を求め、"
    "「配点 × 平均点 ÷ 評点の上限」を合計した点数（%(total)s点満点）で順位を付けます。"
    "利害関係を申告した委員の分は他の委員の平均で評価するため、申告によって有利にも不利にもなりません。"
)
TIE_RULE = _(
    "合計点が同じ場合は、配点の大きい評価項目（配点が同じ場合は掲載順）の得点が高い応募を上位とします。"
    "それでも同じ場合は同順位とし、どちらを選んだかの判断を選定理由に記録します。"
)


def to_decimal(value: Fraction | None, places: int = 2) -> Decimal | None:
    if value is None:
        return None
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@dataclass
class CriterionStat:
    criterion: Criterion
    count: int = 0
    total: int = 0
    low: int | None = None
    high: int | None = None
    scale_max: int = 5

    @property
    def mean(self) -> Fraction | None:
        return Fraction(self.total, self.count) if self.count else None

    @property
    def points(self) -> Fraction | None:
        """Weighted points on this criterion: weight × mean ÷ top of the scale."""
        mean = self.mean
        return None if mean is None else self.criterion.weight * mean / self.scale_max

    @property
    def spread(self) -> int | None:
        return None if self.low is None else self.high - self.low

    @property
    def mean_display(self) -> Decimal | None:
        return to_decimal(self.mean)

    @property
    def points_display(self) -> Decimal | None:
        return to_decimal(self.points)


@dataclass
class Row:
    application: Application
    stats: list[CriterionStat]
    eligible_reviewers: int = 0
    completed_reviewers: int = 0
    recused_reviewers: int = 0
    reviewer_totals: list[Fraction] = field(default_factory=list)
    rank: int | None = None
    shares_rank: bool = False
    tied_on_total: bool = False

    @property
    def total(self) -> Fraction | None:
        if not self.completed_reviewers:
            return None
        return sum((stat.points for stat in self.stats if stat.points is not None), Fraction(0))

    @property
    def total_display(self) -> Decimal | None:
        return to_decimal(self.total)

    @property
    def reviewer_spread(self) -> Fraction | None:
        """Difference between the highest and the lowest reviewer's own weighted total."""
        if len(self.reviewer_totals) < 2:
            return None
        return max(self.reviewer_totals) - min(self.reviewer_totals)

    @property
    def reviewer_spread_display(self) -> Decimal | None:
        return to_decimal(self.reviewer_spread)

    @property
    def pending_reviewers(self) -> int:
        return self.eligible_reviewers - self.completed_reviewers


@dataclass
class Ranking:
    call: Call
    criteria: list[Criterion]
    rows: list[Row]
    pending: dict[int, int]  # reviewer id → sheets not yet done
    reviewer_names: dict[int, str]

    def row_for(self, application_id: int) -> Row | None:
        for row in self.rows:
            if row.application.pk == application_id:
                return row
        return None

    def pending_by_reviewer(self) -> list[tuple[str, int]]:
        return [
            (self.reviewer_names.get(reviewer_id, "?"), count)
            for reviewer_id, count in sorted(self.pending.items())
            if count
        ]

    @property
    def is_complete(self) -> bool:
        return not any(self.pending.values()) and all(row.eligible_reviewers for row in self.rows)

    @property
    def top(self) -> list[Row]:
        return [row for row in self.rows if row.rank == 1]


def _tie_break_order(criteria: list[Criterion]) -> list[int]:
    """Indexes of the criteria, larger weight first, published order within equal weights."""
    return [
        index
        for index, _criterion in sorted(
            enumerate(criteria), key=lambda pair: (-pair[1].weight, pair[1].position)
        )
    ]


def rank_rows(rows: list[Row], criteria: list[Criterion]) -> list[Row]:
    """Order rows by total then the tie-break; equal on both share a rank (1, 2, 2, 4)."""
    order = _tie_break_order(criteria)

    def key(row: Row):
        points = [row.stats[i].points or Fraction(0) for i in order]
        return (row.total, *points)

    scored = sorted(
        (row for row in rows if row.total is not None),
        key=lambda row: tuple(-value for value in key(row)),
    )
    totals = defaultdict(int)
    for row in scored:
        totals[row.total] += 1
    previous = None
    for position, row in enumerate(scored, start=1):
        current = key(row)
        if previous is not None and current == previous[0]:
            row.rank = previous[1].rank
            row.shares_rank = previous[1].shares_rank = True
        else:
            row.rank = position
        row.tied_on_total = totals[row.total] > 1
        previous = (current, row)
    unscored = [row for row in rows if row.total is None]
    return scored + unscored


def compute_ranking(call: Call) -> Ranking:
    """The ranking of a call's submitted applications, in a fixed number of queries."""
    return compute_rankings([call])[call.pk]


def compute_rankings(calls: list[Call]) -> dict[int, Ranking]:
    """The rankings of several calls by call id, in the same fixed number of queries as one."""
    calls = list(calls)
    if not calls:
        return {}
    call_ids = [call.pk for call in calls]
    criteria_of: dict[int, list[Criterion]] = defaultdict(list)
    for criterion in Criterion.objects.filter(call_id__in=call_ids).order_by("call_id", "position"):
        criteria_of[criterion.call_id].append(criterion)
    committee_of: dict[int, list[CommitteeMember]] = defaultdict(list)
    for member in CommitteeMember.objects.filter(call_id__in=call_ids).select_related("user"):
        committee_of[member.call_id].append(member)
    applications_of: dict[int, list[Application]] = defaultdict(list)
    for application in (
        Application.objects.filter(call_id__in=call_ids, status=Application.Status.SUBMITTED)
        .select_related("organization")
        .order_by("submitted_at", "pk")
    ):
        applications_of[application.call_id].append(application)
    conflicts: dict[int, set[int]] = defaultdict(set)
    for application_id, reviewer_id in ConflictDeclaration.objects.filter(
        application__call_id__in=call_ids, has_conflict=True
    ).values_list("application_id", "reviewer_id"):
        conflicts[application_id].add(reviewer_id)

    # Scores that count: by current committee members of the call, on submitted applications,
    # and never by a reviewer who declared a conflict with that application.
    counted = Score.objects.filter(
        application__call_id__in=call_ids,
        application__status=Application.Status.SUBMITTED,
    ).filter(
        Exists(
            CommitteeMember.objects.filter(
                call_id=OuterRef("application__call_id"), user_id=OuterRef("reviewer_id")
            )
        ),
        ~Exists(
            ConflictDeclaration.objects.filter(
                application_id=OuterRef("application_id"),
                reviewer_id=OuterRef("reviewer_id"),
                has_conflict=True,
            )
        ),
    )
    by_criterion = {
        (item["application_id"], item["criterion_id"]): item
        for item in counted.values("application_id", "criterion_id").annotate(
            n=Count("id"), total=Sum("value"), low=Min("value"), high=Max("value")
        )
    }
    by_reviewer = defaultdict(list)
    for item in counted.values("application_id", "reviewer_id").annotate(
        n=Count("id"), weighted=Sum(F("value") * F("criterion__weight"))
    ):
        by_reviewer[item["application_id"]].append(item)

    rankings = {}
    for call in calls:
        criteria = criteria_of[call.pk]
        committee = committee_of[call.pk]
        committee_ids = {member.user_id for member in committee}
        rows = []
        pending = {member.user_id: 0 for member in committee}
        for application in applications_of[call.pk]:
            stats = []
            for criterion in criteria:
                item = by_criterion.get((application.pk, criterion.pk))
                stat = CriterionStat(criterion=criterion, scale_max=call.scale_max)
                if item:
                    stat.count, stat.total = item["n"], item["total"]
                    stat.low, stat.high = item["low"], item["high"]
                stats.append(stat)
            recused = conflicts.get(application.pk, set()) & committee_ids
            complete = [item for item in by_reviewer[application.pk] if item["n"] == len(criteria)]
            done_ids = {item["reviewer_id"] for item in complete}
            row = Row(
                application=application,
                stats=stats,
                eligible_reviewers=len(committee_ids - recused),
                completed_reviewers=len(complete),
                recused_reviewers=len(recused),
                reviewer_totals=[Fraction(item["weighted"], call.scale_max) for item in complete],
            )
            for reviewer_id in committee_ids - recused - done_ids:
                pending[reviewer_id] += 1
            rows.append(row)
        rankings[call.pk] = Ranking(
            call=call,
            criteria=criteria,
            rows=rank_rows(rows, criteria),
            pending=pending,
            reviewer_names={member.user_id: member.user.get_full_name() for member in committee},
        )
    return rankings


# --- published results ---------------------------------------------------------------------------

RANKING_GENERATION_KEY = "partners:ranking:generation"
RANKING_CACHE_SECONDS = 3600


def ranking_inputs_changed() -> None:
    """Called on every write to calls, criteria, committees, applications, conflicts and scores
    (see selection.signals)."""
    caching.bump_generation(RANKING_GENERATION_KEY)


def _published_key(call: Call, generation) -> str:
    return f"partners:ranking:{call.pk}:{call.version}:{call.updated_at.isoformat()}:{generation}"


def published_ranking(call: Call) -> Ranking:
    """The ranking shown on a call's public result page, through the cache.

    Published results no longer change, yet anyone may open the page at any time; the key still
    holds the call's version and a generation bumped by every write to the ranking's inputs, so
    a correction shows at once.
    """
    generation = caching.generation(RANKING_GENERATION_KEY)
    key = _published_key(call, generation)
    return cache.get_or_set(key, lambda: compute_ranking(call), RANKING_CACHE_SECONDS)


def published_rankings(calls: list[Call]) -> dict[int, Ranking]:
    """The rankings of several calls as their public pages show them (same cache entries as
    :func:`published_ranking`); those not cached are computed together in a fixed number of
    queries, so an open-data file does not cost queries per call."""
    generation = caching.generation(RANKING_GENERATION_KEY)
    keys = {call.pk: _published_key(call, generation) for call in calls}
    found = cache.get_many(list(keys.values()))
    rankings = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [call for call in calls if call.pk not in rankings]
    if missing:
        computed = compute_rankings(missing)
        cache.set_many(
            {keys[pk]: ranking for pk, ranking in computed.items()}, RANKING_CACHE_SECONDS
        )
        rankings.update(computed)
    return rankings


# --- the outcome for each applicant ------------------------------------------------------------


class Outcome(models.TextChoices):
    SELECTED = "selected", _("採択")
    NOT_SELECTED = "not_selected", _("不採択")


def outcome_of(call: Call, application_id: int) -> Outcome | None:
    """採択 for the chosen application and 不採択 for the others once the call is decided
    (None before). Who may read it when is the caller's rule: the public only once published."""
    if call.status not in (Call.Status.DECIDED, Call.Status.PUBLISHED):
        return None
    return (
        Outcome.SELECTED if call.chosen_application_id == application_id else Outcome.NOT_SELECTED
    )
