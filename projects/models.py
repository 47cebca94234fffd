"""Collaboration projects (協働事業) and the record of their passage through the stages."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partners.models import ActivityField, Organization
from projects.choices import (
    ConfirmingSide,
    CostCategory,
    Method,
    NoteKind,
    Origin,
    ProposalStatus,
    ResponsibilityTopic,
    Side,
    Stage,
    SuitabilityOutcome,
)


class Project(models.Model):
    title = models.CharField(_("事業名"), max_length=200)
    background = models.TextField(_("課題（事業の背景）"), blank=True)
    purpose = models.TextField(_("目的"), blank=True)
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
    is_backward = models.BooleanField(_("差し戻し"), default=False)
    created_at = models.DateTimeField(_("日時"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("段階の変更")
        verbose_name_plural = _("段階の変更")

    def __str__(self):
        return f"{self.project}: {self.from_stage} → {self.to_stage}"


# --- Suitability check (協働がふさわしい事業か) -------------------------------------------


class Suitability(models.Model):
    """The conclusion of the suitability check; the answers are SuitabilityAnswer rows."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="suitability")
    # What the answers pointed to when last saved, kept so the record shows it even if the
    # questionnaire's rules change later.
    recommended_outcome = models.CharField(
        _("推奨される結論"), max_length=30, choices=SuitabilityOutcome.choices, blank=True
    )
    outcome = models.CharField(
        _("結論"), max_length=30, choices=SuitabilityOutcome.choices, blank=True
    )
    justification = models.TextField(
        _("推奨と異なる結論を選ぶ理由"),
        blank=True,
        help_text=_("推奨される結論と異なる結論を選ぶ場合は、その理由を必ず記入してください。"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("適否検討")
        verbose_name_plural = _("適否検討")

    def __str__(self):
        return f"{self.project}: {self.get_outcome_display()}"


class SuitabilityAnswer(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="suitability_answers"
    )
    question = models.CharField(_("設問"), max_length=50)
    answer = models.CharField(
        _("回答"),
        max_length=10,
        choices=[("yes", _("はい")), ("no", _("いいえ")), ("unsure", _("わからない"))],
        blank=True,
    )
    note = models.TextField(_("メモ（判断の根拠）"), blank=True)

    class Meta:
        verbose_name = _("適否検討の回答")
        verbose_name_plural = _("適否検討の回答")
        constraints = [
            models.UniqueConstraint(fields=["project", "question"], name="unique_answer")
        ]

    def __str__(self):
        return f"{self.question}: {self.answer}"


class Hearing(models.Model):
    """A record of hearing NPOs' or citizens' views (意見聴取) during the suitability check."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="hearings")
    whom = models.CharField(_("聴取した相手"), max_length=200)
    held_on = models.DateField(_("実施日"))
    summary = models.TextField(_("主な意見"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("記録日時"), auto_now_add=True)

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = _("意見聴取")
        verbose_name_plural = _("意見聴取")

    def __str__(self):
        return f"{self.whom} ({self.held_on})"


# --- Method choice (協働方法の選択) ------------------------------------------------------


class MethodPlan(models.Model):
    """Why this method, and how each of the four principles will be assured.

    The chosen method itself lives on Project.method, which other apps read.
    """

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="method_plan")
    rationale = models.TextField(_("この方法を選ぶ理由"))
    shared_purpose = models.TextField(_("明確な目的の共有をどう確保するか"))
    autonomy_equality = models.TextField(_("関係の自立性・対等性をどう確保するか"))
    dialogue_agreement = models.TextField(_("対話と合意をどう重視するか"))
    openness = models.TextField(_("関係と過程の公開をどう行うか"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("協働方法の選択")
        verbose_name_plural = _("協働方法の選択")

    def __str__(self):
        return str(self.project)

    def statement(self, principle: str) -> str:
        return getattr(self, principle, "")


# --- Agreement (役割分担・費用分担・責任分担) ----------------------------------------------


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


# --- Implementation record (実施の記録) ---------------------------------------------------


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


# --- NPO proposals (協働提案) -------------------------------------------------------------


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
    idea = models.TextField(_("事業の内容（アイデア）"))
    beneficiaries = models.TextField(_("対象者（受益者）"), blank=True)
    expected_outcomes = models.TextField(_("期待される成果"), blank=True)
    proposed_method = models.CharField(
        _("希望する協働方法"), max_length=30, choices=Method.choices, blank=True
    )
    proposed_roles = models.TextField(_("役割分担の案"), blank=True)
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


class ProposalAttachment(models.Model):
    """A file attached to a proposal, stored under MEDIA_ROOT with a random name and served
    only through a permission-checked view."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("ファイル"), upload_to="proposals/%Y/%m/")
    original_name = models.CharField(_("ファイル名"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("サイズ（バイト）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("添付ファイル")
        verbose_name_plural = _("添付ファイル")

    def __str__(self):
        return self.original_name
