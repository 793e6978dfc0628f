"""How the catalogue describes a dataset: one ``DatasetInfo`` per dataset."""

from __future__ import annotations

from datetime import datetime
from typing import Final, Literal

from pydantic import BaseModel, Field

IMAGE_TASK: Final = "image-classification"
TEXT_TASK: Final = "text-classification"
Task = Literal["image-classification", "text-classification"]
Origin = Literal["builtin", "course-data", "upload"]


class DatasetInfo(BaseModel):
    """One dataset of the catalogue, and whether this server can train on it."""

    id: str
    task: Task
    title: str
    title_fr: str | None = Field(default=None, description="The title in French.")
    language: str | None = Field(default=None, description="Texts only (en, fr).")
    licence: str
    source: str
    classes: list[str]
    size: dict[str, int] = Field(description="Examples per split (train, test...).")
    input_shape: list[int] | None = Field(
        default=None, description="Images only: [height, width, channels]."
    )
    available: bool
    unavailable_reason: str | None = None
    origin: Origin
    owner: str | None = Field(default=None, description="Uploads: who sent it.")
    created_at: datetime | None = None
