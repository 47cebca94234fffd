"""Collaboration projects (協働事業), their partners, the record of their passage through the
stages, and the implementation record (実施の記録).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partners.models import ActivityField, Organization
from projects.choices import Method, NoteKind, Origin, Stage, SuitabilityOutcome

# How an ended project reads when the suitability check decided it is not one for collaboration
# but is carried out all the same, by one side: not a shelved project (見送り).
ENDED_LABELS = {
    SuitabilityOutcome.GOVERNMENT_ALONE: _("協働では実施しない（行政が単独で実施します）"),
    SuitabilityOutcome.NPO_ALONE: _("協働では実施しない（NPOの自主的な活動を支援します）"),
}


class Project(models.Model):
    title = models.CharField(_("事業名"), max_length=200)
    background = models.TextField(_("課題（事業の背景）"), blank=True)
    purpose = models.TextField(_("目的"), blank=True)
    content = models.TextField(_("事業内容"), blank=True)
    beneficiaries = models.TextField(_("対象者（受益者）"), blank=True)
    outcome_targets = models.TextField(
        _("成果目標・指標"),
        blank=True,
        help_text=_("事業を始める前に双方で合意する目標と、その達成を測る指標"),
    )
    owner_office = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="owned_projects",
        verbose_name=_("担当課"),
        limit_choices_to={"kind": Organization.Kind.GOVERNMENT},
    )
    responsible_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_projects",
        verbose_name=_("担当職員"),
    )
    fiscal_year_start = models.PositiveSmallIntegerField(_("開始年度"))
    fiscal_year_end = models.PositiveSmallIntegerField(_("終了年度"))
    start_date = models.DateField(_("事業開始日"), null=True, blank=True)
    end_date = models.DateField(_("事業終了日"), null=True, blank=True)
    budget = models.PositiveBigIntegerField(_("予算額（円）"), null=True, blank=True)
    fields = models.ManyToManyField(
        ActivityField, verbose_name=_("活動分野"), blank=True, related_name="projects"
    )
    method = models.CharField(_("協働方法"), max_length=30, choices=Method.choices, blank=True)
    origin = models.CharField(
        _("発案"), max_length=20, choices=Origin.choices, default=Origin.GOVERNMENT
    )
    predecessor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="continuations",
        verbose_name=_("前身の事業（継続事業の場合）"),
    )
    partners = models.ManyToManyField(
        Organization,
        through="ProjectPartner",
        related_name="partner_projects",
        verbose_name=_("協働相手"),
        blank=True,
    )
    stage = models.CharField(
        _("段階"), max_length=30, choices=Stage.choices, default=Stage.DRAFT, db_index=True
    )
    # Set when the project ends early at the suitability stage (見送り).
    end_outcome = models.CharField(
        _("見送りの理由"), max_length=30, choices=SuitabilityOutcome.choices, blank=True
    )
    # Optimistic locking: a save based on an older version is refused, not silently applied.
    version = models.PositiveIntegerField(default=1)
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
        ordering = ["-fiscal_year_start", "-updated_at"]
        verbose_name = _("協働事業")
        verbose_name_plural = _("協働事業")
        constraints = [
            models.CheckConstraint(
                name="fiscal_years_in_order",
                condition=Q(fiscal_year_end__gte=F("fiscal_year_start")),
            ),
            models.CheckConstraint(
                name="dates_in_order",
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
            ),
            models.CheckConstraint(
                name="end_outcome_only_when_ended",
                condition=Q(stage=Stage.ENDED) | Q(end_outcome=""),
            ),
        ]
        indexes = [
            models.Index(fields=["owner_office", "stage"]),
            models.Index(fields=["stage", "method"]),
            # A year filter on the dashboard reads a third of all projects in the busiest years.
            # The columns its aggregates join and group by are carried in the index, so PostgreSQL
            # answers from the index without reading the wide rows (FY2025 at 100,000 projects:
            # 807 to 649 ms of SQL). Other databases ignore ``include``.
            models.Index(
                fields=["fiscal_year_start"],
                include=["id", "owner_office", "method", "stage", "end_date"],
                name="project_fiscal_year_covering",
            ),
            models.Index(fields=["method"]),
            models.Index(fields=["end_date"]),
            # The dashboard cache's fingerprint reads the latest change.
            models.Index(fields=["updated_at"]),
            # The list's order (Meta.ordering), for everyone and within an office, so a page is
            # read from the index instead of sorting every visible project.
            models.Index(fields=["-fiscal_year_start", "-updated_at"]),
            models.Index(fields=["owner_office", "-fiscal_year_start", "-updated_at"]),
            # Improvement items carry forward within an office to projects of the same method.
            models.Index(fields=["owner_office", "method"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:project_detail", args=[self.pk])

    def get_stage_display(self) -> str:
        """The stage's name; an ended project that one side carries out alone says so."""
        ended = self.stage == Stage.ENDED and "end_outcome" not in self.get_deferred_fields()
        if ended and (label := ENDED_LABELS.get(self.end_outcome)):
            return str(label)
        return str(Stage(self.stage).label) if self.stage in Stage.values else self.stage

    @property
    def is_multi_year(self) -> bool:
        return self.fiscal_year_end > self.fiscal_year_start


class ProjectPartner(models.Model):
    """An NPO taking part in a project: prospective until selection confirms it."""

    class Status(models.TextChoices):
        PROSPECTIVE = "prospective", _("協働相手の候補")
        PARTNER = "partner", _("協働相手")
        WITHDRAWN = "withdrawn", _("辞退・解消")

    class Via(models.TextChoices):
        PROPOSAL = "proposal", _("協働提案")
        OPEN_CALL = "open_call", _("公募")
        DESIGNATED = "designated", _("特命（指名）")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="project_partners")
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="project_partnerships",
        limit_choices_to={"kind": Organization.Kind.NPO},
        verbose_name=_("NPO"),
    )
    status = models.CharField(
        _("状態"), max_length=20, choices=Status.choices, default=Status.PROSPECTIVE
    )
    via = models.CharField(_("選定の経緯"), max_length=20, choices=Via.choices, blank=True)
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("協働相手")
        verbose_name_plural = _("協働相手")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organization"], name="unique_project_partner"
            )
        ]
        indexes = [models.Index(fields=["organization", "status"])]

    def __str__(self):
        return f"{self.project} — {self.organization}"


class ProjectEvent(models.Model):
    """One stage change: the project's timeline (who, when, from, to, comment)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_stage = models.CharField(_("変更前"), max_length=30, choices=Stage.choices)
    to_stage = models.CharField(_("変更後"), max_length=30, choices=Stage.choices)
    comment = models.TextField(_("コメント"), blank=True)
    # What the portal itself records with the move (a proposal adopted, a call decided), kept as
    # the catalogue's message id and its values and worded when read: stored as text it would
    # stay in the language of whoever acted, and reach English readers in Japanese.
    note = models.JSONField(_("自動の記録"), default=dict, blank=True)
    is_backward = models.BooleanField(_("差し戻し"), default=False)
    created_at = models.DateTimeField(_("日時"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("段階の変更")
        verbose_name_plural = _("段階の変更")

    def __str__(self):
        return f"{self.project}: {self.from_stage} → {self.to_stage}"

    @property
    def note_text(self) -> str:
        """The portal's own record of the move, in the reader's language."""
        if not self.note:
            return ""
        return gettext(self.note["message"]) % self.note.get("values", {})

    @property
    def text(self) -> str:
        """What the history shows under the move: the portal's record, then the person's words."""
        return "\n".join(part for part in (self.note_text, self.comment) if part)


class ImplementationNote(models.Model):
    """Progress notes and meeting records, shared by both sides."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(
        _("種類"), max_length=20, choices=NoteKind.choices, default=NoteKind.PROGRESS
    )
    held_on = models.DateField(_("日付"))
    title = models.CharField(_("件名"), max_length=200)
    body = models.TextField(_("内容"))
    attendees_government = models.CharField(_("出席者（行政）"), max_length=300, blank=True)
    attendees_npo = models.CharField(_("出席者（NPO）"), max_length=300, blank=True)
    decisions = models.TextField(_("決定事項"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_organization = models.ForeignKey(
        Organization, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("記録日時"), auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("実施の記録")
        verbose_name_plural = _("実施の記録")

    def __str__(self):
        return self.title
