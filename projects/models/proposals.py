"""NPO proposals (協働提案), the consultation on them, and their attachments."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.attachments import Attachment
from partners.models import ActivityField, Organization
from projects.choices import ConfirmingSide, Method, ProposalStatus
from projects.models.projects import Project


class Proposal(models.Model):
    """A collaboration project proposed by an NPO to a government office."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("提案団体"),
        limit_choices_to={"kind": Organization.Kind.NPO},
    )
    addressed_office = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="received_proposals",
        verbose_name=_("提案先の担当課"),
        limit_choices_to={"kind": Organization.Kind.GOVERNMENT},
    )
    title = models.CharField(_("提案事業名"), max_length=200)
    issue = models.TextField(_("地域の課題"))
    purpose = models.TextField(_("目的"), blank=True)
    idea = models.TextField(_("事業の内容（アイデア）"))
    beneficiaries = models.TextField(_("対象者（受益者）"), blank=True)
    expected_outcomes = models.TextField(_("期待される成果"), blank=True)
    proposed_method = models.CharField(
        _("希望する協働方法"), max_length=30, choices=Method.choices, blank=True
    )
    # The proposed division of roles, one task a line; on adoption each line becomes a role line
    # of the agreement's first draft, on the side it was written under.
    government_roles = models.TextField(_("行政の役割"), blank=True)
    npo_roles = models.TextField(_("NPOの役割"), blank=True)
    shared_roles = models.TextField(_("共同で行う役割"), blank=True)
    rough_budget = models.PositiveBigIntegerField(_("概算事業費（円）"), null=True, blank=True)
    fields = models.ManyToManyField(
        ActivityField, verbose_name=_("活動分野"), blank=True, related_name="proposals"
    )
    status = models.CharField(
        _("状態"),
        max_length=20,
        choices=ProposalStatus.choices,
        default=ProposalStatus.DRAFT,
        db_index=True,
    )
    decline_reason = models.TextField(_("不採択の理由"), blank=True)
    project = models.OneToOneField(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal",
        verbose_name=_("採択後の協働事業"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("提出日時"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("決定日時"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("協働提案")
        verbose_name_plural = _("協働提案")
        constraints = [
            models.CheckConstraint(
                name="decline_reason_when_declined",
                condition=~Q(status=ProposalStatus.DECLINED) | ~Q(decline_reason=""),
            ),
        ]
        indexes = [
            models.Index(fields=["addressed_office", "status"]),
            models.Index(fields=["organization", "status"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:proposal_detail", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == ProposalStatus.DRAFT


class ProposalComment(models.Model):
    """The consultation thread (事前協議), visible to both sides."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    side = models.CharField(_("発言者の側"), max_length=20, choices=ConfirmingSide.choices)
    body = models.TextField(_("コメント"))
    created_at = models.DateTimeField(_("日時"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("事前協議のコメント")
        verbose_name_plural = _("事前協議のコメント")

    def __str__(self):
        return self.body[:40]


class ProposalAttachment(Attachment):
    """A file attached to a proposal (the shared upload policy and stored shape)."""

    parent_field = "proposal"
    storage_folder = "proposals"

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("添付ファイル")
        verbose_name_plural = _("添付ファイル")
