"""Every sentence a user reads from the server, in French and English, in one place.

The catalogue holds problem titles and details (``problem.<code>`` is the title of
the problem ``/problems/<code>``, ``problem.<code>.<variant>`` one of its details),
the validation sentences per pydantic error type (``validation.<type>``), the
lines of a training job's log (``job.log.<code>``), the reasons a job ended
without a model (``job.error.<code>``), the doubts an answer has about its input
(``input-warning.<code>``), what the inside of a recurrent cell shows
(``cell.<key>``), the automatic diagnosis of a job (``diagnosis.<key>``) and a
few words that go inside sentences (``term.<word>``).
Each entry is ``(French, English)`` with ``{name}`` placeholders filled from the
message's params; ``{name!t}`` looks the value up as a term, ``{name!b}`` writes
a byte count ("10 Mo" / "10 MB").

**Adding a sentence** is one entry in the matching module (``problems_*.py``,
``validation.py``, ``jobs.py``): the raise site names the variant and params,
e.g. ``raise ModelNotFound("no-version", name=name, version=version)``, and
``tests/unit/lab_common/test_messages.py`` fails until both languages exist with
the same placeholders as the raise site's params.

**Language.** Each request's language comes from ``Accept-Language``: the
supported language (``fr``, ``en``) with the highest weight wins. French first:
ArchiLab is a French course, so French answers when the header is absent, is
``*``, or names neither language. ``LanguageMiddleware`` sets it once per
request; ``current_language()`` reads it (French outside any request).
"""

from __future__ import annotations

import logging
import string
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Literal, cast

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lab_common.messages.cells import CELLS
from lab_common.messages.diagnosis import DIAGNOSIS, DIAGNOSIS_TERMS
from lab_common.messages.jobs import JOB_ERRORS, JOB_LOG, TERMS
from lab_common.messages.problems_challenges import (
    PROBLEMS_CHALLENGES,
    SUBMISSION_ERRORS,
)
from lab_common.messages.problems_common import PROBLEMS_COMMON
from lab_common.messages.problems_datasets import PROBLEMS_DATASETS
from lab_common.messages.problems_services import PROBLEMS_SERVICES
from lab_common.messages.validation import VALIDATION
from lab_common.messages.warnings import INPUT_WARNINGS

logger = logging.getLogger(__name__)

Language = Literal["fr", "en"]
LANGUAGES: tuple[Language, ...] = ("fr", "en")
DEFAULT_LANGUAGE: Language = "fr"
ParamValue = str | int | float

Sentence = tuple[str, str]  # (French, English)


def _prefixed(prefix: str, entries: Mapping[str, Sentence]) -> dict[str, Sentence]:
    return {f"{prefix}.{key}": sentence for key, sentence in entries.items()}


def _french_spacing(entries: dict[str, Sentence]) -> dict[str, Sentence]:
    """French puts a no-break space before ``: ; ? !`` and inside « »."""
    spaced = {}
    for key, (french, english) in entries.items():
        for before, after in (
            (" :", "\u00a0:"),
            (" ;", "\u00a0;"),
            (" ?", "\u00a0?"),
            (" !", "\u00a0!"),
            ("« ", "«\u00a0"),
            (" »", "\u00a0»"),
        ):
            french = french.replace(before, after)
        spaced[key] = (french, english)
    return spaced


SENTENCES: dict[str, Sentence] = _french_spacing(
    {
        **_prefixed("problem", PROBLEMS_COMMON),
        **_prefixed("problem", PROBLEMS_DATASETS),
        **_prefixed("problem", PROBLEMS_CHALLENGES),
        **_prefixed("problem", PROBLEMS_SERVICES),
        **_prefixed("validation", VALIDATION),
        **_prefixed("job.log", JOB_LOG),
        **_prefixed("job.error", JOB_ERRORS),
        **_prefixed("submission.error", SUBMISSION_ERRORS),
        **_prefixed("input-warning", INPUT_WARNINGS),
        **_prefixed("cell", CELLS),
        **_prefixed("term", TERMS),
        **_prefixed("diagnosis", DIAGNOSIS),
        **_prefixed("term", DIAGNOSIS_TERMS),
    }
)

_language: ContextVar[Language] = ContextVar("language", default=DEFAULT_LANGUAGE)


def current_language() -> Language:
    """The language of the request being handled (French outside requests)."""
    return _language.get()


@contextmanager
def use_language(language: Language) -> Iterator[None]:
    """Render in ``language`` inside the block (tests, workers, streams)."""
    token = _language.set(language)
    try:
        yield
    finally:
        _language.reset(token)


def _weighted(part: str) -> tuple[str, float]:
    tag, _, rest = part.strip().partition(";")
    weight = 1.0
    for parameter in rest.split(";"):
        name, _, value = parameter.strip().partition("=")
        if name.strip().lower() == "q":
            try:
                weight = float(value)
            except ValueError:
                weight = 0.0
    return tag.strip().lower().split("-")[0], weight


def negotiate_language(header: str | None) -> Language:
    """The supported language ``Accept-Language`` prefers; French if it names none.

    ``"en-GB,en;q=0.9"`` → en; ``"de, en;q=0.5"`` → en; ``"de"``, ``"*"`` or
    no header → fr. Between equal weights the first named wins.
    """
    best: Language = DEFAULT_LANGUAGE
    best_weight = 0.0
    for part in (header or "").split(","):
        tag, weight = _weighted(part)
        if tag in LANGUAGES and weight > best_weight:
            best, best_weight = cast(Language, tag), weight
    return best


class LanguageMiddleware:
    """Sets the request's language from ``Accept-Language`` and says which it used.

    Pure ASGI like ``RequestIdMiddleware``, so streamed bodies see the language;
    answers carry ``Content-Language`` and ``Vary: Accept-Language``.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        header = dict(scope["headers"]).get(b"accept-language", b"")
        language = negotiate_language(header.decode("latin-1"))

        async def send_with_language(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                if not any(name.lower() == b"content-language" for name, _ in headers):
                    headers.append((b"content-language", language.encode()))
                headers.append((b"vary", b"Accept-Language"))
            await send(message)

        with use_language(language):
            await self.app(scope, receive, send_with_language)


def _byte_size(value: Any, language: Language) -> str:
    size = float(value)
    units = ("o", "Ko", "Mo", "Go") if language == "fr" else ("B", "KB", "MB", "GB")
    if size < 1024:
        return f"{int(size)} {'octets' if language == 'fr' else 'bytes'}"
    for unit in units[1:]:
        size /= 1024
        if size < 1024 or unit == units[-1]:
            break
    return _number(round(size, 1), language) + f" {unit}"


def _number(value: float, language: Language) -> str:
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return text.replace(".", ",") if language == "fr" else text


class _Formatter(string.Formatter):
    def __init__(self, language: Language) -> None:
        super().__init__()
        self.language = language

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if conversion == "t":
            return render(f"term.{value}", {}, self.language, missing=str(value))
        if conversion == "b":
            return _byte_size(value, self.language)
        return super().convert_field(value, conversion)

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, float) and not format_spec:
            return _number(value, self.language)
        return super().format_field(value, format_spec)


def placeholders(template: str) -> set[str]:
    """The param names ``template`` fills (``{name}``, ``{name!t}``)."""
    return {
        name for _, name, _, _ in string.Formatter().parse(template) if name is not None
    }


def render(
    key: str,
    params: Mapping[str, Any] | None = None,
    language: Language | None = None,
    *,
    missing: str | None = None,
) -> str:
    """The sentence ``key`` in ``language`` (default: the request's), filled.

    A key the catalogue lacks renders as ``missing`` (or the key itself) and is
    logged, so a forgotten sentence shows up instead of breaking an answer.
    """
    sentence = SENTENCES.get(key)
    if sentence is None:
        if missing is None:
            logger.warning("messages.missing", extra={"key": key})
        return key if missing is None else missing
    language = language or current_language()
    template = sentence[0] if language == "fr" else sentence[1]
    try:
        return _Formatter(language).format(template, **dict(params or {}))
    except (KeyError, IndexError, ValueError) as exc:
        logger.warning("messages.unfilled", extra={"key": key, "error": str(exc)})
        return template
