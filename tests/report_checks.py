"""Reading a generated analysis report back: PDF text, HTML references."""

from __future__ import annotations

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
