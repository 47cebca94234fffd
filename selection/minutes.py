"""「選定結果（会議録用）」: the ranking of a call as the committee's minutes record it.

One table per applicant: rank, total, the mean on each criterion, how many members scored it and
how many stood aside for a conflict of interest; and the list of those recusals. A member is named
in the recusal list only if they agreed to have their name published
(CommitteeMember.publish_name); otherwise the line says 「委員（氏名非公表）」. The reasons members
gave for a conflict never appear: they are the member's own declaration, not the committee's.

Rows come from the same ranking as the office's page (selection.scoring.compute_ranking), so the
minutes and the page cannot disagree.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from kyodo_portal.core.spreadsheet import Condition
from selection.defaults import criterion_text
from selection.models import Call, CommitteeMember, ConflictDeclaration
from selection.scoring import Ranking, compute_ranking, outcome_of


@dataclass
class Minutes:
    call: Call
    ranking: Ranking
    recusals: list[tuple[str, str, str]]  # (applicant, member or 「委員（氏名非公表）」, category)

    def conditions(self) -> list[Condition]:
        return [Condition(_("公募"), self.call.title, f"call{self.call.pk}")]

    def ranking_headers(self) -> list[str]:
        return [
            _("順位"),
            _("応募団体"),
            _("合計点（%(total)s点満点）") % {"total": self.call.total_points},
            *(
                _("%(name)s（配点%(weight)s）の平均点")
                % {"name": criterion_text(c.name), "weight": c.weight}
                for c in self.ranking.criteria
            ),
            _("採点した委員の数"),
            _("利害関係により回避した委員の数"),
            _("結果"),
        ]

    def ranking_rows(self) -> list[list]:
        rows = []
        for row in self.ranking.rows:
            outcome = outcome_of(self.call, row.application.pk)
            rows.append(
                [
                    row.rank,
                    row.application.organization.display_name,
                    row.total_display,
                    *(stat.mean_display for stat in row.stats),
                    row.completed_reviewers,
                    row.recused_reviewers,
                    str(outcome.label) if outcome else None,
                ]
            )
        return rows

    @staticmethod
    def recusal_headers() -> list[str]:
        return [_("応募団体"), _("回避した委員"), _("委員の区分")]

    def sheets(self) -> list[tuple[str, list, list]]:
        return [
            (_("選定結果"), self.ranking_headers(), self.ranking_rows()),
            (_("利害関係による回避"), self.recusal_headers(), self.recusals),
        ]

    def csv_rows(self):
        """The ranking, an empty line, then the recusals under their own heading."""
        yield self.ranking_headers()
        yield from self.ranking_rows()
        yield []
        yield [_("利害関係による回避")]
        yield self.recusal_headers()
        yield from self.recusals


def call_minutes(call: Call) -> Minutes:
    """The minutes of ``call`` in a fixed number of queries."""
    ranking = compute_ranking(call)
    members = {
        member.user_id: member
        for member in CommitteeMember.objects.filter(call=call).select_related("user")
    }
    applicants = {row.application.pk: row.application for row in ranking.rows}
    recusals = []
    declarations = (
        ConflictDeclaration.objects.filter(
            application_id__in=list(applicants),
            has_conflict=True,
            reviewer_id__in=list(members),
        )
        .order_by("application__submitted_at", "application_id", "reviewer_id")
        .values_list("application_id", "reviewer_id")
    )
    for application_id, reviewer_id in declarations:
        member = members[reviewer_id]
        name = member.user.get_full_name() if member.publish_name else _("委員（氏名非公表）")
        recusals.append(
            (
                applicants[application_id].organization.display_name,
                name,
                str(member.get_category_display()),
            )
        )
    return Minutes(call=call, ranking=ranking, recusals=recusals)


def has_scores(ranking: Ranking) -> bool:
    return any(row.completed_reviewers for row in ranking.rows)
