"""manage.py copy_media_to_storage — move to object storage: copy the files of the local disk
(MEDIA_ROOT, or --from) into the bucket under the names the database holds.

Copies only what the bucket lacks and checks each copy's size, so it can be run again after an
interruption; never overwrites and never deletes (remove the old folder yourself once the portal
serves from the bucket). Exits non-zero when a name in the bucket holds a different file.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kyodo_portal.core.stored_files import copy_local_files, object_storage_configured


class Command(BaseCommand):
    help = "Copy the files under MEDIA_ROOT (or --from) into the object storage bucket."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="source", type=Path, help="default: MEDIA_ROOT")
        parser.add_argument("--dry-run", action="store_true", help="list what would be copied")

    def handle(self, *args, source=None, dry_run=False, **options):
        if not object_storage_configured():
            raise CommandError("Set AWS_STORAGE_BUCKET_NAME (and the store's address and keys).")
        source = source or Path(settings.MEDIA_ROOT)
        if not source.is_dir():
            raise CommandError(f"{source}: no such folder")
        report = copy_local_files(source, dry_run=dry_run)
        for name in report.copied:
            self.stdout.write(("would copy " if dry_run else "copied ") + name)
        for name in report.conflicts:
            self.stderr.write(f"different file already in the bucket, left alone: {name}")
        self.stdout.write(
            f"{'would copy' if dry_run else 'copied'}: {len(report.copied)}; "
            f"already there: {len(report.already_there)}; conflicts: {len(report.conflicts)}"
        )
        if report.conflicts:
            raise CommandError("some names hold different files in the bucket (listed above)")
