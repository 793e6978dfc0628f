"""Settings of the cnn service, read from ``CNN_*`` environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from lab_common.registry import SERVED_VISION_MODEL
from lab_common.settings import ImageUploadLimit, ServingSettings

InferenceEngine = Literal["litert", "tensorflow"]


class Settings(ServingSettings, ImageUploadLimit):
    """The image body limit is ``ImageUploadLimit``: the gateway reads it too."""

    model_config = SettingsConfigDict(env_prefix="CNN_", extra="ignore")

    service_name: str = "cnn"
    models_dir: Path = Field(
        default=Path(".archilab/models"),
        description="Root of the model registry (<ARCHILAB_HOME>/models).",
    )
    cache_dir: Path = Field(
        default=Path(".archilab/cache"),
        description="Derived files worth keeping: filter patterns, reports.",
    )
    model_name: str = Field(
        default=SERVED_VISION_MODEL, description="Registry model to serve."
    )
    data_dir: Path | None = Field(
        default=None,
        description="The course's data folder: test images of catalogue datasets.",
    )
    datasets_dir: Path = Field(
        default=Path(".archilab/datasets"), description="Uploaded datasets."
    )
    database_url: str | None = Field(
        default=None,
        description="The job store, to know the challenges: what the explorer and "
        "reports must not show. Unset: no challenge is known here.",
    )
    max_image_side_pixels: int = Field(default=4096, gt=0)
    max_batch_size: int = Field(
        default=64, gt=0, description="Most images one micro-batch may merge."
    )
    inference_engine: InferenceEngine = Field(
        default="litert",
        description="litert: the model converted to LiteRT (falls back to "
        "tensorflow if its answers differ); tensorflow: a tf.function.",
    )


@lru_cache
def get_settings() -> Settings:
    return Settings()
