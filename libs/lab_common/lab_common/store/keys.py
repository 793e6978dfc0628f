"""API keys: ``admin`` or ``team`` (with a team name), stored as SHA-256 hashes.

A key is shown once, when created (``archilab keys create``, or the class's team
keys at once from the Teams page); the store keeps only its hash and a short
prefix to recognise it in listings.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import unicodedata
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel
from sqlalchemy import Connection, Engine, insert, select, update
from sqlalchemy.engine import RowMapping

from lab_common.store.database import api_keys, as_utc

KEY_PREFIX = "alk_"  # "ArchiLab key": recognisable in logs and secret scanners
KEY_RANDOM_BYTES = 32
DISPLAY_PREFIX_CHARACTERS = 10
TEAM_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
TEAM_NAME_MAX_CHARACTERS = 64  # the ``team`` column's width
# Letters NFKD does not split into a base letter and an accent.
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l"})

ADMIN_KEY_FILE_MODE = 0o600  # the admin key file is readable by its owner only
ADMIN_KEY_LABEL = "made at first start"

Role = Literal["admin", "team"]


class ApiKey(BaseModel):
    """A stored key, without its secret."""

    id: str
    prefix: str
    role: Role
    team: str | None
    label: str | None
    created_at: datetime
    revoked_at: datetime | None = None

    @property
    def owner(self) -> str:
        """Who jobs created with this key belong to."""
        return "admin" if self.role == "admin" else f"team:{self.team}"


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class TeamTaken(ValueError):
    """Some of the teams asked for already have a live key."""

    def __init__(self, teams: list[str]) -> None:
        super().__init__(f"These teams already have a live key: {', '.join(teams)}.")
        self.teams = teams


def team_slug(name: str) -> str:
    """``"Équipe Rouge"`` → ``"equipe-rouge"``: a name ``TEAM_PATTERN`` accepts.

    Accents are dropped, letters lowered, every other run of characters becomes
    one ``-``. Empty when nothing usable is left (``"!!!"``, ``"東京"``).
    """
    plain = unicodedata.normalize("NFKD", name.lower().translate(_LIGATURES))
    # Drop the accents NFKD split off; any other sign becomes a separator.
    bare = "".join(c for c in plain if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9_-]+", "-", bare)
    slug = re.sub(r"-{2,}", "-", slug).strip("-_")
    return slug[:TEAM_NAME_MAX_CHARACTERS].rstrip("-_")


def _to_key(row: RowMapping) -> ApiKey:
    return ApiKey(
        id=row["id"],
        prefix=row["prefix"],
        role=row["role"],
        team=row["team"],
        label=row["label"],
        created_at=as_utc(row["created_at"]),
        revoked_at=as_utc(row["revoked_at"]),
    )


class KeyStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def create_key(
        self, role: Role, *, team: str | None = None, label: str | None = None
    ) -> tuple[str, ApiKey]:
        """A new random key and its record; the key itself is never stored."""
        if role == "team" and (team is None or not TEAM_PATTERN.fullmatch(team)):
            raise ValueError(
                "A team key needs a team name of lower-case letters, digits, - or _."
            )
        if role == "admin" and team is not None:
            raise ValueError("An admin key belongs to no team.")
        with self.engine.begin() as db:
            secret, key_id = _insert_key(db, role, team, label)
        return secret, self.get_key(key_id)

    def create_team_keys(
        self, teams: list[tuple[str, str | None]]
    ) -> list[tuple[str, ApiKey]]:
        """One new key per ``(team, label)``, all or none.

        Raises ``TeamTaken`` (and makes no key) if one of the teams already has
        a live key, so a class never ends up with two keys for one team.
        """
        names = [team for team, _ in teams]
        for team in names:
            if not TEAM_PATTERN.fullmatch(team):
                raise ValueError(f"'{team}' is not a valid team name.")
        with self.engine.begin() as db:
            taken = _live_teams(db, names)
            if taken:
                raise TeamTaken([team for team in names if team in taken])
            made = [_insert_key(db, "team", team, label) for team, label in teams]
        return [(secret, self.get_key(key_id)) for secret, key_id in made]

    def get_key(self, key_id: str) -> ApiKey:
        with self.engine.connect() as db:
            row = (
                db.execute(select(api_keys).where(api_keys.c.id == key_id))
                .mappings()
                .one()
            )
        return _to_key(row)

    def find_key(self, secret: str) -> ApiKey | None:
        """The live (not revoked) key matching ``secret``, if any."""
        with self.engine.connect() as db:
            row = (
                db.execute(
                    select(api_keys).where(
                        api_keys.c.key_hash == hash_key(secret),
                        api_keys.c.revoked_at.is_(None),
                    )
                )
                .mappings()
                .first()
            )
        return None if row is None else _to_key(row)

    def list_keys(self) -> list[ApiKey]:
        with self.engine.connect() as db:
            rows = db.execute(select(api_keys).order_by(api_keys.c.created_at))
            return [_to_key(row) for row in rows.mappings()]

    def has_admin_key(self) -> bool:
        return any(k.role == "admin" and k.revoked_at is None for k in self.list_keys())

    def revoke_key(self, key_id: str) -> bool:
        with self.engine.begin() as db:
            result = db.execute(
                update(api_keys)
                .where(api_keys.c.id == key_id, api_keys.c.revoked_at.is_(None))
                .values(revoked_at=datetime.now(UTC))
            )
        return result.rowcount > 0

    def revoke_team_keys(self) -> int:
        """Revoke every live team key (the end of a session); how many were."""
        with self.engine.begin() as db:
            result = db.execute(
                update(api_keys)
                .where(api_keys.c.role == "team", api_keys.c.revoked_at.is_(None))
                .values(revoked_at=datetime.now(UTC))
            )
        return int(result.rowcount)


def _insert_key(
    db: Connection, role: Role, team: str | None, label: str | None
) -> tuple[str, str]:
    """Store a new random key; its secret (never stored) and its id."""
    secret = KEY_PREFIX + secrets.token_urlsafe(KEY_RANDOM_BYTES)
    key_id = uuid.uuid4().hex
    db.execute(
        insert(api_keys).values(
            id=key_id,
            key_hash=hash_key(secret),
            prefix=secret[:DISPLAY_PREFIX_CHARACTERS],
            role=role,
            team=team,
            label=label,
            created_at=datetime.now(UTC),
        )
    )
    return secret, key_id


def _live_teams(db: Connection, teams: list[str]) -> set[str]:
    rows = db.execute(
        select(api_keys.c.team).where(
            api_keys.c.role == "team",
            api_keys.c.team.in_(teams),
            api_keys.c.revoked_at.is_(None),
        )
    )
    return {row.team for row in rows}


def write_secret_file(path: Path, secret: str) -> None:
    """Write ``secret`` to ``path``, never readable by others, even for a moment."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(
        path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, ADMIN_KEY_FILE_MODE
    )
    os.fchmod(descriptor, ADMIN_KEY_FILE_MODE)  # an existing file keeps its mode
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(secret + "\n")


def ensure_admin_key(store: KeyStore, path: Path) -> str | None:
    """Make an admin key if none is live and save it to ``path`` (owner only).

    Returns the new key (for the caller to show once), or None if one existed.
    """
    if store.has_admin_key():
        return None
    secret, _ = store.create_key("admin", label=ADMIN_KEY_LABEL)
    write_secret_file(path, secret)
    return secret
