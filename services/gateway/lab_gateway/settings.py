"""Settings of the gateway, read from ``GATEWAY_*`` environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import SettingsConfigDict

from lab_common.celery_config import DEFAULT_SOFT_TIME_LIMIT_SECONDS
from lab_common.registry import (
    SERVED_SENTIMENT_MODEL_EN,
    SERVED_SENTIMENT_MODEL_FR,
    SERVED_VISION_MODEL,
)
from lab_common.settings import (
    MEBIBYTE,
    ImageUploadLimit,
    JobStoreSettings,
    SentimentBodyLimit,
)


class Settings(JobStoreSettings, ImageUploadLimit, SentimentBodyLimit):
    """The relays' body limits are the services' own settings (same variables)."""

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
    max_connections_per_upstream: int = Field(default=100, gt=0)
    # Training jobs, models and datasets: database_url, models_dir, datasets_dir
    # come from JobStoreSettings, as the trainer's do.
    data_dir: Path | None = Field(
        default=None, description="The course's data folder (ARCHILAB_DATA_DIR)."
    )
    max_dataset_upload_bytes: int = Field(default=200 * MEBIBYTE, gt=0)
    # A .keras file trained outside ArchiLab, where a challenge allows one.
    max_submission_file_bytes: int = Field(default=50 * MEBIBYTE, gt=0)
    require_key_for_read: bool = Field(
        default=False,
        validation_alias=AliasChoices(
            "ARCHILAB_REQUIRE_KEY_FOR_READ", "GATEWAY_REQUIRE_KEY_FOR_READ"
        ),
        description="Also ask a key for reading and predicting.",
    )
    admin_key_file: Path | None = Field(
        default=None,
        description="Containers: make the first admin key at start, save it here.",
    )
    job_heartbeat_timeout_seconds: float = Field(
        default=120.0, gt=0, description="A running job silent this long failed."
    )
    cancel_grace_seconds: float = Field(
        default=30.0, gt=0, description="Cooperative cancel, then a hard revoke."
    )
    training_soft_time_limit_seconds: int = Field(
        default=DEFAULT_SOFT_TIME_LIMIT_SECONDS,
        gt=0,
        description="The trainer's soft time limit (TRAINER_SOFT_TIME_LIMIT_SECONDS).",
    )

    # The services' own variables, so one .env line names a served model for both.
    served_vision_model: str = Field(
        default=SERVED_VISION_MODEL,
        validation_alias=AliasChoices("GATEWAY_SERVED_VISION_MODEL", "CNN_MODEL_NAME"),
        description="The cnn's model (CNN_MODEL_NAME): only admins promote it.",
    )
    served_sentiment_model_en: str = Field(
        default=SERVED_SENTIMENT_MODEL_EN,
        validation_alias=AliasChoices(
            "GATEWAY_SERVED_SENTIMENT_MODEL_EN", "NLP_MODEL_EN"
        ),
        description="The nlp's English model (NLP_MODEL_EN).",
    )
    served_sentiment_model_fr: str = Field(
        default=SERVED_SENTIMENT_MODEL_FR,
        validation_alias=AliasChoices(
            "GATEWAY_SERVED_SENTIMENT_MODEL_FR", "NLP_MODEL_FR"
        ),
        description="The nlp's French model (NLP_MODEL_FR).",
    )

    @property
    def served_models(self) -> frozenset[str]:
        """The models every student is served: their alias is the admin's."""
        return frozenset(
            {
                self.served_vision_model,
                self.served_sentiment_model_en,
                self.served_sentiment_model_fr,
            }
        )


@lru_cache
def get_settings() -> Settings:
    return Settings()
