"""Running the venv's command-line checkers (ruff, hadolint, check-jsonschema)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
# The venv's console scripts sit next to its (unresolved) python.
BIN_DIR = Path(sys.executable).parent
TOOL_TIMEOUT_SECONDS = 120


def run_tool(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    executable = BIN_DIR / name
    assert executable.exists(), f"{executable} missing: install requirements-dev.txt"
    return subprocess.run(
        [str(executable), *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=TOOL_TIMEOUT_SECONDS,
        check=False,
    )
