"""Collaboration projects (協働事業) and NPO proposals (協働提案): the data of every stage.

Split by stage; every model is imported here, so Django finds them and
``from projects.models import Project`` keeps working.
"""

from projects.models.agreement import (
    AGREEMENT_TEXT_MAX,
    Agreement,
    AgreementChangeRequest,
    AgreementComment,
    AgreementConfirmation,
    AgreementVersion,
    CostLine,
    ResponsibilityLine,
    RoleLine,
)
from projects.models.planning import Hearing, MethodPlan, Suitability, SuitabilityAnswer
from projects.models.projects import ImplementationNote, Project, ProjectEvent, ProjectPartner
from projects.models.proposals import Proposal, ProposalAttachment, ProposalComment

__all__ = [
    "AGREEMENT_TEXT_MAX",
    "Agreement",
    "AgreementChangeRequest",
    "AgreementComment",
    "AgreementConfirmation",
    "AgreementVersion",
    "CostLine",
    "Hearing",
    "ImplementationNote",
    "MethodPlan",
    "Project",
    "ProjectEvent",
    "ProjectPartner",
    "Proposal",
    "ProposalAttachment",
    "ProposalComment",
    "ResponsibilityLine",
    "RoleLine",
    "Suitability",
    "SuitabilityAnswer",
]
