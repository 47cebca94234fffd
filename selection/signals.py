"""Writes that can change a call's ranking make the cached published rankings stale."""

from django.db.models.signals import post_delete, post_save

from selection.models import (
    Application,
    Call,
    CommitteeMember,
    ConflictDeclaration,
    Criterion,
    Score,
)
from selection.scoring import ranking_inputs_changed

RANKING_INPUTS = (Call, Criterion, CommitteeMember, Application, ConflictDeclaration, Score)


def _ranking_input_changed(**_kwargs) -> None:
    ranking_inputs_changed()


for model in RANKING_INPUTS:
    for signal in (post_save, post_delete):
        signal.connect(
            _ranking_input_changed, sender=model, dispatch_uid=f"ranking:{model.__name__}"
        )
