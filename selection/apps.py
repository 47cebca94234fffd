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
