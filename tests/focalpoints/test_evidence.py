"""Evidence files: checked by content, size-limited, stored privately, served only through a check."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from focalpoints import services
from focalpoints.evidence import detect_kind
from focalpoints.models import EvidenceFile
from tests.conftest import opened_version
from tests.focalpoints.conftest import EXE, PNG, docx_bytes, odt_bytes, pdf_bytes, upload, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(focal, assigned):
    return services.update_create(user=focal, item=assigned["justice"])


def edit_url(update):
    return reverse("workspace:update_edit", args=[update.pk])


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("decree.pdf", pdf_bytes(), "pdf"),
        ("minutes.docx", docx_bytes(), "docx"),
        ("figures.xlsx", xlsx_bytes(), "xlsx"),
        ("report.odt", odt_bytes(), "odt"),
        ("photo.png", PNG, "png"),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 50, "jpeg"),
    ],
)
def test_each_accepted_kind_is_recognised_by_its_content(focal, draft, name, content, kind):
    evidence = services.evidence_add(user=focal, update=draft, upload=upload(name, content))
    assert evidence.kind == kind and evidence.size == len(content) and evidence.name == name
    with evidence.file.open("rb") as stored:
        assert stored.read() == content


def test_a_real_pdf_is_uploaded_through_the_form_and_downloaded(personas, focal, draft, private_media):
    response = personas["focal"].post(
        edit_url(draft),
        {
            "narrative": "Decree adopted",
            "proposed_status": "in_progress",
            "evidence": upload("Decree 12.pdf", pdf_bytes("Decree 12")),
            "version": opened_version(personas["focal"], edit_url(draft)),
        },
    )
    assert response.status_code == 302
    evidence = EvidenceFile.objects.get(update=draft)
    path = private_media / evidence.file.name
    assert path.is_file() and path.suffix == ".pdf" and "Decree" not in path.name
    assert not str(path).startswith(str(__import__("django.conf").conf.settings.MEDIA_ROOT))
    download = personas["focal"].get(evidence.get_absolute_url())
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    body = b"".join(download.streaming_content)
    reader = PdfReader(__import__("io").BytesIO(body))
    assert reader.metadata.title == "Decree 12" and len(reader.pages) == 1


def test_a_program_renamed_pdf_is_refused(personas, draft):
    response = personas["focal"].post(
        edit_url(draft),
        {
            "narrative": "x",
            "proposed_status": "in_progress",
            "evidence": upload("report.pdf", EXE),
            "version": opened_version(personas["focal"], edit_url(draft)),
        },
    )
    assert response.status_code == 200
    assert "is not a PDF" in response.content.decode()
    assert not EvidenceFile.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", EXE, "is not a PDF"),
        ("script.pdf", b"#!/bin/sh\nrm -rf /\n", "is not a PDF"),
        ("page.html", b"<html><script>alert(1)</script></html>", "is not a PDF"),
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', "is not a PDF"),
        ("evil.pdf.exe", pdf_bytes(), "does not match its file name extension"),
        ("minutes.pdf", docx_bytes(), "does not match its file name extension"),
        ("archive.zip", b"PK\x03\x04" + b"\x00" * 100, "is not a PDF"),
    ],
)
def test_spoofed_or_unknown_content_is_refused(focal, draft, name, content, message):
    with pytest.raises(ValidationError) as error:
        services.evidence_add(user=focal, update=draft, upload=upload(name, content))
    assert message in error.value.messages[0]
    assert not EvidenceFile.objects.exists()


def test_macro_enabled_office_files_are_refused():
    import io
    import zipfile

    buffer = io.BytesIO(docx_bytes())
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("word/vbaProject.bin", b"macro")
    assert detect_kind(buffer) is None


def test_the_size_is_limited(settings, focal, draft):
    settings.EVIDENCE_MAX_MB = 1
    big = pdf_bytes() + b"\n%" + b"x" * (1024 * 1024)
    with pytest.raises(ValidationError) as error:
        services.evidence_add(user=focal, update=draft, upload=upload("big.pdf", big))
    assert "larger than 1 MB" in error.value.messages[0]
    services.evidence_add(user=focal, update=draft, upload=upload("small.pdf", pdf_bytes()))


def test_the_same_file_is_attached_once(focal, draft):
    services.evidence_add(user=focal, update=draft, upload=upload("a.pdf", pdf_bytes()))
    with pytest.raises(ValidationError):
        services.evidence_add(user=focal, update=draft, upload=upload("b.pdf", pdf_bytes()))


def test_evidence_of_a_submitted_update_cannot_change(focal, secretariat, draft):
    from django.core.exceptions import PermissionDenied

    services.evidence_add(user=focal, update=draft, upload=upload("a.pdf", pdf_bytes()))
    services.update_save(
        user=focal,
        update=draft,
        values={"narrative": "done", "period_start": "2026-01-01", "period_end": "2026-06-30"},
    )
    services.update_submit(user=focal, update=draft)
    with pytest.raises(PermissionDenied):
        services.evidence_add(user=focal, update=draft, upload=upload("b.png", PNG))
    with pytest.raises(PermissionDenied):
        services.evidence_remove(user=focal, evidence=draft.evidence.get())


def test_removing_a_file_deletes_it_after_commit(
    django_capture_on_commit_callbacks, focal, draft, private_media
):
    evidence = services.evidence_add(user=focal, update=draft, upload=upload("a.pdf", pdf_bytes()))
    path = private_media / evidence.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.evidence_remove(user=focal, evidence=evidence)
    assert not path.exists() and not EvidenceFile.objects.exists()


def status(client, url: str) -> int:
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)  # reading it to the end closes the file
    return response.status_code


def test_evidence_is_served_only_to_those_who_see_the_update(personas, focal, secretariat, draft):
    evidence = services.evidence_add(user=focal, update=draft, upload=upload("a.pdf", pdf_bytes()))
    url = evidence.get_absolute_url()
    assert status(personas["focal"], url) == 200
    # A draft is the institution's own: the secretariat and everyone else get 404.
    for persona in ("secretariat", "focal2", "consultative", "no_role"):
        assert status(personas[persona], url) == 404, persona
    assert status(personas["public"], url) == 302
    services.update_save(
        user=focal,
        update=draft,
        values={"narrative": "done", "period_start": "2026-01-01", "period_end": "2026-06-30"},
    )
    services.update_submit(user=focal, update=draft)
    assert status(personas["secretariat"], url) == 200
    assert status(personas["admin"], url) == 200
    for persona in ("focal2", "consultative", "no_role"):
        assert status(personas[persona], url) == 404, persona
    services.update_set_shared(user=secretariat, update=draft, shared=True)
    assert status(personas["consultative"], url) == 200
    assert status(personas["focal2"], url) == 404
    other = reverse("workspace:evidence_download", args=[draft.pk, evidence.pk + 1000])
    assert status(personas["focal"], other) == 404
