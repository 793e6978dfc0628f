"""The repository passes ruff, lint and format, with the root pyproject.toml config."""

from __future__ import annotations

import pytest

from tests.static.tools import run_tool

pytestmark = pytest.mark.static


def test_repository_passes_ruff_lint() -> None:
    result = run_tool("ruff", "check", "--no-cache", ".")

    assert result.returncode == 0, result.stdout + result.stderr


def test_repository_is_ruff_formatted() -> None:
    result = run_tool("ruff", "format", "--check", "--no-cache", ".")

    assert result.returncode == 0, result.stdout + result.stderr
