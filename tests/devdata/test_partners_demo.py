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
    assert held == {Role.STAFF, Role.NPO, Role.REVIEWER, Role.MANAGER, Role.PLATFORM_ADMIN}
    assert User.objects.get(username="staff").check_password("kyodo-demo-2026")
    # the platform administrator works for the operator, not for an office of any body
    operator = Membership.objects.get(user__username="platform_admin").organization
    assert operator.kind == Organization.Kind.OTHER and operator.body_id is None
    assert User.objects.get(username="platform_admin").check_password("kyodo-demo-2026")


def test_seed_demo_posts_the_notices_of_its_changes_but_mails_none(
    django_capture_on_commit_callbacks,
):
    from django.core import mail

    from kyodo_portal.core.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())
    assert Notification.objects.exclude(kind="").exists()  # the seeded changes told people
    assert not mail.outbox


def test_seed_demo_has_three_bodies_each_with_its_own_manager_and_an_npo_across_two():
    from partners.models import GovernmentBody
    from projects.models import Project
    from projects.permissions import projects_visible_to

    call_command("seed_demo", stdout=io.StringIO())
    bodies = {body.name: body for body in GovernmentBody.objects.all()}
    assert set(bodies) == {"埼玉県", "さいたま市", "川越市"}
    assert bodies["さいたま市"].prefecture == bodies["川越市"].prefecture == bodies["埼玉県"]
    seen = {}
    for username, body in (
        ("manager", "埼玉県"),
        ("city_manager", "さいたま市"),
        ("kawagoe_manager", "川越市"),
    ):
        visible = projects_visible_to(User.objects.get(username=username))
        assert visible.exists(), username
        assert set(visible.values_list("owner_office__body__name", flat=True)) == {body}
        seen[username] = set(visible.values_list("pk", flat=True))
    assert len(set().union(*seen.values())) == sum(len(s) for s in seen.values())
    kawagoe_staff = User.objects.get(username="kawagoe_staff")
    assert projects_visible_to(kawagoe_staff).filter(owner_office__body__name="川越市").exists()
    assert (
        not projects_visible_to(kawagoe_staff).exclude(owner_office__body__name="川越市").exists()
    )
    # ひだまり子育てネット (login "npo") works with the prefecture and with さいたま市.
    npo_bodies = set(
        projects_visible_to(User.objects.get(username="npo")).values_list(
            "owner_office__body__name", flat=True
        )
    )
    assert {"埼玉県", "さいたま市"} <= npo_bodies
    assert Project.objects.values("owner_office__body").distinct().count() == 3


def test_seed_demo_has_さいたま市_grant_埼玉県_its_aggregate_figures(client):
    from django.urls import reverse

    from partners.models import BodyGrant

    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    grants = BodyGrant.objects.filter(revoked_at__isnull=True)
    assert [(g.granting_body.name, g.grantee_body.name) for g in grants] == [
        ("さいたま市", "埼玉県")
    ]
    client.force_login(User.objects.get(username="manager"))
    page = client.get(reverse("evaluation:dashboard")).content.decode()
    section = page[page.index("閲覧を許可された市町村の集計") :]
    assert "さいたま市" in section and "川越市" not in section
