"""Is a short text French or English? (``lab_common.text.languages``, shared
with the trainer, which tells an uploaded dataset's language the same way.)"""

from __future__ import annotations

from lab_common.text.languages import detect_language

__all__ = ["detect_language"]
