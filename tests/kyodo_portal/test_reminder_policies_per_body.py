"""Reminder settings belong to one government body: each body's projects are reminded by its own
settings, and each body's managers edit only theirs."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kyodo_portal import services
from kyodo_portal.core.models import Reminder, ReminderKind, ReminderPolicy
from kyodo_portal.core.roles import Role
from projects.choices import Stage
from tests.factories import OfficeFactory, ProjectFactory, member
from tests.kyodo_portal.conftest import REVIEW_DUE

pytestmark = pytest.mark.django_db


def multi_year_project_of(office, username):
    member(Role.STAFF, office, username=username)
    return ProjectFactory(
        owner_office=office,
        stage=Stage.IMPLEMENTATION,
        fiscal_year_start=2026,
        fiscal_year_end=2027,
    )


def set_policy(office, kind=ReminderKind.ANNUAL_REVIEW, **values):
    services.reminder_policies([office.body_id])
    ReminderPolicy.objects.filter(body_id=office.body_id, kind=kind).update(**values)


def recipients():
    return sorted(Reminder.objects.values_list("recipient__username", flat=True))


def test_each_body_is_reminded_at_its_own_lead_time(office, other_office):
    multi_year_project_of(office, "saitama_staff")
    multi_year_project_of(other_office, "kawagoe_staff")
    set_policy(office, lead_days=30)
    set_policy(other_office, lead_days=10)
    services.reminders_sweep(today=REVIEW_DUE - datetime.timedelta(days=30))
    assert recipients() == ["saitama_staff"]
    services.reminders_sweep(today=REVIEW_DUE - datetime.timedelta(days=11))
    assert recipients() == ["saitama_staff"]
    services.reminders_sweep(today=REVIEW_DUE - datetime.timedelta(days=10))
    assert recipients() == ["kawagoe_staff", "saitama_staff"]


def test_a_kind_disabled_in_one_body_still_goes_out_in_another(office, other_office):
    multi_year_project_of(office, "saitama_staff")
    multi_year_project_of(other_office, "kawagoe_staff")
    set_policy(office, lead_days=30, enabled=False)
    set_policy(other_office, lead_days=30)
    services.reminders_sweep(today=REVIEW_DUE - datetime.timedelta(days=30))
    assert recipients() == ["kawagoe_staff"]


def test_send_path_uses_the_subject_bodys_policy(office, other_office):
    multi_year_project_of(office, "saitama_staff")
    multi_year_project_of(other_office, "kawagoe_staff")
    services.reminders_sweep(today=REVIEW_DUE - datetime.timedelta(days=30))
    # Disabled after the sweep, in the first body only: its pending reminder is cancelled there.
    set_policy(office, enabled=False)
    saitama = Reminder.objects.get(recipient__username="saitama_staff")
    kawagoe = Reminder.objects.get(recipient__username="kawagoe_staff")
    assert services.reminder_send(reminder_id=saitama.pk) == "cancelled"
    assert Reminder.objects.get(pk=saitama.pk).status_reason == "disabled"
    assert services.reminder_send(reminder_id=kawagoe.pk) == "sent"


def test_mandatory_in_the_subjects_body_overrides_the_opt_out(office, other_office):
    multi_year_project_of(office, "saitama_staff")
    multi_year_project_of(other_office, "kawagoe_staff")
    for username in ("saitama_staff", "kawagoe_staff"):
        user = Reminder._meta.get_field("recipient").related_model.objects.get(username=username)
        services.reminder_preferences_update(user=user, enabled_kinds=set())
    services.reminders_sweep(today=REVIEW_DUE - datetime.timedelta(days=30))
    set_policy(office, mandatory=True)
    saitama = Reminder.objects.get(recipient__username="saitama_staff")
    kawagoe = Reminder.objects.get(recipient__username="kawagoe_staff")
    assert services.reminder_send(reminder_id=saitama.pk) == "sent"
    assert services.reminder_send(reminder_id=kawagoe.pk) == "cancelled"


def test_manager_sees_and_edits_only_their_bodys_policies(client, manager_user, other_office):
    client.force_login(manager_user)
    own_body = manager_user.memberships.get().organization.body_id
    response = client.get(reverse("reminder_policies"))
    assert response.status_code == 200
    assert {form.instance.body_id for form in response.context["forms"]} == {own_body}
    url = reverse("reminder_policies")
    assert client.get(url, {"body": other_office.body_id}).status_code == 404
    services.reminder_policies([other_office.body_id])
    data = {f"{kind}-lead_days": 99 for kind in ReminderKind.values}
    data.update({f"{kind}-enabled": "on" for kind in ReminderKind.values})
    response = client.post(f"{url}?body={other_office.body_id}", data)
    assert response.status_code == 404
    assert not ReminderPolicy.objects.filter(body_id=other_office.body_id, lead_days=99).exists()
    assert client.post(url, data).status_code == 302
    assert ReminderPolicy.objects.filter(body_id=own_body, lead_days=99).count() == len(
        services.reminder_policies([own_body])[own_body]
    )


def test_service_refuses_another_bodys_policy(manager_user, other_office):
    from kyodo_portal.core.errors import PermissionDenied

    policy = next(
        iter(services.reminder_policies([other_office.body_id])[other_office.body_id].values())
    )
    with pytest.raises(PermissionDenied):
        services.reminder_policy_update(
            policy=policy, by=manager_user, lead_days=5, mandatory=False, enabled=True
        )


def sweep_queries(today) -> int:
    services.reminders_sweep(today=today)  # creates the default rows of new bodies first
    Reminder.objects.all().delete()
    with CaptureQueriesContext(connection) as queries:
        services.reminders_sweep(today=today)
    return len(queries)


def test_sweep_query_count_does_not_grow_with_bodies_sharing_settings():
    today = REVIEW_DUE - datetime.timedelta(days=30)
    for name in ("さいたま市", "川越市"):
        multi_year_project_of(OfficeFactory(jurisdiction=name), f"staff_{name}")
    with_two = sweep_queries(today)
    for name in ("所沢市", "越谷市", "熊谷市", "春日部市"):
        multi_year_project_of(OfficeFactory(jurisdiction=name), f"staff_{name}")
    with_six = sweep_queries(today)
    assert Reminder.objects.count() == 6
    assert with_six == with_two
