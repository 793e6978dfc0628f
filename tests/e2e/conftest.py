"""Browser fixtures for the end-to-end journeys.

The system Chromium (Debian's ``chromium`` package) is driven through Playwright's
sync API; nothing is downloaded. The lab itself comes from the root ``lab_stack``
fixture. Each test gets a fresh browser context, so storage (the language choice)
never leaks between tests. A failing test leaves ``failure.png`` in its tmp_path.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any, Protocol

import pytest
from playwright.sync_api import (
    Browser,
    Page,
    Playwright,
    expect,
    sync_playwright,
)

CHROMIUM_PATH = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Generous for a cold first prediction on a busy CI machine, short enough to fail
# fast when something is really wrong.
TIMEOUT_MS = 15_000
VIEWPORT = {"width": 1280, "height": 900}

_CALL_FAILED = pytest.StashKey[bool]()


class RunningLab(Protocol):
    """What the root ``lab_stack`` fixture gives these tests."""

    base_url: str


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Any, None]:
    """Remember whether the test body failed, for the screenshot in ``page``."""
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.stash[_CALL_FAILED] = report.failed


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        expect.set_options(timeout=TIMEOUT_MS)
        yield playwright


# What a student sees, kept after the run (not committed): see the README.
TEST_OUTPUT = Path(__file__).resolve().parents[2] / "test-output"


def save_for_readers(page: Page, name: str) -> Path:
    """A full-page screenshot under ``test-output/``, for the README and notes."""
    TEST_OUTPUT.mkdir(exist_ok=True)
    path = TEST_OUTPUT / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    return path


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM_PATH.exists():
        pytest.fail(f"{CHROMIUM_PATH} is missing: apt-get install -y chromium")
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


# A common phone in portrait (CSS pixels): the answer must not land below the fold.
PHONE_VIEWPORT = {"width": 390, "height": 844}


def _open_page(
    browser: Browser,
    lab_stack: RunningLab,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    viewport: dict[str, int],
) -> Iterator[Page]:
    """A page in a new context whose relative URLs point at the running lab."""
    context = browser.new_context(
        base_url=lab_stack.base_url, locale="fr-FR", viewport=viewport
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    script_errors: list[str] = []
    page.on("pageerror", lambda error: script_errors.append(str(error)))

    yield page

    if request.node.stash.get(_CALL_FAILED, False):
        page.screenshot(path=tmp_path / "failure.png", full_page=True)
    context.close()
    assert not script_errors, f"uncaught errors in the page: {script_errors}"


@pytest.fixture
def page(
    browser: Browser,
    lab_stack: RunningLab,
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> Iterator[Page]:
    """A desktop-sized page."""
    yield from _open_page(browser, lab_stack, request, tmp_path, VIEWPORT)


@pytest.fixture
def phone_page(
    browser: Browser,
    lab_stack: RunningLab,
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> Iterator[Page]:
    """A phone-sized page (390 × 844)."""
    yield from _open_page(browser, lab_stack, request, tmp_path, PHONE_VIEWPORT)
