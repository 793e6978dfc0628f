"""Settings of the local launcher, read from ``ARCHILAB_*`` (and ``REDIS_URL``)."""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from lab_common.store.database import sqlite_url

# libs/archilab/archilab/settings.py -> the repository root
REPOSITORY_ROOT = Path(__file__).resolve().parents[3]
# Where the course's data folder sits on a lab machine: beside the clone.
SHARED_DATA_DIR = REPOSITORY_ROOT.parent / "shared" / "data"


class LauncherSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ARCHILAB_", extra="ignore")

    port: int = Field(default=8000, ge=1, le=65535, description="Public web port.")
    host: str = Field(default="127.0.0.1", description="Interface the gateway binds.")
    home: Path = Field(
        default=Path(".archilab"), description="Models, logs and databases."
    )
    data_dir: Path | None = Field(
        default=None,
        description="Datasets folder; unset: ../shared/data beside the clone, if any.",
    )
    dataset_mirror_url: str | None = Field(
        default=None, description="HTTP mirror of the data folder, for downloads."
    )
    frontend_dir: Path = REPOSITORY_ROOT / "frontend"
    redis_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("REDIS_URL", "ARCHILAB_REDIS_URL"),
        description="External Redis; unset: a private one is started.",
    )
    database_url: str | None = Field(
        default=None,
        description="Job store (postgresql+psycopg://...); unset: SQLite in home.",
    )
    worker_concurrency: int = Field(
        default=1, ge=1, description="Training jobs one worker runs at once."
    )
    startup_timeout_seconds: float = Field(default=120.0, gt=0)
    bootstrap_timeout_seconds: float = Field(default=1800.0, gt=0)
    log_format: str = "text"

    @model_validator(mode="after")
    def _find_shared_data(self) -> LauncherSettings:
        if self.data_dir is None and SHARED_DATA_DIR.is_dir():
            self.data_dir = SHARED_DATA_DIR
        return self

    @property
    def logs_dir(self) -> Path:
        return self.home / "logs"

    @property
    def models_dir(self) -> Path:
        return self.home / "models"

    @property
    def datasets_dir(self) -> Path:
        return self.home / "datasets"

    @property
    def admin_key_path(self) -> Path:
        return self.home / "admin.key"

    def resolved_database_url(self) -> str:
        """``database_url``, or the SQLite file ``<home>/archilab.db``."""
        return self.database_url or sqlite_url(self.home / "archilab.db")
