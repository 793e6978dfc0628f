"""Settings shared by every service; each service subclasses with its own env prefix."""

from __future__ import annotations

from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict


class LabSettings(BaseSettings):
    """Logging and identity fields every service has."""

    model_config = SettingsConfigDict(extra="ignore")

    service_name: str = "archilab"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["text", "json"] = "text"
