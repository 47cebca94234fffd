"""The one upload policy and download response that proposals and applications share."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from kyodo_portal.core import attachments
from projects.models import ProposalAttachment
from selection.models import ApplicationAttachment
from tests.uploads import GIF, JPEG, OLE, PDF, PNG, office_file, plain_zip, zip_of


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("計画書.pdf", PDF, "application/pdf"),
        ("写真.PNG", PNG, "image/png"),
        ("写真.jpeg", JPEG, "image/jpeg"),
        ("図.gif", GIF, "image/gif"),
        ("旧様式.xls", OLE, "application/vnd.ms-excel"),
        (
            "収支予算書.xlsx",
            office_file("xl/"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            "説明資料.pptx",
            office_file("ppt/"),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
    ],
)
def test_each_allowed_type_passes_with_its_content_type(name, content, content_type):
    checked_name, checked_type = attachments.check_upload(SimpleUploadedFile(name, content))
    assert checked_type == content_type
    assert checked_name == name[: name.rindex(".")] + name[name.rindex(".") :].lower()


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("偽装.pdf", b"<html><script>alert(1)</script>", "content"),
        ("tool.pdf", b"MZ\x90\x00" + b"\x00" * 60, "content"),
        ("zip.docx", plain_zip(), "content"),
        # A real workbook renamed .docx: a valid package, but not a Word one.
        ("book.docx", office_file("xl/"), "content"),
        ("no_types.xlsx", zip_of("xl/workbook.xml"), "content"),
        ("tool.exe", b"MZ\x90\x00", "type"),
        ("page.html", b"<html></html>", "type"),
        ("no_extension", PDF, "type"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_refusals_say_why(name, content, code):
    with pytest.raises(ValidationError) as refused:
        attachments.check_upload(SimpleUploadedFile(name, content))
    assert refused.value.code == code


def test_the_mismatch_message_names_the_extension():
    with pytest.raises(ValidationError) as refused:
        attachments.check_upload(SimpleUploadedFile("偽装.PDF", b"<html></html>"))
    assert refused.value.messages == [str(attachments.FILE_CONTENT_MISMATCH) % {"ext": ".pdf"}]


def test_the_size_limit_is_exact():
    limit = attachments.MAX_ATTACHMENT_BYTES
    at_limit = SimpleUploadedFile("a.pdf", PDF + b"0" * (limit - len(PDF)))
    assert attachments.check_upload(at_limit)[1] == "application/pdf"
    with pytest.raises(ValidationError) as refused:
        attachments.check_upload(SimpleUploadedFile("b.pdf", PDF + b"0" * (limit - len(PDF) + 1)))
    assert refused.value.messages == [str(attachments.FILE_TOO_LARGE) % {"limit": 10}]


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\a\\企画書.PDF", "企画書.pdf"),
        ('a"b<c>\r\n.pdf', "a_b_c_.pdf"),
        ("計画\t書.PDF", "計画書.pdf"),
        ("...", "attachment"),
    ],
)
def test_safe_filename(raw, safe):
    assert attachments.safe_filename(raw) == safe


@pytest.mark.parametrize(
    ("model", "folder"),
    [(ProposalAttachment, "proposals/7/"), (ApplicationAttachment, "selection/applications/7/")],
)
def test_stored_names_are_random_in_the_parents_folder(model, folder):
    attachment = model(**{f"{model.parent_field}_id": 7})
    first = attachments.stored_path(attachment, "../秘密の計画書.PDF")
    second = attachments.stored_path(attachment, "../秘密の計画書.PDF")
    assert first.startswith(folder) and second.startswith(folder)
    assert first.endswith(".pdf") and first != second
    assert "秘密" not in first and ".." not in first


def test_the_download_response_is_a_download_never_sniffed_or_cached(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    attachment = ProposalAttachment(
        proposal_id=1, original_name="企画書.pdf", content_type="application/pdf", size=len(PDF)
    )
    attachment.file.save("x.pdf", SimpleUploadedFile("x.pdf", PDF), save=False)
    response = attachments.attachment_response(attachment)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%E4%BC%81%E7%94%BB%E6%9B%B8.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == PDF


def test_a_lost_file_is_not_found(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    attachment = ProposalAttachment(proposal_id=1, original_name="a.pdf", size=1)
    attachment.file.name = "proposals/1/gone.pdf"
    with pytest.raises(Http404):
        attachments.attachment_response(attachment)


def test_the_form_states_the_policy_in_japanese_and_english(settings):
    from django.utils import translation

    field = attachments.AttachmentForm().fields["file"]
    assert "10 MB" in str(field.help_text) and "10件" in str(field.help_text)
    assert field.widget.attrs["accept"].split(",") == list(attachments.ALLOWED_TYPES)
    with translation.override("en"):
        english = str(attachments.AttachmentForm().fields["file"].help_text)
    assert "10 MB" in english and "件" not in english
