"""Annotated dependencies handing lifespan state to handlers."""

from __future__ import annotations

from typing import Annotated, TypedDict

from fastapi import Depends

from lab_common.registry import ModelRegistry
from lab_common.state import from_state
from lab_nlp.evaluations import EvaluationJobs
from lab_nlp.mistral import MistralJudge
from lab_nlp.model_store import SentimentModels, SentimentVersions
from lab_nlp.settings import Settings


class State(TypedDict):
    settings: Settings
    registry: ModelRegistry
    # The served model of each language; ``versions`` reaches any other.
    models: SentimentModels
    versions: SentimentVersions
    mistral: MistralJudge
    evaluations: EvaluationJobs


SettingsDep = Annotated[Settings, Depends(from_state("settings"))]
RegistryDep = Annotated[ModelRegistry, Depends(from_state("registry"))]
ModelsDep = Annotated[SentimentModels, Depends(from_state("models"))]
VersionsDep = Annotated[SentimentVersions, Depends(from_state("versions"))]
MistralDep = Annotated[MistralJudge, Depends(from_state("mistral"))]
EvaluationsDep = Annotated[EvaluationJobs, Depends(from_state("evaluations"))]
