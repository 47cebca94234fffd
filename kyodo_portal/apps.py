from django.apps import AppConfig


class KyodoPortalConfig(AppConfig):
    name = "kyodo_portal"
    verbose_name = "協働ポータル"

    def ready(self):
        # Each app's reminders.py and notices.py register the reminder and event kinds it owns.
        from kyodo_portal.core import events, reminders

        reminders.autodiscover()
        events.autodiscover()
        from kyodo_portal import startup  # noqa: F401  (registers the checks of the key and broker)
