"""The secretariat decides, file by file, which evidence of a published update the public may download."""

import pytest

from focalpoints.models import EvidenceFile

pytestmark = pytest.mark.django_db


def test_secretariat_publishes_and_withdraws_a_file(tracker, personas):
    private = tracker["private_evidence"]
    url = f"/en/workspace/updates/{tracker['update'].pk}/evidence/{private.pk}/publish/"
    assert personas["secretariat"].post(url, {"published": "1"}).status_code == 302
    private.refresh_from_db()
    assert private.published
    download = personas["public"].get(f"/en/evidence/{private.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    personas["secretariat"].post(url, {"published": "0"})
    assert personas["public"].get(f"/en/evidence/{private.pk}/").status_code == 404


def test_others_cannot_publish_evidence(tracker, personas):
    private = tracker["private_evidence"]
    url = f"/en/workspace/updates/{tracker['update'].pk}/evidence/{private.pk}/publish/"
    assert personas["focal"].post(url, {"published": "1"}).status_code == 403
    assert personas["focal2"].post(url, {"published": "1"}).status_code == 404
    assert personas["consultative"].post(url, {"published": "1"}).status_code == 404
    assert personas["public"].post(url, {"published": "1"}).status_code == 302  # to the login page
    assert personas["secretariat"].get(url).status_code == 405
    assert not EvidenceFile.objects.get(pk=private.pk).published


def test_evidence_of_an_unpublished_update_cannot_be_published(tracker, personas):
    draft_file = tracker["draft"]
    from django.core.files.uploadedfile import SimpleUploadedFile

    from focalpoints.services import evidence_add
    from tests.focalpoints.conftest import pdf_bytes

    evidence = evidence_add(
        user=tracker["draft"].created_by,
        update=draft_file,
        upload=SimpleUploadedFile("a.pdf", pdf_bytes("A")),
    )
    url = f"/en/workspace/updates/{draft_file.pk}/evidence/{evidence.pk}/publish/"
    personas["secretariat"].post(url, {"published": "1"})
    evidence.refresh_from_db()
    assert not evidence.published
