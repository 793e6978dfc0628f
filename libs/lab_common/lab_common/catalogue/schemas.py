"""What the catalogue answers: dataset descriptions, previews, training data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final, Literal

from pydantic import BaseModel, Field

from lab_common.text.datasets import TextSplit

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


class ClassCount(BaseModel):
    name: str
    count: int


class ImageSample(BaseModel):
    label: str
    png_data_url: str = Field(description="data:image/png;base64,... of the image.")


class TextSample(BaseModel):
    label: str
    text: str


class DatasetPreview(BaseModel):
    """Class counts (training split) and a few examples of each class."""

    id: str
    task: Task
    split: str
    class_counts: list[ClassCount]
    image_samples: list[ImageSample] = Field(default_factory=list)
    text_samples: list[TextSample] = Field(default_factory=list)


@dataclass(frozen=True)
class TextTrainingData:
    """Texts and integer labels (indices into ``class_names``) of every split."""

    train: TextSplit
    validation: TextSplit | None
    test: TextSplit
    class_names: list[str]
    id: str
