from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("組織と人")

    def ready(self):
        from partners import signals  # noqa: F401  (connects the ranking cache invalidation)
