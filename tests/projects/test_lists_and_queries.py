"""Lists, filters, pagination, the home page keys, and bounded SQL whatever the data size."""

import datetime

import pytest
from django.urls import reverse

from partners.models import ActivityField
from projects import services
from projects.choices import ConfirmingSide, Stage
from projects.selectors import home_context
from tests.factories import NpoFactory, OfficeFactory, ProjectFactory, add_partner
from tests.projects.conftest import COSTS, ROLES, confirm, project_at, save_agreement


def make_projects(office, count, npo=None):
    field = ActivityField.objects.order_by("number").first()
    projects = []
    for index in range(count):
        project = ProjectFactory(
            owner_office=office,
            stage=[Stage.DRAFT, Stage.METHOD, Stage.IMPLEMENTATION][index % 3],
            method=["commission", "cooperation", ""][index % 3],
            fiscal_year_start=2025 + index % 2,
            fiscal_year_end=2025 + index % 2,
        )
        project.fields.set([field])
        add_partner(project, npo or NpoFactory())
        projects.append(project)
    return projects


def test_list_filters(client, staff_user, office, other_office):
    make_projects(office, 6)
    ProjectFactory(owner_office=other_office, title="他の課の事業")
    client.force_login(staff_user)
    url = reverse("projects:project_list")

    def titles(**params):
        response = client.get(url, params)
        return [p.title for p in response.context["page"].object_list]

    assert len(titles()) == 6  # staff see their own office's projects only
    assert len(titles(stage="method")) == 2
    assert len(titles(method="commission")) == 2
    assert len(titles(fiscal_year=2026)) == 3
    assert len(titles(field=ActivityField.objects.order_by("number").first().pk)) == 6
    assert titles(office=other_office.pk) == []


def test_manager_sees_every_office_of_their_body_and_filters_by_office(
    client, manager_user, office, other_office
):
    make_projects(office, 2)
    colleague_office = OfficeFactory(body=office.body, name="少子政策課")
    ProjectFactory(owner_office=colleague_office, title="他の課の事業")
    ProjectFactory(owner_office=other_office, title="他の団体の事業")  # 川越市: another body
    client.force_login(manager_user)
    url = reverse("projects:project_list")
    assert client.get(url).context["page"].paginator.count == 3
    page = client.get(url, {"office": colleague_office.pk}).context["page"]
    assert [p.title for p in page.object_list] == ["他の課の事業"]
    assert "他の団体の事業" not in client.get(url).content.decode()


def test_pagination_keeps_the_filters(client, staff_user, office):
    make_projects(office, 60)
    client.force_login(staff_user)
    response = client.get(reverse("projects:project_list"), {"stage": "draft"})
    page = response.context["page"]
    assert page.paginator.count == 20 and page.paginator.num_pages == 1
    response = client.get(reverse("projects:project_list"))
    assert response.context["page"].paginator.num_pages == 3
    assert "stage=&amp;" in response.content.decode() or "page=2" in response.content.decode()
    second = client.get(reverse("projects:project_list"), {"page": 2, "stage": ""})
    assert second.status_code == 200 and second.context["page"].number == 2


def test_bad_filter_values_do_not_break_the_list(client, staff_user, office):
    make_projects(office, 2)
    client.force_login(staff_user)
    response = client.get(reverse("projects:project_list"), {"stage": "nonsense", "page": "x"})
    assert response.status_code == 200


def test_my_projects_lists_own_proposals_and_projects(client, npo, npo_user, office, other_npo):
    mine = project_at(Stage.IMPLEMENTATION, office, npo=npo)
    project_at(Stage.IMPLEMENTATION, office, npo=other_npo)
    client.force_login(npo_user)
    response = client.get(reverse("projects:my_projects"))
    assert [p.pk for p in response.context["projects"].object_list] == [mine.pk]


def test_home_context_keys(office, npo, staff_user, npo_user):
    project = project_at(Stage.AGREEMENT, office, npo=npo)
    save_agreement(project, staff_user)
    proposal = services.proposal_create(
        by=npo_user,
        organization=npo,
        values={"addressed_office": office, "title": "提案A", "issue": "i", "idea": "d"},
    )
    services.proposal_submit(proposal=proposal, by=npo_user)

    npo_home = home_context(npo_user, {"npo"})
    assert [p.title for p in npo_home["npo_proposals"]] == ["提案A"]
    assert npo_home["npo_agreements"][0]["url"] == reverse("projects:agreement", args=[project.pk])
    assert "第1版" in npo_home["npo_agreements"][0]["text"]

    staff_home = home_context(staff_user, {"staff"})
    assert project in staff_home["office_projects"]
    texts = [item["text"] for item in staff_home["staff_awaiting"]]
    assert any("提案A" in text for text in texts)
    assert not any("協定案" in text for text in texts)  # the NPO has not confirmed yet

    confirm(project, npo_user, ConfirmingSide.NPO)
    staff_home = home_context(staff_user, {"staff"})
    assert any("協定案（第1版）" in item["text"] for item in staff_home["staff_awaiting"])
    assert home_context(npo_user, {"npo"})["npo_agreements"] == []


def test_home_page_renders_the_keys(client, office, npo, staff_user, npo_user):
    project = project_at(Stage.AGREEMENT, office, npo=npo)
    save_agreement(project, staff_user)
    client.force_login(npo_user)
    body = client.get(reverse("home")).content.decode()
    assert "協定案（第1版）の確認" in body


# --- Bounded queries ---------------------------------------------------------------------


def rich_project(office, npo, staff_user, npo_user, size):
    """A project at implementation with ``size`` of everything: events, notes, lines, versions."""
    project = project_at(Stage.AGREEMENT, office, npo=npo)
    for index in range(size):
        save_agreement(
            project,
            staff_user,
            roles=[dict(ROLES[0], task=f"役割{index}-{n}") for n in range(size)],
            costs=[dict(COSTS[1], amount=1000, item=f"費目{index}-{n}") for n in range(size)],
        )
        confirm(project, npo_user, ConfirmingSide.NPO)
    confirm(project, staff_user, ConfirmingSide.GOVERNMENT)
    services.project_advance(project=project, to=Stage.IMPLEMENTATION, by=staff_user)
    for index in range(size):
        services.note_add(
            project=project,
            by=staff_user if index % 2 else npo_user,
            values={
                "kind": "progress",
                "held_on": datetime.date(2026, 6, 1),
                "title": f"記録{index}",
                "body": "b",
            },
        )
    return project


PAGES = [
    "projects:project_detail",
    "projects:agreement",
    "projects:agreement_print",
    "projects:notes",
    "projects:suitability",
    "projects:method",
]


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("size", [1, 12])
def test_project_pages_use_bounded_queries(
    client, django_assert_max_num_queries, office, npo, staff_user, npo_user, name, size
):
    project = rich_project(office, npo, staff_user, npo_user, size)
    client.force_login(staff_user)
    with django_assert_max_num_queries(40):
        assert client.get(reverse(name, args=[project.pk])).status_code == 200


@pytest.mark.parametrize("size", [1, 12])
def test_version_page_uses_bounded_queries(
    client, django_assert_max_num_queries, office, npo, staff_user, npo_user, size
):
    project = rich_project(office, npo, staff_user, npo_user, max(size, 2))
    client.force_login(npo_user)
    with django_assert_max_num_queries(30):
        response = client.get(reverse("projects:agreement_version", args=[project.pk, 2]))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [2, 40])
def test_lists_use_bounded_queries(
    client, django_assert_max_num_queries, office, npo, staff_user, npo_user, size
):
    make_projects(office, size, npo=npo)
    for index in range(size):
        proposal = services.proposal_create(
            by=npo_user,
            organization=npo,
            values={"addressed_office": office, "title": f"提案{index}", "issue": "i", "idea": "d"},
        )
        services.proposal_submit(proposal=proposal, by=npo_user)
    client.force_login(staff_user)
    for name in ("projects:project_list", "projects:proposal_list", "home"):
        with django_assert_max_num_queries(20):
            assert client.get(reverse(name)).status_code == 200
    client.force_login(npo_user)
    for name in ("projects:my_projects", "projects:proposal_list", "home"):
        with django_assert_max_num_queries(20):
            assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("size", [1, 15])
def test_proposal_page_uses_bounded_queries(
    client, django_assert_max_num_queries, office, npo, staff_user, npo_user, size
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    proposal = services.proposal_create(
        by=npo_user,
        organization=npo,
        values={"addressed_office": office, "title": "提案", "issue": "i", "idea": "d"},
    )
    for index in range(min(size, 10)):
        services.attachment_add(
            proposal=proposal,
            by=npo_user,
            upload=SimpleUploadedFile(f"f{index}.pdf", b"%PDF-1.4 x"),
        )
    services.proposal_submit(proposal=proposal, by=npo_user)
    for index in range(size):
        services.proposal_comment(
            proposal=proposal, by=staff_user if index % 2 else npo_user, body=f"c{index}"
        )
    client.force_login(staff_user)
    with django_assert_max_num_queries(20):
        assert client.get(proposal.get_absolute_url()).status_code == 200


def test_a_project_is_listed_once_however_many_ways_it_matches(client, office, npo):
    """Staff of the office and member of both partner NPOs, two activity fields: still one row."""
    from kyodo_portal.core.roles import Role
    from partners.models import Membership
    from tests.factories import member

    second_npo = NpoFactory()
    project = ProjectFactory(owner_office=office, title="二重に当てはまる事業")
    fields = list(ActivityField.objects.order_by("number")[:2])
    project.fields.set(fields)
    add_partner(project, npo)
    add_partner(project, second_npo)
    person = member(Role.STAFF, office, username="both-sides")
    Membership.objects.create(user=person, organization=npo, role=Role.NPO)
    Membership.objects.create(user=person, organization=second_npo, role=Role.NPO)
    client.force_login(person)
    url = reverse("projects:project_list")
    for params in ({}, {"field": fields[0].pk}, {"q": "二重"}):
        page = client.get(url, params).context["page"]
        assert [p.pk for p in page.object_list] == [project.pk]
        assert page.paginator.count == 1
