"""Server-side SVG charts for the PDF reports and the dashboards.

Simple and accessible: each chart is an `<svg role="img">` with a `<title>` and a `<desc>`, every bar
is labelled with its figure in text, an HTML legend names each colour, and the page shows a data table
beside every chart, so nothing is conveyed by colour alone. Colours are from a palette that stays
distinct for the common forms of colour blindness and in greyscale.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from django.utils.safestring import SafeString, mark_safe

from reporting.statistics import STATUSES, StatusRow

# One colour per implementation status (Okabe–Ito), from "no information" to "not applicable".
STATUS_COLOURS = dict(
    zip(STATUSES.values, ["#bbbbbb", "#e69f00", "#56b4e9", "#0072b2", "#009e73", "#6f6f6f"], strict=True)
)
LABEL_WIDTH = 190
BAR_WIDTH = 300
ROW_HEIGHT = 22
MAX_LABEL = 34


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def _label(index: int, label: str, numbered: bool) -> str:
    return str(index + 1) if numbered else escape(_short(label))


def stacked_status_bars(
    rows: Sequence[StatusRow], *, title: str, description: str, numbered: bool = False
) -> SafeString:
    """One horizontal bar per row, split by status, the total written at its end. With `numbered`, rows
    are labelled 1, 2, 3… as in the table beside (for right-to-left languages: WeasyPrint lays SVG text
    out left to right)."""
    rows = list(rows)
    label_width = 40 if numbered else LABEL_WIDTH
    height = ROW_HEIGHT * len(rows) + 4
    width = label_width + BAR_WIDTH + 50
    largest = max((row.total for row in rows), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>{escape(title)}</title><desc>{escape(description)}</desc>'
    ]
    for index, row in enumerate(rows):
        y = index * ROW_HEIGHT
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end" font-size="10">'
            f"{_label(index, row.label, numbered)}</text>"
        )
        x = float(label_width)
        for status, _status_label in STATUSES.choices:
            n = row.counts.get(status, 0)
            if not n:
                continue
            w = BAR_WIDTH * n / largest
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{ROW_HEIGHT - 8}" '
                f'fill="{STATUS_COLOURS[status]}" stroke="#ffffff" stroke-width="0.5"/>'
            )
            x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 15}" font-size="10">{row.total}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above


def status_legend() -> SafeString:
    """The colour of each status, as an HTML list beside the charts (its text laid out by the page)."""
    items = "".join(
        # A coloured box drawn by CSS, not an image: it adds nothing to the text beside it, so a tagged PDF
        # must not announce it as a figure without a text alternative.
        f'<li><span class="swatch" style="background-color: {STATUS_COLOURS[status]}"></span> '
        f"{escape(str(label))}</li>"
        for status, label in STATUSES.choices
    )
    return mark_safe(f'<ul class="chart-legend">{items}</ul>')  # noqa: S308 - the labels are escaped


def percent_bars(
    items: Sequence[tuple[str, int]], *, title: str, description: str, numbered: bool = False
) -> SafeString:
    """One horizontal bar per share, from 0 to 100 %, the percentage written at its end."""
    items = list(items)
    label_width = 40 if numbered else LABEL_WIDTH
    width, height = label_width + BAR_WIDTH + 50, ROW_HEIGHT * len(items) + 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>{escape(title)}</title><desc>{escape(description)}</desc>'
    ]
    for index, (label, percent) in enumerate(items):
        y = index * ROW_HEIGHT
        w = BAR_WIDTH * max(0, min(percent, 100)) / 100
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end" font-size="10">'
            f"{_label(index, label, numbered)}</text>"
            f'<rect x="{label_width}" y="{y + 4}" width="{BAR_WIDTH}" height="{ROW_HEIGHT - 8}" fill="#eeeeee"/>'
            f'<rect x="{label_width}" y="{y + 4}" width="{w:.1f}" height="{ROW_HEIGHT - 8}" fill="#0072b2"/>'
            f'<text x="{label_width + BAR_WIDTH + 4}" y="{y + 15}" font-size="10">{percent} %</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above
