"""A small public tracker: published and withheld recommendations, a published update with evidence."""

import datetime

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from focalpoints import services as updates
from sdg.models import Goal, Target
from tests.factories import ClusterFactory, RecommendationFactory
from tests.focalpoints.conftest import pdf_bytes


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.SITE_URL = "https://nmirf.example.gov"


@pytest.fixture
def portal_cache(settings):
    """Public pages and the workers' small tables served from copies, as deployed (the test settings turn
    them off); the cache is emptied before and after the test."""
    settings.PORTAL_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def tracker(db, justice, health, focal, secretariat):
    """What the public may and may not see, side by side."""
    cluster = ClusterFactory(name_en="Justice for women", objective_en="Access to justice for all women")
    hidden_cluster = ClusterFactory(name_en="Internal working group")
    published = RecommendationFactory(
        paragraph="118.7",
        text_en="Ensure that every woman has access to legal aid in rural areas",
        text_es="Garantizar que todas las mujeres tengan acceso a asistencia jurídica en las zonas rurales",
        text_ar="ضمان حصول كل امرأة على المساعدة القانونية في المناطق الريفية",
        cluster=cluster,
        lead_institution=justice,
        status="in_progress",
        status_date=datetime.date(2026, 3, 1),
    )
    published.sdg_goals.set(Goal.objects.filter(code="5"))
    published.sdg_targets.set(Target.objects.filter(code="5.2"))
    withheld = RecommendationFactory(
        paragraph="118.8",
        text_en="Withheld text about secret prisons",
        published=False,
        cluster=hidden_cluster,
        lead_institution=health,
    )
    update = updates.update_create(
        user=focal,
        item=published,
        values={
            "narrative": "Legal aid offices opened in 12 rural districts.",
            "period_start": datetime.date(2026, 1, 1),
            "period_end": datetime.date(2026, 6, 30),
        },
    )
    shown = updates.evidence_add(
        user=focal, update=update, upload=SimpleUploadedFile("decree.pdf", pdf_bytes("Decree"))
    )
    private = updates.evidence_add(
        user=focal, update=update, upload=SimpleUploadedFile("internal.pdf", pdf_bytes("Internal memo"))
    )
    updates.update_submit(user=focal, update=update)
    updates.update_validate(user=secretariat, update=update, status="in_progress", publish=True)
    updates.evidence_set_published(user=secretariat, evidence=shown, published=True)
    draft = updates.update_create(
        user=focal, item=published, values={"narrative": "Draft: budget still under negotiation."}
    )
    return {
        "cluster": cluster,
        "hidden_cluster": hidden_cluster,
        "published": published,
        "withheld": withheld,
        "update": update,
        "draft": draft,
        "evidence": shown,
        "private_evidence": private,
        "justice": justice,
        "health": health,
    }
