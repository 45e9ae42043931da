"""What an evidence file really is, read from its content rather than from its name.

PDF and images are recognised by their magic bytes; DOCX, XLSX and ODT are ZIP archives recognised
by the entries that define them (macro-enabled Office files are refused). Nothing is decompressed
beyond the few bytes of an OpenDocument `mimetype` entry.
"""

from __future__ import annotations

import zipfile
from pathlib import PurePath
from typing import IO

from focalpoints.models import EvidenceFile

Kind = EvidenceFile.Kind

EXTENSIONS: dict[str, tuple[str, ...]] = {
    Kind.PDF: (".pdf",),
    Kind.DOCX: (".docx",),
    Kind.XLSX: (".xlsx",),
    Kind.ODT: (".odt",),
    Kind.PNG: (".png",),
    Kind.JPEG: (".jpg", ".jpeg"),
    Kind.GIF: (".gif",),
    Kind.WEBP: (".webp",),
}
CONTENT_TYPES: dict[str, str] = {
    Kind.PDF: "application/pdf",
    Kind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Kind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Kind.ODT: "application/vnd.oasis.opendocument.text",
    Kind.PNG: "image/png",
    Kind.JPEG: "image/jpeg",
    Kind.GIF: "image/gif",
    Kind.WEBP: "image/webp",
}
ACCEPT = ",".join(sorted({ext for exts in EXTENSIONS.values() for ext in exts}))


def _zip_kind(stream: IO[bytes]) -> str | None:
    try:
        archive = zipfile.ZipFile(stream)
        names = set(archive.namelist())
        if "mimetype" in names:
            with archive.open("mimetype") as entry:
                mimetype = entry.read(100).strip()
            return Kind.ODT if mimetype == CONTENT_TYPES[Kind.ODT].encode() else None
        if "[Content_Types].xml" not in names or any(name.endswith("vbaProject.bin") for name in names):
            return None
        if "word/document.xml" in names:
            return Kind.DOCX
        if "xl/workbook.xml" in names:
            return Kind.XLSX
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        return None
    return None


def detect_kind(stream: IO[bytes]) -> str | None:
    """The kind of file this content is, or None when it is not one we accept."""
    stream.seek(0)
    head = stream.read(16)
    stream.seek(0)
    kind: str | None = None
    if head.startswith(b"%PDF-"):
        kind = Kind.PDF
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = Kind.PNG
    elif head.startswith(b"\xff\xd8\xff"):
        kind = Kind.JPEG
    elif head.startswith((b"GIF87a", b"GIF89a")):
        kind = Kind.GIF
    elif head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        kind = Kind.WEBP
    elif head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(stream)
    stream.seek(0)
    return kind


def extension_matches(name: str, kind: str) -> bool:
    return PurePath(name.lower()).suffix in EXTENSIONS[kind]
