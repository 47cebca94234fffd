"""manage.py seed_scale --projects 100000 — realistic data at scale, for benchmarks."""

from django.core.management.base import BaseCommand, CommandError

from devdata.scale import ScaleSeeder
from devdata.scale.bodies import NATIONAL_BODIES, PREFECTURES
from projects.models import Project


class Command(BaseCommand):
    help = "Fill an empty database with offices, NPOs and projects at scale (reproducible)."

    def add_arguments(self, parser):
        parser.add_argument("--projects", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--bodies",
            type=int,
            default=64,
            help="64: 埼玉県 and its 63 municipalities (real codes). More, up to 1788: a national "
            "deployment of 47 prefectures and the rest municipalities, synthetic beyond 埼玉県.",
        )

    def handle(self, *args, projects, seed, bodies, **options):
        if projects < 1:
            raise CommandError("--projects must be at least 1")
        if bodies != 64 and not PREFECTURES + 63 <= bodies <= NATIONAL_BODIES:
            raise CommandError(
                f"--bodies is 64 (埼玉県) or between {PREFECTURES + 63} and {NATIONAL_BODIES}"
            )
        if Project.objects.exists():
            raise CommandError(
                "The database already has projects: seed_scale fills an empty database "
                "(create a new one, migrate, then run it)."
            )
        ScaleSeeder(projects=projects, seed=seed, bodies=bodies, log=self.stdout.write).run()
