"""Team keys in the browser: the teacher makes the sheets; a sheet's link signs a
browser in (the key stored, the fragment cleared, the team named)."""

from __future__ import annotations

import io
import re
import unicodedata
import uuid

import httpx
import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.conftest import LabStack

pytestmark = pytest.mark.e2e

STORED_KEY = "archilab.apiKey"  # where frontend/js/components/api-key.js keeps it


def make_team_key(lab_stack: LabStack, name: str) -> dict[str, str]:
    response = httpx.post(
        f"{lab_stack.base_url}/api/v1/keys/teams",
        json={"names": [name]},
        headers=lab_stack.admin_headers(),
        timeout=10,
    )
    assert response.status_code == 201, response.text
    team: dict[str, str] = response.json()["teams"][0]
    return team


def test_a_sign_in_link_stores_the_key_and_clears_the_address(
    page: Page, lab_stack: LabStack
) -> None:
    name = f"e2e-{uuid.uuid4().hex[:8]}"
    team = make_team_key(lab_stack, name)
    fragment = team["sign_in_link"].split("#", 1)[1]

    page.goto(f"/jobs.html#{fragment}")

    expect(page.get_by_role("status").filter(has_text=name)).to_contain_text(
        re.compile(rf"Connecté comme équipe «\W*{name}\W*»")
    )
    assert "#" not in page.url and team["key"] not in page.url
    assert page.evaluate(f"localStorage.getItem('{STORED_KEY}')") == team["key"]
    expect(page.get_by_label("Clé d'API")).to_have_value(team["key"])


def test_the_teams_page_prints_one_page_per_team(
    page: Page, lab_stack: LabStack
) -> None:
    names = [f"Équipe {uuid.uuid4().hex[:6]}", f"e2e-{uuid.uuid4().hex[:6]}"]
    page.goto("/teams.html")
    page.get_by_label("Clé d'API").fill(lab_stack.admin_key)

    page.get_by_label("Leurs noms").check()
    page.get_by_label("Noms des équipes, un par ligne").fill("\n".join(names))
    page.get_by_role("button", name="Créer les clés").click()

    sheets = page.locator(".team-sheet")
    expect(sheets).to_have_count(2)
    expect(sheets.first.get_by_role("heading")).to_have_text(names[0])
    expect(sheets.first.get_by_role("img")).to_have_attribute(
        "src", re.compile(r"^data:image/svg\+xml")
    )
    expect(sheets.nth(1)).to_contain_text(re.compile(r"/#key=alk_"))
    printed = PdfReader(io.BytesIO(page.pdf(format="A4"))).pages
    # NFKC: the PDF may set "ff" or "fi" in a random name as one ligature glyph.
    headings = [
        unicodedata.normalize("NFKC", sheet.extract_text()).split("\n")[0]
        for sheet in printed
    ]
    assert headings == names
