"""Bearer keys: who is calling, and may they do this?

Mutating endpoints depend on ``KeyDep`` (a valid key is required); reading
endpoints on ``ReaderDep`` (a key only if ``ARCHILAB_REQUIRE_KEY_FOR_READ``).
Keys live hashed in the job store's database (``lab_common.store.keys``).

``KeyDep`` goes through FastAPI's ``HTTPBearer``, so every operation that needs
a key declares the ``bearer`` scheme in the OpenAPI (the lock in /api/docs).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from lab_common.problems import LabError
from lab_common.store.keys import ApiKey, KeyStore

# auto_error=False: a missing or malformed header is answered by our own 401
# problem (with the challenge header), not FastAPI's plain 403.
bearer_scheme = HTTPBearer(
    scheme_name="bearer",
    bearerFormat="alk_…",
    description=(
        "An ArchiLab key: the admin key (<ARCHILAB_HOME>/admin.key) or a team key "
        "(`archilab keys create`). Reading needs one only when the server sets "
        "ARCHILAB_REQUIRE_KEY_FOR_READ."
    ),
    auto_error=False,
)
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)]
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="archilab"'}


class Unauthorized(LabError):
    status = 401
    type = "/problems/unauthorized"


class Forbidden(LabError):
    status = 403
    type = "/problems/forbidden"


async def _identify(
    request: Request, credentials: HTTPAuthorizationCredentials | None
) -> ApiKey | None:
    if credentials is None:
        if "authorization" in request.headers:
            raise Unauthorized("malformed", headers=CHALLENGE)
        return None
    keys: KeyStore = request.state.keys
    key = await run_in_threadpool(keys.find_key, credentials.credentials.strip())
    if key is None:
        raise Unauthorized("unknown-key", headers=CHALLENGE)
    return key


async def require_key(request: Request, credentials: Credentials) -> ApiKey:
    key = await _identify(request, credentials)
    if key is None:
        raise Unauthorized("missing", headers=CHALLENGE)
    return key


async def identify_reader(request: Request) -> ApiKey | None:
    """The caller's key if sent; required only when reading needs a key.

    The scheme is called, not declared as a dependency: reading is open by
    default, so the OpenAPI puts no lock on reading operations.
    """
    credentials = await bearer_scheme(request)
    if request.state.settings.require_key_for_read:
        return await require_key(request, credentials)
    return await _identify(request, credentials)


def require_admin(key: ApiKey) -> None:
    if key.role != "admin":
        raise Forbidden("admin-only")


def may_see_owner(key: ApiKey | None, owner: str) -> bool:
    """Admins and anonymous readers (when reading is open) see all; teams their own."""
    return key is None or key.role == "admin" or key.owner == owner


KeyDep = Annotated[ApiKey, Depends(require_key)]
ReaderDep = Annotated[ApiKey | None, Depends(identify_reader)]


def _calls(dependant: Dependant) -> Iterator[object]:
    for dependency in dependant.dependencies:
        yield dependency.call
        yield from _calls(dependency)


def needs_key(route: APIRoute) -> bool:
    return require_key in _calls(route.dependant)


def answer_missing_key_first(app: FastAPI) -> None:
    """Refuse a keyless call to a keyed operation with 401 even if its body is bad.

    FastAPI reads and decodes a JSON body before it solves any dependency, so a
    malformed body raised 422 before ``require_key`` could answer 401. Only a
    validation error checks the key again here; valid calls check it once.
    Call after ``install_problem_handlers``: its answers are reused.
    """
    on_invalid_request = app.exception_handlers[RequestValidationError]
    on_lab_error = app.exception_handlers[LabError]

    async def key_before_body(request: Request, exc: Exception) -> Response:
        route = request.scope.get("route")
        if isinstance(route, APIRoute) and needs_key(route):
            try:
                await require_key(request, await bearer_scheme(request))
            except Unauthorized as refusal:
                return await on_lab_error(request, refusal)
        return await on_invalid_request(request, exc)

    app.add_exception_handler(RequestValidationError, key_before_body)
