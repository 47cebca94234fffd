"""A municipality's consent that its prefecture read its published results and aggregate figures.

Each body sees only its own; the one exception is set by the municipality, per pair: it may let
its own prefecture read its aggregate statistics (never sheets, drafts, sealed rounds or project
internals). The grant is kept after it is revoked (``revoked_at``), so who allowed what and until
when stays on record.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core import caching
from partners.models.bodies import GovernmentBody


class BodyGrant(models.Model):
    granting_body = models.ForeignKey(
        GovernmentBody,
        on_delete=models.PROTECT,
        related_name="grants_given",
        verbose_name=_("許可した市町村"),
    )
    grantee_body = models.ForeignKey(
        GovernmentBody,
        on_delete=models.PROTECT,
        related_name="grants_received",
        verbose_name=_("閲覧できる都道府県"),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("許可した人"),
    )
    granted_at = models.DateTimeField(_("許可した日時"), auto_now_add=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("取り消した人"),
    )
    revoked_at = models.DateTimeField(_("取り消した日時"), null=True, blank=True)

    class Meta:
        ordering = ["-granted_at", "-pk"]
        verbose_name = _("集計の閲覧許可")
        verbose_name_plural = _("集計の閲覧許可")
        constraints = [
            # At most one grant in force per municipality: it has one prefecture.
            models.UniqueConstraint(
                fields=["granting_body"],
                condition=Q(revoked_at__isnull=True),
                name="one_body_grant_in_force",
            ),
            models.CheckConstraint(
                name="body_grant_not_to_itself", condition=~Q(granting_body=F("grantee_body"))
            ),
        ]
        indexes = [models.Index(fields=["grantee_body", "revoked_at"])]

    def __str__(self):
        return f"{self.granting_body} → {self.grantee_body}"

    @property
    def in_force(self) -> bool:
        return self.revoked_at is None

    def clean(self):
        super().clean()
        granting = self.granting_body if self.granting_body_id else None
        if granting is None:
            return
        if granting.level != GovernmentBody.Level.MUNICIPALITY:
            raise ValidationError(
                {"granting_body": _("閲覧を許可できるのは市町村だけです。")},
                code="not_municipality",
            )
        if self.grantee_body_id != granting.prefecture_id:
            raise ValidationError(
                {"grantee_body": _("閲覧を許可できるのは、その市町村が属する都道府県だけです。")},
                code="not_own_prefecture",
            )


@receiver(post_save, sender=BodyGrant)
@receiver(post_delete, sender=BodyGrant)
def _grants_changed(**kwargs):
    # Every process reads the grants in force from the cache (partners.selectors.grants_in_force):
    # a new generation makes them read again. Bumped now for this transaction's own later reads,
    # and again once it commits, in case another process cached the old rows in between.
    from partners.selectors import GRANTS_GENERATION_KEY

    caching.bump_generation(GRANTS_GENERATION_KEY)
    transaction.on_commit(lambda: caching.bump_generation(GRANTS_GENERATION_KEY))
