"""manage.py ensure_storage_bucket — make the object storage ready before the portal starts.

With AWS_STORAGE_BUCKET_NAME set: creates the bucket if it is missing and blocks public access
to it; safe to run on every start and from several nodes at once. Without it, files are on the
local disk and there is nothing to do. Exits non-zero when the store cannot be used (wrong keys,
unreachable endpoint, a bucket owned by someone else), so that whatever runs it stops there.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kyodo_portal.core.stored_files import ensure_bucket, object_storage_configured


class Command(BaseCommand):
    help = "Create the object storage bucket if it is missing and block public access (idempotent)."

    def handle(self, *args, **options):
        if not object_storage_configured():
            self.stdout.write(
                f"Files are kept on the local disk ({settings.MEDIA_ROOT}): no bucket to prepare."
            )
            return
        try:
            done = ensure_bucket()
        except Exception as error:  # any failure means the store is not usable; say which
            message = f"object storage not ready: {type(error).__name__}: {error}"
            raise CommandError(message) from error
        for line in done:
            self.stdout.write(line)
