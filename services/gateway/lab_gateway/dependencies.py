"""Annotated dependencies handing lifespan state to handlers."""

from __future__ import annotations

from typing import Annotated, TypedDict

from celery import Celery
from fastapi import Depends, Request
from redis.asyncio import Redis
from sqlalchemy import Engine

from lab_common.registry import ModelRegistry
from lab_common.store import JobStore, KeyStore
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
    # ``keys``: lab_gateway.auth reads ``request.state.keys``.
    keys: KeyStore
    celery: Celery
    registry: ModelRegistry
    background: BackgroundWork


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.state.settings
    return settings


async def get_cnn(request: Request) -> Upstream:
    cnn: Upstream = request.state.cnn
    return cnn


async def get_nlp(request: Request) -> Upstream:
    nlp: Upstream = request.state.nlp
    return nlp


async def get_redis(request: Request) -> Redis:
    redis: Redis = request.state.redis
    return redis


async def get_job_store(request: Request) -> JobStore:
    jobs: JobStore = request.state.jobs
    return jobs


async def get_key_store(request: Request) -> KeyStore:
    keys: KeyStore = request.state.keys
    return keys


async def get_celery(request: Request) -> Celery:
    celery: Celery = request.state.celery
    return celery


async def get_registry(request: Request) -> ModelRegistry:
    registry: ModelRegistry = request.state.registry
    return registry


async def get_background(request: Request) -> BackgroundWork:
    background: BackgroundWork = request.state.background
    return background


SettingsDep = Annotated[Settings, Depends(get_settings)]
CnnDep = Annotated[Upstream, Depends(get_cnn)]
NlpDep = Annotated[Upstream, Depends(get_nlp)]
RedisDep = Annotated[Redis, Depends(get_redis)]
JobStoreDep = Annotated[JobStore, Depends(get_job_store)]
KeyStoreDep = Annotated[KeyStore, Depends(get_key_store)]
CeleryDep = Annotated[Celery, Depends(get_celery)]
RegistryDep = Annotated[ModelRegistry, Depends(get_registry)]
BackgroundDep = Annotated[BackgroundWork, Depends(get_background)]
