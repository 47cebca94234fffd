"""Every page × every kind of person: who reads, who edits, who gets 404 (as if nothing
were there), and who is sent to log in."""

import pytest
from django.urls import reverse

from projects import services
from projects.choices import ConfirmingSide, Stage
from projects.models import AgreementConfirmation, ProjectEvent, Proposal
from tests.factories import ProjectFactory
from tests.projects.conftest import (
    answer_suitability,
    confirm,
    project_at,
    save_agreement,
)

ROLES = ("anonymous", "staff", "other_staff", "npo", "other_npo", "reviewer", "manager")


@pytest.fixture
def people(staff_user, other_staff_user, npo_user, other_npo_user, reviewer_user, manager_user):
    return {
        "anonymous": None,
        "staff": staff_user,
        "other_staff": other_staff_user,
        "npo": npo_user,
        "other_npo": other_npo_user,
        "reviewer": reviewer_user,
        "manager": manager_user,
    }


@pytest.fixture
def agreement_project(office, npo, staff_user):
    project = project_at(Stage.AGREEMENT, office, npo=npo)
    save_agreement(project, staff_user)
    return project


def as_(client, people, role):
    if people[role] is not None:
        client.force_login(people[role])
    return client


READ = {"staff": 200, "npo": 200, "manager": 200}
EDIT = {"staff": 200}


def expected(role, allowed):
    if role == "anonymous":
        return 302
    return allowed.get(role, 404)


PROJECT_PAGES = [
    ("projects:project_detail", (), READ),
    ("projects:suitability", (), READ),
    ("projects:method", (), READ),
    ("projects:agreement", (), READ),
    ("projects:agreement_print", (), READ),
    ("projects:agreement_pdf", (), READ),
    ("projects:agreement_version", (1,), READ),
    ("projects:notes", (), READ),
    ("projects:project_edit", (), EDIT),
    ("projects:hearing_add", (), EDIT),
    ("projects:agreement_edit", (), EDIT),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "extra", "allowed"), PROJECT_PAGES)
def test_project_pages(client, people, agreement_project, role, name, extra, allowed):
    url = reverse(name, args=[agreement_project.pk, *extra])
    response = as_(client, people, role).get(url)
    assert response.status_code == expected(role, allowed)
    if role == "anonymous":
        assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("role", ROLES)
def test_missing_project_is_404_like_a_forbidden_one(client, people, role):
    response = as_(client, people, role).get(reverse("projects:project_detail", args=[999999]))
    assert response.status_code == (302 if role == "anonymous" else 404)


LIST_PAGES = [
    ("projects:project_list", {"staff": 200, "other_staff": 200, "manager": 200}),
    ("projects:project_create", {"staff": 200, "other_staff": 200}),
    ("projects:my_projects", {"npo": 200, "other_npo": 200}),
    (
        "projects:proposal_list",
        {"staff": 200, "other_staff": 200, "npo": 200, "other_npo": 200, "manager": 200},
    ),
    ("projects:proposal_create", {"npo": 200, "other_npo": 200}),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "allowed"), LIST_PAGES)
def test_list_pages(client, people, role, name, allowed):
    assert as_(client, people, role).get(reverse(name)).status_code == expected(role, allowed)


@pytest.fixture
def draft_proposal(npo, npo_user, office):
    return services.proposal_create(
        by=npo_user,
        organization=npo,
        values={"addressed_office": office, "title": "提案", "issue": "課題", "idea": "内容"},
    )


@pytest.fixture
def submitted_proposal(npo, npo_user, office):
    proposal = services.proposal_create(
        by=npo_user,
        organization=npo,
        values={"addressed_office": office, "title": "提出済み", "issue": "課題", "idea": "案"},
    )
    return services.proposal_submit(proposal=proposal, by=npo_user)


@pytest.mark.parametrize("role", ROLES)
def test_proposal_pages(client, people, role, draft_proposal, submitted_proposal):
    client = as_(client, people, role)
    detail = client.get(reverse("projects:proposal_detail", args=[draft_proposal.pk]))
    assert detail.status_code == expected(role, {"npo": 200})
    edit = client.get(reverse("projects:proposal_edit", args=[draft_proposal.pk]))
    assert edit.status_code == expected(role, {"npo": 200})
    submitted = client.get(reverse("projects:proposal_detail", args=[submitted_proposal.pk]))
    assert submitted.status_code == expected(role, {"npo": 200, "staff": 200, "manager": 200})
    edit_submitted = client.get(reverse("projects:proposal_edit", args=[submitted_proposal.pk]))
    assert edit_submitted.status_code == expected(role, {})


# --- Actions -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_advance_action(client, people, office, staff_user, role):
    project = project_at(Stage.SUITABILITY, office)
    answer_suitability(project, staff_user)
    response = as_(client, people, role).post(
        reverse("projects:project_advance", args=[project.pk]), {"to": "method", "comment": ""}
    )
    project.refresh_from_db()
    if role == "staff":
        assert response.status_code == 302 and project.stage == Stage.METHOD
    else:
        assert response.status_code == expected(role, {})
        assert project.stage == Stage.SUITABILITY


def test_advance_with_a_closed_gate_shows_the_reasons(client, office, staff_user):
    project = project_at(Stage.SUITABILITY, office)
    client.force_login(staff_user)
    response = client.post(
        reverse("projects:project_advance", args=[project.pk]),
        {"to": "method", "comment": ""},
        follow=True,
    )
    assert "適否検討の設問にすべて回答してください" in response.content.decode()
    assert not ProjectEvent.objects.exists()


def test_going_back_without_a_reason_on_the_page(client, office, staff_user):
    project = project_at(Stage.AGREEMENT, office)
    client.force_login(staff_user)
    response = client.post(
        reverse("projects:project_advance", args=[project.pk]),
        {"to": "partner_selection", "comment": ""},
        follow=True,
    )
    assert "前の段階に戻す理由を記入してください。" in response.content.decode()
    project.refresh_from_db()
    assert project.stage == Stage.AGREEMENT


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("side", "allowed_role"), [("npo", "npo"), ("government", "staff")])
def test_confirm_action(client, people, agreement_project, role, side, allowed_role):
    response = as_(client, people, role).post(
        reverse("projects:agreement_confirm", args=[agreement_project.pk, side]),
        {"number": 1, "confirm": "on"},
    )
    confirmed = AgreementConfirmation.objects.filter(side=side).exists()
    if role == allowed_role:
        assert response.status_code == 302 and confirmed
    else:
        assert response.status_code == expected(role, {}) and not confirmed


@pytest.mark.parametrize("role", ROLES)
def test_note_action(client, people, office, npo, role):
    project = project_at(Stage.IMPLEMENTATION, office, npo=npo)
    response = as_(client, people, role).post(
        reverse("projects:notes", args=[project.pk]),
        {
            "kind": "meeting",
            "held_on": "2026-06-01",
            "title": "第1回定例会",
            "body": "進捗を確認",
            "attendees_government": "山田",
            "attendees_npo": "田中",
            "decisions": "次回は7月",
        },
    )
    created = project.notes.exists()
    if role in ("staff", "npo"):
        assert response.status_code == 302 and created
        note = project.notes.get()
        assert note.author_organization == (office if role == "staff" else npo)
    else:
        assert response.status_code == expected(role, {}) and not created


def test_notes_only_at_the_stages_of_working_together(client, office, npo, npo_user):
    project = project_at(Stage.METHOD, office, npo=npo)
    client.force_login(npo_user)
    page = client.get(reverse("projects:notes", args=[project.pk])).content.decode()
    assert "「分担合意」「実施」「評価」の段階で" in page


@pytest.mark.parametrize("role", ROLES)
def test_proposal_decisions(client, people, role, submitted_proposal):
    response = as_(client, people, role).post(
        reverse("projects:proposal_adopt", args=[submitted_proposal.pk]), {}
    )
    submitted_proposal.refresh_from_db()
    if role == "staff":
        assert response.status_code == 302 and submitted_proposal.status == "adopted"
    else:
        assert response.status_code == expected(role, {})
        assert submitted_proposal.status == "submitted"


@pytest.mark.parametrize("role", ROLES)
def test_proposal_submit_and_comment(client, people, role, draft_proposal, submitted_proposal):
    client = as_(client, people, role)
    client.post(reverse("projects:proposal_submit", args=[draft_proposal.pk]), {"confirm": "on"})
    client.post(
        reverse("projects:proposal_comment", args=[submitted_proposal.pk]), {"body": "質問"}
    )
    draft_proposal.refresh_from_db()
    assert (draft_proposal.status == "submitted") == (role == "npo")
    assert submitted_proposal.comments.exists() == (role in ("npo", "staff"))


def test_project_create_through_the_page(client, staff_user, office):
    client.force_login(staff_user)
    response = client.post(
        reverse("projects:project_create"),
        {
            "owner_office": office.pk,
            "title": "見沼の里山保全",
            "background": "休耕地が増えている",
            "purpose": "保全活動の担い手を育てる",
            "beneficiaries": "市民",
            "outcome_targets": "参加者 年300人",
            "fiscal_year_start": 2026,
            "fiscal_year_end": 2027,
            "budget": "1200000",
        },
    )
    from projects.models import Project

    project = Project.objects.get()
    assert response.url == project.get_absolute_url()
    assert project.owner_office == office and project.responsible_staff == staff_user
    assert project.stage == Stage.DRAFT and project.is_multi_year


def test_a_new_project_defaults_to_the_current_fiscal_year(client, staff_user, monkeypatch):
    """The form opens on this fiscal year, not on the first year offered (two years ahead)."""
    import datetime

    from django.utils import timezone

    from projects.forms import ProjectForm

    # 10 February 2027 still belongs to fiscal year 2026.
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: datetime.date(2027, 2, 10))
    form = ProjectForm(offices=[])
    assert form["fiscal_year_start"].value() == 2026
    assert form["fiscal_year_end"].value() == 2026
    assert form.fields["fiscal_year_start"].choices[0][0] == 2028

    client.force_login(staff_user)
    body = client.get(reverse("projects:project_create")).content.decode()
    assert '<option value="2026" selected>' in body


def test_project_create_bad_input_keeps_the_typing(client, staff_user, office):
    client.force_login(staff_user)
    response = client.post(
        reverse("projects:project_create"),
        {
            "owner_office": office.pk,
            "title": "入力途中の事業",
            "fiscal_year_start": 2027,
            "fiscal_year_end": 2026,
            "budget": "-3",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "入力途中の事業" in body
    assert "終了年度は開始年度以降にしてください。" in body
    assert "予算額は0円以上の整数で入力してください。" in body


def test_project_create_for_another_office_is_refused(client, staff_user, other_office):
    client.force_login(staff_user)
    response = client.post(
        reverse("projects:project_create"),
        {
            "owner_office": other_office.pk,
            "title": "t",
            "fiscal_year_start": 2026,
            "fiscal_year_end": 2026,
        },
    )
    assert response.status_code == 200
    from projects.models import Project

    assert not Project.objects.exists()


def test_stale_project_edit_is_refused_on_the_page(client, staff_user, office):
    project = ProjectFactory(owner_office=office)
    client.force_login(staff_user)
    data = {
        "title": "改題した事業",
        "background": "b",
        "purpose": "p",
        "content": "事業内容を書き直した",
        "beneficiaries": "x",
        "outcome_targets": "y",
        "fiscal_year_start": 2026,
        "fiscal_year_end": 2026,
        "version": project.version,
    }
    url = reverse("projects:project_edit", args=[project.pk])
    assert "事業内容" in client.get(url).content.decode()
    assert client.post(url, data).status_code == 302
    project.refresh_from_db()
    assert project.content == "事業内容を書き直した"
    response = client.post(url, {**data, "title": "別の人の題名"})
    assert response.status_code == 200
    assert "別の人が更新しました" in response.content.decode()
    project.refresh_from_db()
    assert project.title == "改題した事業"


def test_npo_confirms_agreement_from_its_page(client, agreement_project, staff_user, npo_user):
    confirm(agreement_project, staff_user, ConfirmingSide.GOVERNMENT)
    client.force_login(npo_user)
    body = client.get(reverse("projects:agreement", args=[agreement_project.pk])).content.decode()
    assert 'data-confirmed="government"' in body
    assert "第1版の内容を確認しました" in body
    # Staff cannot press the NPO's button: it is not even shown to them.
    client.force_login(staff_user)
    body = client.get(reverse("projects:agreement", args=[agreement_project.pk])).content.decode()
    assert "第1版の内容を確認しました" not in body
    assert Proposal.objects.count() == 0
