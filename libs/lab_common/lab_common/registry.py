"""The model registry: versioned model folders on disk and a ``production`` alias.

Layout under the registry root (``<ARCHILAB_HOME>/models``)::

    <name>/<version>/model.keras        the Keras model (written by the caller)
    <name>/<version>/metadata.json      ModelMetadata
    <name>/aliases.json                 {"production": "<version>"}
    <name>/aliases-history.jsonl        one line per promotion, append-only

A version is written into a hidden temporary folder and renamed into place, so a
crash never leaves a half-written version; the alias file is replaced atomically.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from lab_common.confusion import ConfusedCell
from lab_common.problems import ModelNotFound

MODEL_FILENAME = "model.keras"
METADATA_FILENAME = "metadata.json"
ALIASES_FILENAME = "aliases.json"
HISTORY_FILENAME = "aliases-history.jsonl"
PRODUCTION = "production"
# The models the inference pages serve unless CNN_MODEL_NAME, NLP_MODEL_EN or
# NLP_MODEL_FR say otherwise. The whole class uses them, so only an admin may
# move their production alias (the gateway reads the same variables).
SERVED_VISION_MODEL = "digits"
SERVED_SENTIMENT_MODEL_EN = "sentiment-en"
SERVED_SENTIMENT_MODEL_FR = "sentiment-fr"

# Names become folder names: keep them to a safe, portable alphabet.
MODEL_NAME_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
VERSION_PATTERN = r"^[1-9][0-9]{0,8}$"
_NAME_PATTERN = re.compile(MODEL_NAME_PATTERN)
_VERSION_PATTERN = re.compile(VERSION_PATTERN)


class DatasetRef(BaseModel):
    """Which data a model was trained and tested on."""

    id: str
    splits: dict[str, int] = Field(description="Split name -> number of examples.")
    description: str | None = None


class ModelMetadata(BaseModel):
    """The JSON sidecar stored next to every model version."""

    name: str
    version: str = ""
    task: Literal["image-classification", "text-classification"]
    class_names: list[str]
    input_shape: list[int]
    dataset: DatasetRef
    metrics: dict[str, float] = {}
    training_config: dict[str, Any] = {}
    duration_seconds: float
    created_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    framework: dict[str, str] = {}
    # Set when a training job made this version: who asked, and which job.
    owner: str | None = None
    job_id: str | None = None
    # Counts only (rows: true class, columns: predicted, in class_names order);
    # absent from versions made without a validation split or before it existed.
    validation_confusion: list[list[int]] | None = Field(
        default=None,
        description="Validation confusion counts: rows true, columns predicted.",
    )
    # A few validation rows of each off-diagonal cell (lab_common.confusion);
    # absent from image versions made before it existed, and from text versions.
    validation_confused: list[ConfusedCell] | None = Field(
        default=None,
        description="Per off-diagonal cell: positions in the validation split.",
    )

    @property
    def challenge_id(self) -> str | None:
        """The challenge a job trained this version in (its spec says so), if any."""
        value = self.training_config.get("challenge_id")
        return str(value) if value else None


class Promotion(BaseModel):
    """One line of the alias history."""

    alias: str
    version: str
    previous_version: str | None
    promoted_at: datetime
    actor: str | None = None
    reason: str | None = None


def _check_name(name: str) -> str:
    if not _NAME_PATTERN.fullmatch(name):
        raise ModelNotFound("invalid-name", name=name)
    return name


def _check_version(version: str) -> str:
    if not _VERSION_PATTERN.fullmatch(version):
        raise ModelNotFound("invalid-version", version=version)
    return version


def _write_json_atomically(path: Path, payload: str) -> None:
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


class ModelRegistry:
    """Reads and writes model versions under ``root``; safe across processes."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def model_dir(self, name: str) -> Path:
        return self.root / _check_name(name)

    def version_dir(self, name: str, version: str) -> Path:
        return self.model_dir(name) / _check_version(version)

    def model_path(self, name: str, version: str) -> Path:
        return self.version_dir(name, version) / MODEL_FILENAME

    def list_models(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(
            p.name
            for p in self.root.iterdir()
            if p.is_dir() and _NAME_PATTERN.fullmatch(p.name)
        )

    def list_versions(self, name: str) -> list[str]:
        """Complete versions of ``name``, oldest first (temporary folders excluded)."""
        folder = self.model_dir(name)
        if not folder.is_dir():
            return []
        versions = [
            p.name
            for p in folder.iterdir()
            if _VERSION_PATTERN.fullmatch(p.name) and (p / METADATA_FILENAME).is_file()
        ]
        return sorted(versions, key=int)

    def get_metadata(self, name: str, version: str) -> ModelMetadata:
        path = self.version_dir(name, version) / METADATA_FILENAME
        if not path.is_file():
            raise ModelNotFound("no-version", name=name, version=version)
        return ModelMetadata.model_validate_json(path.read_text(encoding="utf-8"))

    def register(
        self,
        metadata: ModelMetadata,
        write_artifacts: Callable[[Path], None],
    ) -> ModelMetadata:
        """Store a new version: ``write_artifacts(folder)`` writes the model files.

        Returns the metadata with its assigned version number.
        """
        folder = self.model_dir(metadata.name)
        folder.mkdir(parents=True, exist_ok=True)
        staging = folder / f".staging-{uuid.uuid4().hex}"
        staging.mkdir()
        try:
            write_artifacts(staging)
            return self._publish(staging, metadata)
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def _publish(self, staging: Path, metadata: ModelMetadata) -> ModelMetadata:
        with self._lock(metadata.name):
            existing = self.list_versions(metadata.name)
            version = str(int(existing[-1]) + 1) if existing else "1"
            stored = metadata.model_copy(update={"version": version})
            (staging / METADATA_FILENAME).write_text(
                stored.model_dump_json(indent=2), encoding="utf-8"
            )
            os.rename(staging, self.version_dir(metadata.name, version))
        return stored

    def aliases(self, name: str) -> dict[str, str]:
        path = self.model_dir(name) / ALIASES_FILENAME
        if not path.is_file():
            return {}
        aliases: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
        return aliases

    def production_version(self, name: str) -> str | None:
        return self.aliases(name).get(PRODUCTION)

    def promote(
        self,
        name: str,
        version: str,
        *,
        alias: str = PRODUCTION,
        actor: str | None = None,
        reason: str | None = None,
    ) -> Promotion:
        """Point ``alias`` at ``version`` and append the change to the history."""
        self.get_metadata(name, version)  # raises ModelNotFound for unknown versions
        with self._lock(name):
            aliases = self.aliases(name)
            promotion = Promotion(
                alias=alias,
                version=version,
                previous_version=aliases.get(alias),
                promoted_at=datetime.now(UTC),
                actor=actor,
                reason=reason,
            )
            history = self.model_dir(name) / HISTORY_FILENAME
            with history.open("a", encoding="utf-8") as handle:
                handle.write(promotion.model_dump_json() + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            aliases[alias] = version
            _write_json_atomically(
                self.model_dir(name) / ALIASES_FILENAME, json.dumps(aliases, indent=2)
            )
        return promotion

    def alias_history(self, name: str) -> list[Promotion]:
        path = self.model_dir(name) / HISTORY_FILENAME
        if not path.is_file():
            return []
        lines = path.read_text(encoding="utf-8").splitlines()
        return [Promotion.model_validate_json(line) for line in lines if line.strip()]

    @contextmanager
    def _lock(self, name: str) -> Iterator[None]:
        """An exclusive advisory lock per model, shared by all processes."""
        lock_path = self.model_dir(name) / ".lock"
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        with lock_path.open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
