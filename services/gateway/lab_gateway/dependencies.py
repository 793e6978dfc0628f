"""Annotated dependencies handing lifespan state to handlers."""

from __future__ import annotations

from typing import Annotated, TypedDict

from celery import Celery
from fastapi import Depends
from redis.asyncio import Redis
from sqlalchemy import Engine

from lab_common.registry import ModelRegistry
from lab_common.state import from_state
from lab_common.store import ChallengeStore, JobStore, KeyStore
from lab_gateway.settings import Settings
from lab_gateway.training_jobs import BackgroundWork
from lab_gateway.upstream import Upstream


class State(TypedDict):
    settings: Settings
    cnn: Upstream
    nlp: Upstream
    redis: Redis
    engine: Engine
    jobs: JobStore
    challenges: ChallengeStore
    # ``keys``: lab_gateway.auth reads ``request.state.keys``.
    keys: KeyStore
    celery: Celery
    registry: ModelRegistry
    background: BackgroundWork


SettingsDep = Annotated[Settings, Depends(from_state("settings"))]
CnnDep = Annotated[Upstream, Depends(from_state("cnn"))]
NlpDep = Annotated[Upstream, Depends(from_state("nlp"))]
RedisDep = Annotated[Redis, Depends(from_state("redis"))]
JobStoreDep = Annotated[JobStore, Depends(from_state("jobs"))]
ChallengeStoreDep = Annotated[ChallengeStore, Depends(from_state("challenges"))]
KeyStoreDep = Annotated[KeyStore, Depends(from_state("keys"))]
CeleryDep = Annotated[Celery, Depends(from_state("celery"))]
RegistryDep = Annotated[ModelRegistry, Depends(from_state("registry"))]
BackgroundDep = Annotated[BackgroundWork, Depends(from_state("background"))]
