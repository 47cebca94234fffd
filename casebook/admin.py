from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from casebook.models import Case, CaseTag


class CaseTagInline(admin.TabularInline):
    model = CaseTag
    extra = 1


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    # Staff with the casebook model permissions (change_case etc.) correct texts and tags here;
    # corrections should also go back into casebook/content/cases.py, which load_casebook reloads.
    list_display = ("number", "kind", "title_ja", "title_en", "updated_at")
    list_display_links = ("number", "title_ja")
    list_filter = ("kind",)
    search_fields = ("title_ja", "title_en", "story_ja", "story_en")
    filter_horizontal = ("related",)
    inlines = [CaseTagInline]
    fieldsets = (
        (None, {"fields": ("number", "kind", "related")}),
        (
            _("日本語"),
            {
                "fields": (
                    "title_ja",
                    "summary_ja",
                    "story_ja",
                    "problem_ja",
                    "hints_ja",
                    "questions_ja",
                )
            },
        ),
        (
            _("英語"),
            {
                "fields": (
                    "title_en",
                    "summary_en",
                    "story_en",
                    "problem_en",
                    "hints_en",
                    "questions_en",
                )
            },
        ),
    )


@admin.register(CaseTag)
class CaseTagAdmin(admin.ModelAdmin):
    list_display = ("case", "kind", "value")
    list_filter = ("kind", "value")
