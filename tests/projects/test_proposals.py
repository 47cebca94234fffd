"""NPO proposals: draft, submit, consult, adopt or decline; attachments."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kyodo_portal.core import attachments
from kyodo_portal.core.forms import IRREVERSIBLE_REQUIRED
from projects import permissions, services
from projects.choices import Origin, ProposalStatus, Stage
from projects.models import Project, ProjectEvent, ProjectPartner, Proposal, ProposalAttachment
from tests.factories import OfficeFactory
from tests.uploads import PDF, PNG, docx_bytes, plain_zip


@pytest.fixture
def draft(npo, npo_user, office):
    return services.proposal_create(
        by=npo_user,
        organization=npo,
        values={
            "addressed_office": office,
            "title": "親子の居場所づくり",
            "issue": "相談できる場がない",
            "purpose": "親子が気軽に相談できる居場所を地域につくる",
            "idea": "週3回の子育て広場",
            "beneficiaries": "乳幼児と保護者",
            "expected_outcomes": "延べ3,000組の利用",
            "proposed_method": "cooperation",
            "government_roles": "会場の確保\n\n・広報誌での周知",
            "npo_roles": "広場の運営",
            "shared_roles": "  利用者アンケートの集計  ",
            "rough_budget": 2_000_000,
        },
    )


@pytest.fixture
def submitted(draft, npo_user):
    return services.proposal_submit(proposal=draft, by=npo_user)


def test_a_draft_is_seen_only_by_the_proposing_npo(
    draft, npo_user, staff_user, other_npo_user, manager_user
):
    assert permissions.can_view_proposal(npo_user, draft)[0]
    for person in (staff_user, other_npo_user, manager_user):
        assert not permissions.can_view_proposal(person, draft)[0]


def test_submitting_opens_consultation_to_the_addressed_office(
    submitted, staff_user, other_staff_user, npo_user
):
    assert submitted.status == ProposalStatus.SUBMITTED
    assert permissions.can_view_proposal(staff_user, submitted)[0]
    assert not permissions.can_view_proposal(other_staff_user, submitted)[0]
    staff_comment = services.proposal_comment(
        proposal=submitted, by=staff_user, body="対象地域を教えてください。"
    )
    npo_comment = services.proposal_comment(
        proposal=submitted, by=npo_user, body="市内北部の3地区です。"
    )
    assert (staff_comment.side, npo_comment.side) == ("government", "npo")


def test_a_submitted_proposal_can_no_longer_be_edited(submitted, npo_user):
    with pytest.raises(services.PermissionDenied) as refused:
        services.proposal_update(proposal=submitted, by=npo_user, values={"title": "x"})
    assert str(refused.value) == str(permissions.PROPOSAL_NOT_DRAFT)


def test_only_the_addressed_office_decides(submitted, other_staff_user, npo_user):
    for person in (other_staff_user, npo_user):
        with pytest.raises(services.PermissionDenied) as refused:
            services.proposal_adopt(proposal=submitted, by=person)
        assert str(refused.value) == str(permissions.NOT_ADDRESSED_STAFF)


def test_adopting_creates_a_project_at_suitability(submitted, staff_user, npo, office):
    project = services.proposal_adopt(proposal=submitted, by=staff_user, comment="ぜひ")
    submitted.refresh_from_db()
    assert submitted.status == ProposalStatus.ADOPTED
    assert submitted.project == project
    assert project.stage == Stage.SUITABILITY
    assert project.origin == Origin.NPO_PROPOSAL
    assert project.owner_office == office
    assert (project.title, project.background, project.purpose, project.content) == (
        "親子の居場所づくり",
        "相談できる場がない",
        "親子が気軽に相談できる居場所を地域につくる",
        "週3回の子育て広場",
    )
    assert project.outcome_targets == "延べ3,000組の利用"
    assert project.budget == 2_000_000
    partner = ProjectPartner.objects.get(project=project)
    assert (partner.organization, partner.status, partner.via) == (npo, "prospective", "proposal")
    event = ProjectEvent.objects.get(project=project)
    assert event.to_stage == Stage.SUITABILITY and "ぜひ" in event.comment
    assert "を採択し、適否検討から始めます" in event.note_text
    # The prospective partner reads its project.
    from projects.permissions import can_view_project

    assert can_view_project(partner.organization.memberships.first().user, project)[0]


def test_the_proposed_roles_become_the_first_draft_of_the_agreement(submitted, staff_user):
    """One role line per non-empty line, on the side it was written under, in order."""
    from projects.models import AgreementVersion

    project = services.proposal_adopt(proposal=submitted, by=staff_user)
    version = AgreementVersion.objects.get(agreement__project=project)
    assert (version.number, version.agreement.current_number) == (1, 1)
    assert version.created_by == staff_user
    assert [(line.side, line.task) for line in version.roles.all()] == [
        ("government", "会場の確保"),
        ("government", "広報誌での周知"),
        ("npo", "広場の運営"),
        ("joint", "利用者アンケートの集計"),
    ]
    assert not version.costs.exists() and not version.responsibilities.exists()
    assert not version.confirmations.exists()


def test_the_first_draft_is_reworked_in_place_at_the_agreement_stage(submitted, staff_user):
    """The draft made at adoption is the unconfirmed 第1版: the first save edits it."""
    from projects.choices import Side
    from projects.models import AgreementVersion

    project = services.proposal_adopt(proposal=submitted, by=staff_user)
    Project.objects.filter(pk=project.pk).update(stage=Stage.AGREEMENT)
    project.refresh_from_db()
    version = services.agreement_save(
        project=project,
        by=staff_user,
        roles=[{"task": "会場の確保と周知", "side": Side.GOVERNMENT}],
        costs=[],
        responsibilities=[],
        revision=1,
    )
    assert version.number == 1
    assert AgreementVersion.objects.filter(agreement__project=project).count() == 1
    assert [line.task for line in version.roles.all()] == ["会場の確保と周知"]


def test_a_proposal_without_roles_adopts_without_an_agreement(draft, npo_user, staff_user):
    from projects.models import Agreement

    services.proposal_update(
        proposal=draft,
        by=npo_user,
        values={"government_roles": "", "npo_roles": " \n", "shared_roles": ""},
    )
    services.proposal_submit(proposal=draft, by=npo_user)
    project = services.proposal_adopt(proposal=draft, by=staff_user)
    assert not Agreement.objects.filter(project=project).exists()


def test_a_long_proposed_role_is_shortened_to_fit_a_role_line(draft, npo_user, staff_user):
    from projects.models import RoleLine

    services.proposal_update(proposal=draft, by=npo_user, values={"npo_roles": "あ" * 250})
    services.proposal_submit(proposal=draft, by=npo_user)
    project = services.proposal_adopt(proposal=draft, by=staff_user)
    task = RoleLine.objects.get(version__agreement__project=project, side="npo").task
    assert len(task) == 200 and task.endswith("…")
    draft.refresh_from_db()
    assert draft.npo_roles == "あ" * 250  # the proposal keeps the whole text


def test_the_proposal_page_shows_purpose_and_roles_by_side(client, draft, npo_user):
    client.force_login(npo_user)
    body = client.get(draft.get_absolute_url()).content.decode()
    assert "親子が気軽に相談できる居場所を地域につくる" in body
    assert 'id="proposal-government-roles">会場の確保<br><br>・広報誌での周知</dd>' in body
    assert 'id="proposal-npo-roles">広場の運営</dd>' in body


def test_declining_needs_a_reason_the_npo_sees(client, submitted, staff_user, npo_user):
    with pytest.raises(ValidationError):
        services.proposal_decline(proposal=submitted, by=staff_user, reason=" ")
    services.proposal_decline(proposal=submitted, by=staff_user, reason="今年度は予算がない")
    client.force_login(npo_user)
    body = client.get(submitted.get_absolute_url()).content.decode()
    assert "不採択の理由" in body and "今年度は予算がない" in body
    with pytest.raises(services.PermissionDenied):
        services.proposal_adopt(proposal=submitted, by=staff_user)


def test_decline_without_reason_on_the_page_keeps_the_form(client, submitted, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("projects:proposal_decline", args=[submitted.pk]), {"reason": ""}
    )
    assert response.status_code == 400
    assert "不採択の理由を記入してください。" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == ProposalStatus.SUBMITTED


def test_proposing_for_another_npo_is_refused(npo_user, other_npo, office):
    with pytest.raises(services.PermissionDenied):
        services.proposal_create(
            by=npo_user,
            organization=other_npo,
            values={"addressed_office": office, "title": "t", "issue": "i", "idea": "d"},
        )


def test_a_proposal_must_be_addressed_to_a_government_office(npo_user, npo, other_npo):
    with pytest.raises(ValidationError):
        services.proposal_create(
            by=npo_user,
            organization=npo,
            values={"addressed_office": other_npo, "title": "t", "issue": "i", "idea": "d"},
        )


def test_stale_proposal_edit_is_refused(draft, npo_user):
    services.proposal_update(proposal=draft, by=npo_user, values={"title": "A"}, version=1)
    with pytest.raises(services.StaleEdit):
        services.proposal_update(proposal=draft, by=npo_user, values={"title": "B"}, version=1)


def test_proposal_list_shows_only_own_or_addressed(
    draft, submitted, npo_user, other_npo_user, staff_user, other_staff_user, other_npo, office
):
    other = services.proposal_create(
        by=other_npo_user,
        organization=other_npo,
        values={
            "addressed_office": OfficeFactory(),
            "title": "別団体の提案",
            "issue": "i",
            "idea": "d",
        },
    )
    services.proposal_submit(proposal=other, by=other_npo_user)
    assert set(permissions.proposals_visible_to(npo_user)) == {submitted}
    assert set(permissions.proposals_visible_to(other_npo_user)) == {other}
    assert set(permissions.proposals_visible_to(staff_user)) == {submitted}
    assert set(permissions.proposals_visible_to(other_staff_user)) == set()


# --- Attachments -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("企画書.pdf", PDF, "application/pdf"),
        ("写真.PNG", PNG, "image/png"),
        (
            "収支予算.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_allowed_files_are_stored_under_media_root(
    draft, npo_user, settings, name, content, content_type
):
    attachment = services.attachment_add(
        proposal=draft, by=npo_user, upload=SimpleUploadedFile(name, content)
    )
    assert attachment.content_type == content_type
    assert attachment.original_name == name[: name.rindex(".")] + name[name.rindex(".") :].lower()
    stored = settings.MEDIA_ROOT / attachment.file.name
    assert stored.read_bytes() == content
    assert name not in attachment.file.name  # a random stored name
    assert "static" not in str(stored)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("偽装.pdf", b"<html><script>alert(1)</script>", "FILE_CONTENT_MISMATCH"),
        ("macro.docx", plain_zip(), "FILE_CONTENT_MISMATCH"),
        ("tool.exe", b"MZ\x90\x00", "FILE_TYPE_NOT_ALLOWED"),
        ("page.html", b"<html></html>", "FILE_TYPE_NOT_ALLOWED"),
        ("empty.pdf", b"", "FILE_EMPTY"),
    ],
)
def test_disallowed_files_are_refused(draft, npo_user, name, content, message):
    with pytest.raises(ValidationError) as refused:
        services.attachment_add(
            proposal=draft, by=npo_user, upload=SimpleUploadedFile(name, content)
        )
    expected = str(getattr(attachments, message))
    if message == "FILE_CONTENT_MISMATCH":
        expected %= {"ext": name[name.rindex(".") :]}
    assert refused.value.messages == [expected]
    assert not ProposalAttachment.objects.exists()


def test_files_over_ten_megabytes_are_refused(draft, npo_user):
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (attachments.MAX_ATTACHMENT_BYTES))
    with pytest.raises(ValidationError) as refused:
        services.attachment_add(proposal=draft, by=npo_user, upload=big)
    assert refused.value.messages == [str(attachments.FILE_TOO_LARGE) % {"limit": 10}]


def test_download_is_permission_checked_and_forced_as_attachment(
    client, draft, npo_user, staff_user, other_npo_user
):
    attachment = services.attachment_add(
        proposal=draft, by=npo_user, upload=SimpleUploadedFile("企画書.pdf", PDF)
    )
    url = reverse("projects:attachment_download", args=[attachment.pk])
    client.force_login(npo_user)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%E4%BC%81%E7%94%BB%E6%9B%B8.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    # A draft's files are the NPO's alone; others get 404 as if nothing were there.
    for person in (staff_user, other_npo_user):
        client.force_login(person)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_upload_through_the_page_rejects_a_renamed_file(client, draft, npo_user):
    client.force_login(npo_user)
    response = client.post(
        reverse("projects:attachment_upload", args=[draft.pk]),
        {"file": SimpleUploadedFile("report.pdf", b"MZ not a pdf")},
    )
    assert response.status_code == 400
    assert "ファイルの内容が拡張子（.pdf）と一致しません" in response.content.decode()


def test_full_proposal_flow_through_the_pages(client, npo, npo_user, staff_user, office):
    client.force_login(npo_user)
    response = client.post(
        reverse("projects:proposal_create"),
        {
            "organization": npo.pk,
            "addressed_office": office.pk,
            "title": "多言語の防災カード",
            "issue": "外国人住民に防災情報が届かない",
            "purpose": "外国人住民が災害時に必要な情報を受け取れるようにする",
            "idea": "やさしい日本語と5言語のカード",
            "government_roles": "配布先の調整",
            "npo_roles": "翻訳\nカードの作成",
            "shared_roles": "",
            "rough_budget": "800000",
        },
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    # Without the tick nothing is sent, and the page says why beside the box.
    response = client.post(reverse("projects:proposal_submit", args=[proposal.pk]))
    assert response.status_code == 400
    assert str(IRREVERSIBLE_REQUIRED) in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == "draft"
    client.post(reverse("projects:proposal_submit", args=[proposal.pk]), {"confirm": "on"})
    client.force_login(staff_user)
    client.post(reverse("projects:proposal_comment", args=[proposal.pk]), {"body": "ぜひ協議を"})
    response = client.post(reverse("projects:proposal_adopt", args=[proposal.pk]), {})
    project = Project.objects.get()
    assert response.url == project.get_absolute_url()
    page = client.get(project.get_absolute_url()).content.decode()
    assert "多言語の防災カード" in page and "協働相手の候補" in page
    assert 'id="project-content">やさしい日本語と5言語のカード</dd>' in page
    assert "外国人住民が災害時に必要な情報を受け取れるようにする" in page
    assert [line.task for line in project.agreement.versions.get().roles.all()] == [
        "配布先の調整",
        "翻訳",
        "カードの作成",
    ]


def test_negative_budget_in_proposal_form_is_explained(client, npo, npo_user, office):
    client.force_login(npo_user)
    response = client.post(
        reverse("projects:proposal_create"),
        {
            "organization": npo.pk,
            "addressed_office": office.pk,
            "title": "入力途中の題名",
            "issue": "課題",
            "idea": "内容",
            "rough_budget": "-1",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "入力途中の題名" in body
    assert "0円以上の整数" in body
    assert not Proposal.objects.exists()


def test_the_project_page_links_its_proposal_and_its_predecessor(
    client, submitted, staff_user, office
):
    from django.urls import reverse

    from tests.factories import ProjectFactory

    earlier = ProjectFactory(owner_office=office, title="前年度の子育て広場")
    project = services.proposal_adopt(proposal=submitted, by=staff_user)
    project.predecessor = earlier
    project.save(update_fields=["predecessor"])
    client.force_login(staff_user)
    html = client.get(reverse("projects:project_detail", args=[project.pk])).content.decode()
    assert f'href="{reverse("projects:proposal_detail", args=[submitted.pk])}"' in html
    assert f'<a href="{earlier.get_absolute_url()}">前年度の子育て広場</a>' in html

    html = client.get(reverse("projects:project_detail", args=[earlier.pk])).content.decode()
    assert "元の協働提案" not in html and "前身の事業" not in html
