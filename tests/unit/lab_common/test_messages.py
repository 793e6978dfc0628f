"""The one catalogue of sentences: complete, consistent, and used as written.

Walks every ``LabError`` subclass of every package and every place that names a
sentence (raises, ``job_log``/``job_error``, ``FieldError``, our pydantic
errors), so a new raise without its French and English fails here.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from lab_common.messages import SENTENCES, negotiate_language, placeholders, render
from lab_common.problems import HttpError, LabError

ROOT = Path(__file__).resolve().parents[3]
PACKAGES = ["lab_common", "lab_cnn", "lab_nlp", "lab_gateway", "lab_trainer"]
SOURCES = [ROOT / "libs" / "lab_common", *(ROOT / "services").glob("*/lab_*")]
SPECIAL_KEYWORDS = {"headers", "errors", "members"}
# Raise sites that name their sentence with a variable (each of its values is
# a literal at the caller: upstream.py's ``_unavailable(upstream, "unreachable")``).
DYNAMIC_SITES = {
    ("services/cnn/lab_cnn/inference.py", "ModelUnavailable"),
    ("services/gateway/lab_gateway/upstream.py", "UpstreamUnavailable"),
    # The caller names the sentence (``variant="image-json"``, default "fields").
    ("libs/lab_common/lab_common/bodies.py", "ValidationFailed"),
    # The router names what is uploaded (``not_multipart=``, ``too_large=``).
    ("services/gateway/lab_gateway/uploads.py", "UnsupportedMediaType"),
    ("services/gateway/lab_gateway/uploads.py", "PayloadTooLarge"),
}


def _import_everything() -> None:
    for name in PACKAGES:
        package = importlib.import_module(name)
        for module in pkgutil.walk_packages(package.__path__, f"{name}."):
            importlib.import_module(module.name)


def _subclasses(cls: type[LabError]) -> Iterator[type[LabError]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


@pytest.fixture(scope="module")
def lab_errors() -> dict[str, type[LabError]]:
    _import_everything()
    return {c.__name__: c for c in _subclasses(LabError) if c is not HttpError}


def _code(cls: type[LabError]) -> str:
    return cls.type.rsplit("/", 1)[-1]


def test_every_lab_error_has_a_french_and_english_title(
    lab_errors: dict[str, type[LabError]],
) -> None:
    assert len(lab_errors) > 40  # every service's errors were imported

    for cls in lab_errors.values():
        french, english = SENTENCES[f"problem.{_code(cls)}"]
        assert french and english and french != english or french == english == ""
        assert placeholders(french) == placeholders(english) == set(), cls


def test_every_sentence_has_the_same_placeholders_in_both_languages() -> None:
    for key, (french, english) in SENTENCES.items():
        assert placeholders(french) == placeholders(english), key
        values = dict.fromkeys(placeholders(french), 3)
        for language in ("fr", "en"):
            rendered = render(key, values, language)
            assert rendered, key
            assert not any("{" + name in rendered for name in values), key


# --- every sentence used in the code exists ----------------------------------


def _calls() -> Iterator[tuple[str, ast.Call]]:
    for source in SOURCES:
        for path in source.rglob("*.py"):
            relative = str(path.relative_to(ROOT))
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call):
                    yield relative, node


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _literal(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _keywords(call: ast.Call) -> set[str] | None:
    """The params a call passes; None when it spreads a mapping (``**params``)."""
    if any(k.arg is None for k in call.keywords):
        return None
    return {k.arg for k in call.keywords if k.arg} - SPECIAL_KEYWORDS


def _dict_keys(node: ast.expr | None) -> set[str]:
    if isinstance(node, ast.Dict):
        return {k.value for k in node.keys if isinstance(k, ast.Constant)}
    return set()


def _sentence_uses(
    lab_errors: dict[str, type[LabError]],
) -> Iterator[tuple[str, str, str | None, set[str] | None]]:
    """(site, catalogue key or None if not literal, params given or None)."""
    for path, call in _calls():
        name = _name(call)
        first = _literal(call.args[0]) if call.args else None
        if name in lab_errors:
            code = _code(lab_errors[name])
            if first is None and (path, name) in DYNAMIC_SITES:
                continue
            params = _keywords(call)
            if params is not None and any(k.arg == "errors" for k in call.keywords):
                params.add("errors")
            key = f"problem.{code}.{first}" if first else None
            yield f"{path}:{call.lineno} {name}", name, key, params
        elif name in ("job_log", "job_error") and path.startswith("services"):
            kind = "log" if name == "job_log" else "error"
            key = f"job.{kind}.{first}" if first else None
            yield f"{path}:{call.lineno} {name}", name, key, _keywords(call)
        elif name == "FieldError" and len(call.args) >= 2:
            key = f"validation.{_literal(call.args[1])}"
            params = _dict_keys(call.args[2]) if len(call.args) > 2 else set()
            yield f"{path}:{call.lineno} {name}", name, key, params
        elif name == "PydanticCustomError":
            key = f"validation.{first}"
            params = _dict_keys(call.args[2]) if len(call.args) > 2 else set()
            yield f"{path}:{call.lineno} {name}", name, key, params


def test_every_sentence_named_in_the_code_exists_with_its_params(
    lab_errors: dict[str, type[LabError]],
) -> None:
    uses = list(_sentence_uses(lab_errors))
    assert len(uses) > 100  # the walk found the raise sites

    for site, _, key, params in uses:
        assert key is not None, f"{site}: name the sentence with a literal variant"
        assert key in SENTENCES, f"{site}: no sentence {key} in lab_common.messages"
        wanted = placeholders(SENTENCES[key][0])
        if key.startswith("job.error.data-unusable"):
            wanted -= {"detail"}
        if params is not None:
            assert wanted <= params, f"{site}: {key} also needs {wanted - params}"


def test_job_messages_render_in_both_languages_from_code_and_params() -> None:
    from lab_common.job_messages import job_error, render_job_message

    error = job_error("loss-diverged", value="infinite", epoch=1, batch=12)

    assert error.message.startswith("The loss became infinite at epoch 1, batch 12")
    french = render_job_message("error", error.code, error.params, "fr")
    assert french.startswith("La perte est devenue infinie à l'époque 1, lot 12")


# --- language negotiation -------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "language"),
    [
        (None, "fr"),
        ("", "fr"),
        ("*", "fr"),
        ("de-DE, it;q=0.8", "fr"),
        ("fr-FR,fr;q=0.9,en;q=0.8", "fr"),
        ("en-GB,en;q=0.9", "en"),
        ("EN", "en"),
        ("de, en;q=0.5", "en"),
        ("en;q=0.3, fr;q=0.7", "fr"),
        ("fr;q=0, en", "en"),
        ("en;q=abc, fr", "fr"),
    ],
)
def test_negotiate_language_prefers_the_heaviest_supported_then_french(
    header: str | None, language: str
) -> None:
    assert negotiate_language(header) == language
