"""/api/v1/keys: whose key this is, and the teacher's team keys.

``/current`` names the caller's key, so pages can name things for a team; the
rest needs the admin key: make the class's team keys in one call (each with its
sign-in link and QR code), list every key (never a secret), revoke all team
keys at the end of a session.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from lab_common.problems import Problem
from lab_common.store.keys import Role
from lab_gateway.auth import KeyDep, require_admin
from lab_gateway.dependencies import KeyStoreDep
from lab_gateway.team_keys import (
    KeyList,
    RevokedTeamKeys,
    TeamKeysRequest,
    TeamKeysResponse,
    create_team_keys,
    list_keys,
    revoke_team_keys,
)

router = APIRouter(prefix="/keys", tags=["keys"])

_PROBLEM = {"model": Problem, "content": {"application/problem+json": {}}}


class KeyIdentity(BaseModel):
    role: Role
    team: str | None = Field(description="The team of a team key; null for admins.")
    owner: str = Field(description="'admin' or 'team:<name>': who owns its jobs.")
    prefix: str = Field(description="The key's first characters, to recognise it.")


@router.get(
    "/current",
    summary="Describe the key sent with this request",
    description=(
        "Its role and team, never its secret. The jobs page names a team's "
        "models `<team>-<dataset>-<architecture>` from it."
    ),
    response_model=KeyIdentity,
    responses=dict.fromkeys((401,), _PROBLEM),
)
async def get_current_key(key: KeyDep) -> KeyIdentity:
    return KeyIdentity(role=key.role, team=key.team, owner=key.owner, prefix=key.prefix)


@router.get(
    "",
    summary="List every key (admin)",
    description=(
        "Role, team, label, prefix, creation and revocation dates of every key, "
        "live or revoked. Never a secret: the store keeps only their hashes."
    ),
    response_model=KeyList,
    responses=dict.fromkeys((401, 403), _PROBLEM),
)
def get_keys(key: KeyDep, store: KeyStoreDep) -> KeyList:
    require_admin(key)
    return list_keys(store)


@router.post(
    "/teams",
    status_code=201,
    summary="Make the class's team keys in one action (admin)",
    description=(
        "From a number of teams (`count`: equipe-1…equipe-N) or their `names`. "
        "Each team comes back with its key (shown only in this answer), its "
        "sign-in link `<base>/#key=<key>` (the key in the fragment, which "
        "browsers never send to a server) and that link as a QR code (inline "
        "SVG) for a printed sheet. All keys are made or none: a team that "
        "already has a live key is a 409 `team-exists`."
    ),
    response_model=TeamKeysResponse,
    responses=dict.fromkeys((401, 403, 409, 422), _PROBLEM),
)
def post_team_keys(
    body: TeamKeysRequest, key: KeyDep, store: KeyStoreDep, request: Request
) -> TeamKeysResponse:
    require_admin(key)
    return create_team_keys(store, body, str(request.base_url))


@router.delete(
    "/teams",
    summary="Revoke every team key (admin)",
    description=(
        "The end of a session: every live team key stops working at once. "
        "Admin keys are kept. Answers how many keys were revoked."
    ),
    response_model=RevokedTeamKeys,
    responses=dict.fromkeys((401, 403), _PROBLEM),
)
def delete_team_keys(key: KeyDep, store: KeyStoreDep) -> RevokedTeamKeys:
    require_admin(key)
    return revoke_team_keys(store)
