"""Keep the dashboard cache honest: every write that can change a figure bumps its generation."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from evaluation.dashboard import bump_generation


def _changed(sender, **kwargs):
    bump_generation()


def connect() -> None:
    from evaluation.models import Acknowledgement, Answer, Evaluation, EvaluationRound
    from projects.models import Project, ProjectPartner

    for model in (Project, ProjectPartner, EvaluationRound, Evaluation, Answer, Acknowledgement):
        uid = f"evaluation-dashboard-{model._meta.label}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(
        _changed, sender=Project.fields.through, dispatch_uid="evaluation-dashboard-fields"
    )
