"""ReportLab building blocks shared by every PDF: fonts, right-to-left text, tables, charts.

Pure (no Django): callers pass already-computed, already-translated data and get bytes back.

- One embedded font, DejaVu Sans, covers Latin, Arabic and the € sign, so a French name in an
  Arabic document (or the reverse) needs no font switching.
- Arabic is shaped (letters joined: arabic-reshaper) and reordered for display (python-bidi).
  Lines are broken in logical order first and each line is reordered afterwards, otherwise a
  wrapped paragraph would read its lines bottom-up.
- User text is escaped before it reaches Paragraph markup (CVE-2023-33733 class).
"""

import io
import math
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import arabic_reshaper

# The pure-Python algorithm (kept in python-bidi 0.6 as bidi.algorithm) mirrors brackets in
# right-to-left runs; the Rust-backed bidi.get_display does not, and "(dix jours)" in Arabic
# would print as ")…(".
from bidi.algorithm import get_display
from reportlab.graphics.shapes import Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from incubator.lib.charts import Chart

FONT_DIR = Path(__file__).resolve().parents[2] / "static" / "fonts"
FONT, FONT_BOLD = "Tremplin", "Tremplin-Bold"
BRAND = colors.HexColor("#0f5f5c")
BRAND_SOFT = colors.HexColor("#e3f1f0")
ACCENT = colors.HexColor("#c2571a")
INK = colors.HexColor("#1d2433")
MUTED = colors.HexColor("#5b6475")
LINE = colors.HexColor("#d9dee7")
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps"})
_RTL_CHARS = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def register_fonts() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD)


def is_rtl(language: str) -> bool:
    return language[:2] in RTL_LANGUAGES


def visual(text: str) -> str:
    """One line of text in display order: Arabic joined and reordered, other text untouched.

    >>> visual("Total")
    'Total'
    """
    if not _RTL_CHARS.search(text):
        return text
    return str(get_display(arabic_reshaper.reshape(text)))


class Styles:
    """Paragraph styles for one document language (alignment follows the writing direction)."""

    def __init__(self, language: str, base_size: int = 10):
        register_fonts()
        self.language = language
        self.rtl = is_rtl(language)
        align = TA_RIGHT if self.rtl else TA_LEFT
        self.body = ParagraphStyle(
            "body", fontName=FONT, fontSize=base_size, leading=base_size * 1.4, alignment=align,
            textColor=INK,
        )  # fmt: skip
        self.small = ParagraphStyle(
            "small", parent=self.body, fontSize=base_size - 2, leading=(base_size - 2) * 1.35,
            textColor=MUTED,
        )  # fmt: skip
        self.title = ParagraphStyle(
            "title", parent=self.body, fontName=FONT_BOLD, fontSize=base_size + 8,
            leading=(base_size + 8) * 1.3, textColor=BRAND, spaceAfter=4,
        )  # fmt: skip
        self.heading = ParagraphStyle(
            "heading", parent=self.body, fontName=FONT_BOLD, fontSize=base_size + 2,
            leading=(base_size + 2) * 1.4, spaceBefore=8, spaceAfter=4, textColor=INK,
        )  # fmt: skip
        self.cell = ParagraphStyle(
            "cell", parent=self.body, fontSize=base_size - 1, leading=(base_size - 1) * 1.3
        )
        self.cell_bold = ParagraphStyle("cell_bold", parent=self.cell, fontName=FONT_BOLD)
        self.number = ParagraphStyle("number", parent=self.cell, alignment=TA_RIGHT)
        self.number_bold = ParagraphStyle("number_bold", parent=self.number, fontName=FONT_BOLD)
        self.center = ParagraphStyle("center", parent=self.cell, alignment=TA_CENTER)

    def para(
        self, text: Any, style: ParagraphStyle | None = None, width: float | None = None
    ) -> Paragraph:
        """A paragraph of user or translated text, escaped, shaped and wrapped for its direction.

        ``width`` (points) lets right-to-left text be broken into lines before reordering; it
        defaults to the A4 frame width.
        """
        style = style or self.body
        text = "" if text is None else str(text)
        if not _RTL_CHARS.search(text):
            return Paragraph(escape(text).replace("\n", "<br/>"), style)
        width = width or (A4[0] - 36 * mm)
        shaped = arabic_reshaper.reshape(text)
        lines: list[str] = []
        for logical in shaped.split("\n"):
            lines.extend(simpleSplit(logical, style.fontName, style.fontSize, width) or [""])
        return Paragraph("<br/>".join(escape(str(get_display(line))) for line in lines), style)


def table(
    rows: Sequence[Sequence[Any]],
    *,
    widths: Sequence[float],
    styles: Styles,
    header_rows: int = 1,
    footer_rows: int = 0,
    numeric_columns: Sequence[int] = (),
    zebra: bool = True,
) -> Table:
    """A table of strings or flowables. Right-to-left documents get their columns mirrored.

    ``numeric_columns`` are right-aligned (amounts keep left-to-right digits in any language).
    """
    numeric = set(numeric_columns)
    body: list[list[Any]] = []
    for r, row in enumerate(rows):
        bold = r < header_rows or r >= len(rows) - footer_rows
        cells = []
        for c, value in enumerate(row):
            if isinstance(value, Flowable):
                cells.append(value)
                continue
            if c in numeric:
                style = styles.number_bold if bold else styles.number
            else:
                style = styles.cell_bold if bold else styles.cell
            cells.append(styles.para(value, style, width=widths[c] - 8))
        body.append(cells)
    col_widths = list(widths)
    if styles.rtl:
        body = [list(reversed(row)) for row in body]
        col_widths.reverse()
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, LINE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        commands += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), BRAND_SOFT),
            ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.8, BRAND),
        ]
    if footer_rows:
        commands.append(("LINEABOVE", (0, -footer_rows), (-1, -footer_rows), 0.8, INK))
    if zebra:
        for r in range(header_rows, len(rows) - footer_rows):
            if (r - header_rows) % 2:
                commands.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor("#f7f9fb")))
    result = Table(body, colWidths=col_widths, repeatRows=header_rows)
    result.setStyle(TableStyle(commands))
    return result


def key_values(
    pairs: Sequence[tuple[str, Any]], *, styles: Styles, widths: tuple[float, float]
) -> Table:
    """A two-column block of label / value, mirrored in right-to-left documents."""
    rows = [
        [styles.para(k, styles.small, widths[0]), styles.para(v, styles.cell_bold, widths[1])]
        for k, v in pairs
    ]
    return table(rows, widths=widths, styles=styles, header_rows=0, zebra=False)


EU_BLUE = colors.HexColor("#003399")  # Reflex Blue, as the EU's graphic specifications say
EU_YELLOW = colors.HexColor("#FFCC00")


def eu_emblem(height: float) -> Drawing:
    """The flag of Europe, drawn from its geometric description: a blue rectangle one and a
    half times as wide as it is high; twelve five-pointed gold stars, one point up, their
    centres on a circle whose radius is a third of the height, each star within a circle of
    a eighteenth of the height. EU-funded actions print it beside "Co-funded by the European
    Union".

    >>> flag = eu_emblem(60)
    >>> (flag.width, flag.height, len(flag.contents))
    (90.0, 60, 13)
    """
    width = height * 1.5
    flag = Drawing(width, height)
    flag.add(Rect(0, 0, width, height, fillColor=EU_BLUE, strokeColor=None))
    cx, cy, ring, outer = width / 2, height / 2, height / 3, height / 18
    inner = outer * math.sin(math.radians(18)) / math.sin(math.radians(126))
    for k in range(12):
        angle = math.radians(90 - 30 * k)  # clockwise from twelve o'clock, like a dial
        sx, sy = cx + ring * math.cos(angle), cy + ring * math.sin(angle)
        points = []
        for j in range(10):  # alternate outer and inner vertices, the first one up
            radius = outer if j % 2 == 0 else inner
            vertex = math.radians(90 + 36 * j)
            points += [sx + radius * math.cos(vertex), sy + radius * math.sin(vertex)]
        flag.add(Polygon(points, fillColor=EU_YELLOW, strokeColor=None))
    return flag


def drawing(chart: Chart, *, styles: Styles) -> Drawing:
    """A chart computed by ``incubator.lib.charts`` as a ReportLab drawing (y flipped)."""
    height = chart.height
    result = Drawing(chart.width, height)

    def y(value: int) -> int:
        return height - value

    for gy, label in chart.gridlines:
        result.add(Line(chart.left, y(gy), chart.right, y(gy), strokeColor=LINE, strokeWidth=0.5))
        result.add(String(chart.left - 4, y(gy) - 3, visual(label), fontName=FONT, fontSize=7,
                          fillColor=MUTED, textAnchor="end"))  # fmt: skip
    result.add(
        Line(chart.left, y(chart.baseline), chart.right, y(chart.baseline), strokeColor=MUTED)
    )
    for bar in chart.bars:
        fill = ACCENT if bar.style == "accent" else BRAND
        result.add(
            Rect(
                bar.x,
                y(bar.y + bar.height),
                bar.width,
                bar.height,
                fillColor=fill,
                strokeColor=None,
            )
        )
    for style, points in chart.lines:
        colour = ACCENT if style == "accent" else BRAND
        flat = [coordinate for x, py in points for coordinate in (x, y(py))]
        if points:
            under = [points[0][0], y(chart.baseline), *flat, points[-1][0], y(chart.baseline)]
            result.add(Polygon(under, fillColor=BRAND_SOFT, strokeColor=None))
        result.add(PolyLine(flat, strokeColor=colour, strokeWidth=1.5))
    for x, label in chart.x_labels:
        result.add(String(x, y(chart.bottom) - 12, visual(label), fontName=FONT, fontSize=7,
                          fillColor=MUTED, textAnchor="middle"))  # fmt: skip
    for k, (label, style) in enumerate(chart.legend):
        colour = ACCENT if style == "accent" else BRAND
        lx = chart.left + k * 140
        result.add(Rect(lx, 2, 8, 8, fillColor=colour, strokeColor=None))
        result.add(String(lx + 12, 3, visual(label), fontName=FONT, fontSize=8, fillColor=INK))
    return result


def build(
    story: Sequence[Flowable],
    *,
    title: str,
    styles: Styles,
    header: str = "",
    footer: str = "",
    page_label: Callable[[int], str] = str,
    wide: bool = False,
) -> bytes:
    """Lay out ``story`` on A4 (landscape if ``wide``) with a running header and page numbers."""
    buffer = io.BytesIO()
    pagesize = landscape(A4) if wide else A4
    doc = SimpleDocTemplate(
        buffer, pagesize=pagesize, title=title, author="Tremplin",
        leftMargin=18 * mm, rightMargin=18 * mm, topMargin=20 * mm, bottomMargin=18 * mm,
    )  # fmt: skip

    def decorate(canvas: Any, document: Any) -> None:
        canvas.saveState()
        width, page_height = pagesize
        canvas.setStrokeColor(BRAND)
        canvas.setLineWidth(2)
        canvas.line(18 * mm, page_height - 12 * mm, width - 18 * mm, page_height - 12 * mm)
        canvas.setFont(FONT, 8)
        canvas.setFillColor(MUTED)
        start, end = (width - 18 * mm, 18 * mm) if styles.rtl else (18 * mm, width - 18 * mm)
        draw_start = canvas.drawRightString if styles.rtl else canvas.drawString
        draw_end = canvas.drawString if styles.rtl else canvas.drawRightString
        if header:
            draw_start(start, page_height - 10 * mm, visual(header))
        if footer:
            draw_start(start, 10 * mm, visual(footer))
        draw_end(end, 10 * mm, visual(page_label(document.page)))
        canvas.restoreState()

    doc.build(list(story), onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()


def spacer(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)
