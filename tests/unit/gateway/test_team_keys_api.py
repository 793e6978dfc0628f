"""The teacher's team keys: made in one call, listed without secrets, revoked."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import segno

from lab_common.store.keys import team_slug
from tests.unit.gateway.test_training_jobs_api import Lab, running_lab

KEYS = "/api/v1/keys"
TEAMS = f"{KEYS}/teams"
SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[Lab]:
    with running_lab(tmp_path) as running:
        yield running


def _make(lab: Lab, body: dict[str, Any], **headers: str) -> Any:
    return lab.client.post(TEAMS, json=body, headers={**lab.auth("admin"), **headers})


def _teams(lab: Lab, body: dict[str, Any]) -> list[dict[str, Any]]:
    response = _make(lab, body)
    assert response.status_code == 201, response.text
    teams: list[dict[str, Any]] = response.json()["teams"]
    return teams


def _listed_teams(lab: Lab) -> set[str | None]:
    keys = lab.client.get(KEYS, headers=lab.auth("admin")).json()["keys"]
    return {key["team"] for key in keys}


def test_team_keys_by_count_are_named_equipe_n_and_sign_in(lab: Lab) -> None:
    teams = _teams(lab, {"count": 3})

    assert [t["team"] for t in teams] == ["equipe-1", "equipe-2", "equipe-3"]
    current = lab.client.get(
        f"{KEYS}/current", headers={"Authorization": f"Bearer {teams[1]['key']}"}
    )
    assert current.json()["owner"] == "team:equipe-2"


def test_team_keys_by_names_keep_the_typed_name(lab: Lab) -> None:
    teams = _teams(lab, {"names": ["rouge", "Équipe Bleue", "  Œil-de-Lynx "]})

    assert [t["team"] for t in teams] == ["rouge", "equipe-bleue", "oeil-de-lynx"]
    assert [t["display_name"] for t in teams] == [
        "rouge",
        "Équipe Bleue",
        "Œil-de-Lynx",
    ]


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Équipe Rouge", "equipe-rouge"),
        ("ÇA_va", "ca_va"),
        ("Straße 2", "strasse-2"),
        ("d’Artagnan !", "d-artagnan"),
        ("東京", ""),
        ("!!!", ""),
    ],
)
def test_team_slug_turns_accented_names_into_key_names(name: str, slug: str) -> None:
    assert team_slug(name) == slug


def test_sign_in_link_carries_the_key_only_in_the_fragment(lab: Lab) -> None:
    response = _make(lab, {"count": 1, "base_url": "http://192.168.1.10:8000/"})

    team = response.json()["teams"][0]
    parts = urlsplit(team["sign_in_link"])
    assert team["sign_in_link"] == f"http://192.168.1.10:8000/#key={team['key']}"
    assert (parts.path, parts.query, parts.fragment) == ("/", "", f"key={team['key']}")
    assert team["key"] not in team["sign_in_link"].split("#")[0]


def test_sign_in_link_defaults_to_the_address_the_teacher_used(lab: Lab) -> None:
    team = _teams(lab, {"count": 1})[0]

    assert team["sign_in_link"] == f"http://testserver/#key={team['key']}"


def test_qr_code_is_an_svg_segno_made_from_the_sign_in_link(lab: Lab) -> None:
    team = _teams(lab, {"names": ["rouge"]})[0]

    svg = ET.fromstring(team["qr_svg"])
    expected = io.BytesIO()
    segno.make(team["sign_in_link"], error="m").save(
        expected, kind="svg", xmldecl=False, svgns=True, nl=False,
        omitsize=True, border=4, svgclass="qr",
    )  # fmt: skip
    assert svg.tag == f"{SVG_NAMESPACE}svg"
    assert svg.get("viewBox")
    assert svg.find(f"{SVG_NAMESPACE}path") is not None
    assert team["qr_svg"] == expected.getvalue().decode("utf-8")
    assert team["key"] not in team["qr_svg"]


def test_team_keys_refuse_a_team_that_already_has_a_live_key(lab: Lab) -> None:
    _teams(lab, {"names": ["rouge"]})

    response = _make(lab, {"names": ["bleue", "Rouge"]}, **{"Accept-Language": "en"})

    assert response.status_code == 409
    body = response.json()
    assert body["type"] == "/problems/team-exists"
    assert body["params"]["teams"] == "rouge"
    assert "rouge" in body["detail"] and "No key was made" in body["detail"]
    assert "bleue" not in _listed_teams(lab)


def test_team_exists_speaks_french_by_default(lab: Lab) -> None:
    _teams(lab, {"count": 2})

    response = lab.client.post(TEAMS, json={"count": 2}, headers=lab.auth("admin"))

    assert response.status_code == 409
    assert response.json()["title"] == "Cette équipe a déjà une clé"
    assert "equipe-1, equipe-2" in response.json()["detail"]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({}, "teams_count_or_names"),
        ({"count": 2, "names": ["a"]}, "teams_count_or_names"),
        ({"count": 0}, "greater_than_equal"),
        ({"count": 41}, "less_than_equal"),
        ({"count": "beaucoup"}, "int_parsing"),
        ({"names": []}, "too_short"),
        ({"names": [f"t{n}" for n in range(41)]}, "too_long"),
        ({"names": ["   "]}, "string_too_short"),
        ({"names": ["東京"]}, "team_name_unusable"),
        ({"names": ["Rouge", "rouge"]}, "team_name_repeated"),
        ({"names": ["a\u0000b"]}, "team_name_control"),
        ({"count": 1, "base_url": "ftp://x"}, "base_url_not_http"),
        ({"count": 1, "base_url": "http://[::1"}, "base_url_not_http"),
        ({"count": 1, "base_url": "http://a b/"}, "base_url_spaces"),
        ({"count": 1, "base_url": "http://x/?k=1"}, "base_url_not_plain"),
        ({"count": 1, "colour": "red"}, "extra_forbidden"),
    ],
)
def test_team_keys_refuse_bad_bodies(lab: Lab, body: dict[str, Any], code: str) -> None:
    response = _make(lab, body)

    assert response.status_code == 422
    problem = response.json()
    assert problem["type"] == "/problems/validation"
    assert code in [error["code"] for error in problem["errors"]]
    assert _listed_teams(lab) == {None, "a", "b"}


def test_unusable_team_name_is_explained_in_french(lab: Lab) -> None:
    response = _make(lab, {"names": ["東京"]})

    assert (
        "«\u00a0東京\u00a0» ne contient ni lettre ni chiffre"
        in response.json()["detail"]
    )


@pytest.mark.parametrize(
    ("method", "path"), [("post", TEAMS), ("get", KEYS), ("delete", TEAMS)]
)
def test_team_key_admin_routes_refuse_a_team_key(
    lab: Lab, method: str, path: str
) -> None:
    response = lab.client.request(
        method, path, json={"count": 1}, headers=lab.auth("team-a")
    )

    assert response.status_code == 403
    assert response.json()["type"] == "/problems/forbidden"


@pytest.mark.parametrize(
    ("method", "path"), [("post", TEAMS), ("get", KEYS), ("delete", TEAMS)]
)
def test_team_key_admin_routes_need_a_key(lab: Lab, method: str, path: str) -> None:
    response = lab.client.request(method, path, json={"count": 1})

    assert response.status_code == 401
    assert response.json()["type"] == "/problems/unauthorized"


def test_key_list_shows_every_key_and_never_a_secret(lab: Lab) -> None:
    made = _teams(lab, {"names": ["Équipe Rouge"]})

    response = lab.client.get(KEYS, headers=lab.auth("admin"))

    assert response.status_code == 200
    keys = response.json()["keys"]
    assert {(k["role"], k["team"]) for k in keys} >= {
        ("admin", None),
        ("team", "a"),
        ("team", "equipe-rouge"),
    }
    rouge = next(k for k in keys if k["team"] == "equipe-rouge")
    assert rouge["label"] == "Équipe Rouge"
    assert rouge["prefix"] == made[0]["key"][:10]
    assert set(rouge) == {
        "id",
        "role",
        "team",
        "label",
        "prefix",
        "created_at",
        "revoked_at",
    }
    for secret in [*lab.keys.values(), made[0]["key"]]:
        assert secret not in response.text


def test_revoking_team_keys_stops_them_and_keeps_the_admin(lab: Lab) -> None:
    made = _teams(lab, {"count": 2})

    response = lab.client.delete(TEAMS, headers=lab.auth("admin"))

    assert response.status_code == 200
    assert response.json() == {"revoked": 4}  # team-a, team-b and the two made
    for secret in [made[0]["key"], lab.keys["team-a"]]:
        refused = lab.client.get(
            f"{KEYS}/current", headers={"Authorization": f"Bearer {secret}"}
        )
        assert refused.status_code == 401
    listed = lab.client.get(KEYS, headers=lab.auth("admin")).json()["keys"]
    assert all(k["revoked_at"] for k in listed if k["role"] == "team")
    assert _teams(lab, {"count": 1})[0]["team"] == "equipe-1"  # names free again
