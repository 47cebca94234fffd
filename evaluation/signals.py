"""Keep the dashboard cache honest: every write that can change a figure bumps its generation,
and every change of a results workbook makes its requester's stored pages stale (the dashboard
lists their workbooks as they are built)."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from evaluation.dashboard import bump_generation
from kyodo_portal.core import person_pages


def _changed(sender, **kwargs):
    bump_generation()


def _workbook_changed(sender, instance, **kwargs):
    person_pages.people_changed([instance.requested_by_id])


def connect() -> None:
    from evaluation.models import (
        Acknowledgement,
        Answer,
        Evaluation,
        EvaluationRound,
        ResultsExport,
    )
    from projects.models import Project, ProjectPartner

    for model in (Project, ProjectPartner, EvaluationRound, Evaluation, Answer, Acknowledgement):
        uid = f"evaluation-dashboard-{model._meta.label}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(
        _changed, sender=Project.fields.through, dispatch_uid="evaluation-dashboard-fields"
    )
    post_save.connect(_workbook_changed, sender=ResultsExport, dispatch_uid="results-export-save")
    post_delete.connect(
        _workbook_changed, sender=ResultsExport, dispatch_uid="results-export-delete"
    )
