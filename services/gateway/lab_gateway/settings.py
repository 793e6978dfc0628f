"""Settings of the gateway, read from ``GATEWAY_*`` environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from lab_common.settings import LabSettings

MEBIBYTE = 1024 * 1024


class Settings(LabSettings):
    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore")

    service_name: str = "gateway"
    cnn_url: str = Field(default="http://127.0.0.1:8001", description="cnn service")
    nlp_url: str = Field(default="http://127.0.0.1:8002", description="nlp service")
    redis_url: str = Field(default="redis://127.0.0.1:6379/0")
    frontend_dir: Path | None = Field(
        default=None, description="Folder of the static web page served at /."
    )
    connect_timeout_seconds: float = Field(default=1.0, gt=0)
    upstream_timeout_seconds: float = Field(default=30.0, gt=0)
    health_timeout_seconds: float = Field(default=2.0, gt=0)
    max_upload_bytes: int = Field(default=10 * MEBIBYTE, gt=0)
    max_connections_per_upstream: int = Field(default=100, gt=0)


@lru_cache
def get_settings() -> Settings:
    return Settings()
