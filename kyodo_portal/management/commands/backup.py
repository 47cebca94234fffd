"""manage.py backup — the database and every stored file into one backup directory.

See kyodo_portal/backups.py for what it holds and docs/operations.md for when to run it.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kyodo_portal import backups


class Command(BaseCommand):
    help = "Back up the database (pg_dump -Fc, or a copy of SQLite) and the stored files."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=Path("backups"),
            help="directory to write the backup-<time> directory into (default: backups)",
        )

    def handle(self, *args, output, **options):
        try:
            target = backups.backup(output)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        manifest = backups.read_manifest(target)
        self.stderr.write(
            f"Backed up the {manifest['database']['vendor']} database "
            f"{manifest['database']['name']} and {manifest['files']['count']} files."
        )
        # Alone on stdout, so that a script can take it: backup=$(scripts/backup).
        self.stdout.write(str(target))
