"""The demo data set: a realistic national data set, the demo users, idempotence and determinism."""

import re
import uuid
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from focalpoints.models import FocalPoint, Institution
from nmirf.demo.loader import DemoResult, demo_load
from nmirf.models import AuditBatch, AuditEntry, User
from recommendations.models import Cluster, Country, Recommendation, SourceDocument
from sdg.models import Goal, Target

pytestmark = pytest.mark.django_db

PASSWORD = "a-demo-password-for-tests"


@pytest.fixture
def loaded() -> DemoResult:
    return demo_load(password=PASSWORD)


def demo_recommendations():
    return Recommendation.objects.filter(state__code="XVD")


def fingerprint() -> list:
    """Everything a run writes about each recommendation, by primary key."""
    rows = demo_recommendations().order_by("pk")
    relations = {
        name: sorted(rows.filter(**{f"{name}__isnull": False}).values_list("pk", name))
        for name in (
            "themes",
            "groups",
            "sdg_goals",
            "sdg_targets",
            "recommending_states",
            "supporting_institutions",
        )
    }
    scalars = list(
        rows.values_list(
            "pk",
            "external_id",
            "source_document__symbol",
            "paragraph",
            "text_en",
            "text_fr",
            "text_es",
            "text_ar",
            "position",
            "status",
            "status_date",
            "published",
            "cluster_id",
            "lead_institution_id",
            "requires_legislation",
        )
    )
    clusters = list(Cluster.objects.order_by("pk").values_list("pk", "name_en", "lead_institution_id"))
    institutions = list(Institution.objects.order_by("pk").values_list("pk", "name_en", "kind", "membership"))
    return [scalars, relations, clusters, institutions]


def test_the_data_set_is_large_varied_and_linked(loaded):
    recommendations = demo_recommendations()
    total = recommendations.count()
    assert total >= 400
    assert loaded.counts["recommendations"].created == total

    mechanisms = Counter(recommendations.values_list("mechanism__type", "mechanism__code"))
    assert len({code for kind, code in mechanisms if kind == "treaty_body"}) >= 6
    assert len({code for kind, code in mechanisms if kind == "special_procedure"}) >= 2
    upr = recommendations.filter(mechanism__code="UPR")
    assert set(upr.values_list("cycle", flat=True)) == {3, 4}
    assert set(upr.values_list("source_document__symbol", flat=True)) == {
        "A/HRC/39/14",
        "A/HRC/54/15",
        "A/HRC/54/15/Add.1",
    }
    positions = Counter(upr.filter(kind="recommendation").values_list("position", flat=True))
    assert positions["supported"] > positions["noted"] > positions["supported_in_part"] > 0
    assert "" not in positions
    assert not recommendations.exclude(mechanism__code="UPR").exclude(position="").exists()
    # Every UPR recommendation names one recommending State, in its text too, and many States recommend.
    for text, state in upr.filter(kind="recommendation").values_list(
        "text_en", "recommending_states__name_en"
    ):
        assert text.endswith(f"({state});") or state in {"United Kingdom", "United States", "Vietnam"}
    assert Country.objects.filter(recommendations_made__state__code="XVD").distinct().count() >= 80
    assert set(recommendations.values_list("kind", flat=True)) == {
        "recommendation",
        "observation",
        "voluntary_pledge",
    }
    assert re.fullmatch(r"121\.\d+", upr.filter(cycle=3).first().paragraph)
    assert recommendations.filter(mechanism__code="CRC", paragraph="22 (a)").exists()

    for symbol in ("CRC/C/XVD/CO/5-6", "A/HRC/55/52/Add.1", "A/HRC/54/15"):
        document = SourceDocument.objects.get(symbol=symbol)
        assert document.state.code == "XVD" and document.date and document.session
        assert (document.cycle is not None) == (document.mechanism.code == "UPR")

    statuses = Counter(recommendations.values_list("status", flat=True))
    assert len(statuses) >= 5 and statuses["no_information"] < total / 2
    assert not recommendations.exclude(status="no_information").filter(status_date=None).exists()
    assert 5 <= recommendations.filter(published=False).count() <= 15
    assert 0.05 * total <= recommendations.filter(requires_legislation=True).count() <= 0.2 * total
    assert recommendations.filter(cluster=None).count() < 0.1 * total
    assert recommendations.filter(lead_institution=None).count() < 0.1 * total
    assert recommendations.filter(supporting_institutions__isnull=False).distinct().count() > 0.3 * total

    translated = recommendations.exclude(text_fr="").exclude(text_es="").exclude(text_ar="")
    assert (
        translated.filter(text_fr__isnull=False, text_es__isnull=False, text_ar__isnull=False).count() >= 40
    )
    assert translated.filter(text_fr__startswith="Ratifier", text_ar__contains="التصديق").exists()
    originals = Counter(recommendations.values_list("original_language", flat=True))
    assert 2 <= originals["fr"] + originals["es"] <= 3 and originals["fr"] and originals["es"]
    assert recommendations.get(original_language="fr").text_fr.startswith("Adopter une loi")

    sentences = {
        re.sub(r" \([^()]*\);$", "", text) for text in recommendations.values_list("text_en", flat=True)
    }
    assert len(sentences) >= 200

    assert not recommendations.filter(themes=None).exists()
    violence = recommendations.filter(
        text_en__contains="violence against women", mechanism__code="UPR"
    ).first()
    assert "5" in set(violence.sdg_goals.values_list("code", flat=True))
    assert "5.2" in set(violence.sdg_targets.values_list("code", flat=True))
    assert violence.groups.filter(code="women-girls").exists()

    external_ids = [value for value in recommendations.values_list("external_id", flat=True) if value]
    assert len(external_ids) == recommendations.exclude(kind="voluntary_pledge").count()
    assert len(set(external_ids)) == len(external_ids)
    assert all(uuid.UUID(value).version == 5 for value in external_ids)

    for recommendation in recommendations.select_related("mechanism", "source_document"):
        recommendation.clean()  # positions, cycles and documents consistent with the mechanism

    assert 18 <= Cluster.objects.count() <= 22
    assert (
        not Cluster.objects.filter(name_fr=None).exists() and not Cluster.objects.filter(name_ar="").exists()
    )
    institutions = Institution.objects.all()
    assert institutions.count() >= 25
    assert not institutions.filter(name_es=None).exists() and not institutions.filter(name_ar="").exists()
    assert {"ministry", "state_agency", "parliament", "judiciary", "statistics_office", "nhri"} <= set(
        institutions.values_list("kind", flat=True)
    )
    assert institutions.get(name_en="Ministry of Justice").membership == "full"
    assert institutions.get(name_en="National Human Rights Commission").membership == "observer"
    assert institutions.get(name_en="National Police").parent.name_en == "Ministry of the Interior"

    batch = AuditBatch.objects.get(action="load_demo")
    assert batch.entries.filter(operation="create").count() == total + Cluster.objects.count() + (
        SourceDocument.objects.filter(state__code="XVD").count()
    )
    entry = AuditEntry.objects.filter(batch=batch, object_repr__startswith="CRC ").first()
    assert entry.after["external_id"] and entry.after["themes"]


def test_demo_users_have_their_roles_and_institutions(loaded):
    expected = {
        "admin": "Administrator",
        "secretariat": "Secretariat",
        "focal": "Focal point",
        "focal_deputy": "Focal point",
        "focal2": "Focal point",
        "consultative": "Consultative member",
    }
    for username, role in expected.items():
        user = User.objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert user.check_password(PASSWORD)
        assert user.first_name and user.last_name and user.email == f"{username}@example.org"
        assert user.is_superuser == user.is_staff == (username == "admin")
    focal_points = {
        fp.user.username: fp
        for fp in FocalPoint.objects.select_related("user", "institution").filter(end_date=None)
    }
    assert set(focal_points) == {"focal", "focal_deputy", "focal2"}
    assert focal_points["focal"].institution.name_en == "Ministry of Justice"
    assert focal_points["focal"].role == "focal_point"
    assert str(focal_points["focal"].start_date) == "2023-01-01"
    assert focal_points["focal_deputy"].institution == focal_points["focal"].institution
    assert focal_points["focal_deputy"].role == "deputy"
    assert focal_points["focal2"].institution.name_en == "Ministry of Health"


def test_a_second_run_creates_nothing_and_writes_the_same_data(loaded):
    before = fingerprint()
    again = demo_load(password=PASSWORD)
    assert again.created == 0 and again.updated == 0
    assert all(tally.unchanged for tally in again.counts.values())
    assert not again.sdg_loaded
    assert fingerprint() == before
    assert AuditBatch.objects.filter(action="load_demo").count() == 1
    assert "Nothing to change" in again.summary()[-1]


def test_a_second_run_puts_changed_demo_data_back_and_records_it(loaded):
    recommendation = demo_recommendations().get(mechanism__code="CAT", paragraph="9")
    original_status = recommendation.status
    Recommendation.objects.filter(pk=recommendation.pk).update(status="not_applicable", text_fr="")
    recommendation.themes.clear()
    focal = User.objects.get(username="focal")
    focal.groups.clear()
    FocalPoint.objects.filter(user=focal).update(title="Someone else")

    again = demo_load(password="a-new-password")

    assert (again.counts["recommendations"].updated, again.counts["recommendations"].created) == (1, 0)
    assert again.counts["users"].updated == 6  # the new password
    assert again.counts["focal points"].updated == 1
    recommendation.refresh_from_db()
    assert recommendation.status == original_status
    assert recommendation.text_fr.startswith("Le Comité recommande")
    assert recommendation.themes.exists()
    focal.refresh_from_db()
    assert focal.check_password("a-new-password") and focal.groups.get().name == "Focal point"
    update = AuditEntry.objects.get(batch__action="load_demo", operation="update")
    assert update.object_id == str(recommendation.pk)
    assert update.before["status"] == "not_applicable" and update.after["status"] == original_status


def test_command_loads_the_sdg_framework_and_generates_a_password_when_needed(monkeypatch):
    Goal.objects.all().delete()
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    monkeypatch.delenv("DEMO_PASSWORD_FILE", raising=False)
    out = StringIO()
    call_command("load_demo", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[:2] == ["Demo data: Valdoria (XVD)", "  SDG framework: loaded first (it was missing)"]
    assert Target.objects.count() == 169
    assert any(
        re.fullmatch(r"  recommendations: \d{3} created, 0 updated, 0 unchanged", line) for line in lines
    )
    password = lines[-1].rsplit(" ", 1)[1]
    assert lines[-1].startswith("Password of the demo users (generated") and len(password) >= 12
    assert User.objects.get(username="secretariat").check_password(password)

    monkeypatch.setenv("DEMO_PASSWORD", password)
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert out.getvalue().splitlines()[-1] == "Nothing to change: the demo data is already loaded."


def test_command_refuses_an_empty_password():
    with pytest.raises(CommandError, match="non-empty password") as error:
        call_command("load_demo", "--password", "", stdout=StringIO())
    assert "\n" not in str(error.value)
    assert not User.objects.filter(username="admin").exists()
