"""Forms for the project pages. They validate input; the services decide and save.

Split by stage; everything is re-exported here, so ``from projects import forms`` reaches all of it.
"""

from projects.forms.agreement import (
    AgreementChangeRequestForm,
    AgreementCommentForm,
    AgreementPaymentForm,
    AgreementRevisionForm,
    BaseLineFormSet,
    ConfirmForm,
    CostLineForm,
    CostLineFormSet,
    LineForm,
    ResponsibilityLineForm,
    ResponsibilityLineFormSet,
    RoleLineForm,
    RoleLineFormSet,
    agreement_formsets,
)
from projects.forms.common import (
    AMOUNT_NEGATIVE,
    AMOUNT_NOT_NUMBER,
    AMOUNT_TOO_LARGE,
    BACK_REASON_REQUIRED,
    BUDGET_NEGATIVE,
    DATE_WIDGET,
    MAX_AMOUNT,
    VersionField,
    style_controls,
)
from projects.forms.planning import HearingForm, MethodForm, SuitabilityForm
from projects.forms.projects import AdvanceForm, BackForm, NoteForm, ProjectFilterForm, ProjectForm
from projects.forms.proposals import (
    AdoptForm,
    CommentForm,
    DeclineForm,
    ProposalForm,
)

__all__ = [
    "AMOUNT_NEGATIVE",
    "AMOUNT_NOT_NUMBER",
    "AMOUNT_TOO_LARGE",
    "BACK_REASON_REQUIRED",
    "BUDGET_NEGATIVE",
    "DATE_WIDGET",
    "MAX_AMOUNT",
    "AdoptForm",
    "AdvanceForm",
    "AgreementChangeRequestForm",
    "AgreementCommentForm",
    "AgreementPaymentForm",
    "AgreementRevisionForm",
    "BackForm",
    "BaseLineFormSet",
    "CommentForm",
    "ConfirmForm",
    "CostLineForm",
    "CostLineFormSet",
    "DeclineForm",
    "HearingForm",
    "LineForm",
    "MethodForm",
    "NoteForm",
    "ProjectFilterForm",
    "ProjectForm",
    "ProposalForm",
    "ResponsibilityLineForm",
    "ResponsibilityLineFormSet",
    "RoleLineForm",
    "RoleLineFormSet",
    "SuitabilityForm",
    "VersionField",
    "agreement_formsets",
    "style_controls",
]
