"""Bearer keys: who is calling, and may they do this?

Mutating endpoints depend on ``KeyDep`` (a valid key is required); reading
endpoints on ``ReaderDep`` (a key only if ``ARCHILAB_REQUIRE_KEY_FOR_READ``).
Keys live hashed in the job store's database (``lab_common.store.keys``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from lab_common.problems import LabError
from lab_common.store.keys import ApiKey, KeyStore

BEARER = "bearer"
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="archilab"'}


class Unauthorized(LabError):
    status = 401
    type = "/problems/unauthorized"


class Forbidden(LabError):
    status = 403
    type = "/problems/forbidden"


def _bearer_secret(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != BEARER or not secret.strip():
        raise Unauthorized("malformed", headers=CHALLENGE)
    return secret.strip()


async def _identify(request: Request) -> ApiKey | None:
    secret = _bearer_secret(request)
    if secret is None:
        return None
    keys: KeyStore = request.state.keys
    key = await run_in_threadpool(keys.find_key, secret)
    if key is None:
        raise Unauthorized("unknown-key", headers=CHALLENGE)
    return key


async def require_key(request: Request) -> ApiKey:
    key = await _identify(request)
    if key is None:
        raise Unauthorized("missing", headers=CHALLENGE)
    return key


async def identify_reader(request: Request) -> ApiKey | None:
    """The caller's key if sent; required only when reading needs a key."""
    if request.state.settings.require_key_for_read:
        return await require_key(request)
    return await _identify(request)


def require_admin(key: ApiKey) -> None:
    if key.role != "admin":
        raise Forbidden("admin-only")


def may_see_owner(key: ApiKey | None, owner: str) -> bool:
    """Admins and anonymous readers (when reading is open) see all; teams their own."""
    return key is None or key.role == "admin" or key.owner == owner


KeyDep = Annotated[ApiKey, Depends(require_key)]
ReaderDep = Annotated[ApiKey | None, Depends(identify_reader)]
