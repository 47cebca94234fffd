"""A second government body on the same deployment: its staff and its manager never read or
change the first body's non-public records, and the first body's manager none of theirs.

The world (tests.api.conftest) belongs to 埼玉県 (office A); 川越市 gets its own office, staff,
manager and project here. Every URL of the portal is walked: wherever the first body's manager
reads an object page that the public may not, the second body's people get 404 — the same
answer as for an object that does not exist, so existence does not leak.
"""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from kyodo_portal.core.roles import Role
from projects.choices import Stage
from projects.models import Project, Proposal
from tests.factories import OfficeFactory, ProjectFactory, body_named, member
from tests.security.test_access_matrix import _objects, portal_routes, url_for

pytestmark = pytest.mark.django_db

# Pages about an object whose every signed-in reader is intended, whichever body they work for:
# NPO profiles (NPOs work across bodies).
SHARED_ACROSS_BODIES = ("partners/organizations/<int:pk>/", "organizations/<int:pk>/data.json")
# The dashboard's workbook is its requester's alone; people who may not see any dashboard get the
# dashboard's refusal page (403, as the access matrix declares), whatever the workbook.
DASHBOARD_ONLY = ("evaluation/dashboard/exports/<int:pk>/",)
OBJECT_PARAMETERS = ("<int:pk>", "(?P<pk>", "<int:project_pk>", "<int:call_pk>", "<int:item_pk>")


@pytest.fixture
def kawagoe(other_office):
    """川越市: the conftest's other office, now with a manager and a project of its own."""
    manager = member(Role.MANAGER, other_office, username="kawagoe_manager", name="川越 管理")
    project = ProjectFactory(
        title="KAWAGOE-ONLY 多文化共生の協働", owner_office=other_office, stage=Stage.IMPLEMENTATION
    )
    return {"office": other_office, "manager": manager, "project": project}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {Token.objects.get_or_create(user=user)[0]}"
    return client


def test_the_two_bodies_are_different_bodies(office, other_office):
    assert office.body == body_named("埼玉県")
    assert other_office.body == body_named("川越市")
    assert other_office.body.prefecture == office.body


def test_every_cross_body_read_of_a_non_public_object_is_404(
    world, people, npo, npo_user, staff_user, kawagoe
):
    objects = _objects(world, npo, npo_user, staff_user, people["manager"])
    anonymous = Client()
    home_manager = _client(people["manager"])
    outsiders = {
        "kawagoe_manager": _client(kawagoe["manager"]),
        "kawagoe_staff": _client(people["other_staff"]),
    }
    walked, wrong = 0, []
    for route, name in portal_routes():
        if route in SHARED_ACROSS_BODIES or not any(p in route for p in OBJECT_PARAMETERS):
            continue
        url = url_for(route, name, world, objects)
        if home_manager.get(url).status_code != 200 or anonymous.get(url).status_code == 200:
            continue
        walked += 1
        for who, client in outsiders.items():
            if who == "kawagoe_staff" and route in DASHBOARD_ONLY:
                continue
            status = client.get(url).status_code
            if status != 404:
                wrong.append(f"{who} {url}: {status}")
    print(f"cross-body reads: {walked} object pages × {len(outsiders)} people of another body")
    assert walked >= 30
    assert not wrong, "another body's people reached the first body's records:\n" + "\n".join(wrong)


def test_the_first_bodys_manager_cannot_read_the_second_bodys_project(people, kawagoe):
    project = kawagoe["project"]
    manager = _client(people["manager"])
    for url in (
        reverse("projects:project_detail", args=[project.pk]),
        reverse("projects:agreement", args=[project.pk]),
        reverse("evaluation:project", args=[project.pk]),
        f"/api/v1/projects/{project.pk}/",
    ):
        assert manager.get(url).status_code == 404, url
    assert (
        _client(kawagoe["manager"])
        .get(reverse("projects:project_detail", args=[project.pk]))
        .status_code
        == 200
    )


def test_lists_and_dashboards_show_only_the_managers_body(world, people, kawagoe):
    kawagoe_manager = _client(kawagoe["manager"])
    home_manager = _client(people["manager"])
    pages = (
        reverse("projects:project_list"),
        reverse("selection:call_list"),
        reverse("projects:proposal_list"),
        reverse("evaluation:dashboard"),
        "/api/v1/projects/",
    )
    for url in pages:
        theirs = kawagoe_manager.get(url).content.decode()
        ours = home_manager.get(url).content.decode()
        assert world.active.title not in theirs, url
        assert "KAWAGOE-ONLY" not in ours, url
    assert "KAWAGOE-ONLY" in kawagoe_manager.get(reverse("projects:project_list")).content.decode()
    assert world.active.title in home_manager.get(reverse("projects:project_list")).content.decode()


def test_the_dashboard_counts_only_the_managers_body_and_keeps_a_cache_per_body(
    world, people, kawagoe
):
    from evaluation import dashboard as dash
    from evaluation.permissions import dashboard_bodies

    ours = dash.Filters(bodies=dashboard_bodies(people["manager"]))
    theirs = dash.Filters(bodies=dashboard_bodies(kawagoe["manager"]))
    assert ours.key() != theirs.key()
    count = Project.objects.filter(dash.project_q(ours)).count()
    assert count == Project.objects.filter(owner_office__body__name="埼玉県").count() > 0
    assert list(Project.objects.filter(dash.project_q(theirs))) == [kawagoe["project"]]
    # Reading one manager's figures first does not hand them to the other.
    assert dash.cached_compute(ours) != dash.cached_compute(theirs)


def test_the_reminder_history_and_audit_trail_stay_within_the_body(world, people, kawagoe):
    from kyodo_portal.core.models import AuditEntry
    from kyodo_portal.selectors import audit_entries, reminder_history
    from partners.selectors import managed_body_ids

    ours = managed_body_ids(people["manager"])
    theirs = managed_body_ids(kawagoe["manager"])
    world_entries = set(AuditEntry.objects.values_list("pk", flat=True))
    assert world_entries
    assert set(audit_entries(bodies=ours).values_list("pk", flat=True)) == world_entries
    assert not audit_entries(bodies=theirs).exists()
    assert not reminder_history(bodies=theirs).exists()
    for manager in (people["manager"], kawagoe["manager"]):
        client = _client(manager)
        assert client.get(reverse("audit_trail")).status_code == 200
        assert client.get(reverse("reminder_history")).status_code == 200


@pytest.mark.parametrize("who", ["kawagoe_manager", "kawagoe_staff"])
def test_every_cross_body_write_is_404_and_changes_nothing(world, people, kawagoe, who):
    user = kawagoe["manager"] if who == "kawagoe_manager" else people["other_staff"]
    client = _client(user)
    project = world.active
    proposal = world.proposal_submitted
    before = (Project.objects.get(pk=project.pk).stage, Proposal.objects.get(pk=proposal.pk).status)
    writes = [
        reverse("projects:project_advance", args=[project.pk]),
        reverse("projects:project_edit", args=[project.pk]),
        reverse("projects:notes", args=[project.pk]),
        reverse("projects:proposal_adopt", args=[proposal.pk]),
        reverse("projects:proposal_decline", args=[proposal.pk]),
        reverse("projects:proposal_comment", args=[proposal.pk]),
        reverse("evaluation:third_party", args=[world.published_round.pk]),
        reverse("selection:call_publish", args=[world.call.pk]),
    ]
    for url in writes:
        assert client.post(url, {"text": "越境", "comment": "越境"}).status_code == 404, url
    after = (Project.objects.get(pk=project.pk).stage, Proposal.objects.get(pk=proposal.pk).status)
    assert after == before


def test_an_npo_keeps_one_profile_and_sees_each_bodys_projects_it_is_party_to(
    world, npo, npo_user, kawagoe
):
    from tests.factories import add_partner

    add_partner(kawagoe["project"], npo)
    client = _client(npo_user)
    for project in (world.active, kawagoe["project"]):
        assert client.get(reverse("projects:project_detail", args=[project.pk])).status_code == 200
    mine = client.get(reverse("projects:my_projects")).content.decode()
    assert world.active.title in mine and "KAWAGOE-ONLY" in mine
    assert npo.body_id is None


def test_staff_read_their_bodys_projects_but_edit_only_their_offices(office, staff_user, world):
    colleague_office = OfficeFactory(body=office.body, name="少子政策課")
    colleague = member(Role.STAFF, colleague_office, username="colleague")
    client = _client(colleague)
    assert client.get(reverse("projects:project_detail", args=[world.active.pk])).status_code == 200
    assert client.get(reverse("projects:project_edit", args=[world.active.pk])).status_code == 404


def test_a_background_results_workbook_holds_only_the_requesters_body(
    world, people, kawagoe, settings, tmp_path
):
    from dataclasses import asdict

    from evaluation import dashboard as dash
    from evaluation.models import ResultsExport
    from evaluation.services import exports as export_services

    settings.MEDIA_ROOT = tmp_path
    # Recorded without bodies, as a request made before bodies existed would be.
    recorded = {k: v for k, v in asdict(dash.Filters()).items() if k != "bodies"}
    rows = {}
    for who, manager in (("home", people["manager"]), ("kawagoe", kawagoe["manager"])):
        export = ResultsExport.objects.create(requested_by=manager, filters=recorded)
        assert export_services.results_export_build(export_id=export.pk) == "done"
        export.refresh_from_db()
        rows[who] = export.rows
    assert rows["home"] > 0
    assert rows["kawagoe"] == 0


def test_a_reviewer_sees_only_the_calls_they_sit_on(world, people):
    from selection.models import Call

    reviewer = people["reviewer"]
    client = _client(reviewer)
    seated = set(Call.objects.filter(committee__user=reviewer).values_list("pk", flat=True))
    calls = list(Call.objects.all())
    assert seated and len(seated) < len(calls)
    for call in calls:
        status = client.get(reverse("selection:call_detail", args=[call.pk])).status_code
        assert status == (200 if call.pk in seated else 404), call
