"""Files people attach (to a proposal, to an application): one upload policy, one stored shape, one
download response.

The policy: at most MAX_ATTACHMENT_BYTES per file and MAX_ATTACHMENTS per parent, only the types in
ALLOWED_TYPES, and the content must be what the extension says. An extension alone proves
nothing: a renamed executable or HTML page must not be stored and served back as a "PDF", and a
zip renamed .docx is not a Word file. The uploader's file name never reaches the file system (the
stored name is random) and files are served only through a view that checks permission first,
always as a download.
"""

from __future__ import annotations

import os
import unicodedata
import zipfile
from collections.abc import Callable

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import FileResponse
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.stored_files import stored_file_response, unguessable_name

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 10

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office (.doc/.xls/.ppt)
_ZIP = b"PK\x03\x04"  # Office Open XML (.docx/.xlsx/.pptx)


def _starts_with(*signatures: bytes) -> Callable:
    return lambda head, upload: head.startswith(signatures)


def _office_open_xml(part: str) -> Callable:
    """A .docx/.xlsx/.pptx is a zip holding [Content_Types].xml and its own part folder."""

    def check(head: bytes, upload) -> bool:
        if not head.startswith(_ZIP):
            return False
        try:
            upload.seek(0)
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return False
        finally:
            upload.seek(0)
        return "[Content_Types].xml" in names and any(name.startswith(part) for name in names)

    return check


# extension -> (content type, check of the content's first bytes)
ALLOWED_TYPES: dict[str, tuple[str, Callable]] = {
    ".pdf": ("application/pdf", _starts_with(b"%PDF-")),
    ".png": ("image/png", _starts_with(b"\x89PNG\r\n\x1a\n")),
    ".jpg": ("image/jpeg", _starts_with(b"\xff\xd8\xff")),
    ".jpeg": ("image/jpeg", _starts_with(b"\xff\xd8\xff")),
    ".gif": ("image/gif", _starts_with(b"GIF87a", b"GIF89a")),
    ".doc": ("application/msword", _starts_with(_OLE)),
    ".xls": ("application/vnd.ms-excel", _starts_with(_OLE)),
    ".ppt": ("application/vnd.ms-powerpoint", _starts_with(_OLE)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _office_open_xml("word/"),
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _office_open_xml("xl/"),
    ),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _office_open_xml("ppt/"),
    ),
}

FILE_TOO_LARGE = _("ファイルが大きすぎます（上限 %(limit)s MB）。")
FILE_EMPTY = _("空のファイルは添付できません。")
FILE_TYPE_NOT_ALLOWED = _(
    "添付できるのは PDF、Word、Excel、PowerPoint、PNG、JPEG、GIF のファイルだけです。"
)
FILE_CONTENT_MISMATCH = _(
    "ファイルの内容が拡張子（%(ext)s）と一致しません。正しいファイルか確認してください。"
)
TOO_MANY_FILES = _("添付できるファイルは%(limit)s件までです。")
FILE_REQUIRED = _("ファイルを選んでください。")
FILE_HELP = _("PDF、Word、Excel、PowerPoint、PNG、JPEG、GIF（1件%(mb)s MBまで、%(count)s件まで）")


def safe_filename(name: str) -> str:
    """A download name without directories, control characters (dropped: nobody sees them) or
    characters that break headers and file systems (shown as _); Japanese text is kept."""
    name = unicodedata.normalize("NFC", os.path.basename(name.replace("\\", "/")))
    cleaned = "".join(
        "_" if ch in '<>:"/\\|?*' else ch
        for ch in name
        if not unicodedata.category(ch).startswith("C")
    ).strip(" .")
    if not cleaned:
        cleaned = "attachment"
    stem, extension = os.path.splitext(cleaned)
    return stem[: 150 - len(extension)] + extension.lower()


def check_upload(upload) -> tuple[str, str]:
    """(safe original name, content type) of an upload that meets the policy; else
    ValidationError with the reason in the reader's language."""
    if upload.size == 0:
        raise ValidationError(str(FILE_EMPTY), code="empty")
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            str(FILE_TOO_LARGE) % {"limit": MAX_ATTACHMENT_BYTES // (1024 * 1024)},
            code="too_large",
        )
    name = safe_filename(upload.name or "")
    extension = os.path.splitext(name)[1]
    if extension not in ALLOWED_TYPES:
        raise ValidationError(str(FILE_TYPE_NOT_ALLOWED), code="type")
    content_type, content_matches = ALLOWED_TYPES[extension]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not content_matches(head, upload):
        raise ValidationError(str(FILE_CONTENT_MISMATCH) % {"ext": extension}, code="content")
    return name, content_type


def stored_path(instance: Attachment, filename: str) -> str:
    """A random name in the parent's folder of the storage (local disk or bucket)."""
    parent_id = getattr(instance, f"{instance.parent_field}_id")
    folder = f"{instance.storage_folder}/{parent_id}"
    return unguessable_name(os.path.splitext(filename)[1], folder=folder)


class Attachment(models.Model):
    """What every attached file records. A concrete attachment names its parent (a foreign key
    called ``parent_field``) and the folder its files go to."""

    parent_field = ""
    storage_folder = ""

    file = models.FileField(_("ファイル"), upload_to=stored_path, max_length=255)
    original_name = models.CharField(_("ファイル名"), max_length=200)
    content_type = models.CharField(_("種類"), max_length=100)
    size = models.PositiveIntegerField(_("サイズ（バイト）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name


def attachment_store(model: type[Attachment], *, parent, upload, by) -> Attachment:
    """Check the upload against the policy and store it for ``parent``. The caller has checked
    permission and locked the parent, so the count cannot race."""
    if model.objects.filter(**{model.parent_field: parent}).count() >= MAX_ATTACHMENTS:
        raise ValidationError(str(TOO_MANY_FILES) % {"limit": MAX_ATTACHMENTS}, code="count")
    name, content_type = check_upload(upload)
    attachment = model(
        **{model.parent_field: parent},
        original_name=name,
        content_type=content_type,
        size=upload.size,
        uploaded_by=by,
    )
    attachment.file.save(name, upload, save=False)
    try:
        attachment.save()
    except Exception:
        # The file reached the storage before the row: leave no orphan behind.
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


def attachment_remove(attachment: Attachment) -> None:
    """Delete the row now and the file once the transaction commits (a rollback keeps both)."""
    storage, path = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(path))


def attachment_response(attachment: Attachment) -> FileResponse:
    """An attachment as a download under its cleaned original name, with its checked type
    (kyodo_portal.core.stored_files: through the portal, never from the store's address)."""
    return stored_file_response(
        attachment.file, filename=attachment.original_name, content_type=attachment.content_type
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("添付ファイル"),
        error_messages={"required": FILE_REQUIRED},
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ALLOWED_TYPES)}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = FILE_HELP % {
            "mb": MAX_ATTACHMENT_BYTES // (1024 * 1024),
            "count": MAX_ATTACHMENTS,
        }
