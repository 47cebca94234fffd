from django.core.management.base import BaseCommand

from casebook.services import casebook_load


class Command(BaseCommand):
    help = "Load (or refresh) the casebook cases from casebook/content/cases.py. Idempotent."

    def handle(self, *args, **options):
        count = casebook_load()
        self.stdout.write(self.style.SUCCESS(f"casebook: {count} cases loaded"))
