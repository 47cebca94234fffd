from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("協働事業")

    def ready(self):
        from partners import registry
        from projects.track_record import collaboration_count, portal_track_record

        registry.register_track_record(portal_track_record)
        registry.register_collaboration_count(collaboration_count)
