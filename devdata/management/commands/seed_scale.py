"""manage.py seed_scale --projects 100000 — realistic data at scale, for benchmarks."""

from django.core.management.base import BaseCommand, CommandError

from devdata.scale import ScaleSeeder
from projects.models import Project


class Command(BaseCommand):
    help = "Fill an empty database with offices, NPOs and projects at scale (reproducible)."

    def add_arguments(self, parser):
        parser.add_argument("--projects", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, projects, seed, **options):
        if projects < 1:
            raise CommandError("--projects must be at least 1")
        if Project.objects.exists():
            raise CommandError(
                "The database already has projects: seed_scale fills an empty database "
                "(create a new one, migrate, then run it)."
            )
        ScaleSeeder(projects=projects, seed=seed, log=self.stdout.write).run()
