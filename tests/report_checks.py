"""Reading a generated analysis report back: PDF text, HTML references."""

from __future__ import annotations

import html as html_module
import io
import re

import pypdf

from lab_cnn.reports.texts import SECTION_TITLES


def pdf_text(pdf: bytes) -> str:
    """All pages' text, every kind of space turned into one plain space."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\u00a0", " "))


def missing_section_titles(text: str, language: str) -> list[str]:
    return [
        title
        for title in SECTION_TITLES[language].values()  # type: ignore[index]
        if title not in text
    ]


def external_references(html: str) -> list[str]:
    """src/href values that are not inline data: the page must stand alone."""
    links = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)""", html)
    imports = re.findall(r"@import|url\((?!\s*['\"]?data:)", html)
    return [link for link in links if not link.startswith("data:")] + imports


# Text below this height (PDF points from the bottom) is the page-number footer.
FOOTER_TOP_POINTS = 40.0


def _heading_blocks(html: str) -> tuple[set[str], list[str]]:
    """The h2/h3 texts of the report, and the paragraph that introduces each one."""
    pairs = re.findall(
        r"<h[23]>(.*?)</h[23]>\s*(?:<p>(.*?)</p>)?", html, flags=re.DOTALL
    )
    headings = {_plain(heading) for heading, _ in pairs}
    intros = [_plain(intro) for _, intro in pairs if intro]
    return headings, intros


def _plain(text: str) -> str:
    text = html_module.unescape(re.sub(r"<[^>]+>", "", text))
    return re.sub(
        r"\s+", " ", text.replace("\u202f", " ").replace("\u00a0", " ")
    ).strip()


def _bottom_item(page: pypdf.PageObject) -> tuple[str, str] | None:
    """The lowest thing printed on the page above the footer: ("text", line) or
    ("image", name). Lines are the text drawn at one height."""
    lines: dict[float, list[str]] = {}
    images: list[float] = []

    def on_text(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            height = round(tm[4] * cm[1] + tm[5] * cm[3] + cm[5], 1)
            lines.setdefault(height, []).append(text)

    def on_operator(operator: bytes, args: list, cm: list[float], _tm: object) -> None:
        if operator == b"Do":  # an image fills the unit square mapped by cm
            images.append(min(cm[5], cm[5] + cm[3]))

    page.extract_text(visitor_text=on_text, visitor_operand_before=on_operator)
    items = [
        (height, "text", _plain("".join(parts))) for height, parts in lines.items()
    ]
    items += [(height, "image", "") for height in images]
    items = [item for item in items if item[0] > FOOTER_TOP_POINTS and item[2] != "•"]
    if not items:
        return None
    _, kind, text = min(items)
    return kind, text


def pages_ending_with_a_heading(pdf: bytes, html: str) -> list[tuple[int, str]]:
    """(page number, last line) of every page whose last printed line is a section
    heading or the paragraph introducing it, its content left for the next page."""
    headings, intros = _heading_blocks(html)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    found = []
    for number, page in enumerate(reader.pages, start=1):
        bottom = _bottom_item(page)
        if bottom is None or bottom[0] != "text" or number == len(reader.pages):
            continue
        line = re.sub(r"^\d+\.\s*$", "", bottom[1])  # a list number drawn apart
        if line and (line in headings or any(line in intro for intro in intros)):
            found.append((number, line))
    return found
