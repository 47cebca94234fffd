"""What the evaluation app adds to a project's facts snapshot (projects.facts): the rounds with
their sheets, the organisations whose sheets a round needs, and the carried-forward items. The
app registers it when ready; the workflow's evaluation gates and the project page's panel read it.
"""

from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter

from django.db.models import Prefetch

from evaluation.models import Evaluation, EvaluationRound
from partners.models import Organization
from projects.facts import ProjectFacts, facts_of
from projects.models import Project


@dataclass(frozen=True, eq=False)
class EvaluationFacts:
    """What the evaluation app adds to a project's snapshot (projects.facts), for its gates and
    the panel of the project page: each part is read once per snapshot."""

    facts: ProjectFacts

    @cached_property
    def planning(self) -> dict:
        # The selectors build on these facts, so they are imported when first needed.
        from evaluation.selectors import improvements_for_planning

        return improvements_for_planning(self.facts.project)

    @cached_property
    def rounds(self) -> dict[str, EvaluationRound]:
        """The rounds by kind, each with its sheets and their organisations."""
        rounds = EvaluationRound.objects.filter(project_id=self.facts.project.pk).prefetch_related(
            Prefetch("sheets", queryset=Evaluation.objects.select_related("organization"))
        )
        return {round_.kind: round_ for round_ in rounds}

    @cached_property
    def organizations(self) -> list[Organization]:
        """The office first, then each confirmed partner NPO: whose sheets a round needs."""
        confirmed = self.facts.confirmed_partner_ids
        partners = [
            row.organization for row in self.facts.partners if row.organization_id in confirmed
        ]
        return [self.facts.project.owner_office, *sorted(partners, key=attrgetter("name"))]


def evaluation_facts(subject: ProjectFacts | Project) -> EvaluationFacts:
    return facts_of(subject).of("evaluation")
