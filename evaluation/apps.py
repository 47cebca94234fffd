from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("協働の評価")

    def ready(self):
        from evaluation import signals
        from evaluation.facts import EvaluationFacts
        from projects.facts import contribute

        signals.connect()
        # The project workflow's evaluation gates and the project page's panel read these.
        contribute("evaluation", EvaluationFacts)
