"""Checks for files attached to proposals: type by content (magic bytes), size, and a safe name.

An extension alone proves nothing: a renamed executable or HTML page must not be stored and served
back as a "PDF". Each allowed extension names the signature its content must start with.
"""

from __future__ import annotations

import os
import unicodedata
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS_PER_PROPOSAL = 10

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office (.doc/.xls/.ppt)
ZIP = b"PK\x03\x04"  # Office Open XML (.docx/.xlsx/.pptx)

# extension -> (content type, accepted leading signatures)
ALLOWED_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".gif": ("image/gif", (b"GIF87a", b"GIF89a")),
    ".doc": ("application/msword", (OLE,)),
    ".xls": ("application/vnd.ms-excel", (OLE,)),
    ".ppt": ("application/vnd.ms-powerpoint", (OLE,)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (ZIP,),
    ),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (ZIP,)),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (ZIP,),
    ),
}
ALLOWED_EXTENSIONS_TEXT = "PDF, Word, Excel, PowerPoint, PNG, JPEG, GIF"

FILE_TOO_LARGE = _("ファイルが大きすぎます。10MB以下のファイルを添付してください。")
FILE_EMPTY = _("空のファイルは添付できません。")
FILE_TYPE_NOT_ALLOWED = _(
    "添付できるのは PDF、Word、Excel、PowerPoint、PNG、JPEG、GIF のファイルだけです。"
)
FILE_CONTENT_MISMATCH = _(
    "ファイルの中身が拡張子（%(extension)s）と一致しません。正しい形式のファイルを添付してください。"
)
TOO_MANY_FILES = _("1件の提案に添付できるファイルは10個までです。")


def safe_filename(name: str) -> str:
    """A download name without directories, control characters or characters that break
    headers and file systems; Japanese text is kept."""
    name = unicodedata.normalize("NFC", os.path.basename(name.replace("\\", "/")))
    cleaned = "".join(
        "_" if (unicodedata.category(ch).startswith("C") or ch in '<>:"/\\|?*') else ch
        for ch in name
    ).strip(" .")
    if not cleaned:
        cleaned = "attachment"
    stem, extension = os.path.splitext(cleaned)
    return stem[: 150 - len(extension)] + extension.lower()


def check_upload(upload) -> tuple[str, str]:
    """Validate an uploaded file; returns (safe original name, content type) or raises."""
    if upload.size == 0:
        raise ValidationError(str(FILE_EMPTY), code="empty")
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(str(FILE_TOO_LARGE), code="too_large")
    name = safe_filename(upload.name or "")
    extension = os.path.splitext(name)[1].lower()
    if extension not in ALLOWED_TYPES:
        raise ValidationError(str(FILE_TYPE_NOT_ALLOWED), code="type")
    content_type, signatures = ALLOWED_TYPES[extension]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    mismatch = ValidationError(
        str(FILE_CONTENT_MISMATCH) % {"extension": extension}, code="content"
    )
    if not any(head.startswith(signature) for signature in signatures):
        raise mismatch
    if signatures == (ZIP,) and not _is_office_open_xml(upload):
        raise mismatch
    return name, content_type


def _is_office_open_xml(upload) -> bool:
    """A .docx/.xlsx/.pptx is a zip holding [Content_Types].xml; any other zip is refused."""
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            return "[Content_Types].xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False
    finally:
        upload.seek(0)
