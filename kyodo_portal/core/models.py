"""Reminders and in-app notifications: the portal-wide parts that every app's workflow uses.

The ledger (``Reminder``) is what makes a reminder go out once: one row per
(recipient, subject object, kind, due date) under a database unique constraint; the sweep may run
any number of times and only inserts rows that are not there yet. Sending commits a claim on the row
(``sending``) before the mail goes out and marks it ``sent`` after, so the row always says how far
a send got; see ``services.reminder_send`` for what happens to a claim whose worker died.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderKind(models.TextChoices):
    EVALUATION_DUE = "evaluation_due", _("評価の期限")
    EVALUATION_OTHER_SIDE = "evaluation_other_side", _("相手方の評価待ち")
    SCORING_DUE = "scoring_due", _("選定委員の採点期限")
    AGREEMENT_CONFIRMATION = "agreement_confirmation", _("協定の確認待ち")
    PROPOSAL_NO_RESPONSE = "proposal_no_response", _("協働提案への未回答")
    ANNUAL_REVIEW = "annual_review", _("複数年度事業の年次見直し")
    FEEDBACK_UNACKNOWLEDGED = "feedback_unacknowledged", _("改善点の未確認")
    CALL_DEADLINE = "call_deadline", _("公募の応募締切（下書きのまま）")


class ReminderPolicy(models.Model):
    """A manager's settings for one kind in one body: how early it goes out, and whether people
    may opt out. Each body (県・市町村) decides for its own projects: one row per (body, kind)."""

    body = models.ForeignKey(
        "partners.GovernmentBody",
        verbose_name=_("自治体"),
        on_delete=models.CASCADE,
        related_name="reminder_policies",
    )
    kind = models.CharField(_("種類"), max_length=40, choices=ReminderKind.choices)
    lead_days = models.PositiveSmallIntegerField(_("通知のタイミング（日数）"))
    mandatory = models.BooleanField(
        _("必須（個人で停止できない）"),
        default=False,
        help_text=_("必須にした種類は、利用者がプロフィールで停止できません。"),
    )
    enabled = models.BooleanField(_("有効"), default=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("リマインダーの設定")
        verbose_name_plural = _("リマインダーの設定")
        constraints = [
            models.UniqueConstraint(fields=["body", "kind"], name="reminder_policy_one_per_body")
        ]

    def __str__(self):
        return self.get_kind_display()


class ReminderPreference(models.Model):
    """A person's choice to stop one kind of reminder or event notice (only where the kind is
    not mandatory)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preferences"
    )
    # A reminder kind or a registered event kind (kyodo_portal.core.events).
    kind = models.CharField(_("種類"), max_length=40)
    enabled = models.BooleanField(_("受け取る"), default=True)

    class Meta:
        verbose_name = _("リマインダーの受信設定")
        verbose_name_plural = _("リマインダーの受信設定")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="unique_reminder_preference")
        ]

    def __str__(self):
        return f"{self.user}: {self.kind} {'on' if self.enabled else 'off'}"


class Reminder(models.Model):
    """The ledger: one row per reminder that is due, whatever happens to the tasks that send it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("送信待ち")
        SENDING = "sending", _("送信中")
        SENT = "sent", _("送信済み")
        CANCELLED = "cancelled", _("取消し")
        FAILED = "failed", _("送信失敗")
        # A send whose outcome nobody could record, more often than the rule allows re-sending.
        REVIEW = "review", _("要確認")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("宛先"),
    )
    # A reminder kind or a registered event kind (kyodo_portal.core.events).
    kind = models.CharField(_("種類"), max_length=40)
    subject_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    due_date = models.DateField(_("期限"))
    url = models.CharField(_("リンク先"), max_length=300)
    status = models.CharField(
        _("状態"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    status_reason = models.CharField(_("理由"), max_length=300, blank=True)
    # One more each time the row is claimed for sending, i.e. each time the mail is handed over.
    attempts = models.PositiveSmallIntegerField(_("送信試行回数"), default=0)
    claimed_at = models.DateTimeField(_("送信開始日時"), null=True, blank=True)
    # Claims found abandoned by a worker that died mid-send: each may or may not have been mailed.
    stale_claims = models.PositiveSmallIntegerField(_("結果不明の送信回数"), default=0)
    last_error = models.TextField(_("最後のエラー"), blank=True)
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    sent_at = models.DateTimeField(_("送信日時"), null=True, blank=True)
    closed_at = models.DateTimeField(_("取消し・失敗の日時"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("リマインダー")
        verbose_name_plural = _("リマインダー")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "subject_type", "subject_id", "kind", "due_date"],
                name="reminder_once_per_recipient_subject_kind_due_date",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="sending") | models.Q(claimed_at__isnull=False),
                name="reminder_sending_has_claim_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["kind", "status"]),
            models.Index(fields=["subject_type", "subject_id"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient} ({self.due_date})"

    @property
    def message_id(self) -> str:
        """The Message-ID of this reminder's mail, the same on every attempt: made of the ledger
        key and the site's domain, so a mail system that already holds a copy can drop a re-send."""
        domain = urlsplit(settings.SITE_URL).hostname or "localhost"
        return (
            f"<reminder.{self.due_date:%Y%m%d}.{self.kind}.{self.subject_type_id}-{self.subject_id}"
            f".{self.recipient_id}@{domain}>"
        )


class Notification(models.Model):
    """What a person sees in the portal's notification list; mirrors the mail."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    reminder = models.OneToOneField(
        Reminder, on_delete=models.SET_NULL, null=True, blank=True, related_name="notification"
    )
    # The kind of notice (a reminder kind or an event), for the person's per-kind choices.
    kind = models.CharField(_("種類"), max_length=40, blank=True)
    title = models.CharField(_("件名"), max_length=200)
    body = models.TextField(_("本文"), blank=True)
    url = models.CharField(_("リンク先"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("日時"), auto_now_add=True)
    read_at = models.DateTimeField(_("既読日時"), null=True, blank=True)
    # Set when an event notice's mail is claimed for sending (kyodo_portal.core.messenger).
    mailed_at = models.DateTimeField(_("メール送信日時"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("お知らせ")
        verbose_name_plural = _("お知らせ")
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.title


class AuditEntry(models.Model):
    """Who did what to which object, and when. Written by the services; never edited or deleted
    through the portal (the admin shows it read-only and no view changes it)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("操作した人"),
    )
    actor_name = models.CharField(_("操作した人（記録時）"), max_length=150, blank=True)
    action = models.CharField(_("操作"), max_length=80, db_index=True)
    target_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target_repr = models.CharField(_("対象"), max_length=300, blank=True)
    details = models.JSONField(_("内容"), default=dict, blank=True)
    created_at = models.DateTimeField(_("日時"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("操作記録")
        verbose_name_plural = _("操作記録")
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self):
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.target_repr}"
        )
