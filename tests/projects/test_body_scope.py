"""Projects and proposals within government bodies: staff edit their office's projects and read
their body's; a manager reads every project of their own body and no other; an NPO reads each
body's projects it is party to; the checks stay within a bounded number of queries."""

import pytest
from django.urls import reverse

from kyodo_portal.core.roles import Role
from partners.selectors import (
    body_ids_of,
    managed_body_ids,
    managers_of_body_of,
    office_ids_in_bodies,
)
from projects.choices import ProposalStatus, Stage
from projects.models import Project, Proposal
from projects.permissions import (
    can_edit_project,
    can_view_project,
    can_view_proposal,
    projects_visible_to,
    proposals_visible_to,
)
from tests.factories import OfficeFactory, ProjectFactory, add_partner, body_named, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def bodies():
    """Two bodies with two offices each, a project per office and a manager per body."""
    world = {}
    for name in ("さいたま市", "川越市"):
        body = body_named(name)
        first = OfficeFactory(body=body, name="市民協働推進課")
        second = OfficeFactory(body=body, name="子育て支援課")
        world[name] = {
            "body": body,
            "offices": (first, second),
            "projects": (
                ProjectFactory(title=f"{name}の事業1", owner_office=first),
                ProjectFactory(title=f"{name}の事業2", owner_office=second),
            ),
            "staff": member(Role.STAFF, first),
            "manager": member(Role.MANAGER, second),
        }
    return world


def _proposal(npo, office, status=ProposalStatus.SUBMITTED):
    return Proposal.objects.create(
        organization=npo,
        addressed_office=office,
        title=f"{office.display_name}への提案",
        issue="課題",
        idea="案",
        status=status,
    )


def test_staff_edit_their_office_and_read_their_body(bodies):
    saitama = bodies["さいたま市"]
    own, colleague = saitama["projects"]
    staff = saitama["staff"]
    assert can_edit_project(staff, own)[0]
    assert can_view_project(staff, colleague)[0]
    assert not can_edit_project(staff, colleague)[0]
    for project in bodies["川越市"]["projects"]:
        assert not can_view_project(staff, project)[0]
    assert set(projects_visible_to(staff)) == set(saitama["projects"])


def test_a_manager_reads_every_project_of_their_body_and_none_of_another(bodies):
    for name, other in (("さいたま市", "川越市"), ("川越市", "さいたま市")):
        manager = bodies[name]["manager"]
        assert managed_body_ids(manager) == {bodies[name]["body"].pk}
        assert set(projects_visible_to(manager)) == set(bodies[name]["projects"])
        assert all(can_view_project(manager, p)[0] for p in bodies[name]["projects"])
        assert not any(can_view_project(manager, p)[0] for p in bodies[other]["projects"])
        assert not any(can_edit_project(manager, p)[0] for p in bodies[name]["projects"])


def test_a_manager_of_two_bodies_reads_both(bodies):
    manager = bodies["さいたま市"]["manager"]
    member(Role.MANAGER, bodies["川越市"]["offices"][0], username=manager.username)
    manager.refresh_from_db()
    assert len(managed_body_ids(manager)) == 2
    assert projects_visible_to(manager).count() == 4


def test_the_prefecture_manager_does_not_read_its_municipalities(bodies, manager_user):
    # manager_user works for 埼玉県, the prefecture of both cities.
    assert body_named("川越市").prefecture == body_named("埼玉県")
    assert not projects_visible_to(manager_user).exists()


def test_proposals_are_read_by_the_addressed_body_only(bodies, npo, npo_user):
    saitama_office = bodies["さいたま市"]["offices"][0]
    kawagoe_office = bodies["川越市"]["offices"][0]
    to_saitama = _proposal(npo, saitama_office)
    to_kawagoe = _proposal(npo, kawagoe_office)
    draft = _proposal(npo, saitama_office, ProposalStatus.DRAFT)
    manager = bodies["さいたま市"]["manager"]
    assert can_view_proposal(manager, to_saitama)[0]
    assert not can_view_proposal(manager, to_kawagoe)[0]
    assert not can_view_proposal(manager, draft)[0]
    assert set(proposals_visible_to(manager)) == {to_saitama}
    assert set(proposals_visible_to(bodies["川越市"]["manager"])) == {to_kawagoe}
    # The NPO keeps one profile and sees its proposals to both bodies.
    assert set(proposals_visible_to(npo_user)) == {to_saitama, to_kawagoe, draft}


def test_an_npo_reads_each_bodys_projects_it_is_party_to(bodies, npo, npo_user, client):
    saitama_project = bodies["さいたま市"]["projects"][0]
    kawagoe_project = bodies["川越市"]["projects"][1]
    add_partner(saitama_project, npo)
    add_partner(kawagoe_project, npo)
    assert set(projects_visible_to(npo_user)) == {saitama_project, kawagoe_project}
    client.force_login(npo_user)
    page = client.get(reverse("projects:my_projects")).content.decode()
    assert saitama_project.title in page and kawagoe_project.title in page


def test_the_project_list_of_a_manager_names_only_their_body(bodies, client):
    client.force_login(bodies["川越市"]["manager"])
    page = client.get(reverse("projects:project_list")).content.decode()
    assert "川越市の事業1" in page and "川越市の事業2" in page
    assert "さいたま市の事業" not in page


def test_another_bodys_project_page_is_404_and_the_own_one_200(bodies, client):
    client.force_login(bodies["川越市"]["staff"])
    theirs = bodies["さいたま市"]["projects"][0]
    ours = bodies["川越市"]["projects"][1]
    assert client.get(reverse("projects:project_detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("projects:project_detail", args=[ours.pk])).status_code == 200
    assert client.get(reverse("projects:project_edit", args=[ours.pk])).status_code == 404


def test_body_scoping_reads_the_bodys_offices_once_per_request(bodies, django_assert_num_queries):
    manager = bodies["さいたま市"]["manager"]
    # Fresh rows, their offices not loaded: the checks go by office id.
    projects = list(Project.objects.order_by("pk"))
    body_ids_of(manager)  # the memberships, read once per request anyway
    with django_assert_num_queries(1):
        answers = [can_view_project(manager, project)[0] for project in projects]
        office_ids_in_bodies(manager)
    assert answers == [True, True, False, False]
    # A loaded office answers from its body id alone.
    loaded = list(Project.objects.select_related("owner_office").order_by("pk"))
    fresh_manager = type(manager).objects.get(pk=manager.pk)
    body_ids_of(fresh_manager)
    with django_assert_num_queries(0):
        assert [can_view_project(fresh_manager, p)[0] for p in loaded] == answers


def test_a_project_list_reads_a_bounded_number_of_queries_whatever_the_bodies(
    bodies, client, django_assert_max_num_queries
):
    for world in bodies.values():
        for office in world["offices"]:
            for index in range(5):
                ProjectFactory(title=f"追加{index}", owner_office=office, stage=Stage.DRAFT)
    client.force_login(bodies["さいたま市"]["manager"])
    with django_assert_max_num_queries(20):
        assert client.get(reverse("projects:project_list")).status_code == 200


def test_the_managers_of_the_body_hear_of_its_offices(bodies):
    office = bodies["さいたま市"]["offices"][0]
    # The manager's membership names the other office of the same body.
    assert managers_of_body_of(office.pk) == [bodies["さいたま市"]["manager"]]
    assert managers_of_body_of(bodies["川越市"]["offices"][0].pk) == [bodies["川越市"]["manager"]]


def test_the_office_filter_of_the_list_offers_only_the_persons_bodies_offices(bodies, client):
    staff = bodies["さいたま市"]["staff"]
    client.force_login(staff)
    page = client.get(reverse("projects:project_list")).content.decode()
    select = page.split('name="office"')[1].split("</select>")[0]
    for office in bodies["さいたま市"]["offices"]:
        assert f'value="{office.pk}"' in select
    for office in bodies["川越市"]["offices"]:
        assert f'value="{office.pk}"' not in select
    foreign = bodies["川越市"]["offices"][0]
    response = client.get(reverse("projects:project_list"), {"office": foreign.pk})
    assert "川越市の事業" not in response.content.decode()
