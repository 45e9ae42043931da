"""Decisions on an import page are remembered per source format: the next import asks nothing again."""

import pytest
from django.urls import reverse

from nmirf.models import AuditEntry
from recommendations.models import ImportBatch, Theme
from tests.imports.files import UPRINFO_HEADERS, uprinfo_row, write_csv
from tests.imports.test_import_pages import post_file
from vocabulary.models import VocabularyMapping

pytestmark = pytest.mark.django_db


ROWS = [
    uprinfo_row("Abolish the death penalty in all circumstances.", issue="Women's rights,Arbitrary arrests and detentions"),
    uprinfo_row("Ratify the Optional Protocol to the Convention against Torture.", issue="Quantum ethics"),
    uprinfo_row("Guarantee the independence of the judiciary.", issue="Quantum ethics,Detention"),
]  # fmt: skip


def test_preview_groups_unknown_values_and_defaults_to_the_near_match_or_create(personas, tmp_path, act):
    client = personas["admin"]
    page = post_file(act, client, write_csv(tmp_path / "upr.csv", UPRINFO_HEADERS, ROWS)).content.decode()
    batch = ImportBatch.objects.get()
    assert batch.format == "uprinfo"
    assert "Values matched without asking" in page and "UPR Info crosswalk" in page
    form = client.get(batch.get_absolute_url()).context["resolve_form"]
    sections = form.sections()
    assert [(kind, [field.label for field in fields]) for kind, _title, fields in sections] == [
        ("theme", ["Arbitrary arrests and detentions", "Quantum ethics"])
    ]
    near, far = sections[0][2]
    assert near.initial == str(Theme.objects.get(code="arbitrary-arrest-detention").pk)
    assert (
        "Suggested: map to Arbitrary arrest &amp; detention" in page
        or "Arbitrary arrest & detention" in near.help_text
    )
    assert far.initial == "create" and "2 rows" in far.help_text
    assert '<legend class="h6">Themes</legend>' in page


def test_a_second_import_of_the_same_file_asks_nothing_already_answered(personas, admin_user, tmp_path, act):
    client = personas["admin"]
    path = write_csv(tmp_path / "upr.csv", UPRINFO_HEADERS, ROWS)
    post_file(act, client, path)
    batch = ImportBatch.objects.get()
    form = client.get(batch.get_absolute_url()).context["resolve_form"]
    data = {name: field.initial for name, field in form.fields.items()}
    page = act(client, reverse("workspace:import_resolve", args=[batch.pk]), data).content.decode()
    assert "mapped by an earlier decision" in page
    created = Theme.objects.get(name_en="Quantum ethics")
    mappings = {(m.kind, m.value): (m.decision, m.target_id) for m in VocabularyMapping.objects.all()}
    assert mappings == {
        ("theme", "Arbitrary arrests and detentions"): (
            "map",
            Theme.objects.get(code="arbitrary-arrest-detention").pk,
        ),
        ("theme", "Quantum ethics"): ("map", created.pk),
    }
    assert VocabularyMapping.objects.filter(updated_by=admin_user).count() == 2
    assert AuditEntry.objects.filter(batch__action="vocabulary_remember").count() == 2
    # The same file again: nothing is asked.
    post_file(act, client, path)
    second = ImportBatch.objects.latest("pk")
    assert second.pk != batch.pk and second.status == ImportBatch.Status.PREVIEWED
    assert second.report["unknown"] == {}
    assert not client.get(second.get_absolute_url()).context["resolve_form"].fields
