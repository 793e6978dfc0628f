"""Numbers and punctuation as each report language writes them.

French: decimal comma, a narrow no-break space between thousands, before ``%``
and before ``: ; ! ?``; English: decimal point and thousands comma.
"""

from __future__ import annotations

import re
from typing import Literal

Language = Literal["fr", "en"]
NARROW_NBSP = "\u202f"
NBSP = "\u00a0"

_BEFORE_HIGH_PUNCTUATION = re.compile(r" ([:;!?»])")
_AFTER_OPENING_QUOTE = re.compile(r"« ")


def format_number(value: float, digits: int, language: Language) -> str:
    text = f"{value:,.{digits}f}"
    if language == "fr":
        text = text.replace(",", NARROW_NBSP).replace(".", ",")
    return text


def format_percent(share: float, digits: int, language: Language) -> str:
    """A share in [0, 1] as a percentage: ``0.991`` -> ``99,1 %`` or ``99.1%``."""
    number = format_number(100 * share, digits, language)
    return f"{number}{NARROW_NBSP}%" if language == "fr" else f"{number}%"


def typeset(text: str, language: Language) -> str:
    """Bind French high punctuation to the word before it (no line break there)."""
    if language != "fr":
        return text
    text = _BEFORE_HIGH_PUNCTUATION.sub(lambda m: NARROW_NBSP + m.group(1), text)
    return _AFTER_OPENING_QUOTE.sub("«" + NARROW_NBSP, text)
