"""The facts about one project that its rules read, as one snapshot.

The workflow's gates and the project permissions are functions of a ``ProjectFacts``: the
project row and what the rules look at beside it (the partners, the suitability conclusion and
answers, the method plan, the current agreement version, and what other apps contribute, such as
the evaluation rounds). Each part is read when first asked for and then kept for the life of the
snapshot, so the parts of one page — its checks, its gates, its panels — share one read each.

A snapshot lives for one page or one transaction and is never stored on the project object:
``project_page`` builds one for a page; a service builds a fresh one inside its transaction after
locking the row, so a gate never sees what was read before a change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db.models import Exists, F, OuterRef

from kyodo_portal.core.queries import joined_or_none, one_or_none
from projects.choices import REQUIRED_RESPONSIBILITY_TOPICS
from projects.models import (
    AgreementVersion,
    MethodPlan,
    Project,
    ProjectPartner,
    ResponsibilityLine,
    RoleLine,
    Suitability,
    SuitabilityAnswer,
)

__all__ = ["ProjectFacts", "contribute", "facts_of", "project_facts"]

# Facts other apps add to the snapshot, by name: ``build(facts) -> object``. An app registers its
# builder when it is ready (evaluation: rounds, sheets, carried-forward items), so this app need
# not import it.
_CONTRIBUTORS: dict[str, Callable[[ProjectFacts], Any]] = {}


def contribute(name: str, build: Callable[[ProjectFacts], Any]) -> None:
    _CONTRIBUTORS[name] = build


def _topic_flag(topic: str) -> str:
    return f"covers_{topic}"


@dataclass(frozen=True, eq=False)
class ProjectFacts:
    project: Project
    # True when the project row was fetched for a page with its suitability conclusion and method
    # plan joined (``project_page``); otherwise the snapshot reads them itself.
    joined: bool = False
    _contributed: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def stage(self) -> str:
        return self.project.stage

    # --- partners ---

    @cached_property
    def partners(self) -> tuple[ProjectPartner, ...]:
        """Every partner row with its organisation, in the order the project page lists them.
        Rows the fetcher prefetched with the project are used as they are."""
        prefetched = getattr(self.project, "_prefetched_objects_cache", {})
        if "project_partners" in prefetched:
            return tuple(prefetched["project_partners"])
        return tuple(
            ProjectPartner.objects.filter(project_id=self.project.pk)
            .select_related("organization")
            .order_by("status", "pk")
        )

    @cached_property
    def partner_statuses(self) -> dict[int, str]:
        return {row.organization_id: row.status for row in self.partners}

    @cached_property
    def active_partner_ids(self) -> frozenset[int]:
        """Partners that have not withdrawn (prospective ones included)."""
        withdrawn = ProjectPartner.Status.WITHDRAWN
        return frozenset(o for o, s in self.partner_statuses.items() if s != withdrawn)

    @cached_property
    def confirmed_partner_ids(self) -> frozenset[int]:
        """Decided partners, not merely prospective ones."""
        partner = ProjectPartner.Status.PARTNER
        return frozenset(o for o, s in self.partner_statuses.items() if s == partner)

    # --- suitability and method ---

    @cached_property
    def suitability(self) -> Suitability | None:
        if self.joined:
            return joined_or_none(self.project, "suitability")
        return one_or_none(Suitability.objects, project_id=self.project.pk)

    @cached_property
    def answers(self) -> dict[str, str]:
        return dict(
            SuitabilityAnswer.objects.filter(project_id=self.project.pk).values_list(
                "question", "answer"
            )
        )

    @cached_property
    def method_plan(self) -> MethodPlan | None:
        if self.joined:
            return joined_or_none(self.project, "method_plan")
        return one_or_none(MethodPlan.objects, project_id=self.project.pk)

    # --- agreement ---

    @cached_property
    def agreement(self) -> AgreementVersion | None:
        """The current version with its cost lines and confirmations (the page's summary), and
        whether it has role lines and each required responsibility topic (the gate)."""
        lines_of = {"version": OuterRef("pk")}
        flags = {
            _topic_flag(topic): Exists(ResponsibilityLine.objects.filter(topic=topic, **lines_of))
            for topic in REQUIRED_RESPONSIBILITY_TOPICS
        }
        return one_or_none(
            AgreementVersion.objects.annotate(
                has_roles=Exists(RoleLine.objects.filter(**lines_of)), **flags
            ).prefetch_related("costs", "confirmations"),
            agreement__project_id=self.project.pk,
            number=F("agreement__current_number"),
        )

    def covered_topics(self) -> set[str]:
        version = self.agreement
        if version is None:
            return set()
        return {t for t in REQUIRED_RESPONSIBILITY_TOPICS if getattr(version, _topic_flag(t))}

    # --- what other apps contribute ---

    def of(self, name: str) -> Any:
        """The facts the app registered under ``name`` contributes, built once per snapshot."""
        if name not in self._contributed:
            self._contributed[name] = _CONTRIBUTORS[name](self)
        return self._contributed[name]


def project_facts(project: Project) -> ProjectFacts:
    """A fresh snapshot: every part is read from the database when first asked for."""
    return ProjectFacts(project)


def facts_of(subject: Project | ProjectFacts) -> ProjectFacts:
    """The snapshot a rule was given, or a fresh one for a bare project."""
    return subject if isinstance(subject, ProjectFacts) else ProjectFacts(subject)
