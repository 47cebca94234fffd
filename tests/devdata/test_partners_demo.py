import io

import pytest
from django.core.management import call_command

from kyodo_portal.core.roles import Role
from partners.models import ActivityField, Membership, Organization, User

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "organizations": sorted(Organization.objects.values_list("kind", "body__name", "name")),
        "people": sorted(User.objects.values_list("username", "name", "email")),
        "memberships": sorted(
            Membership.objects.values_list("user__username", "organization__name", "role")
        ),
        "fields": sorted(
            Organization.fields.through.objects.values_list(
                "organization__name", "activityfield__number"
            )
        ),
    }


def test_activity_fields_are_reference_data():
    assert ActivityField.objects.count() == 20
    assert ActivityField.objects.get(number=13).name_ja == "子どもの健全育成を図る活動"


def test_seed_demo_twice_gives_the_same_data():
    call_command("seed_demo", stdout=io.StringIO())
    first = snapshot()
    call_command("seed_demo", stdout=io.StringIO())
    assert snapshot() == first


def test_seed_demo_contents():
    call_command("seed_demo", stdout=io.StringIO())
    offices = Organization.objects.filter(kind="government")
    assert offices.filter(body__level="prefecture").count() == 1
    assert offices.filter(body__level="municipality").count() == 2
    npos = Organization.objects.filter(kind="npo")
    assert npos.count() == 5
    assert len(set(npos.values_list("legal_form", flat=True))) == 5
    held = set(Membership.objects.values_list("role", flat=True))
    assert held == {Role.STAFF, Role.NPO, Role.REVIEWER, Role.MANAGER}
    assert User.objects.get(username="staff").check_password("kyodo-demo-2026")


def test_seed_demo_posts_the_notices_of_its_changes_but_mails_none(
    django_capture_on_commit_callbacks,
):
    from django.core import mail

    from kyodo_portal.core.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())
    assert Notification.objects.exclude(kind="").exists()  # the seeded changes told people
    assert not mail.outbox
