from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "kyodo_portal.api"
    label = "api"
    verbose_name = _("API")

    def ready(self):
        # The schema extensions (authentication schemes) register themselves on import.
        from kyodo_portal.api import schema  # noqa: F401
