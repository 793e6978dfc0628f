"""Settings shared by every service; each service subclasses with its own env prefix."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class LabSettings(BaseSettings):
    """Logging and identity fields every service has."""

    model_config = SettingsConfigDict(extra="ignore")

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
