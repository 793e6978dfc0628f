"""Dependencies that hand one lifespan-state value to a handler.

``SettingsDep = Annotated[Settings, Depends(from_state("settings"))]``: the
lifespan yields the value, FastAPI copies it onto every request's state.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import Request


def from_state(name: str) -> Callable[[Request], Awaitable[Any]]:
    """An async dependency returning ``request.state.<name>``."""

    async def get(request: Request) -> Any:
        return getattr(request.state, name)

    get.__name__ = f"get_{name}"
    return get
