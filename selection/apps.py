from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelectionConfig(AppConfig):
    name = "selection"
    verbose_name = _("協働相手の選定")

    def ready(self):
        from projects.panels import register
        from selection import signals  # noqa: F401  (connects the ranking cache invalidation)
        from selection.selectors import project_panel

        register(project_panel)
        # Published calls and results are public pages: their stored copies follow the ranking.
        from kyodo_portal.core.page_cache import public_pages_depend_on
        from selection.scoring import RANKING_GENERATION_KEY

        public_pages_depend_on(RANKING_GENERATION_KEY)
