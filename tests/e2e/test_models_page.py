"""The models page asks before it moves a production alias: a promotion or a
rollback names the model and the version in a dialog; cancelling changes nothing."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from lab_common.registry import DatasetRef, ModelMetadata, ModelRegistry
from tests.conftest import LabStack

pytestmark = pytest.mark.e2e


def write_placeholder_model(folder: Path) -> None:
    # Never loaded: no service serves this model, the page only reads metadata.
    (folder / "model.keras").write_bytes(b"placeholder")


def register_two_versions(lab_stack: LabStack) -> str:
    """A fresh model with versions 1 and 2, version 1 in production."""
    registry = ModelRegistry(lab_stack.home / "models")
    name = f"e2e-confirm-{uuid.uuid4().hex[:8]}"
    for _ in range(2):
        metadata = ModelMetadata(
            name=name,
            task="image-classification",
            class_names=[str(digit) for digit in range(10)],
            input_shape=[28, 28, 1],
            dataset=DatasetRef(id="mnist-5k", splits={"train": 4000, "test": 1000}),
            metrics={"accuracy": 0.9},
            training_config={"epochs": 2},
            duration_seconds=1.5,
            owner="admin",
        )
        registry.register(metadata, write_placeholder_model)
    registry.promote(name, "1")
    return name


def open_versions(page: Page, lab_stack: LabStack, name: str) -> None:
    page.goto(f"/models.html?model={name}")
    page.get_by_label("Clé d'API").fill(lab_stack.admin_key)


def test_cancelling_the_promotion_dialog_changes_nothing(
    page: Page, lab_stack: LabStack
) -> None:
    name = register_two_versions(lab_stack)
    open_versions(page, lab_stack, name)

    page.get_by_role("button", name="Mettre v2 en production").click()
    dialog = page.get_by_role("dialog", name="Mettre en production ?")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(re.compile(rf"version 2 de «\W*{name}\W*»"))
    dialog.get_by_role("button", name="Annuler").click()

    expect(dialog).to_be_hidden()
    expect(page.locator("#promotion-status")).to_be_empty()
    expect(page.get_by_role("button", name="Mettre v2 en production")).to_be_enabled()
    registry = ModelRegistry(lab_stack.home / "models")
    assert registry.production_version(name) == "1"
    assert [p.version for p in registry.alias_history(name)] == ["1"]


def test_confirming_the_promotion_dialog_promotes(
    page: Page, lab_stack: LabStack
) -> None:
    name = register_two_versions(lab_stack)
    open_versions(page, lab_stack, name)

    page.get_by_role("button", name="Mettre v2 en production").click()
    page.get_by_role("dialog").get_by_role("button", name="Confirmer").click()

    expect(page.get_by_role("status")).to_contain_text("maintenant en production")
    assert ModelRegistry(lab_stack.home / "models").production_version(name) == "2"


def test_a_rollback_is_confirmed_in_english_too(
    page: Page, lab_stack: LabStack
) -> None:
    name = register_two_versions(lab_stack)
    ModelRegistry(lab_stack.home / "models").promote(name, "2")
    open_versions(page, lab_stack, name)
    page.get_by_role("button", name="English").click()

    page.get_by_role("button", name="Roll back to v1").click()
    dialog = page.get_by_role("dialog", name="Roll back to an earlier version?")
    expect(dialog).to_contain_text(f"version 1 of “{name}”")
    expect(dialog).to_contain_text("instead of version 2")
    dialog.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("status")).to_contain_text("production")
    assert ModelRegistry(lab_stack.home / "models").production_version(name) == "1"
