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
    redis: Redis


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.state.settings
    return settings


async def get_cnn(request: Request) -> Upstream:
    cnn: Upstream = request.state.cnn
    return cnn


SettingsDep = Annotated[Settings, Depends(get_settings)]
CnnDep = Annotated[Upstream, Depends(get_cnn)]
