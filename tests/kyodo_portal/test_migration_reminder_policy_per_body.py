"""The migration that gives each body its own reminder settings starts every body from the
settings the whole deployment shared."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("kyodo_portal", "0005_reminder_preference_any_kind"),
    ("partners", "0009_organization_ordering_by_body_id"),
]
AFTER = [("kyodo_portal", "0006_reminder_policy_per_body")]


def _state_at(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_shared_policies_are_copied_to_every_body():
    try:
        apps = _state_at(BEFORE)
        GovernmentBody = apps.get_model("partners", "GovernmentBody")
        ReminderPolicy = apps.get_model("kyodo_portal", "ReminderPolicy")
        saitama = GovernmentBody.objects.create(
            code="110001", name="埼玉県", slug="saitama-ken", level="prefecture"
        )
        kawagoe = GovernmentBody.objects.create(
            code="112011", name="川越市", slug="kawagoe", level="municipality", prefecture=saitama
        )
        ReminderPolicy.objects.create(
            kind="annual_review", lead_days=45, mandatory=True, enabled=True
        )
        ReminderPolicy.objects.create(
            kind="call_deadline", lead_days=5, mandatory=False, enabled=False
        )

        apps = _state_at(AFTER)
        ReminderPolicy = apps.get_model("kyodo_portal", "ReminderPolicy")
        rows = sorted(
            ReminderPolicy.objects.values_list(
                "body_id", "kind", "lead_days", "mandatory", "enabled"
            )
        )
        assert rows == sorted(
            [(body.pk, "annual_review", 45, True, True) for body in (saitama, kawagoe)]
            + [(body.pk, "call_deadline", 5, False, False) for body in (saitama, kawagoe)]
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
