"""manage.py send_reminders — the daily reminder sweep without a broker (cron or first run).

It runs the same service as Celery beat; with no broker configured the send tasks run in-process.
"""

import datetime

from django.core.management.base import BaseCommand

from kyodo_portal.services import reminders_sweep


class Command(BaseCommand):
    help = "Find due reminders, record them in the ledger, and send each once."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", type=datetime.date.fromisoformat, help="sweep as of this day (YYYY-MM-DD)"
        )

    def handle(self, *args, date=None, **options):
        result = reminders_sweep(today=date)
        self.stdout.write(
            f"Reminders due: {result.found}; pending sends enqueued: {len(result.pending_ids)}"
        )
