"""A small data set for reports: recommendations of the UPR and the CRC in three languages, with
validated updates, an action, an indicator and a deadline past due."""

import datetime
import io

import pytest
from pypdf import PdfReader

from focalpoints.models import DataPoint
from tests.factories import (
    ActionFactory,
    ClusterFactory,
    ImpactIndicatorFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    SourceDocumentFactory,
    mechanism,
)

LAST_YEAR = datetime.date.today() - datetime.timedelta(days=30)


@pytest.fixture(autouse=True)
def own_files(settings, tmp_path):
    """Each test its own folder for report files: on SQLite report ids start at 1 again in every test,
    so files another test left would be taken for this test's."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def data(justice, health, secretariat):
    cluster = ClusterFactory(
        name_en="Justice for children", name_fr="Justice pour enfants", name_ar="العدالة للأطفال"
    )
    upr_doc = SourceDocumentFactory(symbol="A/HRC/54/15", cycle=4)
    crc = mechanism("CRC")
    crc_doc = SourceDocumentFactory(symbol="CRC/C/FRA/CO/6-7", mechanism=crc, cycle=None)
    legislation = RecommendationFactory(
        text_en="Adopt a law protecting human rights defenders",
        text_fr="Adopter une loi protégeant les défenseurs des droits humains",
        text_ar="اعتماد قانون يحمي المدافعين عن حقوق الإنسان",
        paragraph="118.12",
        source_document=upr_doc,
        cycle=4,
        position="supported",
        cluster=cluster,
        lead_institution=justice,
        requires_legislation=True,
        status="in_progress",
        update_deadline=datetime.date.today() - datetime.timedelta(days=10),
    )
    english_only = RecommendationFactory(
        text_en="Raise the minimum age of criminal responsibility",
        paragraph="118.3",
        source_document=upr_doc,
        cycle=4,
        position="noted",
        lead_institution=health,
        status="not_started",
    )
    child = RecommendationFactory(
        text_en="Establish juvenile courts in every region",
        text_fr="Créer des tribunaux pour mineurs dans chaque région",
        text_ar="إنشاء محاكم للأحداث في كل منطقة",
        mechanism=crc,
        source_document=crc_doc,
        paragraph="41",
        cluster=cluster,
        lead_institution=justice,
        status="partially_implemented",
    )
    update = ProgressUpdateFactory(
        recommendation=legislation,
        institution=justice,
        narrative="<p>The draft law was tabled in parliament in March.</p>",
        reviewed_at=datetime.datetime.combine(LAST_YEAR, datetime.time(12), datetime.UTC),
    )
    ProgressUpdateFactory(
        recommendation=child,
        institution=justice,
        narrative="<p>Two juvenile courts opened in the north.</p>",
        applied_status="partially_implemented",
    )
    action = ActionFactory(
        recommendation=legislation, lead_institution=justice, title_en="Draft the defenders law"
    )
    indicator = ImpactIndicatorFactory(name_en="Attacks on defenders recorded")
    indicator.recommendations.add(legislation)
    DataPoint.objects.create(indicator=indicator, date=LAST_YEAR, value=17)
    return {
        "legislation": legislation,
        "english_only": english_only,
        "child": child,
        "update": update,
        "action": action,
        "cluster": cluster,
        "crc": crc,
    }


def read(field) -> bytes:
    with field.open("rb") as file:
        return file.read()


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
