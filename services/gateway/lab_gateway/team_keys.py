"""The class's team keys, made, listed and revoked by the teacher (admin key).

Each new key comes with its sign-in link, ``<base>/#key=<secret>``: the key
rides in the URL fragment, which browsers never send to a server, so it never
reaches an access log; the page that opens it stores the key and clears the
fragment. Its QR code is drawn here, with segno, as inline SVG, so the printed
sheets need no script and no request that carries a secret.
"""

from __future__ import annotations

import io
import logging
import unicodedata
from datetime import datetime
from typing import Annotated
from urllib.parse import urlsplit

import segno
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from lab_common.problems import LabError
from lab_common.store.keys import (
    ApiKey,
    KeyStore,
    Role,
    TeamTaken,
    team_slug,
)

logger = logging.getLogger(__name__)

MAX_TEAMS = 40  # a class is about 8 teams; 40 covers a lecture hall
COUNTED_TEAM_PREFIX = "equipe-"  # count mode names them equipe-1, equipe-2, ...
SIGN_IN_FRAGMENT = "#key="
# Level M survives a crease or a smudge on a printed sheet; omitsize leaves
# only the viewBox, so the sheet's CSS decides how large the code prints.
QR_ERROR_LEVEL = "m"
QR_SVG_OPTIONS: dict[str, object] = {"omitsize": True, "border": 4, "svgclass": "qr"}

TeamName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)
]


class TeamExists(LabError):
    status = 409
    type = "/problems/team-exists"


class TeamKeysRequest(BaseModel):
    """Either ``count`` (teams ``equipe-1``…) or ``names``; never both."""

    model_config = ConfigDict(extra="forbid")

    count: int | None = Field(
        default=None, ge=1, le=MAX_TEAMS, description="Make teams equipe-1…equipe-N."
    )
    names: list[TeamName] | None = Field(
        default=None,
        min_length=1,
        max_length=MAX_TEAMS,
        description=(
            "The teams' names. Accents, capitals and spaces are turned into a "
            "key-friendly name ('Équipe Rouge' → 'equipe-rouge'); a name with no "
            "letter or digit left is refused."
        ),
        examples=[["Équipe Rouge", "bleue"]],
    )
    base_url: str | None = Field(
        default=None,
        max_length=500,
        description=(
            "The address students open, e.g. http://192.168.1.10:8000 (default: "
            "the address this request was sent to)."
        ),
    )

    @field_validator("names")
    @classmethod
    def _usable_names(cls, names: list[str] | None) -> list[str] | None:
        if names is None:
            return None
        seen: dict[str, str] = {}
        for name in names:
            if _has_control_characters(name):
                raise PydanticCustomError(
                    "team_name_control",
                    "A team name is one line of text, without control characters.",
                )
            slug = team_slug(name)
            if not slug:
                raise PydanticCustomError(
                    "team_name_unusable",
                    "'{name}' has no letter or digit to name a team by.",
                    {"name": name},
                )
            if slug in seen:
                raise PydanticCustomError(
                    "team_name_repeated",
                    "'{name}' and '{other}' both become the team '{team}'.",
                    {"name": name, "other": seen[slug], "team": slug},
                )
            seen[slug] = name
        return names

    @field_validator("base_url")
    @classmethod
    def _plain_address(cls, base_url: str | None) -> str | None:
        if base_url is None:
            return None
        base_url = base_url.strip()
        if _has_control_characters(base_url) or " " in base_url:
            raise PydanticCustomError(
                "base_url_spaces",
                "The address must hold no space or control character.",
            )
        try:
            parts = urlsplit(base_url)
            is_http = parts.scheme in ("http", "https") and bool(parts.hostname)
        except ValueError:  # e.g. an unclosed IPv6 bracket
            is_http = False
        if not is_http:
            raise PydanticCustomError(
                "base_url_not_http",
                "Give an address starting with http:// or https://.",
            )
        if "#" in base_url or "?" in base_url:
            raise PydanticCustomError(
                "base_url_not_plain",
                "The address must end before any '?' or '#'.",
            )
        return base_url

    @model_validator(mode="after")
    def _count_or_names(self) -> TeamKeysRequest:
        if (self.count is None) == (self.names is None):
            raise PydanticCustomError(
                "teams_count_or_names", "Send exactly one of 'count' or 'names'."
            )
        return self

    def teams(self) -> list[tuple[str, str | None]]:
        """``(team, label)`` pairs; the label keeps a name as it was typed."""
        if self.names is not None:
            slugs = [(team_slug(name), name) for name in self.names]
            return [(slug, None if slug == name else name) for slug, name in slugs]
        count = self.count or 0
        return [(f"{COUNTED_TEAM_PREFIX}{n}", None) for n in range(1, count + 1)]


def _has_control_characters(text: str) -> bool:
    # NUL and friends: PostgreSQL refuses them in text, and no printer shows them.
    return any(unicodedata.category(character) == "Cc" for character in text)


class TeamKey(BaseModel):
    team: str = Field(description="The team's name in the key (a-z, 0-9, - and _).")
    display_name: str = Field(description="The name as the teacher typed it.")
    key: str = Field(description="The secret: shown in this answer only.")
    prefix: str
    sign_in_link: str = Field(
        description="`<base>/#key=<key>`: opening it signs a browser in as the team."
    )
    qr_svg: str = Field(description="The sign-in link as a QR code, inline SVG.")
    created_at: datetime


class TeamKeysResponse(BaseModel):
    base_url: str = Field(description="The address the sign-in links open.")
    teams: list[TeamKey]


class KeySummary(BaseModel):
    """A key without its secret."""

    id: str
    role: Role
    team: str | None
    label: str | None
    prefix: str = Field(description="The key's first characters, to recognise it.")
    created_at: datetime
    revoked_at: datetime | None


class KeyList(BaseModel):
    keys: list[KeySummary]


class RevokedTeamKeys(BaseModel):
    revoked: int = Field(description="How many live team keys were revoked.")


def sign_in_link(base_url: str, secret: str) -> str:
    """``base_url`` with the key in its fragment, never in a query string."""
    return base_url.rstrip("/") + "/" + SIGN_IN_FRAGMENT + secret


def qr_svg(link: str) -> str:
    """The QR code of ``link`` as an ``<svg>`` element (segno, pure Python).

    With its namespace, so it also works as an image (``<img src="data:…">``),
    which a page can show without parsing markup into its document.
    """
    buffer = io.BytesIO()
    segno.make(link, error=QR_ERROR_LEVEL).save(
        buffer, kind="svg", xmldecl=False, svgns=True, nl=False, **QR_SVG_OPTIONS
    )
    return buffer.getvalue().decode("utf-8")


def create_team_keys(
    store: KeyStore, body: TeamKeysRequest, default_base_url: str
) -> TeamKeysResponse:
    """All the teams' keys at once, or 409 ``team-exists`` and none."""
    base_url = body.base_url or default_base_url
    teams = body.teams()
    try:
        made = store.create_team_keys(teams)
    except TeamTaken as taken:
        raise TeamExists(
            "live-key", teams=", ".join(taken.teams), count=len(taken.teams)
        ) from None
    logger.info("keys.teams_created", extra={"count": len(made)})
    labels = dict(teams)
    return TeamKeysResponse(
        base_url=base_url,
        teams=[_team_key(secret, key, labels, base_url) for secret, key in made],
    )


def _team_key(
    secret: str, key: ApiKey, labels: dict[str, str | None], base_url: str
) -> TeamKey:
    team = key.team or ""
    link = sign_in_link(base_url, secret)
    return TeamKey(
        team=team,
        display_name=labels.get(team) or team,
        key=secret,
        prefix=key.prefix,
        sign_in_link=link,
        qr_svg=qr_svg(link),
        created_at=key.created_at,
    )


def list_keys(store: KeyStore) -> KeyList:
    return KeyList(
        keys=[
            KeySummary(
                id=key.id,
                role=key.role,
                team=key.team,
                label=key.label,
                prefix=key.prefix,
                created_at=key.created_at,
                revoked_at=key.revoked_at,
            )
            for key in store.list_keys()
        ]
    )


def revoke_team_keys(store: KeyStore) -> RevokedTeamKeys:
    revoked = store.revoke_team_keys()
    logger.info("keys.teams_revoked", extra={"count": revoked})
    return RevokedTeamKeys(revoked=revoked)
