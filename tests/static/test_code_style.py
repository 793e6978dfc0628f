"""The repository passes ruff, lint and format, with the root pyproject.toml config."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.static

REPO_ROOT = Path(__file__).resolve().parents[2]
# The venv's console scripts sit next to its (unresolved) python.
RUFF = Path(sys.executable).parent / "ruff"
TOOL_TIMEOUT_SECONDS = 120


def run_ruff(*args: str) -> subprocess.CompletedProcess[str]:
    assert RUFF.exists(), f"{RUFF} missing: install requirements-dev.txt"
    return subprocess.run(
        [str(RUFF), *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=TOOL_TIMEOUT_SECONDS,
        check=False,
    )


def test_repository_passes_ruff_lint() -> None:
    result = run_ruff("check", "--no-cache", ".")

    assert result.returncode == 0, result.stdout + result.stderr


def test_repository_is_ruff_formatted() -> None:
    result = run_ruff("format", "--check", "--no-cache", ".")

    assert result.returncode == 0, result.stdout + result.stderr
