"""The Phase 3 challenge in the browser: the teacher creates a chiffres-dense
challenge and opens it, two teams each launch an experiment from their page and
submit it with a note, and the projector view ranks both without a reload."""

from __future__ import annotations

import re
import uuid

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.conftest import LabStack

pytestmark = pytest.mark.e2e

# Training, then scoring: a 1-epoch Dense job and its scoring take a few seconds,
# but the baseline (4 epochs) and the other team's job may be ahead in the queue.
JOB_TIMEOUT_MS = 90_000


def make_team_keys(lab_stack: LabStack, names: list[str]) -> list[dict[str, str]]:
    response = httpx.post(
        f"{lab_stack.base_url}/api/v1/keys/teams",
        json={"names": names},
        headers=lab_stack.admin_headers(),
        timeout=10,
    )
    assert response.status_code == 201, response.text
    teams: list[dict[str, str]] = response.json()["teams"]
    return teams


def new_context(browser: Browser, lab_stack: LabStack) -> BrowserContext:
    context = browser.new_context(
        base_url=lab_stack.base_url,
        locale="fr-FR",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(15_000)
    return context


def teacher_creates_and_opens(page: Page, lab_stack: LabStack) -> str:
    page.goto("/challenges.html")
    page.get_by_label("Clé d'API").fill(lab_stack.admin_key)
    page.get_by_label("Clé d'API").dispatch_event("change")
    expect(page.get_by_label("Modèle de défi")).to_have_value("chiffres-dense")
    page.get_by_label("Soumissions par équipe").fill("5")
    page.get_by_role("button", name="Créer le défi").click()

    expect(
        page.get_by_role("heading", level=2, name=re.compile("Chiffres"))
    ).to_be_visible()
    page.get_by_role("button", name="Ouvrir", exact=True).click()
    expect(page.locator("#challenge-state")).to_have_text("Ouvert")
    match = re.search(r"[?&]id=([0-9a-f]+)", page.url)
    assert match, page.url
    return match.group(1)


def team_launches_an_experiment(
    page: Page, challenge_id: str, team: dict[str, str]
) -> None:
    """The team signs in with its sheet's link and trains from its page."""
    page.goto(f"/challenges.html?id={challenge_id}#key={team['key']}")
    expect(page.get_by_role("heading", name="Règles")).to_be_visible()
    page.get_by_role("link", name="Lancer une expérience").click()

    expect(
        page.get_by_role("note").filter(has_text="comptent pour le défi")
    ).to_be_visible()
    page.get_by_label("Architecture").select_option("dense")
    page.get_by_label("Époques").fill("1")
    page.get_by_role("button", name="Lancer l'entraînement").click()
    expect(page).to_have_url(re.compile(r"[?&]job=[0-9a-f]+"))  # queued


def team_submits(page: Page, challenge_id: str, note: str) -> None:
    page.goto(f"/challenges.html?id={challenge_id}")
    form_note = page.get_by_label(re.compile("ce que vous avez changé"))
    expect(form_note).to_be_visible(timeout=JOB_TIMEOUT_MS)  # the job has succeeded
    form_note.fill(note)
    page.get_by_role("button", name="Soumettre").click()

    submissions = page.get_by_role("table", name="Vos soumissions")
    expect(submissions.get_by_role("row").filter(has_text=note)).to_be_visible()
    expect(
        page.get_by_role("status").filter(has_text="Soumissions restantes")
    ).to_contain_text("4 sur 5")


def test_two_teams_submit_and_the_projector_ranks_them_live(
    page: Page, browser: Browser, lab_stack: LabStack
) -> None:
    names = [f"rouge-{uuid.uuid4().hex[:6]}", f"bleue-{uuid.uuid4().hex[:6]}"]
    teams = make_team_keys(lab_stack, names)
    challenge_id = teacher_creates_and_opens(page, lab_stack)
    projector = page.context.new_page()
    projector.goto(f"/challenges.html?id={challenge_id}&projector=1")
    projector.evaluate("window.stillTheSamePage = true")
    expect(projector.get_by_text("En direct", exact=True)).to_be_visible()
    contexts = [new_context(browser, lab_stack) for _ in teams]
    team_pages = [context.new_page() for context in contexts]

    try:
        for team_page, team in zip(team_pages, teams, strict=True):
            team_launches_an_experiment(team_page, challenge_id, team)
        for team_page, name in zip(team_pages, names, strict=True):
            team_submits(team_page, challenge_id, f"une époque pour {name}")

        board = projector.get_by_role(
            "table", name=re.compile("Classement sur le test public")
        )
        for name in names:
            row = board.get_by_role("row").filter(
                has=projector.get_by_role("rowheader", name=name, exact=True)
            )
            expect(row).to_contain_text(
                re.compile(r"\d+,\d\s%"), timeout=JOB_TIMEOUT_MS
            )
        expect(
            board.get_by_role("row").filter(has_text="Modèle de référence")
        ).to_contain_text("réf.")
        ranks = board.locator("tr.leaderboard-team td:first-of-type")
        expect(ranks).to_have_text(["1", "2"])
        assert projector.evaluate("window.stillTheSamePage") is True
        expect(
            projector.get_by_label("Clé d'API")
        ).to_be_hidden()  # nothing but the board
    finally:
        for context in contexts:
            context.close()
