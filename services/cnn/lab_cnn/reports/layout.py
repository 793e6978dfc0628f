"""Which version of the report's own code wrote a report.

A finished report is served again to everyone who asks for the same model, version
and language. One written by an older template, stylesheet, sentences or questions
must not be: after an update the class would keep reading the old layout (headings
left at the foot of a page, questions built on noise). Reports are therefore kept in
a folder named after a fingerprint of this package's files, like the patterns are
kept under their method's name, and the folders of other layouts are removed.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
from pathlib import Path

logger = logging.getLogger(__name__)

_PACKAGE = Path(__file__).resolve().parent
_SOURCES = ("*.py", "templates/*")


def report_layout() -> str:
    """A short hash of the report package's code, template and stylesheet."""
    digest = hashlib.sha256()
    files = sorted(path for pattern in _SOURCES for path in _PACKAGE.glob(pattern))
    for path in files:
        if path.is_file():
            digest.update(path.relative_to(_PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return f"layout-{digest.hexdigest()[:12]}"


def reports_folder(root: Path) -> Path:
    """The folder of this layout's reports under ``root``; other layouts' removed."""
    layout = report_layout()
    if root.is_dir():
        for stale in root.iterdir():
            if stale.is_dir() and stale.name != layout:
                shutil.rmtree(stale, ignore_errors=True)
                logger.info("report.stale_removed", extra={"folder": stale.name})
    return root / layout
