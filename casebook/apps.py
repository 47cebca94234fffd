from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasebookConfig(AppConfig):
    name = "casebook"
    verbose_name = _("事例集と手引")

    def ready(self):
        from casebook import signals  # noqa: F401  (connects the cache invalidation)
        from casebook.guide_content import METHOD_PART_LABELS, method_guide, principle_text
        from casebook.selectors import cached_cases_for_stage
        from projects import guides

        # The project pages show the cases of their stage and the handbook's guide to the methods;
        # projects sits below the casebook, so the casebook lends them here.
        guides.provide_stage_cases(cached_cases_for_stage)
        # Public pages and a project's pages show cases: their stored copies follow the casebook.
        from casebook.selectors import GENERATION_KEY
        from kyodo_portal.core.page_cache import public_pages_depend_on
        from projects.page_copies import project_pages_depend_on

        public_pages_depend_on(GENERATION_KEY)
        project_pages_depend_on(GENERATION_KEY)
        guides.provide_method_guide(
            guides.MethodGuide(
                parts=method_guide,
                part_label=lambda part, language: METHOD_PART_LABELS[part][language],
                principle=principle_text,
            )
        )
