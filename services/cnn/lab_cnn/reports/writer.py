"""The report's sentences and numbers, written in one language."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from lab_cnn.reports.language import Language, format_number, format_percent, typeset
from lab_cnn.reports.texts import MONTHS_FR, TEXT


class Writer:
    """Formats numbers and sentences in one language."""

    def __init__(self, language: Language) -> None:
        self.language = language

    def text(self, key: str, **values: Any) -> str:
        return typeset(TEXT[self.language][key].format(**values), self.language)

    def number(self, value: float, digits: int = 0) -> str:
        return format_number(value, digits, self.language)

    def percent(self, share: float, digits: int = 1) -> str:
        return format_percent(share, digits, self.language)

    def date(self, moment: datetime) -> str:
        if self.language == "fr":
            return f"{moment.day} {MONTHS_FR[moment.month - 1]} {moment.year}"
        return moment.strftime("%-d %B %Y")
