"""Files on S3-compatible object storage: shared by every node, private, and handed out only by
the portal after its permission check."""

import io
import re
import urllib.error
import urllib.request

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import load_workbook

from evaluation import dashboard as dash
from evaluation import services as evaluation_services
from evaluation.models import ResultsExport
from kyodo_portal.core.roles import Role
from projects import services as project_services
from projects.models import ProposalAttachment
from tests.factories import member
from tests.uploads import PDF

pytestmark = pytest.mark.django_db

# A stored file's own name: 128 random bits and the extension, nothing else (no id, no title).
RANDOM_NAME = re.compile(r"(^|/)[0-9a-f]{32}\.(pdf|xlsx)$")


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def draft(npo, npo_user, office):
    return project_services.proposal_create(
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
            "government_roles": "会場の確保",
            "npo_roles": "広場の運営",
            "shared_roles": "利用者アンケートの集計",
            "rough_budget": 2_000_000,
        },
    )


def _anonymous_get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as refused:
        return refused.code


def _upload_through_node_a(object_storage, client, draft, npo_user) -> ProposalAttachment:
    object_storage.on_node("a")
    client.force_login(npo_user)
    response = client.post(
        reverse("projects:attachment_upload", args=[draft.pk]),
        {"file": SimpleUploadedFile("企画書（最終版）.pdf", PDF)},
    )
    assert response.status_code == 302
    return ProposalAttachment.objects.get(proposal=draft)


def test_a_file_uploaded_through_node_a_is_downloaded_through_node_b(
    object_storage, client, draft, npo_user, staff_user
):
    attachment = _upload_through_node_a(object_storage, client, draft, npo_user)
    project_services.proposal_submit(proposal=draft, by=npo_user)
    # The object is in the bucket under its random name; nothing reached node A's disk.
    assert RANDOM_NAME.search(attachment.file.name)
    assert object_storage.keys() == [f"{object_storage.prefix}/{attachment.file.name}"]
    assert object_storage.local_files() == []

    object_storage.on_node("b")
    client.logout()
    client.force_login(staff_user)  # the addressed office, reading the submitted proposal
    response = client.get(reverse("projects:attachment_download", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(PDF))
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''"
        "%E4%BC%81%E7%94%BB%E6%9B%B8%EF%BC%88%E6%9C%80%E7%B5%82%E7%89%88%EF%BC%89.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert object_storage.local_files() == []


def test_outsiders_get_404_for_a_stored_file_and_the_store_is_never_linked(
    object_storage, client, draft, npo_user, other_npo_user, other_staff_user
):
    attachment = _upload_through_node_a(object_storage, client, draft, npo_user)
    project_services.proposal_submit(proposal=draft, by=npo_user)
    url = reverse("projects:attachment_download", args=[attachment.pk])
    # Another NPO, and an office the proposal was not addressed to: as if nothing were there.
    for outsider in (other_npo_user, other_staff_user):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    # The proposal's own page links the portal's download, never the store.
    client.force_login(npo_user)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert url in page
    assert object_storage.endpoint.split("//")[1] not in page
    assert object_storage.bucket not in page


def test_stored_objects_are_not_publicly_readable(object_storage, client, draft, npo_user):
    attachment = _upload_through_node_a(object_storage, client, draft, npo_user)
    key = f"{object_storage.prefix}/{attachment.file.name}"
    plain = f"{object_storage.endpoint}/{object_storage.bucket}/{key}"
    assert _anonymous_get(plain) == 403
    # The same address, signed with the portal's keys, is served: the refusal above is the
    # object's privacy, not a wrong address.
    assert _anonymous_get(default_storage.url(attachment.file.name)) == 200
    grants = object_storage.client.get_object_acl(Bucket=object_storage.bucket, Key=key)["Grants"]
    assert all("URI" not in grant["Grantee"] for grant in grants)  # no AllUsers, AuthenticatedUsers
    blocked = object_storage.client.get_public_access_block(Bucket=object_storage.bucket)
    assert all(blocked["PublicAccessBlockConfiguration"].values())


def test_a_workbook_built_by_the_worker_is_downloaded_through_the_web_node(
    object_storage, client, manager_user, office, django_capture_on_commit_callbacks
):
    # The worker: the request's task runs on commit (eager here), with a disk of its own.
    object_storage.on_node("worker")
    with django_capture_on_commit_callbacks(execute=True):
        export = evaluation_services.results_export_request(by=manager_user, filters=dash.Filters())
    export.refresh_from_db()
    assert export.status == ResultsExport.Status.DONE
    assert RANDOM_NAME.search(export.file.name)
    assert object_storage.keys() == [f"{object_storage.prefix}/{export.file.name}"]

    object_storage.on_node("web")
    client.force_login(manager_user)
    response = client.get(export.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="evaluation-results-')
    content = b"".join(response.streaming_content)
    stored = object_storage.client.get_object(
        Bucket=object_storage.bucket, Key=f"{object_storage.prefix}/{export.file.name}"
    )
    assert content == stored["Body"].read()
    assert load_workbook(io.BytesIO(content), read_only=True).sheetnames
    assert object_storage.local_files() == []

    # Another manager of the same office may not have it.
    client.force_login(member(Role.MANAGER, office, username="manager2", name="別の 管理者"))
    assert client.get(export.get_absolute_url()).status_code == 404


def test_an_old_workbook_is_purged_from_the_bucket(
    object_storage, manager_user, settings, django_capture_on_commit_callbacks
):
    import datetime

    from django.utils import timezone

    settings.RESULTS_EXPORT_KEEP_DAYS = 30
    with django_capture_on_commit_callbacks(execute=True):
        export = evaluation_services.results_export_request(by=manager_user, filters=dash.Filters())
    assert len(object_storage.keys()) == 1
    ResultsExport.objects.filter(pk=export.pk).update(
        finished_at=timezone.now() - datetime.timedelta(days=31)
    )
    object_storage.on_node("beat")
    assert evaluation_services.results_exports_purge() == 1
    assert object_storage.keys() == []


def test_a_removed_attachment_leaves_the_bucket_once_committed(
    object_storage, client, draft, npo_user, django_capture_on_commit_callbacks
):
    attachment = _upload_through_node_a(object_storage, client, draft, npo_user)
    object_storage.on_node("b")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("projects:attachment_delete", args=[attachment.pk]))
    assert response.status_code == 302
    assert object_storage.keys() == []


def test_a_file_missing_from_the_bucket_answers_404(object_storage, client, draft, npo_user):
    attachment = _upload_through_node_a(object_storage, client, draft, npo_user)
    object_storage.client.delete_object(
        Bucket=object_storage.bucket, Key=f"{object_storage.prefix}/{attachment.file.name}"
    )
    response = client.get(reverse("projects:attachment_download", args=[attachment.pk]))
    assert response.status_code == 404


def test_files_on_the_old_disk_are_copied_into_the_bucket_and_served_from_it(
    object_storage, settings, client, draft, npo_user, tmp_path
):
    # Before the move: the files on one machine's disk.
    old_disk = tmp_path / "old-media"
    local = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    settings.STORAGES = {**settings.STORAGES, "default": local}
    settings.MEDIA_ROOT = old_disk
    attachment = project_services.attachment_add(
        proposal=draft, by=npo_user, upload=SimpleUploadedFile("企画書.pdf", PDF)
    )
    (old_disk / "stray.txt").write_text("not referenced by any row, copied all the same")

    object_storage.on_node("after-move")
    out = io.StringIO()
    call_command("copy_media_to_storage", "--from", str(old_disk), "--dry-run", stdout=out)
    assert "would copy: 2; already there: 0; conflicts: 0" in out.getvalue()
    assert object_storage.keys() == []
    call_command("copy_media_to_storage", "--from", str(old_disk), stdout=out)
    assert object_storage.keys() == sorted(
        f"{object_storage.prefix}/{name}" for name in (attachment.file.name, "stray.txt")
    )
    again = io.StringIO()
    call_command("copy_media_to_storage", "--from", str(old_disk), stdout=again)
    assert "copied: 0; already there: 2; conflicts: 0" in again.getvalue()
    assert (old_disk / attachment.file.name).read_bytes() == PDF  # the disk is left as it was

    client.force_login(npo_user)
    response = client.get(reverse("projects:attachment_download", args=[attachment.pk]))
    assert b"".join(response.streaming_content) == PDF

    # A different file under a name the bucket already holds is reported, not overwritten.
    (old_disk / "stray.txt").write_text("changed")
    with pytest.raises(CommandError, match="different files"):
        call_command("copy_media_to_storage", "--from", str(old_disk), stdout=io.StringIO())


def test_the_admin_shows_no_link_to_the_store(object_storage, client, office, npo, npo_user):
    from partners.models import User
    from selection import services as selection_services
    from selection.models import Application, Call
    from tests.selection.support import apply, make_call, selection_project

    call = make_call(selection_project(office), status=Call.Status.OPEN)
    application = apply(call, npo, status=Application.Status.DRAFT)
    attachment = selection_services.attachment_add(
        application=application, by=npo_user, upload=SimpleUploadedFile("計画書.pdf", PDF)
    )
    client.force_login(User.objects.create_superuser("root", "root@example.jp", "x" * 20))
    page = client.get(reverse("admin:selection_applicationattachment_change", args=[attachment.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert attachment.file.name in html
    assert object_storage.endpoint.split("//")[1] not in html and "Signature" not in html
    # Files come in through the upload policy only.
    add = client.get(reverse("admin:selection_applicationattachment_add"))
    assert add.status_code == 403
