"""Joint evaluation (協働の評価): each side's sealed sheet, the exchange, and improvement items.

A project has up to two rounds (mid-term and final). In each round the owner office and every
partner NPO fill in their own sheet; the sheets stay sealed until all of them are submitted
(``EvaluationRound.unsealed_at``), then the exchange opens: side-by-side view, each side's
comment on the other's evaluation, the joint review meeting, an optional third-party comment,
and the improvement items (改善点) that are carried into later projects and acknowledged there.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from evaluation.sheet import LOW_SCORE_MAX
from partners.models import Organization
from projects.models import Project

# How much may be written on a sheet, the same through the page, the API and the database: an
# item's reason or comment, and the overall comment.
ANSWER_TEXT_MAX_LENGTH = 4000
OVERALL_COMMENT_MAX_LENGTH = 8000
TEXT_TOO_LONG = _("%(limit_value)d文字以内で入力してください（現在%(show_value)d文字です）。")


def text_limit(limit: int) -> MaxLengthValidator:
    return MaxLengthValidator(limit, message=TEXT_TOO_LONG)


def text_limit_constraint(field: str, limit: int, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(name=name, condition=LessThanOrEqual(Length(field), limit))


class RoundKind(models.TextChoices):
    MIDTERM = "midterm", _("中間評価")
    FINAL = "final", _("最終評価")


class Side(models.TextChoices):
    GOVERNMENT = "government", _("行政（担当課）")
    NPO = "npo", _("NPO")


class EvaluationRound(models.Model):
    """One round of evaluation of a project, and the exchange that follows it."""

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="evaluation_rounds",
        verbose_name=_("協働事業"),
    )
    kind = models.CharField(_("評価の回"), max_length=10, choices=RoundKind.choices)
    # Set once, when the last required sheet is submitted; before that every sheet is sealed.
    unsealed_at = models.DateTimeField(_("双方の評価がそろった日時"), null=True, blank=True)
    # The joint review meeting (合同の振り返り会議)
    meeting_date = models.DateField(_("振り返り会議の開催日"), null=True, blank=True)
    meeting_attendees = models.TextField(_("出席者"), blank=True)
    conclusions = models.TextField(_("合意した結論"), blank=True)
    exchange_recorded_at = models.DateTimeField(_("意見交換の記録日時"), null=True, blank=True)
    exchange_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("記録者"),
    )
    # Optional comment by a third party (committee, coordinator), entered by a manager.
    third_party_name = models.CharField(_("第三者の名称"), max_length=200, blank=True)
    third_party_comment = models.TextField(_("第三者のコメント"), blank=True)
    third_party_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("第三者コメントの入力者"),
    )
    published_at = models.DateTimeField(_("公表日時"), null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("公表者"),
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        ordering = ["project", "kind"]
        verbose_name = _("評価の回")
        verbose_name_plural = _("評価の回")
        constraints = [
            models.UniqueConstraint(fields=["project", "kind"], name="one_round_per_kind"),
            # The exchange and publication come after unsealing, never before.
            models.CheckConstraint(
                name="exchange_after_unsealing",
                condition=Q(exchange_recorded_at__isnull=True) | Q(unsealed_at__isnull=False),
            ),
            models.CheckConstraint(
                name="publish_only_recorded_final",
                condition=Q(published_at__isnull=True)
                | (Q(exchange_recorded_at__isnull=False) & Q(kind="final")),
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "unsealed_at"]),
            # The dashboard cache's fingerprint reads the latest change.
            models.Index(fields=["updated_at"]),
        ]

    def __str__(self):
        return f"{self.project} — {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("evaluation:exchange", args=[self.pk])

    def get_public_url(self):
        return reverse("evaluation:public_detail", args=[self.pk])

    @property
    def is_unsealed(self) -> bool:
        return self.unsealed_at is not None

    @property
    def exchange_recorded(self) -> bool:
        return self.exchange_recorded_at is not None

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Evaluation(models.Model):
    """One side's evaluation sheet in a round (a draft until submitted, then frozen)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("下書き")
        SUBMITTED = "submitted", _("提出済み")

    round = models.ForeignKey(
        EvaluationRound, on_delete=models.CASCADE, related_name="sheets", verbose_name=_("評価の回")
    )
    side = models.CharField(_("立場"), max_length=12, choices=Side.choices)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="evaluations", verbose_name=_("組織")
    )
    status = models.CharField(
        _("状態"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    overall_comment = models.TextField(
        _("総評"), blank=True, validators=[text_limit(OVERALL_COMMENT_MAX_LENGTH)]
    )
    submitted_at = models.DateTimeField(_("提出日時"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("提出者"),
    )
    # This side's view of the other side's evaluation, written once the exchange is open.
    comment_on_other = models.TextField(_("相手の評価へのコメント"), blank=True)
    comment_on_other_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    # Sum and number of the scores, written when the sheet is submitted (a submitted sheet never
    # changes): the dashboard's trend across fiscal years adds these up per sheet instead of
    # reading every answer of every year.
    score_total = models.PositiveIntegerField(
        _("評点の合計"), null=True, blank=True, editable=False
    )
    scored_items = models.PositiveSmallIntegerField(
        _("評点をつけた項目数"), null=True, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("作成者"),
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        ordering = ["round", "side", "organization"]
        verbose_name = _("評価シート")
        verbose_name_plural = _("評価シート")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organization"], name="one_sheet_per_organization_and_round"
            ),
            models.CheckConstraint(
                name="submitted_has_time",
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
            ),
            text_limit_constraint(
                "overall_comment", OVERALL_COMMENT_MAX_LENGTH, "overall_comment_within_limit"
            ),
        ]
        indexes = [
            models.Index(fields=["side", "status"]),
            # The dashboard cache's fingerprint reads the latest change.
            models.Index(fields=["updated_at"]),
        ]

    def __str__(self):
        return f"{self.round} — {self.organization}"

    def get_absolute_url(self):
        return reverse("evaluation:sheet_detail", args=[self.pk])

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class Answer(models.Model):
    """The score, reason and comment for one item of one sheet.

    ``group`` and ``principle`` are copied from the sheet definition so that the dashboard can
    aggregate by them in SQL.
    """

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="answers", verbose_name=_("評価シート")
    )
    item = models.CharField(_("評価項目"), max_length=40)
    group = models.CharField(_("項目のまとまり"), max_length=20, db_index=True)
    principle = models.CharField(_("原則"), max_length=30, blank=True, db_index=True)
    score = models.PositiveSmallIntegerField(
        _("評点"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    reason = models.TextField(
        _("評点の理由"), blank=True, validators=[text_limit(ANSWER_TEXT_MAX_LENGTH)]
    )
    comment = models.TextField(
        _("コメント"), blank=True, validators=[text_limit(ANSWER_TEXT_MAX_LENGTH)]
    )
    # On an NPO sheet: the government side's score for the same item in the same round, copied
    # once both sheets are submitted and the round is unsealed (both are frozen by then). The
    # dashboard's perception gap reads it instead of joining every answer to its counterpart.
    government_score = models.PositiveSmallIntegerField(
        _("行政側の評点"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["evaluation", "pk"]
        verbose_name = _("評価項目の回答")
        verbose_name_plural = _("評価項目の回答")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "item"], name="one_answer_per_item"),
            models.CheckConstraint(
                name="score_from_one_to_five",
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
            ),
            models.CheckConstraint(
                name="low_score_has_reason",
                condition=Q(score__isnull=True) | Q(score__gt=LOW_SCORE_MAX) | ~Q(reason=""),
            ),
            text_limit_constraint("reason", ANSWER_TEXT_MAX_LENGTH, "reason_within_limit"),
            text_limit_constraint("comment", ANSWER_TEXT_MAX_LENGTH, "comment_within_limit"),
        ]
        indexes = [models.Index(fields=["item", "score"])]

    def __str__(self):
        return f"{self.evaluation}: {self.item}={self.score}"


class ImprovementItem(models.Model):
    """An improvement point (改善点) from the exchange, possibly carried into later projects."""

    class Owner(models.TextChoices):
        GOVERNMENT = "government", _("行政（担当課）")
        NPO = "npo", _("NPO")
        BOTH = "both", _("双方")

    round = models.ForeignKey(
        EvaluationRound,
        on_delete=models.CASCADE,
        related_name="improvements",
        verbose_name=_("評価の回"),
    )
    # The evaluated project (copied from the round so that the carry-forward query stays simple).
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="improvements", verbose_name=_("協働事業")
    )
    text = models.TextField(_("改善点"))
    owner = models.CharField(_("改善の担い手"), max_length=12, choices=Owner.choices)
    carry_forward = models.BooleanField(
        _("次の事業に引き継ぐ"),
        default=True,
        help_text=_(
            "引き継ぐ改善点は、同じ担当課の後続の事業の企画段階に表示され、確認が必要になります。"
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("登録者"),
    )
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("改善点")
        verbose_name_plural = _("改善点")
        indexes = [models.Index(fields=["carry_forward", "project"])]

    def __str__(self):
        return self.text[:40]


class Acknowledgement(models.Model):
    """A later project's note of how it reflected an improvement item (反映の確認)."""

    item = models.ForeignKey(
        ImprovementItem,
        on_delete=models.CASCADE,
        related_name="acknowledgements",
        verbose_name=_("改善点"),
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="improvement_acknowledgements",
        verbose_name=_("反映した事業"),
    )
    note = models.TextField(_("反映の内容"))
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("確認者"),
    )
    acknowledged_at = models.DateTimeField(_("確認日時"), auto_now_add=True)

    class Meta:
        ordering = ["acknowledged_at", "pk"]
        verbose_name = _("改善点の反映")
        verbose_name_plural = _("改善点の反映")
        constraints = [
            models.UniqueConstraint(fields=["item", "project"], name="acknowledge_item_once")
        ]

    def __str__(self):
        return f"{self.item} → {self.project}"


class ThirdPartyRequest(models.Model):
    """The owner office's request that a manager give the third party's comment on a round.

    Only managers (推進担当) enter that comment; staff ask for it here instead of meeting a
    closed door. Answered when the comment is saved."""

    round = models.ForeignKey(
        EvaluationRound,
        on_delete=models.CASCADE,
        related_name="third_party_requests",
        verbose_name=_("評価の回"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("依頼者"),
    )
    requested_at = models.DateTimeField(_("依頼日時"), auto_now_add=True)
    message = models.TextField(_("依頼の内容"), blank=True)
    answered_at = models.DateTimeField(_("対応日時"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("第三者のコメントの依頼")
        verbose_name_plural = _("第三者のコメントの依頼")
        constraints = [
            # One open request per round: asking twice only repeats the same notice.
            models.UniqueConstraint(
                fields=["round"],
                condition=models.Q(answered_at__isnull=True),
                name="one_open_third_party_request",
            )
        ]

    def __str__(self):
        return f"{self.round} ({self.requested_at:%Y-%m-%d})"


class ResultsExport(models.Model):
    """An Excel workbook of evaluation results too large to build within a request: a Celery
    task builds it from the filters the manager chose, and only that manager may download it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("作成待ち")
        RUNNING = "running", _("作成中")
        DONE = "done", _("作成済み")
        FAILED = "failed", _("作成できませんでした")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("依頼者"),
    )
    filters = models.JSONField(_("絞り込み条件"), default=dict, blank=True)
    status = models.CharField(
        _("状態"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    rows = models.PositiveIntegerField(_("行数"), default=0)
    file = models.FileField(_("ファイル"), upload_to="exports/%Y/%m/", blank=True)
    error = models.TextField(_("エラー"), blank=True)
    created_at = models.DateTimeField(_("依頼日時"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完了日時"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("評価結果の出力")
        verbose_name_plural = _("評価結果の出力")
        indexes = [models.Index(fields=["requested_by", "-created_at"])]

    def __str__(self):
        return f"{self.requested_by} {self.created_at:%Y-%m-%d %H:%M} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("evaluation:results_export_download", args=[self.pk])
