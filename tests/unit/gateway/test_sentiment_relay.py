"""The gateway's cell-state relay route as its OpenAPI documents it (no Redis,
no service: the relay itself is exercised in tests/integration/test_sentiment_api)."""

from __future__ import annotations

from pathlib import Path

from lab_common.registry import MODEL_NAME_PATTERN, VERSION_PATTERN
from lab_gateway.main import create_app
from tests.unit.gateway.test_training_jobs_api import make_settings

CELL_STATES = "/api/v1/sentiment/models/{name}/versions/{version}/cell-states"


def test_the_cell_states_route_documents_png_problems_and_its_segments(
    tmp_path: Path,
) -> None:
    openapi = create_app(make_settings(tmp_path)).openapi()

    operation = openapi["paths"][CELL_STATES]["post"]
    responses = operation["responses"]
    assert {"application/json", "image/png"} <= set(responses["200"]["content"])
    for status in ("400", "404", "413", "422", "502", "503", "504"):
        assert "application/problem+json" in responses[status]["content"], status
    patterns = {p["name"]: p["schema"]["pattern"] for p in operation["parameters"]}
    assert patterns == {"name": MODEL_NAME_PATTERN, "version": VERSION_PATTERN}
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    assert set(body["properties"]) == {"text", "units"}
    assert "security" not in operation  # open like the other sentiment routes
