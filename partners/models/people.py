"""People and organisations: both sides of a collaboration, and who acts for whom."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.japanese_search import search_text
from kyodo_portal.core.roles import Role
from partners.models.bodies import GovernmentBody, body_by_id


class User(AbstractUser):
    """A person who signs in. Japanese names are kept whole (氏名), not split into given/family."""

    class Language(models.TextChoices):
        JA = "ja", "日本語"
        EN = "en", "English"

    name = models.CharField(_("氏名"), max_length=100, blank=True)
    name_kana = models.CharField(_("フリガナ"), max_length=100, blank=True)
    preferred_language = models.CharField(
        _("通知の言語"), max_length=5, choices=Language.choices, default=Language.JA
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("利用者")
        verbose_name_plural = _("利用者")

    def __str__(self):
        return self.get_full_name()

    def get_full_name(self):
        return self.name or self.username

    def get_short_name(self):
        return self.name or self.username


class ActivityField(models.Model):
    """One of the 20 activity fields of the NPO Act (特定非営利活動促進法 別表)."""

    number = models.PositiveSmallIntegerField(_("番号"), unique=True)
    name_ja = models.CharField(_("名称（日本語）"), max_length=100)
    name_en = models.CharField(_("名称（英語）"), max_length=150)

    class Meta:
        ordering = ["number"]
        verbose_name = _("活動分野")
        verbose_name_plural = _("活動分野")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "ja").startswith("en") else self.name_ja


def organization_search_text(organization) -> str:
    """The directory's search key of an organisation; also used by the migration that fills it."""
    return search_text(
        organization.name,
        organization.name_kana,
        organization.description,
        organization.track_record,
    )


class Organization(models.Model):
    """A government office (県・市町村の担当課) or an NPO; both sides of a collaboration."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("行政（県・市町村の担当課）")
        NPO = "npo", _("NPO")
        OTHER = "other", _("その他（学識経験者・中間支援組織など）")

    # The level of the office's body; kept here so existing code can keep naming it.
    Level = GovernmentBody.Level

    class LegalForm(models.TextChoices):
        NPO_CORPORATION = "npo_corporation", _("特定非営利活動法人")
        CERTIFIED_NPO = "certified_npo", _("認定特定非営利活動法人")
        PROVISIONAL_CERTIFIED_NPO = "provisional_certified_npo", _("特例認定特定非営利活動法人")
        GENERAL_ASSOCIATION = "general_association", _("一般社団法人")
        GENERAL_FOUNDATION = "general_foundation", _("一般財団法人")
        CITIZEN_GROUP = "citizen_group", _("任意団体（市民活動団体）")
        VOLUNTEER_GROUP = "volunteer_group", _("ボランティア団体")

    kind = models.CharField(_("種別"), max_length=20, choices=Kind.choices)
    name = models.CharField(
        _("名称"), max_length=200, help_text=_("行政の場合は課・室の名称（例：県民生活課）")
    )
    name_kana = models.CharField(_("フリガナ"), max_length=200, blank=True)
    # Government offices: the body (県・市町村) the office belongs to; empty for NPOs and others.
    body = models.ForeignKey(
        GovernmentBody,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offices",
        verbose_name=_("地方公共団体"),
    )
    # NPOs
    legal_form = models.CharField(_("法人格"), max_length=40, choices=LegalForm.choices, blank=True)
    fields = models.ManyToManyField(
        ActivityField, verbose_name=_("活動分野"), blank=True, related_name="organizations"
    )
    area = models.CharField(
        _("主な活動地域"), max_length=200, blank=True, help_text=_("例：さいたま市全域、県西部")
    )
    established_year = models.PositiveSmallIntegerField(_("設立年"), null=True, blank=True)
    representative = models.CharField(_("代表者"), max_length=100, blank=True)
    description = models.TextField(_("団体の概要・活動内容"), blank=True)
    track_record = models.TextField(
        _("活動実績"), blank=True, help_text=_("これまでの主な活動や行政との協働の経験")
    )
    # Contact (personal data for NPOs: shown only to roles that need it)
    contact_person = models.CharField(_("連絡担当者"), max_length=100, blank=True)
    email = models.EmailField(_("メールアドレス"), blank=True)
    phone = models.CharField(_("電話番号"), max_length=30, blank=True)
    address = models.CharField(_("所在地"), max_length=200, blank=True)
    website = models.URLField(_("ウェブサイト"), blank=True)
    # Search key of the name, its reading (フリガナ, in hiragana), description and track record
    # (kyodo_portal.core.japanese_search), kept up to date on save; the directory searches it.
    search_text = models.TextField(_("検索用の文字列"), blank=True, editable=False)

    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        # body_id, not body: ordering through the relation would join the (nullable) body into
        # every query, and PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
        ordering = ["kind", "body_id", "name_kana", "name"]
        verbose_name = _("組織")
        verbose_name_plural = _("組織")
        constraints = [
            # A government office belongs to exactly one body; NPOs and others to none.
            models.CheckConstraint(
                name="government_has_jurisdiction",
                condition=(Q(kind="government") & Q(body__isnull=False))
                | (~Q(kind="government") & Q(body__isnull=True)),
            ),
            models.CheckConstraint(
                name="npo_has_legal_form", condition=~Q(kind="npo") | ~Q(legal_form="")
            ),
        ]
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        # A derived column, not state of its own: every save leaves it matching the texts.
        self.refresh_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("partners:organization_detail", args=[self.pk])

    def refresh_search_text(self) -> None:
        """Recompute ``search_text`` (also for rows made with bulk_create, which skips save)."""
        self.search_text = organization_search_text(self)

    @property
    def government_body(self) -> GovernmentBody | None:
        """The office's body without a query: the loaded one, else the process's table."""
        if "body" in self._state.fields_cache:
            return self._state.fields_cache["body"]
        return body_by_id(self.body_id)

    @property
    def jurisdiction(self) -> str:
        """The body's name (埼玉県, さいたま市…); empty for NPOs. Read-only: set ``body``."""
        body = self.government_body
        return body.name if body else ""

    @property
    def level(self) -> str:
        """The body's level (prefecture / municipality); empty for NPOs."""
        body = self.government_body
        return body.level if body else ""

    def get_level_display(self) -> str:
        body = self.government_body
        return body.get_level_display() if body else ""

    @property
    def display_name(self) -> str:
        if self.kind == self.Kind.GOVERNMENT:
            return f"{self.jurisdiction} {self.name}"
        return self.name

    @property
    def is_government(self) -> bool:
        return self.kind == self.Kind.GOVERNMENT

    @property
    def is_npo(self) -> bool:
        return self.kind == self.Kind.NPO


# Which kinds of organisation each role may be held in.
ROLE_ORGANIZATION_KINDS = {
    Role.STAFF: {Organization.Kind.GOVERNMENT},
    Role.MANAGER: {Organization.Kind.GOVERNMENT},
    Role.NPO: {Organization.Kind.NPO},
    Role.REVIEWER: {Organization.Kind.GOVERNMENT, Organization.Kind.OTHER},
    Role.PLATFORM_ADMIN: {Organization.Kind.OTHER},
}


class Membership(models.Model):
    """A person acting for an organisation in one role. A person may hold several."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("利用者")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("組織")
    )
    role = models.CharField(_("役割"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("所属")
        verbose_name_plural = _("所属")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"], name="unique_membership_role"
            )
        ]
        indexes = [models.Index(fields=["organization", "role"])]

    def __str__(self):
        return f"{self.user} — {self.organization} ({self.get_role_display()})"
