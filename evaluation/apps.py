from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("協働の評価")

    def ready(self):
        from evaluation import signals
        from evaluation.facts import EvaluationFacts
        from evaluation.gates import evaluation_complete, feedback_acknowledged
        from evaluation.selectors import project_panel
        from evaluation.track_record import published_summaries
        from partners.registry import register_project_summaries
        from projects.facts import contribute
        from projects.panels import register
        from projects.workflow import register_gate

        signals.connect()
        # Published evaluations are public pages: their stored copies follow the dashboard's
        # generation, which every evaluation write moves on.
        from evaluation.dashboard import GENERATION_KEY
        from kyodo_portal.core.page_cache import public_pages_depend_on

        public_pages_depend_on(GENERATION_KEY)
        register(project_panel)
        # The project workflow's evaluation gates and the project page's panel read these.
        contribute("evaluation", EvaluationFacts)
        register_gate("feedback_acknowledged", feedback_acknowledged)
        register_gate("evaluation_complete", evaluation_complete)
        register_project_summaries(published_summaries)
