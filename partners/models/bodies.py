"""Government bodies (地方公共団体): the boundary of what each office and manager sees.

A prefecture or a municipality, identified by its national local-government code. Offices (課)
belong to one body; a municipality names its prefecture.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core import caching
from partners.local_government_codes import is_valid_code


def validate_local_government_code(value: str) -> None:
    """Six digits whose last is the check digit of the national code list."""
    if not is_valid_code(value or ""):
        raise ValidationError(
            _("全国地方公共団体コード（6桁・検査数字付き）として正しくありません。"),
            code="invalid_check_digit",
        )


class GovernmentBody(models.Model):
    """A prefecture or municipality deploying or invited onto the portal."""

    class Level(models.TextChoices):
        PREFECTURE = "prefecture", _("都道府県")
        MUNICIPALITY = "municipality", _("市町村")

    code = models.CharField(
        _("団体コード"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^\d{6}$"), validate_local_government_code],
        help_text=_("全国地方公共団体コード（6桁、末尾は検査数字）。例：埼玉県 110001"),
    )
    name = models.CharField(_("団体名"), max_length=50, help_text=_("例：埼玉県、さいたま市"))
    name_en = models.CharField(_("団体名（英語）"), max_length=100, blank=True)
    slug = models.SlugField(
        _("URL名"), max_length=50, unique=True, help_text=_("ページのURLに使う名前。例：kawagoe")
    )
    level = models.CharField(_("区分"), max_length=20, choices=Level.choices)
    prefecture = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="municipalities",
        limit_choices_to={"level": "prefecture"},
        verbose_name=_("都道府県"),
    )
    # Bodies created by the move from free-text jurisdictions, for names missing from the code
    # table, get a placeholder code (99xxx, no real prefecture) until someone checks them.
    needs_review = models.BooleanField(_("コード要確認"), default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("地方公共団体")
        verbose_name_plural = _("地方公共団体")
        constraints = [
            models.CheckConstraint(
                name="body_prefecture_matches_level",
                condition=(Q(level="prefecture") & Q(prefecture__isnull=True))
                | (Q(level="municipality") & Q(prefecture__isnull=False)),
            ),
            models.CheckConstraint(
                name="body_code_six_characters", condition=Q(code__regex=r"^[0-9]{6}$")
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def display_name(self) -> str:
        """The name in the reader's language (the Japanese name when no English one is kept)."""
        if (get_language() or "ja").startswith("en") and self.name_en:
            return self.name_en
        return self.name

    @property
    def is_prefecture(self) -> bool:
        return self.level == self.Level.PREFECTURE

    def clean(self):
        super().clean()
        if self.level == self.Level.MUNICIPALITY and self.prefecture_id is None:
            raise ValidationError({"prefecture": _("市町村には都道府県を指定してください。")})
        if self.level == self.Level.PREFECTURE and self.prefecture_id is not None:
            raise ValidationError({"prefecture": _("都道府県に上位の都道府県は指定できません。")})
        if self.prefecture is not None and self.prefecture.level != self.Level.PREFECTURE:
            raise ValidationError({"prefecture": _("都道府県を指定してください。")})


# Bodies are reference data (a deployment has at most a few dozen) read on almost every page
# through an office's name; each process keeps them by id so that naming an office costs no query.
# A body saved in another process reaches this one on its next miss (a rename may show the old
# name in an already running worker until then; bodies are renamed only on mergers).
_bodies_by_id: dict[int, GovernmentBody] = {}


def body_by_id(pk: int | None) -> GovernmentBody | None:
    """The body with this id from the process's table, loading every body in one query on a miss."""
    if pk is None:
        return None
    body = _bodies_by_id.get(pk)
    if body is None:
        _bodies_by_id.clear()
        _bodies_by_id.update({b.pk: b for b in GovernmentBody.objects.all()})
        body = _bodies_by_id.get(pk)
    return body


# What may be kept of the whole list of bodies (partners.selectors.public_bodies, in every
# process) is kept under this version: a generation shared through the cache, which a write moves
# on once it is committed (so no process reads the rows before the write and keeps them under the
# new generation), and a count of this process's own writes, which move it at once (so the writer
# reads its own bodies before the commit, and a test inside a rolled-back transaction does too).
BODIES_GENERATION_KEY = "partners:bodies:generation"
_changes_in_this_process = 0


def bodies_version() -> tuple[int, int]:
    """Changes whenever a body is created, renamed or deleted (or forget_bodies is called)."""
    return caching.generation(BODIES_GENERATION_KEY), _changes_in_this_process


def bodies_changed() -> None:
    global _changes_in_this_process
    _changes_in_this_process += 1
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: caching.bump_generation(BODIES_GENERATION_KEY))
    else:  # no transaction to wait for (and no database access: tests without one call this)
        caching.bump_generation(BODIES_GENERATION_KEY)


def forget_bodies() -> None:
    """Drops what is kept of the bodies: after writes that send no signal (bulk_create, update),
    and between tests."""
    _bodies_by_id.clear()
    bodies_changed()


@receiver(post_save, sender=GovernmentBody)
def _keep_saved_body(instance, **kwargs):
    # The saved row replaces the kept one (a new body, a rename), so this process never names an
    # office with a stale body and needs no reload for it.
    _bodies_by_id[instance.pk] = instance
    bodies_changed()


@receiver(post_delete, sender=GovernmentBody)
def _forget_deleted_body(instance, **kwargs):
    _bodies_by_id.pop(instance.pk, None)
    bodies_changed()
