"""Schemathesis over the gateway's whole OpenAPI: no 500, every answer as declared.

The lab runs in its own home (a fuzzed job or dataset must not land in the
shared stack), started by the launcher with the shared stack's trained models
copied in, so the first start trains nothing and every model endpoint answers.
No Mistral key is configured: comparisons answer their declared 503.

Two runs with a fixed seed: without a key over every operation (mutations then
stop at 401), and with a team key that owns nothing over every operation but
those that start training or move a production alias.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import LabStack, free_port, start_launcher, stop_launcher

pytestmark = pytest.mark.integration

SEED = 20261203
# Cases per operation (plus the coverage phase's boundary cases): both runs
# take well under a minute each on two cores.
MAX_EXAMPLES = 20
# No operation declares a 500, so status_code_conformance fails on every 500
# (test_no_operation_declares_a_500 keeps it so). A declared 502/503/504 is part
# of the contract (here: comparisons without a Mistral key answer 503
# feature-unavailable), which is why not_a_server_error is not among these.
CHECKS = ",".join(
    (
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
    )
)
# Operations a team key must not exercise here: they queue training or move
# the production alias (what the class is served).
TRAINING_OR_PROMOTION = r"^(create_training_job|promote_model_version)_"
RUN_TIMEOUT_SECONDS = 200


@pytest.fixture(scope="module")
def fuzz_stack(
    lab_stack: LabStack, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LabStack]:
    home = tmp_path_factory.mktemp("fuzz-home")
    # Only the trained models are borrowed; jobs, keys and datasets start empty.
    shutil.copytree(lab_stack.home / "models", home / "models")
    stack = start_launcher(home, free_port(), {})
    yield stack
    stop_launcher(stack)


def create_team_key(home: Path, team: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "archilab", "keys", "create", "--role", "team",
         "--team", team, "--home", str(home)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return result.stdout.strip()


def run_schemathesis(stack: LabStack, *extra: str) -> subprocess.CompletedProcess:
    argv = [
        sys.executable, "-m", "schemathesis.cli", "run",
        f"{stack.base_url}/api/openapi.json",
        "--checks", CHECKS,
        "--phases", "examples,coverage,fuzzing",
        "--max-examples", str(MAX_EXAMPLES),
        "--seed", str(SEED),
        "--workers", "1",
        "--request-timeout", "60",
        "--no-shrink",
        "--suppress-health-check", "all",
        *extra,
    ]  # fmt: skip
    return subprocess.run(
        argv,
        cwd=stack.home,  # its report folder stays out of the repository
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_SECONDS,
    )


def failure_report(run: subprocess.CompletedProcess) -> str:
    return f"schemathesis exited {run.returncode}\n{run.stdout[-20000:]}{run.stderr}"


def test_no_operation_declares_a_500(fuzz_stack: LabStack) -> None:
    schema = httpx.get(f"{fuzz_stack.base_url}/api/openapi.json", timeout=30).json()

    declared = {
        status
        for path_item in schema["paths"].values()
        for operation in path_item.values()
        for status in operation.get("responses", {})
    }

    assert "500" not in declared


def test_no_operation_fails_without_a_key(fuzz_stack: LabStack) -> None:
    run = run_schemathesis(fuzz_stack)

    assert run.returncode == 0, failure_report(run)


def test_no_operation_fails_with_a_team_key_that_owns_nothing(
    fuzz_stack: LabStack,
) -> None:
    key = create_team_key(fuzz_stack.home, "fuzz")

    run = run_schemathesis(
        fuzz_stack,
        "--header", f"Authorization: Bearer {key}",
        "--exclude-operation-id-regex", TRAINING_OR_PROMOTION,
    )  # fmt: skip

    assert run.returncode == 0, failure_report(run)
