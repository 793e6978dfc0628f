"""Settings shared by every service; each service subclasses with its own env prefix."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

MEBIBYTE = 1024 * 1024


class LabSettings(BaseSettings):
    """Logging and identity fields every service has."""

    # populate_by_name: tests build Settings(field=...) for aliased fields too.
    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    service_name: str = "archilab"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["text", "json"] = "text"


class ServingSettings(LabSettings):
    """Inference services: how they learn that a new version was promoted."""

    redis_url: str | None = Field(
        default=None,
        description="Redis for promotion notices; unset: only the registry poll.",
    )
    model_poll_seconds: float = Field(
        default=5.0,
        gt=0,
        description="How often the registry is checked for a promoted version.",
    )


class JobStoreSettings(LabSettings):
    """The gateway and the trainer: where jobs, model versions and uploads live."""

    database_url: str = Field(
        default="sqlite:///.archilab/archilab.db",
        description="Job store: SQLite file (default) or postgresql+psycopg://...",
    )
    models_dir: Path = Field(
        default=Path(".archilab/models"), description="Root of the model registry."
    )
    datasets_dir: Path = Field(
        default=Path(".archilab/datasets"), description="Uploaded datasets."
    )


# --- body limits: one setting per endpoint family, read by both hops --------------
# The gateway refuses an oversized body before relaying it and the service
# refuses it again when called directly: both read the same variable, so they
# can never disagree. The older per-service names are still read, by both.


class ImageUploadLimit(BaseSettings):
    """Images sent to classify or explore: the cnn and the gateway's vision relay."""

    max_image_upload_bytes: int = Field(
        default=10 * MEBIBYTE,
        gt=0,
        validation_alias=AliasChoices(
            "ARCHILAB_MAX_IMAGE_UPLOAD_BYTES",
            "CNN_MAX_UPLOAD_BYTES",
            "GATEWAY_MAX_UPLOAD_BYTES",
        ),
        description="Largest image body, in bytes; larger ones get 413.",
    )


class SentimentBodyLimit(BaseSettings):
    """Sentiment JSON bodies: the nlp and the gateway's sentiment relay."""

    max_sentiment_body_bytes: int = Field(
        default=6 * MEBIBYTE,
        gt=0,
        validation_alias=AliasChoices(
            "ARCHILAB_MAX_SENTIMENT_BODY_BYTES", "NLP_MAX_BODY_BYTES"
        ),
        description="Largest sentiment request body; 256 texts of 5,000 characters.",
    )
