"""The page's two dictionaries (frontend/js/i18n/fr.js and en.js) name the same
strings, so switching to English never shows a key or falls back to French."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

DICTIONARIES = Path(__file__).resolve().parents[3] / "frontend" / "js" / "i18n"

# Keys allowed in French only (the English page would show the French text).
# None today: every French string has its English counterpart.
FRENCH_ONLY_KEYS: frozenset[str] = frozenset()

_OPENING = re.compile(r"^export const [A-Z]+ = \{$")
_KEY = re.compile(r'^  "(?P<key>[^"\\]+)":(?: .*)?$')


def read_keys(language: str) -> list[str]:
    """The keys of `<language>.js` in file order, duplicates kept.

    The files are plain object literals, one key per line at two spaces with its
    value on the same line or on the following, deeper-indented lines; any other
    line fails here, so a key written another way cannot slip past the check.
    """
    lines = (DICTIONARIES / f"{language}.js").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if _OPENING.match(line))
    end = lines.index("};", start)
    keys = []
    for number, line in enumerate(lines[start + 1 : end], start=start + 2):
        match = _KEY.match(line)
        if match:
            keys.append(match["key"])
        elif line.strip() and not line.startswith(("    ", "  //")):
            raise AssertionError(f"{language}.js:{number}: unexpected line {line!r}")
    return keys


def test_french_and_english_dictionaries_have_the_same_keys() -> None:
    french, english = set(read_keys("fr")), set(read_keys("en"))

    assert french - english == FRENCH_ONLY_KEYS, "French keys without English"
    assert english - french == set(), "English keys without French"


def test_french_only_keys_are_still_french_keys() -> None:
    french = set(read_keys("fr"))

    assert FRENCH_ONLY_KEYS <= french


def test_dictionaries_name_each_key_once() -> None:
    for language in ("fr", "en"):
        keys = read_keys(language)

        repeated = [key for key, count in Counter(keys).items() if count > 1]
        assert repeated == [], f"{language}.js repeats {repeated}"
        assert len(keys) > 100, f"{language}.js: too few keys read, parser broken?"
