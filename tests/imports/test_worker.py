"""The import runs through a real Celery worker against Redis, as in production."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from recommendations.importing import service
from recommendations.models import ImportBatch, Recommendation
from tests.imports.files import UHRI_HEADERS, uhri_row, write_xlsx


@pytest.mark.worker
# serialized_rollback keeps the countries and mechanisms that the migrations seeded
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_preview_and_commit_in_a_worker(celery_worker, admin_user, tmp_path):
    path = write_xlsx(tmp_path / "uhri.xlsx", UHRI_HEADERS, [uhri_row(n) for n in range(1, 6)])
    batch = service.import_upload(
        user=admin_user, upload=SimpleUploadedFile(path.name, path.read_bytes()), state_scope="FRA"
    )
    celery_worker.wait_for(
        lambda: ImportBatch.objects.get(pk=batch.pk).status != ImportBatch.Status.PREVIEWING
    )
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PREVIEWED, batch.error
    assert batch.counts["new"] == 5 and not Recommendation.objects.exists()
    service.import_confirm(batch=batch)
    celery_worker.wait_for(
        lambda: ImportBatch.objects.get(pk=batch.pk).status != ImportBatch.Status.IMPORTING
    )
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTED, batch.error
    assert Recommendation.objects.filter(state__code="FRA").count() == 5
