"""Scale data for measuring the portal: ``manage.py seed_scale --projects 100000``.

Creates, with bulk inserts in chunks (memory stays flat), what a prefecture and its municipalities
accumulate over ten fiscal years: offices and their staff, NPOs, projects in every stage and
method, the suitability check, method plans, agreements with their lines and confirmations, open
calls with criteria, committees, applications, declarations and scores, both sides' evaluations,
improvement items, and reminders. The same ``--seed`` gives the same data.
"""

import datetime
import random
import time
from collections.abc import Callable

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from devdata.scale.common import SCALE_PASSWORD, bulk
from devdata.scale.evaluation import EvaluationMixin
from devdata.scale.organizations import OrganizationsMixin
from devdata.scale.projects import ProjectsMixin
from devdata.scale.selection import SelectionMixin
from evaluation import sheet as evaluation_sheet
from kyodo_portal.core.fiscal import fiscal_year_of
from kyodo_portal.core.models import Reminder, ReminderKind
from projects.models import Project


class ScaleSeeder(OrganizationsMixin, ProjectsMixin, SelectionMixin, EvaluationMixin):
    """One run's state (the random stream, the offices, NPOs and people made so far) shared by
    the parts, one module each: organisations, projects, selection, evaluation."""

    def __init__(
        self, *, projects: int, seed: int, bodies: int = 64, log: Callable[[str], None] = print
    ):
        self.total = projects
        # 64: 埼玉県 and its municipalities; more: a national deployment (devdata.scale.bodies).
        self.bodies = bodies
        self.random = random.Random(seed)
        self.log = log
        self.today = timezone.localdate()
        self.current_fy = fiscal_year_of(self.today)
        self.password = make_password(SCALE_PASSWORD, salt="kyodoscale")
        self.item_keys = [(item.key, item.group, item.principle) for item in evaluation_sheet.ITEMS]

    # --- reminders -------------------------------------------------------------------------------

    def seed_reminders(self) -> None:
        """A ledger with history: about one sent reminder per ten projects."""
        project_type = ContentType.objects.get_for_model(Project).pk
        kinds = [kind for kind, _label in ReminderKind.choices]
        staff = list(self.office_staff.values())
        rows = []
        for index, project_id in enumerate(
            Project.objects.order_by("pk").values_list("pk", flat=True)[: self.total // 10]
        ):
            rows.append(
                Reminder(
                    recipient=staff[index % len(staff)],
                    kind=kinds[index % len(kinds)],
                    subject_type_id=project_type,
                    subject_id=project_id,
                    due_date=self.today - datetime.timedelta(days=index % 300 + 1),
                    url=f"/projects/{project_id}/",
                    status=Reminder.Status.SENT,
                    attempts=1,
                    sent_at=timezone.now(),
                )
            )
        bulk(Reminder, rows, ignore_conflicts=True)
        self.log(f"  {len(rows):,} reminders in the ledger")

    def run(self) -> None:
        started = time.monotonic()
        if connection.vendor == "postgresql":
            # Generated data that a crash would make us regenerate anyway: no need to wait for
            # the WAL flush at each chunk's commit (this connection only; durability elsewhere
            # is untouched).
            with connection.cursor() as cursor:
                cursor.execute("SET synchronous_commit = off")
        with transaction.atomic():
            self.seed_organizations()
        self.seed_projects()
        with transaction.atomic():
            self.seed_reminders()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.log(f"done in {time.monotonic() - started:.0f} s")
