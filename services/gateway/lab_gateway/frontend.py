"""Serving the static web page at ``/`` without shadowing the API."""

from __future__ import annotations

from pathlib import Path

from starlette.routing import Match, Mount
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

API_PREFIX = "/api/"


class FrontendMount(Mount):
    """A mount at ``/`` that never claims ``/api/...`` paths.

    A plain mount at ``/`` fully matches every path, so a wrong method on an API
    route (``GET /api/v1/vision/predictions``) would become a file lookup and a
    404 instead of the router's 405.
    """

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope.get("path", "").startswith(API_PREFIX):
            return Match.NONE, {}
        return super().matches(scope)


def frontend_mount(directory: Path) -> FrontendMount:
    return FrontendMount("/", app=StaticFiles(directory=directory, html=True))
