"""Small files of each kind, built in memory, for the upload policy's tests."""

import io
import zipfile

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
GIF = b"GIF89a" + b"\x00" * 32
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32


def zip_of(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


def office_file(part: str = "word/") -> bytes:
    """A minimal Office Open XML package: the content-types part and one part of its kind."""
    return zip_of("[Content_Types].xml", f"{part}document.xml")


def docx_bytes() -> bytes:
    return office_file("word/")


def plain_zip() -> bytes:
    return zip_of("evil.exe")
