"""The casebook: fictional cases, each tagged with the stages, methods and principles it teaches.

Thirteen tell of something going wrong (失敗事例); the others show the handbook's guidance carried
out well (良い実践例), written for this portal and marked as such by their ``kind``.

Tags live in their own table (``CaseTag``) rather than an ArrayField or JSONField so the same
``filter(tags__kind=..., tags__value=...)`` query works, and is indexed, on SQLite and PostgreSQL.
Long texts are stored in both languages side by side; the language-aware properties pick one.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.japanese_search import search_text
from projects.choices import Method, Principle, Stage

# Fields searched by keyword, in each language (their keys fill ``search_ja`` / ``search_en``).
SEARCH_FIELDS = ("title", "summary", "story", "problem", "hints")


def active_lang() -> str:
    """ "en" when the active language is English, else "ja" (Japanese is the source language)."""
    return "en" if (get_language() or "ja").lower().startswith("en") else "ja"


def case_search_columns(values: dict) -> dict[str, str]:
    """The stored search keys of a case from its texts (``{"title_ja": ..., ...}``); shared by
    ``Case.save`` and the loader, which also runs with a migration's historical models."""
    return {
        f"search_{lang}": search_text(*(values.get(f"{f}_{lang}", "") for f in SEARCH_FIELDS))
        for lang in ("ja", "en")
    }


class Case(models.Model):
    class Kind(models.TextChoices):
        FAILURE = "failure", _("失敗事例")
        GOOD_PRACTICE = "good_practice", _("良い実践例")

    number = models.PositiveSmallIntegerField(_("番号"), unique=True)
    kind = models.CharField(
        _("事例の種類"),
        max_length=16,
        choices=Kind.choices,
        default=Kind.FAILURE,
        db_index=True,
        help_text=_("うまくいかなかった事例か、手引の考え方を生かした良い実践例か"),
    )
    title_ja = models.CharField(_("題名（日本語）"), max_length=200)
    title_en = models.CharField(_("題名（英語）"), max_length=200, blank=True)
    summary_ja = models.CharField(_("要旨（日本語）"), max_length=300)
    summary_en = models.CharField(_("要旨（英語）"), max_length=300, blank=True)
    story_ja = models.TextField(_("事例（日本語）"))
    story_en = models.TextField(_("事例（英語）"), blank=True)
    problem_ja = models.TextField(_("何が問題か（日本語）"))
    problem_en = models.TextField(_("何が問題か（英語）"), blank=True)
    hints_ja = models.TextField(_("解決のヒント（日本語）"), help_text=_("1行に1項目"))
    hints_en = models.TextField(_("解決のヒント（英語）"), blank=True, help_text=_("1行に1項目"))
    questions_ja = models.TextField(_("振り返りの問い（日本語）"), help_text=_("1行に1問"))
    questions_en = models.TextField(
        _("振り返りの問い（英語）"), blank=True, help_text=_("1行に1問")
    )
    related = models.ManyToManyField("self", verbose_name=_("関連する事例"), blank=True)
    # Search keys of the texts above (kyodo_portal.core.japanese_search), kept up to date on save.
    search_ja = models.TextField(_("検索用の文字列（日本語）"), blank=True, editable=False)
    search_en = models.TextField(_("検索用の文字列（英語）"), blank=True, editable=False)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("事例")
        verbose_name_plural = _("事例")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="casebook_case_number_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title_ja}"

    def save(self, *args, **kwargs):
        # Derived columns, not state of their own: whoever saves a case (the loader, the admin)
        # leaves its search keys matching its texts.
        # A case loaded with some texts deferred would compute keys from blanks: load them.
        if self.get_deferred_fields() & {
            f"{f}_{lang}" for f in SEARCH_FIELDS for lang in ("ja", "en")
        }:
            self.refresh_from_db(fields=list(self.get_deferred_fields()))
        columns = case_search_columns(self.__dict__)
        for name, value in columns.items():
            setattr(self, name, value)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *columns}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("casebook:case_detail", args=[self.number])

    @property
    def is_good_practice(self) -> bool:
        return self.kind == self.Kind.GOOD_PRACTICE

    # Language-aware accessors: the English text when English is active and it exists, otherwise
    # the Japanese original (an untranslated case still reads, in Japanese, rather than blank).
    def _text(self, field: str) -> str:
        if active_lang() == "en":
            value = getattr(self, f"{field}_en")
            if value:
                return value
        return getattr(self, f"{field}_ja")

    @property
    def title(self) -> str:
        return self._text("title")

    @property
    def summary(self) -> str:
        return self._text("summary")

    @property
    def story(self) -> str:
        return self._text("story")

    @property
    def problem(self) -> str:
        return self._text("problem")

    @property
    def story_paragraphs(self) -> list[str]:
        return [line.strip() for line in self.story.splitlines() if line.strip()]

    @property
    def problem_paragraphs(self) -> list[str]:
        return [line.strip() for line in self.problem.splitlines() if line.strip()]

    @property
    def hints(self) -> list[str]:
        return [line.strip() for line in self._text("hints").splitlines() if line.strip()]

    @property
    def questions(self) -> list[str]:
        return [line.strip() for line in self._text("questions").splitlines() if line.strip()]

    # Tag accessors read ``tags.all()`` so a ``prefetch_related("tags")`` serves them all.
    def _tag_values(self, kind: str) -> list[str]:
        return [tag.value for tag in self.tags.all() if tag.kind == kind]

    def _tag_choices(self, kind: str, choices) -> list:
        values = set(self._tag_values(kind))
        return [choice for choice in choices if choice.value in values]

    @property
    def stages(self) -> list[Stage]:
        return self._tag_choices(CaseTag.Kind.STAGE, Stage)

    @property
    def methods(self) -> list[Method]:
        return self._tag_choices(CaseTag.Kind.METHOD, Method)

    @property
    def principles(self) -> list[Principle]:
        return self._tag_choices(CaseTag.Kind.PRINCIPLE, Principle)


class CaseTag(models.Model):
    class Kind(models.TextChoices):
        STAGE = "stage", _("段階")
        METHOD = "method", _("協働方法")
        PRINCIPLE = "principle", _("協働の原則")

    # Valid values per kind; the admin form and the loader check against these.
    VALUES = {
        Kind.STAGE: Stage,
        Kind.METHOD: Method,
        Kind.PRINCIPLE: Principle,
    }

    case = models.ForeignKey(
        Case, verbose_name=_("事例"), on_delete=models.CASCADE, related_name="tags"
    )
    kind = models.CharField(_("種類"), max_length=16, choices=Kind.choices)
    value = models.CharField(_("値"), max_length=32)

    class Meta:
        ordering = ["case", "kind", "value"]
        verbose_name = _("事例のタグ")
        verbose_name_plural = _("事例のタグ")
        constraints = [
            models.UniqueConstraint(fields=["case", "kind", "value"], name="casebook_tag_unique"),
        ]
        indexes = [models.Index(fields=["kind", "value"], name="casebook_tag_kind_value")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.label}"

    @property
    def label(self) -> str:
        choices = self.VALUES.get(self.kind)
        if choices is not None and self.value in choices.values:
            return choices(self.value).label
        return self.value

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        choices = self.VALUES.get(self.kind)
        if choices is not None and self.value not in choices.values:
            raise ValidationError({"value": _("この種類の値として使えません。")})
