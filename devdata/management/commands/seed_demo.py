"""manage.py seed_demo — a living portal for a first run. Safe to run again: it converges."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from devdata.demo.partners import DEMO_PASSWORD, PEOPLE
from kyodo_portal.core import messenger

# Each module defines seed(context) -> dict; later ones build on what earlier ones return.
DEMO_MODULES = (
    "devdata.demo.partners",
    "devdata.demo.projects",
    "devdata.demo.selection",
    "devdata.demo.evaluation",
)  # The casebook needs none: its cases come with the migrations.


class Command(BaseCommand):
    help = "Create or refresh the demo offices, NPOs, people and their collaboration projects."

    @transaction.atomic
    def handle(self, *args, **options):
        context: dict = {}
        # The demo people get the notices the seeded changes make, in their lists, but no mail:
        # their addresses are made up, and a first run must not try to reach a mail server.
        with messenger.without_mail():
            for name in DEMO_MODULES:
                module = import_module(name)
                context.update(module.seed(context) or {})
        self.stdout.write(self.style.SUCCESS("Demo data ready. Demo logins (password for all):"))
        self.stdout.write(f"  password: {DEMO_PASSWORD}")
        for username, name, _kana, _email, org_key, role in PEOPLE:
            self.stdout.write(f"  {username:<11} {role.label} — {name} ({org_key})")
