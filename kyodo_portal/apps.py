from django.apps import AppConfig


class KyodoPortalConfig(AppConfig):
    name = "kyodo_portal"
    verbose_name = "協働ポータル"
