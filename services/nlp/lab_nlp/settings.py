"""Settings of the nlp service, read from ``NLP_*`` environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from lab_common.registry import SERVED_SENTIMENT_MODEL_EN, SERVED_SENTIMENT_MODEL_FR
from lab_common.settings import SentimentBodyLimit, ServingSettings


class Settings(ServingSettings, SentimentBodyLimit):
    """The body limit comes from ``SentimentBodyLimit``: the gateway reads it too."""

    model_config = SettingsConfigDict(env_prefix="NLP_", extra="ignore")

    service_name: str = "nlp"
    models_dir: Path = Field(
        default=Path(".archilab/models"),
        description="Root of the model registry (<ARCHILAB_HOME>/models).",
    )
    evaluations_dir: Path | None = Field(
        default=None,
        description="LSTM-vs-Mistral evaluations, one folder each; unset: "
        "cache/evaluations beside the models folder (<ARCHILAB_HOME>/cache).",
    )
    data_dir: Path | None = Field(
        default=None, description="Datasets folder (launcher: ARCHILAB_DATA_DIR)."
    )
    database_url: str | None = Field(
        default=None,
        description="The job store, to know the challenges whose hidden texts "
        "evaluations must not sample. Unset: no challenge is known here.",
    )
    dataset_mirror_url: str | None = Field(
        default=None, description="HTTP mirror of the data folder, for downloads."
    )
    model_en: str = Field(
        default=SERVED_SENTIMENT_MODEL_EN, description="English model name."
    )
    model_fr: str = Field(
        default=SERVED_SENTIMENT_MODEL_FR, description="French model name."
    )
    max_explained_words: int = Field(
        default=300, gt=0, description="Occlusion costs one pass per word."
    )
    mistral_api_key: SecretStr | None = Field(
        default=None, description="Mistral API key; unset: comparisons answer 503."
    )
    mistral_model: str = "mistral-small-latest"
    mistral_server_url: str | None = Field(
        default=None, description="Unset: the real API. Tests point it at a fake."
    )
    mistral_timeout_seconds: float = Field(default=10.0, gt=0)
    mistral_max_concurrent_calls: int = Field(default=4, gt=0)
    mistral_max_retries: int = Field(default=2, ge=0)

    @property
    def evaluations_folder(self) -> Path:
        return self.evaluations_dir or self.models_dir.parent / "cache" / "evaluations"

    @property
    def model_names(self) -> dict[str, str]:
        return {"en": self.model_en, "fr": self.model_fr}


@lru_cache
def get_settings() -> Settings:
    return Settings()
