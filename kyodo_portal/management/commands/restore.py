"""manage.py restore <backup directory> — the database and the stored files put back.

Stop the web nodes, workers and beat first (docs/operations.md): the database is replaced while
nothing writes to it.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kyodo_portal import backups


class Command(BaseCommand):
    help = "Restore a backup made by manage.py backup (scripts/backup) over the current data."

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="the backup-<time> directory")
        parser.add_argument(
            "--yes", action="store_true", help="do not ask before replacing the current data"
        )

    def handle(self, *args, source, yes, **options):
        try:
            manifest = backups.read_manifest(source)
            database = backups.Database.from_settings()
            where = f"{database.name} on {database.host}" if database.host else database.name
            if not yes:
                answer = input(
                    f"Replace the database {where} and the stored files with the backup of "
                    f"{manifest['created_at']}? Type yes: "
                )
                if answer.strip().lower() != "yes":
                    raise CommandError("Nothing restored.")
            backups.restore(source)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the database {where} and {manifest['files']['count']} files from the "
            f"backup of {manifest['created_at']}. Run manage.py migrate if the portal is newer "
            "than the backup."
        )
