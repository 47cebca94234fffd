"""Any change to the casebook makes the cached stage lists stale."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from casebook.models import Case, CaseTag
from casebook.selectors import casebook_changed


@receiver([post_save, post_delete], sender=Case)
@receiver([post_save, post_delete], sender=CaseTag)
@receiver(m2m_changed, sender=Case.related.through)
def _casebook_changed(**_kwargs) -> None:
    casebook_changed()
