"""The agreement (役割分担・費用分担・責任分担): its versions, lines and confirmations."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from partners.models import Organization
from projects.choices import (
    AgreementArticle,
    ConfirmingSide,
    CostCategory,
    PaymentMethod,
    ResponsibilityTopic,
    Side,
)
from projects.models.projects import Project

# The longest comment or change request (a page of text; longer belongs in a meeting).
AGREEMENT_TEXT_MAX = 4000


class Agreement(models.Model):
    """The allocation agreement of a project. Its content lives in numbered versions.

    ``revision`` changes with every save and is carried in the edit form, so a save based on
    what someone saw before another person's save is refused instead of overwriting it.
    """

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="agreement")
    current_number = models.PositiveIntegerField(_("現在の版"), default=1)
    revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("協定（分担の合意）")
        verbose_name_plural = _("協定（分担の合意）")

    def __str__(self):
        return f"{self.project} v{self.current_number}"


class AgreementVersion(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版"))
    payment_method = models.CharField(
        _("支払方法"), max_length=20, choices=PaymentMethod.choices, blank=True
    )
    payment_schedule = models.TextField(
        _("支払の時期と方法"),
        blank=True,
        help_text=_("いつ、どのように支払うか（例：4月に半額を前金払、事業完了後に残額を精算払）"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("協定の版")
        verbose_name_plural = _("協定の版")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="unique_agreement_version")
        ]

    def __str__(self):
        return f"{self.agreement.project} 第{self.number}版"


class RoleLine(models.Model):
    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="roles")
    order = models.PositiveSmallIntegerField(default=0)
    task = models.CharField(_("作業・役割"), max_length=200)
    side = models.CharField(_("担当"), max_length=20, choices=Side.choices)
    deliverable = models.CharField(_("成果物"), max_length=200, blank=True)
    due_date = models.DateField(_("期限"), null=True, blank=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("役割分担")
        verbose_name_plural = _("役割分担")

    def __str__(self):
        return self.task


class CostLine(models.Model):
    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="costs")
    order = models.PositiveSmallIntegerField(default=0)
    item = models.CharField(_("費目"), max_length=200)
    category = models.CharField(
        _("区分"), max_length=20, choices=CostCategory.choices, default=CostCategory.ACTIVITY
    )
    amount = models.PositiveBigIntegerField(_("金額（円）"))
    borne_by = models.CharField(_("負担"), max_length=20, choices=Side.choices)
    note = models.CharField(_("備考"), max_length=200, blank=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("費用分担")
        verbose_name_plural = _("費用分担")

    def __str__(self):
        return f"{self.item} {self.amount}"


class ResponsibilityLine(models.Model):
    version = models.ForeignKey(
        AgreementVersion, on_delete=models.CASCADE, related_name="responsibilities"
    )
    order = models.PositiveSmallIntegerField(default=0)
    topic = models.CharField(_("事項"), max_length=30, choices=ResponsibilityTopic.choices)
    side = models.CharField(_("責任を負う側"), max_length=20, choices=Side.choices)
    text = models.TextField(_("取り決めの内容"))

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("責任分担")
        verbose_name_plural = _("責任分担")

    def __str__(self):
        return self.get_topic_display()


class AgreementConfirmation(models.Model):
    """One side's confirmation of one version (both sides must confirm the same version)."""

    version = models.ForeignKey(
        AgreementVersion, on_delete=models.CASCADE, related_name="confirmations"
    )
    side = models.CharField(_("確認した側"), max_length=20, choices=ConfirmingSide.choices)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("組織")
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("確認日時"), auto_now_add=True)

    class Meta:
        ordering = ["confirmed_at"]
        verbose_name = _("協定の確認")
        verbose_name_plural = _("協定の確認")
        constraints = [
            models.UniqueConstraint(fields=["version", "side"], name="one_confirmation_per_side")
        ]

    def __str__(self):
        return f"{self.version} {self.get_side_display()}"


class AgreementComment(models.Model):
    """A remark by either side on one article of one version (対話と合意)."""

    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="comments")
    article = models.CharField(_("条項"), max_length=20, choices=AgreementArticle.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("組織")
    )
    body = models.TextField(_("コメント"), max_length=AGREEMENT_TEXT_MAX)
    created_at = models.DateTimeField(_("投稿日時"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("協定へのコメント")
        verbose_name_plural = _("協定へのコメント")

    def __str__(self):
        return f"{self.version} {self.get_article_display()}"


class AgreementChangeRequest(models.Model):
    """The NPO's request to change an article of a version. The office answers it by saving a
    new version, which settles every request still open."""

    version = models.ForeignKey(
        AgreementVersion, on_delete=models.CASCADE, related_name="change_requests"
    )
    article = models.CharField(_("条項"), max_length=20, choices=AgreementArticle.choices)
    reason = models.TextField(_("修正を求める内容と理由"), max_length=AGREEMENT_TEXT_MAX)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("組織")
    )
    created_at = models.DateTimeField(_("依頼日時"), auto_now_add=True)
    settled_by_version = models.ForeignKey(
        AgreementVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="settled_requests",
        verbose_name=_("反映した版"),
    )
    settled_at = models.DateTimeField(_("反映日時"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("協定の修正依頼")
        verbose_name_plural = _("協定の修正依頼")

    def __str__(self):
        return f"{self.version} {self.get_article_display()}"

    @property
    def is_open(self) -> bool:
        return self.settled_by_version_id is None
