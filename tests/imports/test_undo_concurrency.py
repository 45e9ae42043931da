"""Two undos of the same import at the same moment: one wins, the other is told; nothing is done twice."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from nmirf.models import AuditBatch
from recommendations.importing import undo
from recommendations.models import ImportBatch, Recommendation
from tests.imports.files import UHRI_HEADERS, uhri_row, write_xlsx
from tests.imports.test_import_service import commit, upload


# serialized_rollback keeps the countries and mechanisms that the migrations seeded
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_undos_at_once(tmp_path, admin_user):
    if connection.vendor != "postgresql":
        pytest.skip("row locks between two connections are PostgreSQL's (CI runs PostgreSQL)")
    batch = commit(
        admin_user, upload(admin_user, write_xlsx(tmp_path / "u.xlsx", UHRI_HEADERS, [uhri_row(1)]))
    )
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def attempt() -> None:
        try:
            start.wait(timeout=10)
            undo.import_undo(user=admin_user, batch=ImportBatch.objects.get(pk=batch.pk), keep_changed=False)
            outcomes.append("done")
        except ValidationError as error:
            outcomes.append(" ".join(error.messages))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["This import has already been undone.", "done"]
    assert AuditBatch.objects.filter(action="import_undo").count() == 1
    assert not Recommendation.objects.exists()
