"""Settings of the training worker, read from ``TRAINER_*`` environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import SettingsConfigDict

from lab_common.celery_config import DEFAULT_SOFT_TIME_LIMIT_SECONDS
from lab_common.settings import JobStoreSettings


class Settings(JobStoreSettings):
    model_config = SettingsConfigDict(
        env_prefix="TRAINER_", extra="ignore", populate_by_name=True
    )

    service_name: str = "trainer"
    redis_url: str = Field(
        default="redis://127.0.0.1:6379/0",
        description="Celery broker, and the channel of job wake-ups.",
    )
    data_dir: Path | None = Field(
        default=None,
        validation_alias=AliasChoices("TRAINER_DATA_DIR", "ARCHILAB_DATA_DIR"),
        description="The course's data folder (sentiment/, images/).",
    )
    dataset_mirror_url: str | None = Field(
        default=None,
        description="HTTP mirror of the data folder: first start fetches from it.",
    )
    concurrency: int = Field(
        default=1, ge=1, description="Jobs trained at once (worker processes)."
    )
    soft_time_limit_seconds: int = Field(
        default=DEFAULT_SOFT_TIME_LIMIT_SECONDS,
        gt=0,
        description="A job running longer fails; the gateway must use the same.",
    )
    heartbeat_seconds: float = Field(
        default=5.0, gt=0, description="How often a running job proves it is alive."
    )
    cancel_check_seconds: float = Field(
        default=0.5, ge=0, description="Least time between two cancel-flag reads."
    )
    max_attempts: int = Field(
        default=3,
        ge=1,
        description="Starts of one job (its worker died each time) before it fails.",
    )


@lru_cache
def get_settings() -> Settings:
    return Settings()
