from django.apps import AppConfig


class KyodoPortalConfig(AppConfig):
    name = "kyodo_portal"
    verbose_name = "協働ポータル"

    def ready(self):
        # Each app's reminders.py and notices.py register the reminder and event kinds it owns.
        from kyodo_portal.core import events, reminders

        reminders.autodiscover()
        events.autodiscover()
        from kyodo_portal import startup  # noqa: F401  (registers the checks of the key and broker)

        self._connect_public_records()
        self._connect_project_pages()

    @staticmethod
    def _connect_project_pages() -> None:
        """Writes make the stored copies of their project's pages stale (projects.page_copies)."""
        from django.contrib.admin.models import LogEntry
        from django.db.models.signals import post_delete, post_save

        from kyodo_portal.core import audit, person_pages
        from kyodo_portal.core.models import Notification
        from partners.models import User
        from partners.selectors import membership_summary
        from projects import page_copies

        audit.after_write(page_copies.after_audited_write)
        post_save.connect(
            page_copies.after_admin_change, sender=LogEntry, dispatch_uid="project-pages-admin"
        )
        # What a stored copy shows of its person: rights follow memberships (their digest, from
        # those the permission check loaded, or from one query that returns one row) ...
        person_pages.person_stamp(lambda request: membership_summary(request.user).digest)

        # ... and the navigation shows their name and counts their unread notifications: a
        # write to either moves the person's generation on, rather than every answer counting.
        # (Marking notifications read is a bulk update: its service moves it itself.)
        def notification_written(sender, instance, **_kwargs):
            person_pages.people_changed([instance.recipient_id])

        def person_written(sender, instance, update_fields=None, **_kwargs):
            if update_fields is None or set(update_fields) - {"last_login"}:
                person_pages.people_changed([instance.pk])

        for signal in (post_save, post_delete):
            signal.connect(
                notification_written,
                sender=Notification,
                weak=False,  # defined here: nothing else holds a reference to it
                dispatch_uid="person-pages-notices",
            )
        post_save.connect(
            person_written, sender=User, weak=False, dispatch_uid="person-pages-person"
        )

    @staticmethod
    def _connect_public_records() -> None:
        """Writes to what public pages show and no other generation covers (page_cache)."""
        from django.db.models.signals import post_delete, post_save

        from kyodo_portal.core.page_cache import public_records_changed
        from partners.models import GovernmentBody, Organization
        from selection.models import CallRevision, Designation

        for model in (GovernmentBody, Organization, CallRevision, Designation):
            for signal in (post_save, post_delete):
                signal.connect(
                    public_records_changed,
                    sender=model,
                    dispatch_uid=f"public-records-{model._meta.label}",
                )
