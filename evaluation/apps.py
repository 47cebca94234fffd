from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("協働の評価")

    def ready(self):
        from evaluation import signals
        from evaluation.facts import EvaluationFacts
        from evaluation.selectors import project_panel
        from projects.facts import contribute
        from projects.panels import register

        signals.connect()
        register(project_panel)
        # The project workflow's evaluation gates and the project page's panel read these.
        contribute("evaluation", EvaluationFacts)
