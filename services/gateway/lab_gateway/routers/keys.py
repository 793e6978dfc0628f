"""/api/v1/keys/current: whose key this is, so pages can name things for a team."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from lab_common.problems import Problem
from lab_common.store.keys import Role
from lab_gateway.auth import KeyDep

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
