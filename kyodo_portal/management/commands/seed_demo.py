"""manage.py seed_demo — a living portal for a first run. Safe to run again: it converges."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app that has demo data defines demo.seed(context) -> dict; later apps build on earlier ones.
DEMO_APPS = ("partners", "projects", "evaluation", "casebook")


class Command(BaseCommand):
    help = "Create or refresh the demo offices, NPOs, people and their collaboration projects."

    @transaction.atomic
    def handle(self, *args, **options):
        context: dict = {}
        for app in DEMO_APPS:
            try:
                module = import_module(f"{app}.demo")
            except ModuleNotFoundError:
                continue
            context.update(module.seed(context) or {})
        from partners.demo import DEMO_PASSWORD, PEOPLE

        self.stdout.write(self.style.SUCCESS("Demo data ready. Demo logins (password for all):"))
        self.stdout.write(f"  password: {DEMO_PASSWORD}")
        for username, name, _kana, _email, org_key, role in PEOPLE:
            self.stdout.write(f"  {username:<11} {role.label} — {name} ({org_key})")
