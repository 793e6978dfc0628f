"""Model registry: atomic versions, production alias and its history."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from lab_common.problems import ModelNotFound
from lab_common.registry import (
    ALIASES_FILENAME,
    DatasetRef,
    ModelMetadata,
    ModelRegistry,
)


def metadata(name: str = "digits") -> ModelMetadata:
    return ModelMetadata(
        name=name,
        task="image-classification",
        class_names=[str(i) for i in range(10)],
        input_shape=[28, 28, 1],
        dataset=DatasetRef(id="mnist-5k", splits={"train": 4000, "test": 1000}),
        metrics={"test_accuracy": 0.99},
        duration_seconds=1.5,
    )


def write_weights(folder: Path) -> None:
    (folder / "model.keras").write_bytes(b"weights")


def test_register_numbers_versions_from_one(tmp_path: Path) -> None:
    registry = ModelRegistry(tmp_path)

    first = registry.register(metadata(), write_weights)
    second = registry.register(metadata(), write_weights)

    assert (first.version, second.version) == ("1", "2")
    assert registry.list_versions("digits") == ["1", "2"]
    assert registry.model_path("digits", "2").read_bytes() == b"weights"


def test_register_stores_the_metadata_sidecar(tmp_path: Path) -> None:
    registry = ModelRegistry(tmp_path)

    stored = registry.register(metadata(), write_weights)

    assert registry.get_metadata("digits", "1") == stored
    assert stored.metrics == {"test_accuracy": 0.99}


def test_register_leaves_nothing_when_writing_fails(tmp_path: Path) -> None:
    registry = ModelRegistry(tmp_path)

    def crash_midway(folder: Path) -> None:
        (folder / "model.keras").write_bytes(b"half")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        registry.register(metadata(), crash_midway)

    assert registry.list_versions("digits") == []
    leftovers = [p.name for p in (tmp_path / "digits").iterdir() if p.name != ".lock"]
    assert leftovers == []


def test_list_versions_ignores_folders_without_metadata(tmp_path: Path) -> None:
    registry = ModelRegistry(tmp_path)
    registry.register(metadata(), write_weights)
    (tmp_path / "digits" / "2").mkdir()  # e.g. copied by hand, incomplete

    assert registry.list_versions("digits") == ["1"]


def test_register_gives_concurrent_writers_distinct_versions(tmp_path: Path) -> None:
    registry = ModelRegistry(tmp_path)
    versions: list[str] = []

    def register() -> None:
        versions.append(registry.register(metadata(), write_weights).version)

    threads = [threading.Thread(target=register) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(versions, key=int) == [str(v) for v in range(1, 9)]


def test_promote_sets_production_and_appends_history(tmp_path: Path) -> None:
    registry = ModelRegistry(tmp_path)
    registry.register(metadata(), write_weights)
    registry.register(metadata(), write_weights)

    registry.promote("digits", "1", actor="bootstrap")
    registry.promote("digits", "2", reason="better accuracy")

    assert registry.production_version("digits") == "2"
    history = registry.alias_history("digits")
    assert [(p.version, p.previous_version) for p in history] == [
        ("1", None),
        ("2", "1"),
    ]
    assert history[0].actor == "bootstrap"


def test_promote_rejects_an_unknown_version(tmp_path: Path) -> None:
    registry = ModelRegistry(tmp_path)
    registry.register(metadata(), write_weights)

    with pytest.raises(ModelNotFound):
        registry.promote("digits", "7")

    assert not (tmp_path / "digits" / ALIASES_FILENAME).exists()


def test_production_version_is_none_before_any_promotion(tmp_path: Path) -> None:
    assert ModelRegistry(tmp_path).production_version("digits") is None


@pytest.mark.parametrize("name", ["../etc", "Digits", "", "a/b"])
def test_registry_rejects_unsafe_model_names(tmp_path: Path, name: str) -> None:
    with pytest.raises(ModelNotFound):
        ModelRegistry(tmp_path).model_dir(name)


def test_metadata_written_before_the_confusion_counts_still_loads(
    tmp_path: Path,
) -> None:
    registry = ModelRegistry(tmp_path)
    stored = registry.register(metadata(), write_weights)
    path = tmp_path / "digits" / stored.version / "metadata.json"
    old = json.loads(path.read_text(encoding="utf-8"))
    del old["validation_confusion"]
    del old["validation_confused"]
    path.write_text(json.dumps(old), encoding="utf-8")

    loaded = registry.get_metadata("digits", stored.version)

    assert loaded.validation_confusion is None
    assert loaded.validation_confused is None
    assert loaded.class_names == stored.class_names


def test_metadata_keeps_the_validation_confusion_counts(tmp_path: Path) -> None:
    registry = ModelRegistry(tmp_path)
    counts = [[5, 1], [0, 4]]

    stored = registry.register(
        metadata().model_copy(
            update={"class_names": ["neg", "pos"], "validation_confusion": counts}
        ),
        write_weights,
    )

    assert registry.get_metadata("digits", stored.version).validation_confusion == [
        [5, 1],
        [0, 4],
    ]
