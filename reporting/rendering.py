"""Reports rendered to PDF (HTML templates and WeasyPrint, tagged PDF/UA) and to DOCX (python-docx).

Everything is rendered inside `translation.override(report.language)`, so headings, labels, dates
and page numbers are in the report's language; Arabic pages are laid out right to left.
"""

from __future__ import annotations

import datetime
import gc
import io
import logging
import re
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from reporting.content import report_content
from reporting.models import Report

PDF_VARIANT = "pdf/ua-1"
# fontTools reports every table it prunes and WeasyPrint each layout step: not news for anyone.
logging.getLogger("fontTools").setLevel(logging.WARNING)
logging.getLogger("weasyprint").setLevel(logging.ERROR)


@dataclass
class Rendered:
    pdf: bytes
    pages: int
    docx: bytes | None


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ").replace("\n", " ") + '"'


def page_counter_css() -> SafeString:
    """'Page X of Y' in the active language, as the CSS `content` of a page margin box."""
    parts = []
    for part in re.split(r"(%\(pages?\)s)", _("Page %(page)s of %(pages)s")):
        if part == "%(page)s":
            parts.append("counter(page)")
        elif part == "%(pages)s":
            parts.append("counter(pages)")
        elif part:
            parts.append(_css_string(part))
    return mark_safe(" ".join(parts))  # noqa: S308 - every literal is quoted and escaped


def report_html(report: Report, *, today: datetime.date) -> tuple[str, dict]:
    """The report as one HTML document for WeasyPrint, and the content it was made from."""
    context = report_content(report, today=today)
    context["page_counter"] = page_counter_css()
    context["rtl"] = translation.get_language_bidi()
    return render_to_string(f"reporting/pdf/{report.kind}.html", context), context


@contextmanager
def _few_collections():
    """WeasyPrint builds millions of boxes that live until the end: the cyclic garbage collector
    walking them again and again costs a third of the time of a long report, and frees nothing."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(200_000, 50, 1_000)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def html_to_pdf(html: str) -> tuple[bytes, int]:
    """A tagged PDF (PDF/UA) and its number of pages."""
    from weasyprint import HTML

    with _few_collections():
        document = HTML(string=html, base_url=str(settings.BASE_DIR)).render()
        # The variant belongs to write_pdf: given to render() it was ignored and the PDF was not tagged.
        return document.write_pdf(pdf_variant=PDF_VARIANT), len(document.pages)


def render_report(
    report: Report, *, today: datetime.date, progress: Callable[[int], None] | None = None
) -> Rendered:
    """Render `report` to PDF (and DOCX for a report to a mechanism), calling `progress` on the way."""
    step = progress or (lambda percent: None)
    with translation.override(report.language):
        html, context = report_html(report, today=today)
        step(50)
        pdf, pages = html_to_pdf(html)
        step(90)
        docx = mechanism_docx(context) if report.kind == Report.Kind.MECHANISM else None
    return Rendered(pdf=pdf, pages=pages, docx=docx)


# DOCX ---------------------------------------------------------------------------------------------


def _set_rtl(paragraph) -> None:
    from docx.oxml import OxmlElement

    paragraph._p.get_or_add_pPr().append(OxmlElement("w:bidi"))
    for run in paragraph.runs:
        run._r.get_or_add_rPr().append(OxmlElement("w:rtl"))


def mechanism_docx(context: dict) -> bytes:
    """The report to a mechanism as an editable Word document with the sections of the PDF."""
    from docx import Document

    report: Report = context["report"]
    rtl = context.get("rtl", False)
    document = Document()
    document.core_properties.title = report.title
    document.core_properties.language = report.language
    paragraphs = []

    def heading(text: str, level: int):
        paragraphs.append(document.add_heading(text, level))

    def para(text: str, style: str | None = None):
        paragraphs.append(document.add_paragraph(text, style=style))

    titles = dict(context["toc"])
    heading(report.title, 0)
    para(context["variant_label"])
    para(
        _("Period: %(start)s to %(end)s")
        % {"start": date_format(report.period_start), "end": date_format(report.period_end)}
    )
    heading(titles["summary"], 1)
    headline = context["headline"]
    para(_("Recommendations covered: %(n)s") % {"n": headline.total})
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text = _("Status")
    table.rows[0].cells[1].text = _("Recommendations")
    for _value, label, n in headline.by_status:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = str(label), str(n)
    heading(titles["measures"], 1)
    for group in context["groups"]:
        heading(group["title"], 2)
        for item in group["items"]:
            heading(item.reference, 3)
            para(item.text)
            if item.note:
                para(item.note)
            details = [_("Status: %(status)s") % {"status": item.status}]
            if item.position:
                details.append(_("Position of the State: %(position)s") % {"position": item.position})
            para(" · ".join(details))
            if item.measures:
                para(_("Measures taken"))
                for quote in item.measures:
                    date = date_format(quote.date) if quote.date else ""
                    para(f"{date} – {quote.institution}: {quote.text}", style="Quote")
    heading(titles["gaps"], 1)
    if not context["gaps"]:
        para(_("No gaps: every recommendation has validated measures."))
    for item, reason in context["gaps"]:
        para(f"{item.reference}: {reason}", style="List Bullet")
    if rtl:
        for paragraph in paragraphs:
            _set_rtl(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
