"""Fixtures of the focal-point network: files of every accepted kind, and assigned recommendations."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from focalpoints.models import FocalPoint
from tests.factories import FocalPointFactory, RecommendationFactory, UserFactory


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Evidence goes to a temporary private folder; e-mail links point at a known site."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.SITE_URL = "https://nmirf.example.gov"
    return settings.PRIVATE_MEDIA_ROOT


def pdf_bytes(text: str = "Evidence") -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": text})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph("Decree 12/2026 on pre-trial detention")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["year", "detainees"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED
        )
        archive.writestr("content.xml", "<office:document-content/>")
        archive.writestr("META-INF/manifest.xml", "<manifest/>")
    return buffer.getvalue()


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa75\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.fixture
def assigned(justice, health):
    """A recommendation led by justice (health supports it), and one led by health alone."""
    justice_rec = RecommendationFactory(paragraph="118.1", lead_institution=justice)
    justice_rec.supporting_institutions.set([health])
    health_rec = RecommendationFactory(paragraph="118.2", lead_institution=health)
    return {"justice": justice_rec, "health": health_rec}


@pytest.fixture
def deputy(justice):
    return FocalPointFactory(user__username="deputy", institution=justice, role=FocalPoint.Role.DEPUTY).user


@pytest.fixture
def secretariat2(db):
    return UserFactory(username="secretariat2", roles=["Secretariat"])
