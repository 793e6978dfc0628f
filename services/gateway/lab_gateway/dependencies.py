"""Annotated dependencies handing lifespan state to handlers."""

from __future__ import annotations

from typing import Annotated, TypedDict

from fastapi import Depends, Request
from redis.asyncio import Redis

from lab_gateway.settings import Settings
from lab_gateway.upstream import Upstream


class State(TypedDict):
    settings: Settings
    cnn: Upstream
    nlp: Upstream
    redis: Redis


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.state.settings
    return settings


async def get_cnn(request: Request) -> Upstream:
    cnn: Upstream = request.state.cnn
    return cnn


async def get_nlp(request: Request) -> Upstream:
    nlp: Upstream = request.state.nlp
    return nlp


SettingsDep = Annotated[Settings, Depends(get_settings)]
CnnDep = Annotated[Upstream, Depends(get_cnn)]
NlpDep = Annotated[Upstream, Depends(get_nlp)]
