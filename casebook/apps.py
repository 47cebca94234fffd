from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasebookConfig(AppConfig):
    name = "casebook"
    verbose_name = _("事例集と手引")

    def ready(self):
        from casebook import signals  # noqa: F401  (connects the cache invalidation)
