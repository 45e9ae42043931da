"""The Vocabulary mappings page: who sees it, changing a decision, and sharing mappings as CSV."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nmirf.models import AuditEntry
from recommendations.models import ConcernedGroup, Country, Theme
from vocabulary import services
from vocabulary.models import VocabularyMapping

pytestmark = pytest.mark.django_db

HEADER = "source_format,kind,value,decision,target\n"


@pytest.fixture
def mappings(admin_user):
    services.mappings_remember(
        user=admin_user,
        source_format="uprinfo",
        values={
            "theme": {"Arbitrary arrests": str(Theme.objects.get(code="arbitrary-arrest-detention").pk)},
            "state": {"Absurdistan": "ignore"},
        },
    )
    services.mappings_remember(
        user=admin_user,
        source_format="matrix",
        values={"group": {"Female persons": str(ConcernedGroup.objects.get(code="women-girls").pk)}},
    )
    return VocabularyMapping.objects.all()


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("mappings.csv", text.encode(), content_type="text/csv")


def test_only_import_administrators_see_the_page(personas, mappings):
    mapping = mappings.first()
    urls = [
        reverse("workspace:vocabulary_list"),
        reverse("workspace:vocabulary_edit", args=[mapping.pk]),
        reverse("workspace:vocabulary_export"),
    ]
    for persona, client in personas.items():
        may = persona == "admin"
        for url in urls:
            status = client.get(url).status_code
            assert status == (200 if may else 302 if persona == "public" else 404), (persona, url)
        if not may:
            response = client.post(reverse("workspace:vocabulary_delete", args=[mapping.pk]))
            assert (
                response.status_code in (302, 404)
                and VocabularyMapping.objects.filter(pk=mapping.pk).exists()
            )
            response = client.post(reverse("workspace:vocabulary_import"), {"file": _csv(HEADER)})
            assert response.status_code in (302, 404)
    page = personas["admin"].get(reverse("workspace:home")).content.decode()
    assert 'href="/en/workspace/vocabulary/"' in page
    assert (
        "Vocabulary mappings" not in personas["secretariat"].get(reverse("workspace:home")).content.decode()
    )


def test_the_list_shows_every_decision_and_filters(personas, mappings):
    client = personas["admin"]
    page = client.get(reverse("workspace:vocabulary_list")).content.decode()
    assert (
        "map to Arbitrary arrest &amp; detention" in page
        and "Absurdistan" in page
        and "Female persons" in page
    )
    page = client.get(reverse("workspace:vocabulary_list"), {"source_format": "matrix"}).content.decode()
    assert "Female persons" in page and "Absurdistan" not in page


def test_a_decision_is_changed_on_its_page_and_audited(personas, mappings, admin_user):
    client = personas["admin"]
    mapping = VocabularyMapping.objects.get(value="Absurdistan")
    url = reverse("workspace:vocabulary_edit", args=[mapping.pk])
    response = client.post(url, {"decision": "map", "target": ""})
    assert response.status_code == 200 and "Choose the value it maps to." in response.content.decode()
    france = Country.objects.get(code="FRA")
    response = client.post(url, {"decision": "map", "target": str(france.pk)})
    assert response.status_code == 302
    mapping.refresh_from_db()
    assert (mapping.decision, mapping.target_id) == ("map", france.pk)
    entry = AuditEntry.objects.get(batch__action="vocabulary_update")
    assert entry.before["decision"] == "ignore" and entry.after["target_id"] == france.pk
    client.post(reverse("workspace:vocabulary_delete", args=[mapping.pk]))
    assert not VocabularyMapping.objects.filter(pk=mapping.pk).exists()
    assert AuditEntry.objects.filter(batch__action="vocabulary_delete").exists()


def test_export_then_import_round_trip(personas, mappings, admin_user):
    client = personas["admin"]
    response = client.get(reverse("workspace:vocabulary_export"))
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    assert text.startswith(HEADER)
    assert "uprinfo,theme,Arbitrary arrests,map,arbitrary-arrest-detention" in text
    assert "uprinfo,state,Absurdistan,ignore," in text
    before = {(m.source_format, m.kind, m.key, m.decision, m.target_id) for m in mappings}
    VocabularyMapping.objects.all().delete()
    response = client.post(reverse("workspace:vocabulary_import"), {"file": _csv(text)}, follow=True)
    assert "3 mappings added or changed." in response.content.decode()
    after = {
        (m.source_format, m.kind, m.key, m.decision, m.target_id) for m in VocabularyMapping.objects.all()
    }
    assert after == before
    # The same file again changes nothing.
    assert services.mappings_import(user=admin_user, text=text) == 0


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("format,kind,value\nuprinfo,theme,Detention\n", "Row 1: the header must be"),
        (
            HEADER + "uprinfo,theme,Detention,map,no-such-theme\n",
            "Row 2: the target “no-such-theme” is unknown.",
        ),
        (
            HEADER + "uprinfo,theme,Detention,ignore,\nuprinfo,theme,DETENTION.,create,\n",
            "Row 3: the same value as row 2.",
        ),
        (HEADER + "uprinfo,colour,Blue,ignore,\n", "Row 2: “colour” is not a list."),
        (HEADER + "uprinfo,theme,Detention,perhaps,\n", "Row 2: “perhaps” is not a decision."),
    ],
)
def test_a_bad_file_is_refused_with_the_row_and_reason_and_changes_nothing(personas, mappings, text, reason):
    before = list(VocabularyMapping.objects.values())
    good = (
        HEADER
        + "matrix,theme,Torture,map,prohibition-of-torture-ill-treatment-including-cruel-inhuman-or-degrading-treatment\n"
    )
    bad = text if text.startswith("format") else text + good.removeprefix(HEADER)
    response = personas["admin"].post(
        reverse("workspace:vocabulary_import"), {"file": _csv(bad)}, follow=True
    )
    page = response.content.decode()
    assert "The file was refused; nothing was changed." in page
    assert reason.replace("“", "&ldquo;").replace("”", "&rdquo;") in page or reason in page
    assert list(VocabularyMapping.objects.values()) == before
    assert not AuditEntry.objects.filter(batch__action="vocabulary_import").exists()
