"""Partner selection (協働相手の選定): open calls, applications, the committee and the decision.

The handbook asks that criteria and method be fixed in advance, the reasons for the choice be
recorded, and criteria, method and result be published. The models keep each of those facts:
a call's criteria are frozen in a numbered revision when published; corrections add a revision
with a public notice and a change log; every score, recusal and the decision are rows, not flags.

The models began in the partners app and kept their tables (``partners_call``, …) when they moved
here, so existing data stayed where it was.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.attachments import Attachment
from kyodo_portal.core.punctuation import punctuate
from partners.models import Organization
from selection.defaults import criterion_text


class Call(models.Model):
    """An open call (公募) for the partner of one project."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("準備中")
        OPEN = "open", _("公募中")
        SCORING = "scoring", _("審査中")
        DECIDED = "decided", _("選定済み（結果未公表）")
        PUBLISHED = "published", _("結果公表済み")

    class Method(models.TextChoices):
        DOCUMENTS = "documents", _("書類審査")
        PRESENTATION = "presentation", _("プレゼンテーション審査")
        BOTH = "both", _("書類審査及びプレゼンテーション審査")

    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        related_name="calls",
        verbose_name=_("協働事業"),
    )
    title = models.CharField(_("公募の名称"), max_length=200)
    purpose = models.TextField(_("事業の目的・内容"))
    eligibility = models.TextField(
        _("応募資格"),
        help_text=_("法人格の有無だけで応募資格を限らないでください（手引：協働相手の選定）。"),
    )
    budget_cap = models.PositiveBigIntegerField(_("上限額（円）"))
    application_deadline = models.DateTimeField(_("応募締切"))
    scoring_deadline = models.DateTimeField(_("審査期限"))
    announcement_date = models.DateField(_("結果公表予定日"))
    method = models.CharField(_("選定方法"), max_length=20, choices=Method.choices)
    method_notes = models.TextField(
        _("選定方法の補足"), blank=True, help_text=_("プレゼンテーションの日程・会場など")
    )
    total_points = models.PositiveSmallIntegerField(
        _("配点の合計"),
        default=100,
        help_text=_("各基準の配点の合計がこの値と一致する必要があります。"),
    )
    scale_min = models.PositiveSmallIntegerField(_("評点の下限"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("評点の上限"), default=5)
    status = models.CharField(
        _("状態"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # 0 until first published; each publication or correction adds one (CallRevision).
    revision = models.PositiveIntegerField(_("版"), default=0)
    # Optimistic locking for the edit forms.
    version = models.PositiveIntegerField(default=1)
    published_at = models.DateTimeField(_("公表日時"), null=True, blank=True)
    # Given when the call is published with less than settings.CALL_MIN_APPLICATION_DAYS to apply.
    short_period_reason = models.TextField(_("応募期間が短い理由"), blank=True)
    # The decision (選定結果)
    chosen_application = models.ForeignKey(
        "Application",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("選定した応募"),
    )
    decision_reason = models.TextField(_("選定理由"), blank=True)
    not_top_reason = models.TextField(_("最高得点以外を選定した理由"), blank=True)
    # Given when the decision is made with a single applicant (競争性がない選定).
    single_applicant_reason = models.TextField(_("応募が1団体だけで選定した理由"), blank=True)
    committee_summary = models.TextField(_("審査の講評"), blank=True)
    # Chosen by the office with the call: the committee's chair then approves the ranking and
    # the decision before the results go public (the chair's page records when).
    requires_chair_signoff = models.BooleanField(
        _("委員長の承認を経て結果を公表する"),
        default=False,
        help_text=_(
            "選んだ場合、選定委員長が審査結果を承認するまで選定結果を公表できません。"
            "審査を始める前に委員長を委嘱してください。"
        ),
    )
    chair_signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("承認した委員長"),
    )
    chair_signed_off_at = models.DateTimeField(_("委員長の承認日時"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("決定者"),
    )
    decided_at = models.DateTimeField(_("決定日時"), null=True, blank=True)
    results_published_at = models.DateTimeField(_("結果公表日時"), null=True, blank=True)
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
        db_table = "partners_call"
        ordering = ["-application_deadline", "-pk"]
        verbose_name = _("公募")
        verbose_name_plural = _("公募")
        constraints = [
            models.CheckConstraint(
                name="call_scale_in_order", condition=Q(scale_max__gt=F("scale_min"))
            ),
            models.CheckConstraint(
                name="call_deadlines_in_order",
                condition=Q(scoring_deadline__gt=F("application_deadline")),
            ),
            models.CheckConstraint(
                name="call_published_has_revision",
                condition=Q(status="draft") | Q(revision__gte=1),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "application_deadline"]),
            # The public calls page's groups, newest first, a few rows at a time.
            models.Index(fields=["status", "-published_at", "-id"], name="call_status_published"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("selection:call_detail", args=[self.pk])

    def get_public_url(self):
        return reverse("selection:public_call_detail", args=[self.pk])

    @property
    def is_locked(self) -> bool:
        """Criteria and method are fixed once the call has been published."""
        return self.status != self.Status.DRAFT

    @property
    def is_public(self) -> bool:
        return self.status != self.Status.DRAFT

    @property
    def results_are_public(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Criterion(models.Model):
    """One selection criterion with its points (配点), in the order published."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("公募")
    )
    position = models.PositiveSmallIntegerField(_("順序"))
    name = models.CharField(_("評価項目"), max_length=100)
    description = models.TextField(_("評価の視点"), blank=True)
    weight = models.PositiveSmallIntegerField(_("配点"))
    concerns_legal_status = models.BooleanField(
        _("法人格に関する基準"),
        default=False,
        help_text=_("法人格の有無や種類を評価する基準であれば選んでください。"),
    )

    class Meta:
        db_table = "partners_criterion"
        ordering = ["call", "position"]
        verbose_name = _("選定基準")
        verbose_name_plural = _("選定基準")
        constraints = [
            models.UniqueConstraint(fields=["call", "position"], name="unique_criterion_position"),
            models.CheckConstraint(name="criterion_weight_positive", condition=Q(weight__gt=0)),
        ]

    def __str__(self):
        return f"{criterion_text(self.name)}{punctuate('（')}{self.weight}{punctuate('）')}"


class CallRevision(models.Model):
    """A published version of a call: the first publication, then each correction (訂正)."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("公募")
    )
    number = models.PositiveIntegerField(_("版"))
    notice = models.TextField(_("訂正のお知らせ"), blank=True)
    # [{"label", "before", "after"}], written by the service and shown as the change log.
    changes = models.JSONField(_("変更内容"), default=list, blank=True)
    snapshot = models.JSONField(_("公表内容"), default=dict)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField(_("公表日時"))

    class Meta:
        db_table = "partners_callrevision"
        ordering = ["call", "number"]
        verbose_name = _("公募の公表版")
        verbose_name_plural = _("公募の公表版")
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="unique_call_revision"),
        ]

    def __str__(self):
        return f"{self.call} 第{self.number}版"


class CommitteeMember(models.Model):
    """A reviewer appointed to a call's selection committee (選定委員会)."""

    class Category(models.TextChoices):
        ACADEMIC = "academic", _("学識経験者")
        INTERMEDIARY = "intermediary", _("中間支援組織・NPO関係者")
        CITIZEN = "citizen", _("公募委員（市民）")
        GOVERNMENT = "government", _("行政職員")
        OTHER = "other", _("その他")

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="committee", verbose_name=_("公募")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="committee_seats",
        verbose_name=_("委員"),
    )
    category = models.CharField(_("委員の区分"), max_length=20, choices=Category.choices)
    is_chair = models.BooleanField(_("委員長"), default=False)
    # Only the member may give this consent (on their own review page), never the office.
    publish_name = models.BooleanField(_("氏名の公表に同意する"), default=False)
    appointed_at = models.DateTimeField(_("委嘱日時"), auto_now_add=True)

    class Meta:
        db_table = "partners_committeemember"
        ordering = ["call", "-is_chair", "pk"]
        verbose_name = _("選定委員")
        verbose_name_plural = _("選定委員")
        constraints = [
            models.UniqueConstraint(fields=["call", "user"], name="unique_committee_member"),
        ]

    def __str__(self):
        return f"{self.call}: {self.user}"


class CommitteeChange(models.Model):
    """A change of the committee made after applications closed, with its reason.

    Until the deadline the office forms its committee freely; afterwards the applicants are
    known, so adding or removing a member is justified in writing and listed in the call's
    public history. The member is named there only with their own consent (``publish_name``);
    for a removed member that consent is kept here, as the seat itself is gone.
    """

    class Kind(models.TextChoices):
        APPOINTED = "appointed", _("委員の追加")
        REMOVED = "removed", _("委員の委嘱の解除")

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="committee_changes", verbose_name=_("公募")
    )
    kind = models.CharField(_("変更の種類"), max_length=20, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("委員"),
    )
    category = models.CharField(
        _("委員の区分"), max_length=20, choices=CommitteeMember.Category.choices
    )
    # The removed member's consent to be named, as it stood when the seat was removed.
    name_consented = models.BooleanField(_("氏名の公表に同意"), default=False)
    reason = models.TextField(_("変更の理由"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("変更者"),
    )
    changed_at = models.DateTimeField(_("変更日時"))

    class Meta:
        ordering = ["call", "changed_at", "pk"]
        verbose_name = _("選定委員の変更")
        verbose_name_plural = _("選定委員の変更")
        constraints = [
            models.CheckConstraint(name="committee_change_has_reason", condition=~Q(reason="")),
        ]

    def __str__(self):
        return f"{self.call}: {self.get_kind_display()}"


class Application(models.Model):
    """An NPO's application (応募) to a call: a draft until submitted before the deadline."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("下書き")
        SUBMITTED = "submitted", _("提出済み")
        WITHDRAWN = "withdrawn", _("取り下げ")

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="applications", verbose_name=_("公募")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="applications",
        limit_choices_to={"kind": Organization.Kind.NPO},
        verbose_name=_("応募団体"),
    )
    status = models.CharField(
        _("状態"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    title = models.CharField(_("提案事業名"), max_length=200)
    plan = models.TextField(_("事業計画"), help_text=_("実施内容・スケジュール・対象者"))
    structure = models.TextField(_("実施体制"), blank=True)
    synergy = models.TextField(
        _("協働による効果"), blank=True, help_text=_("行政と協働することで期待できる効果")
    )
    track_record = models.TextField(_("関連する活動実績"), blank=True)
    requested_amount = models.PositiveBigIntegerField(_("見積額（円）"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("作成者"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("提出者"),
    )
    submitted_at = models.DateTimeField(_("提出日時"), null=True, blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        db_table = "partners_application"
        ordering = ["call", "pk"]
        verbose_name = _("応募")
        verbose_name_plural = _("応募")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "organization"], name="one_application_per_organization"
            ),
            models.CheckConstraint(
                name="submitted_application_has_time",
                condition=~Q(status="submitted") | Q(submitted_at__isnull=False),
            ),
        ]
        indexes = [models.Index(fields=["call", "status"])]

    def __str__(self):
        return f"{self.organization} — {self.call}"

    def get_absolute_url(self):
        return reverse("selection:application_detail", args=[self.pk])


class ApplicationAttachment(Attachment):
    """A document attached to an application (the shared upload policy and stored shape)."""

    parent_field = "application"
    storage_folder = "selection/applications"

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("応募")
    )

    class Meta:
        db_table = "partners_applicationattachment"
        ordering = ["application", "pk"]
        verbose_name = _("添付書類")
        verbose_name_plural = _("添付書類")

    def get_absolute_url(self):
        return reverse("selection:attachment_download", args=[self.pk])


class ConflictDeclaration(models.Model):
    """A reviewer's declaration, per application, of a conflict of interest (利害関係) or none.

    Declared before the application is shown to the reviewer; a declared conflict cannot be
    withdrawn, so nobody can recuse to see the scores and then come back.
    """

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="declarations", verbose_name=_("応募")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="conflict_declarations",
        verbose_name=_("委員"),
    )
    has_conflict = models.BooleanField(_("利害関係あり"))
    reason = models.TextField(_("利害関係の内容"), blank=True)
    declared_at = models.DateTimeField(_("申告日時"), auto_now=True)

    class Meta:
        db_table = "partners_conflictdeclaration"
        verbose_name = _("利害関係の申告")
        verbose_name_plural = _("利害関係の申告")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="one_declaration_per_reviewer"
            ),
            models.CheckConstraint(
                name="conflict_has_reason", condition=Q(has_conflict=False) | ~Q(reason="")
            ),
        ]

    def __str__(self):
        return f"{self.reviewer} / {self.application}"


class Score(models.Model):
    """One reviewer's score of one application on one criterion, on the call's declared scale."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="scores", verbose_name=_("応募")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="selection_scores",
        verbose_name=_("委員"),
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="scores", verbose_name=_("評価項目")
    )
    value = models.PositiveSmallIntegerField(_("評点"))
    comment = models.TextField(_("コメント"), blank=True)
    # Empty when the member entered the score; else the office staff who typed it in from the
    # member's signed paper sheet, which ``paper_sheet`` keeps.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("代理入力した職員"),
    )
    paper_sheet = models.ForeignKey(
        "PaperScoreSheet",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="scores",
        verbose_name=_("紙の採点票"),
    )
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        db_table = "partners_score"
        verbose_name = _("評点")
        verbose_name_plural = _("評点")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer", "criterion"], name="one_score_per_criterion"
            ),
        ]
        indexes = [models.Index(fields=["application", "criterion"])]

    def __str__(self):
        return f"{self.application} / {self.criterion}: {self.value}"


class PaperScoreSheet(Attachment):
    """The scan of a member's signed paper score sheet, from which the office entered the
    member's scores on their behalf; or, for a spreadsheet import, the scans of every sheet in
    it (``member`` empty). The scores entered from it point to it, so each can be traced to
    the signature behind it."""

    parent_field = "call"
    storage_folder = "selection/paper-sheets"

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="paper_sheets", verbose_name=_("公募")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("委員"),
    )

    class Meta:
        ordering = ["call", "-uploaded_at", "-pk"]
        verbose_name = _("紙の採点票")
        verbose_name_plural = _("紙の採点票")

    def get_absolute_url(self):
        return reverse("selection:paper_sheet_download", args=[self.pk])


class Designation(models.Model):
    """A partner chosen without an open call: designated (特命) or the proposing NPO confirmed.

    The justification is published with the result (関係と過程の公開).
    """

    class Route(models.TextChoices):
        DESIGNATED = "designated", _("特命（指名）")
        PROPOSAL = "proposal", _("協働提案による選定")

    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        related_name="designations",
        verbose_name=_("協働事業"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="designations",
        limit_choices_to={"kind": Organization.Kind.NPO},
        verbose_name=_("協働相手"),
    )
    route = models.CharField(_("選定の方法"), max_length=20, choices=Route.choices)
    justification = models.TextField(_("選定理由"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("決定者"),
    )
    decided_at = models.DateTimeField(_("決定日時"), auto_now_add=True)

    class Meta:
        db_table = "partners_designation"
        ordering = ["-decided_at"]
        verbose_name = _("特命・提案による選定")
        verbose_name_plural = _("特命・提案による選定")
        constraints = [
            models.CheckConstraint(
                name="designation_has_justification", condition=~Q(justification="")
            ),
        ]
        # The public calls page's newest designations, a few rows at a time.
        indexes = [models.Index(fields=["-decided_at", "-id"], name="designation_decided")]

    def __str__(self):
        return f"{self.project} — {self.organization}"

    def get_public_url(self):
        return reverse("selection:public_designation_detail", args=[self.pk])
