"""Reminders: found when due, recorded once in the ledger, sent once, cancelled when resolved."""

import datetime
import math
import smtplib
import threading
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from kyodo_portal import services
from kyodo_portal.core.dates import display_date
from kyodo_portal.core.models import Notification, Reminder, ReminderKind, ReminderPolicy
from kyodo_portal.core.roles import Role
from kyodo_portal.tasks import send_reminder
from projects.choices import Stage
from tests.factories import NpoFactory, ProjectFactory, add_partner, member
from tests.kyodo_portal.conftest import FIRST_NOTICE_DAY, REVIEW_DUE

pytestmark = pytest.mark.django_db


def ledger():
    return sorted(Reminder.objects.values_list("recipient__username", "kind", "due_date", "status"))


def test_annual_review_found_when_due_and_not_before(multi_year_project):
    assert services.reminders_sweep(today=FIRST_NOTICE_DAY - datetime.timedelta(days=1)).found == 0
    result = services.reminders_sweep(today=FIRST_NOTICE_DAY)
    assert result.found == 2
    assert ledger() == [
        ("npo", ReminderKind.ANNUAL_REVIEW, REVIEW_DUE, "pending"),
        ("staff", ReminderKind.ANNUAL_REVIEW, REVIEW_DUE, "pending"),
    ]


def test_single_year_or_other_stage_is_not_reviewed(office, staff_user):
    ProjectFactory(owner_office=office, stage=Stage.IMPLEMENTATION)  # single year
    ProjectFactory(
        owner_office=office, stage=Stage.AGREEMENT, fiscal_year_start=2026, fiscal_year_end=2028
    )
    assert services.reminders_sweep(today=FIRST_NOTICE_DAY).found == 0


def test_withdrawn_partners_and_other_offices_are_not_recipients(
    multi_year_project, other_staff_user
):
    withdrawn = NpoFactory()
    member(Role.NPO, withdrawn, username="withdrawn_npo")
    add_partner(multi_year_project, withdrawn, status="withdrawn")
    services.reminders_sweep(today=FIRST_NOTICE_DAY)
    recipients = {row[0] for row in ledger()}
    assert recipients == {"staff", "npo"}


def test_sweep_twice_records_and_sends_once(multi_year_project, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.reminders_sweep(today=FIRST_NOTICE_DAY)
    with django_capture_on_commit_callbacks(execute=True):
        services.reminders_sweep(today=FIRST_NOTICE_DAY)
    assert Reminder.objects.count() == 2
    assert set(Reminder.objects.values_list("status", flat=True)) == {"sent"}
    assert len(mail.outbox) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["npo@example.jp", "staff@example.jp"]


def test_a_retried_or_repeated_task_does_not_send_again(multi_year_project):
    services.reminders_sweep(today=FIRST_NOTICE_DAY)
    reminder = Reminder.objects.get(recipient__username="staff")
    assert send_reminder.delay(reminder.pk).get() == "sent"
    assert send_reminder.delay(reminder.pk).get() == "skipped"
    assert len(mail.outbox) == 1


def test_cancelled_when_resolved_before_sending(multi_year_project):
    services.reminders_sweep(today=FIRST_NOTICE_DAY)
    multi_year_project.stage = Stage.EVALUATION
    multi_year_project.save()
    reminder = Reminder.objects.get(recipient__username="staff")
    assert services.reminder_send(reminder_id=reminder.pk) == "cancelled"
    reminder.refresh_from_db()
    assert (reminder.status, reminder.status_reason) == ("cancelled", "resolved")
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_smtp_failure_is_retried_then_sent_once(multi_year_project):
    services.reminders_sweep(today=FIRST_NOTICE_DAY)
    reminder = Reminder.objects.get(recipient__username="staff")
    real_send = mail.EmailMessage.send
    calls = {"n": 0}

    def flaky(message, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] <= 2:
            raise smtplib.SMTPServerDisconnected("connection unexpectedly closed")
        return real_send(message, *args, **kwargs)

    with mock.patch.object(mail.EmailMessage, "send", flaky):
        send_reminder.delay(reminder.pk)
    reminder.refresh_from_db()
    assert reminder.status == "sent"
    assert reminder.attempts == 3
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(reminder=reminder).count() == 1


def test_smtp_down_for_good_ends_failed_and_visible(multi_year_project, client, manager_user):
    services.reminders_sweep(today=FIRST_NOTICE_DAY)
    reminder = Reminder.objects.get(recipient__username="staff")
    down = mock.patch.object(
        mail.EmailMessage, "send", side_effect=ConnectionRefusedError("SMTP down")
    )
    with down:
        send_reminder.delay(reminder.pk)
    reminder.refresh_from_db()
    assert reminder.status == "failed"
    assert reminder.attempts == send_reminder.max_retries + 1
    assert "ConnectionRefusedError" in reminder.last_error
    assert not Notification.objects.filter(reminder=reminder).exists()
    client.force_login(manager_user)
    html = client.get(reverse("reminder_history"), {"status": "failed"}).content.decode()
    assert "送信失敗" in html and "ConnectionRefusedError" in html


def test_opt_out_is_respected_but_mandatory_kinds_are_kept(
    multi_year_project, staff_user, npo_user
):
    services.reminder_preferences_update(user=staff_user, enabled_kinds=set())
    services.reminder_preferences_update(user=npo_user, enabled_kinds=set())
    body_id = multi_year_project.owner_office.body_id
    policy = services.reminder_policies([body_id])[body_id][ReminderKind.ANNUAL_REVIEW]
    services.reminders_sweep(today=FIRST_NOTICE_DAY)
    staff_reminder = Reminder.objects.get(recipient=staff_user)
    assert services.reminder_send(reminder_id=staff_reminder.pk) == "cancelled"
    assert Reminder.objects.get(pk=staff_reminder.pk).status_reason == "opted_out"
    ReminderPolicy.objects.filter(pk=policy.pk).update(mandatory=True)
    npo_reminder = Reminder.objects.get(recipient=npo_user)
    assert services.reminder_send(reminder_id=npo_reminder.pk) == "sent"
    assert [m.to for m in mail.outbox] == [[npo_user.email]]


def test_mail_in_the_recipients_language_with_a_link(
    multi_year_project, staff_user, npo_user, settings
):
    settings.SITE_URL = "https://kyodo.example.jp"
    npo_user.preferred_language = "en"
    npo_user.save()
    services.reminders_sweep(today=FIRST_NOTICE_DAY)
    for reminder in Reminder.objects.all():
        services.reminder_send(reminder_id=reminder.pk)
    by_recipient = {m.to[0]: m for m in mail.outbox}
    japanese = by_recipient[staff_user.email]
    english = by_recipient[npo_user.email]
    link = "https://kyodo.example.jp" + reverse(
        "projects:project_detail", args=[multi_year_project.pk]
    )
    assert "年次の見直し" in japanese.subject and "山田 花子 様" in japanese.body
    assert "Annual review" in english.subject and "Dear" in english.body
    assert link in japanese.body and link in english.body
    due_date = Reminder.objects.filter(recipient=staff_user).get().due_date
    assert display_date(due_date, "ja") in japanese.body  # 令和…年…月…日
    assert "令和" in japanese.body
    assert display_date(due_date, "en") in english.body  # e.g. 31 Mar 2027


def test_notification_list_and_unread_count(multi_year_project, client, staff_user):
    services.reminders_sweep(today=FIRST_NOTICE_DAY)
    services.reminder_send(reminder_id=Reminder.objects.get(recipient=staff_user).pk)
    client.force_login(staff_user)
    html = client.get(reverse("home")).content.decode()
    assert 'badge text-bg-danger">1<' in html
    html = client.get(reverse("notifications")).content.decode()
    assert "見沼田んぼ保全の協働事業" in html
    notification = Notification.objects.get(recipient=staff_user)
    response = client.post(reverse("notification_read", args=[notification.pk]))
    assert response["Location"] == reverse("projects:project_detail", args=[multi_year_project.pk])
    assert "badge text-bg-danger" not in client.get(reverse("home")).content.decode()


def test_nobody_reads_another_persons_notification(
    multi_year_project, client, staff_user, npo_user
):
    services.reminders_sweep(today=FIRST_NOTICE_DAY)
    services.reminder_send(reminder_id=Reminder.objects.get(recipient=staff_user).pk)
    client.force_login(npo_user)
    notification = Notification.objects.get(recipient=staff_user)
    assert client.post(reverse("notification_read", args=[notification.pk])).status_code == 404
    assert "見沼田んぼ" not in client.get(reverse("notifications")).content.decode()


def test_settings_page_switches_kinds_off_except_mandatory(client, staff_user, office):
    ReminderPolicy.objects.update_or_create(
        body_id=office.body_id,
        kind=ReminderKind.ANNUAL_REVIEW,
        defaults={"lead_days": 30, "mandatory": True},
    )
    client.force_login(staff_user)
    client.post(reverse("reminder_settings"), {"kinds": []})
    rows = {row["kind"]: row for row in client.get(reverse("reminder_settings")).context["rows"]}
    assert rows[ReminderKind.ANNUAL_REVIEW]["enabled"] is True
    assert all(not row["enabled"] for kind, row in rows.items() if not row["mandatory"])


@pytest.mark.parametrize("role", ["anonymous", "staff", "npo", "reviewer"])
def test_history_and_policies_are_for_managers_only(client, users_by_role, role):
    if users_by_role[role]:
        client.force_login(users_by_role[role])
    for name in ("reminder_history", "reminder_policies"):
        assert client.get(reverse(name)).status_code in (302, 404)


def test_manager_changes_lead_time(client, manager_user, multi_year_project):
    services.reminder_policies()
    client.force_login(manager_user)
    data = {}
    for policy in ReminderPolicy.objects.filter(body_id=multi_year_project.owner_office.body_id):
        data[f"{policy.kind}-lead_days"] = policy.lead_days
        data[f"{policy.kind}-enabled"] = "on"
    data[f"{ReminderKind.ANNUAL_REVIEW}-lead_days"] = 60
    assert client.post(reverse("reminder_policies"), data).status_code == 302
    day = REVIEW_DUE - datetime.timedelta(days=60)
    assert services.reminders_sweep(today=day).found == 2
    data[f"{ReminderKind.ANNUAL_REVIEW}-lead_days"] = "-3"
    response = client.post(reverse("reminder_policies"), data)
    assert response.status_code == 200 and "error-summary" in response.content.decode()


def test_send_reminders_command(multi_year_project):
    from io import StringIO

    out = StringIO()
    call_command("send_reminders", "--date", FIRST_NOTICE_DAY.isoformat(), stdout=out)
    assert "Reminders due: 2" in out.getvalue()
    assert Reminder.objects.filter(kind=ReminderKind.ANNUAL_REVIEW).count() == 2


def test_sweep_query_count_does_not_grow_with_projects(office, staff_user, npo, npo_user):
    def sweep_queries(count: int) -> int:
        for _ in range(count):
            project = ProjectFactory(
                owner_office=office,
                stage=Stage.IMPLEMENTATION,
                fiscal_year_start=2026,
                fiscal_year_end=2027,
            )
            add_partner(project, npo)
        from django.test.utils import CaptureQueriesContext

        services.reminders_sweep(today=FIRST_NOTICE_DAY)  # policies created once
        Reminder.objects.all().delete()
        with CaptureQueriesContext(connection) as captured:
            services.reminders_sweep(today=FIRST_NOTICE_DAY)
        inserts = sum(1 for query in captured if query["sql"].lstrip().startswith("INSERT"))
        return len(captured) - inserts, inserts, Reminder.objects.count()

    few, many = sweep_queries(3), sweep_queries(60)
    assert few[0] == many[0]
    # The ledger rows go in as few statements as the database allows: one on PostgreSQL, and
    # as many as SQLite's limit on statement parameters needs.
    fields = [field for field in Reminder._meta.concrete_fields if not field.primary_key]
    batch = min(services.INSERT_BATCH, connection.ops.bulk_batch_size(fields, range(many[2])))
    assert many[1] == math.ceil(many[2] / batch)


@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_send_once(multi_year_project):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    services.reminders_sweep(today=FIRST_NOTICE_DAY)  # commits, so the eager tasks already ran
    Reminder.objects.update(status="pending", sent_at=None)
    Notification.objects.all().delete()
    mail.outbox.clear()
    reminder = Reminder.objects.get(recipient__username="staff")
    barrier = threading.Barrier(4)
    outcomes, errors = [], []

    def worker():
        barrier.wait()
        try:
            outcomes.append(services.reminder_send(reminder_id=reminder.pk))
        except Exception as error:  # reported below: a thread's exception is otherwise lost
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    # The others found the row claimed (the send under way) or already sent.
    assert len(outcomes) == 4 and outcomes.count("sent") == 1
    assert set(outcomes) - {"sent"} <= {"claimed", "skipped"}
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(reminder=reminder).count() == 1


def test_demo_data_leaves_reminders_due_for_a_first_run(django_capture_on_commit_callbacks):
    from io import StringIO

    call_command("seed_demo", stdout=StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=StringIO())
    assert Reminder.objects.filter(status="sent").exists()
    assert Notification.objects.exists()
    assert len(mail.outbox) == Reminder.objects.filter(status="sent").count()
