"""A small public tracker for the portal's browser tests: what the public may and may not see, side by side.

Built with the same services as the secretariat and the focal points use (as tests/portal/conftest.py
does), so that "published" means what the application means by it.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from focalpoints import services as updates
from recommendations.models import Country, Recommendation
from sdg.models import Goal, Target
from tests.factories import ClusterFactory, RecommendationFactory, SourceDocumentFactory
from tests.focalpoints.conftest import pdf_bytes

ARABIC_TEXT = "ضمان حصول كل امرأة على المساعدة القانونية في المناطق الريفية"
SPANISH_TEXT = "Garantizar que todas las mujeres tengan acceso a asistencia jurídica en las zonas rurales"
ENGLISH_TEXT = "Ensure that every woman has access to legal aid in rural areas"
WITHHELD_TEXT = "Withheld: open the rural detention files to inspectors"
DRAFT_NARRATIVE = "Draft: budget still under negotiation."
PUBLISHED_NARRATIVE = "Legal aid offices opened in 12 rural districts."


def build_public_tracker(*, focal, secretariat, justice, health) -> dict:
    """Published and withheld recommendations that match the same searches, in the same cluster and SDG
    target; a published progress update with one published and one unpublished evidence file; a draft."""
    from sdg.services import sdg_load_shipped

    # The SDG framework is loaded once per session, before the database is serialized for the transactional
    # tests' rollback: after the first browser test's flush it is gone, so it is loaded again when missing.
    if not Target.objects.filter(code="5.2").exists():
        sdg_load_shipped()
    goal, target = Goal.objects.get(code="5"), Target.objects.get(code="5.2")

    cluster = ClusterFactory(
        name_en="Justice for women",
        name_es="Justicia para las mujeres",
        name_ar="العدالة للنساء",
        objective_en="Access to justice for all women",
    )
    document = SourceDocumentFactory(symbol="A/HRC/52/12")
    published = RecommendationFactory(
        paragraph="118.7",
        source_document=document,
        text_en=ENGLISH_TEXT,
        text_es=SPANISH_TEXT,
        text_ar=ARABIC_TEXT,
        cluster=cluster,
        lead_institution=justice,
        position=Recommendation.Position.SUPPORTED,
        status="in_progress",
        status_date=datetime.date(2026, 3, 1),
    )
    published.recommending_states.set([Country.objects.get(code="DEU")])
    published.sdg_goals.set([goal])
    published.sdg_targets.set([target])
    other = RecommendationFactory(
        paragraph="118.9",
        source_document=document,
        text_en="Train judges in rural courts on violence against women",
        text_es="Capacitar a los jueces de los tribunales rurales sobre la violencia contra las mujeres",
        text_ar="تدريب القضاة في المحاكم الريفية على العنف ضد المرأة",
        cluster=cluster,
        lead_institution=health,
        status="not_started",
    )
    # Withheld, yet found by the same words, in the same cluster and linked to the same goal and target.
    withheld = RecommendationFactory(
        paragraph="118.8",
        source_document=document,
        text_en=WITHHELD_TEXT,
        text_es="Retenido: abrir los expedientes de detención rurales a los inspectores",
        text_ar="محجوب: فتح ملفات الاحتجاز الريفية للمفتشين",
        published=False,
        cluster=cluster,
        lead_institution=justice,
    )
    withheld.sdg_goals.set([goal])
    withheld.sdg_targets.set([target])

    update = updates.update_create(
        user=focal,
        item=published,
        values={
            "narrative": PUBLISHED_NARRATIVE,
            "period_start": datetime.date(2026, 1, 1),
            "period_end": datetime.date(2026, 6, 30),
        },
    )
    shown = updates.evidence_add(
        user=focal, update=update, upload=SimpleUploadedFile("decree.pdf", pdf_bytes("Decree"))
    )
    private = updates.evidence_add(
        user=focal, update=update, upload=SimpleUploadedFile("internal-memo.pdf", pdf_bytes("Internal memo"))
    )
    updates.update_submit(user=focal, update=update)
    updates.update_validate(user=secretariat, update=update, status="in_progress", publish=True)
    updates.evidence_set_published(user=secretariat, evidence=shown, published=True)
    draft = updates.update_create(user=focal, item=published, values={"narrative": DRAFT_NARRATIVE})
    return {
        "goal": goal,
        "target": target,
        "cluster": cluster,
        "published": published,
        "other": other,
        "withheld": withheld,
        "update": update,
        "draft": draft,
        "evidence": shown,
        "private_evidence": private,
    }
