from django.contrib import admin

from evaluation.models import Acknowledgement, Answer, Evaluation, EvaluationRound, ImprovementItem


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    readonly_fields = ("item", "group", "principle", "score", "reason", "comment")
    can_delete = False


@admin.register(EvaluationRound)
class EvaluationRoundAdmin(admin.ModelAdmin):
    list_display = ("project", "kind", "unsealed_at", "exchange_recorded_at", "published_at")
    list_filter = ("kind",)
    search_fields = ("project__title",)
    raw_id_fields = ("project",)


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    # Answers are read-only here: changing a submitted evaluation behind the sides' backs would
    # break the sealed exchange.
    list_display = ("round", "side", "organization", "status", "submitted_at")
    list_filter = ("side", "status")
    raw_id_fields = ("round", "organization")
    inlines = [AnswerInline]


@admin.register(ImprovementItem)
class ImprovementItemAdmin(admin.ModelAdmin):
    list_display = ("text", "project", "owner", "carry_forward")
    list_filter = ("carry_forward", "owner")
    raw_id_fields = ("round", "project")


@admin.register(Acknowledgement)
class AcknowledgementAdmin(admin.ModelAdmin):
    list_display = ("item", "project", "acknowledged_at")
    raw_id_fields = ("item", "project")
