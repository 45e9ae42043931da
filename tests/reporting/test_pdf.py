"""Each kind of report, in English, French and Arabic, rendered by the task and read back with pypdf."""

import io
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document

from reporting import services
from reporting.models import Report, ReportVersion
from tests.reporting.conftest import pdf_pages, read

pytestmark = pytest.mark.django_db

ARABIC = re.compile(r"[\u0600-\u06FF]")
HEADINGS = {
    "parliament": ["Summary", "Progress by cluster", "Annex: recommendations in scope", "Recommendations that require legislation"],
    "mechanism": ["Summary", "Measures taken, by cluster", "Gaps"],
    "institution": ["Summary", "Assignments", "Overdue items"],
}  # fmt: skip


def translated(lang: str, message: str, **values) -> str:
    """The text as the report shows it in `language` (English until the translations are compiled)."""
    with translation.override(lang):
        return _(message) % values if values else _(message)


def generate(user, values, django_capture_on_commit_callbacks) -> ReportVersion:
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_create(user=user, values=values)
    version = report.versions.get()
    assert version.status == ReportVersion.Status.DONE, version.error
    return version


def values_for(kind: str, language: str, data, justice) -> dict:
    values = {"kind": kind, "language": language}
    if kind == "mechanism":
        values["cycle"] = 4
    if kind == "institution":
        values["institution"] = justice
    return values


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
@pytest.mark.parametrize("kind", ["parliament", "mechanism", "institution"])
def test_each_kind_renders_a_readable_pdf(
    kind, language, data, justice, secretariat, django_capture_on_commit_callbacks
):
    version = generate(
        secretariat, values_for(kind, language, data, justice), django_capture_on_commit_callbacks
    )

    pages = pdf_pages(read(version.pdf))
    text = "\n".join(pages)
    assert version.pages == len(pages) >= 4
    if language == "ar":
        assert len(ARABIC.findall(text)) > 50
        assert "118.12" in text
        assert "قانون" in text  # the Arabic text of the recommendation is text, not shapes
    else:
        for heading in HEADINGS[kind]:
            assert translated(language, heading) in text, heading
        for number, page in enumerate(pages, 1):
            assert translated(language, "Page %(page)s of %(pages)s", page=number, pages=len(pages)) in page
        assert (
            translated(
                language, "%(document)s, para. %(paragraph)s", document="A/HRC/54/15", paragraph="118.12"
            )
            in text
        )
        recommendation = {
            "en": "Adopt a law protecting human rights defenders",
            "fr": "Adopter une loi protégeant",
        }
        assert recommendation[language] in text.replace("\n", " ")
    if kind == "parliament" and language == "en":
        assert "The draft law was tabled in parliament in March." in text.replace("\n", " ")
        assert "Raise the minimum age of criminal responsibility" in text.replace("\n", " ")
        assert "Attacks on defenders recorded" in text
        assert re.search(r"3\s*recommendations in scope", text)
    if kind == "mechanism" and language == "fr":
        assert "Raise the minimum age" in text.replace("\n", " ")  # untranslated: the original, with a note
        note = translated("fr", "Not yet translated: the original text, in %(language)s.", language="anglais")
        assert note.split(":")[0] in text.replace("\n", " ")


def test_mechanism_report_quotes_measures_and_lists_gaps(
    data, secretariat, django_capture_on_commit_callbacks
):
    version = generate(secretariat, {"kind": "mechanism"}, django_capture_on_commit_callbacks)

    text = " ".join(pdf_pages(read(version.pdf))).replace("\n", " ")
    assert "UPR national report: UPR – cycle 4" in text
    assert "The draft law was tabled in parliament in March." in text
    assert "A/HRC/54/15, para. 118.3" in text
    assert "No validated measure has been reported." in text
    assert "Juvenile" not in text  # the CRC's recommendation is not in a report to the UPR


def test_treaty_body_follow_up_covers_its_latest_concluding_observations(
    data, secretariat, django_capture_on_commit_callbacks
):
    values = {"kind": "mechanism", "mechanism": data["crc"], "variant": "followup", "language": "en"}
    version = generate(secretariat, values, django_capture_on_commit_callbacks)

    text = " ".join(pdf_pages(read(version.pdf))).replace("\n", " ")
    assert "CRC/C/FRA/CO/6-7, para. 41" in text
    assert "Two juvenile courts opened in the north." in text
    assert "118.12" not in text


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_docx_has_the_sections_of_the_pdf(
    language, data, secretariat, django_capture_on_commit_callbacks
):
    version = generate(
        secretariat, {"kind": "mechanism", "language": language}, django_capture_on_commit_callbacks
    )

    document = Document(io.BytesIO(read(version.docx)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    pdf = " ".join(pdf_pages(read(version.pdf)))
    report = Report.objects.get()
    assert headings[0] == report.title or document.paragraphs[0].text == report.title
    for _anchor, title in version.report and _toc(report):
        assert title in headings
        if language == "en":
            assert title in pdf
    body = "\n".join(p.text for p in document.paragraphs)
    assert "118.12" in body
    assert "The draft law was tabled in parliament in March." in body or language == "ar"


def _toc(report):
    from django.utils import timezone, translation

    from reporting.content import report_content

    with translation.override(report.language):
        return report_content(report, today=timezone.localdate())["toc"]


def _structure(node, found: list) -> None:
    node = node.get_object()
    if not isinstance(node, dict):
        return
    if "/S" in node:
        found.append((str(node["/S"]), node.get("/Alt")))
    kids = node.get("/K")
    for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
        _structure(kid, found)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_pdf_is_tagged_with_its_language_and_every_chart_has_alternative_text(
    language, data, justice, secretariat, django_capture_on_commit_callbacks
):
    """PDF/UA as the README promises: a structure tree, the document language, headings and tables
    as structure, and a text alternative for each chart (read back with pypdf)."""
    from pypdf import PdfReader

    version = generate(
        secretariat, values_for("parliament", language, data, justice), django_capture_on_commit_callbacks
    )
    catalog = PdfReader(io.BytesIO(read(version.pdf))).trailer["/Root"]
    assert catalog["/Lang"] == language and catalog["/MarkInfo"]["/Marked"]
    elements: list = []
    _structure(catalog["/StructTreeRoot"], elements)
    kinds = {kind for kind, _alt in elements}
    assert {"/H1", "/Table", "/TH", "/TD", "/Figure"} <= kinds, kinds
    figures = [alt for kind, alt in elements if kind == "/Figure"]
    assert figures and all(alt and str(alt).strip() for alt in figures), figures
