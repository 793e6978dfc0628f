"""Who may explore which model version through the vision relay.

A version trained in a challenge (``ModelMetadata.challenge_id``) needs a key
whatever ``ARCHILAB_REQUIRE_KEY_FOR_READ`` says, and only its team (and admins)
may open it: its layers, samples, explorer calls and analysis reports. The
cnn service knows nothing of keys, so the gateway checks before it relays and
filters the lists it relays back.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import Depends
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from lab_common.problems import ModelNotFound
from lab_common.registry import PRODUCTION, ModelMetadata, ModelRegistry
from lab_common.store import ApiKey
from lab_gateway.auth import CHALLENGE, ReaderDep, Unauthorized
from lab_gateway.dependencies import RegistryDep
from lab_gateway.models import may_see_version
from lab_gateway.segments import ModelName, ModelVersion


def _metadata(registry: ModelRegistry, name: str, version: str) -> ModelMetadata | None:
    """The version's metadata; None if unknown (the cnn answers its own 404)."""
    try:
        if version == PRODUCTION:
            version = registry.production_version(name) or ""
        return registry.get_metadata(name, version) if version else None
    except ModelNotFound:
        return None


def check_version_visible(
    registry: ModelRegistry, name: str, version: str, key: ApiKey | None
) -> None:
    """401 without a key, 404 for another team, for a challenge's version."""
    metadata = _metadata(registry, name, version)
    if metadata is None or metadata.challenge_id is None:
        return
    if key is None:
        raise Unauthorized("challenge", headers=CHALLENGE)
    if not may_see_version(key, metadata):
        raise ModelNotFound("unknown", name=name)


async def require_visible_version(
    name: ModelName, version: ModelVersion, registry: RegistryDep, reader: ReaderDep
) -> None:
    await run_in_threadpool(check_version_visible, registry, name, version, reader)


VisibleVersion = Depends(require_visible_version)


def is_visible(
    registry: ModelRegistry, name: str, version: str, key: ApiKey | None
) -> bool:
    metadata = _metadata(registry, name, version)
    return metadata is None or may_see_version(key, metadata)


def _json_response(payload: Any, status_code: int) -> Response:
    return Response(
        content=json.dumps(payload),
        status_code=status_code,
        media_type="application/json",
    )


def filter_model_list(
    response: Response, registry: ModelRegistry, key: ApiKey | None
) -> Response:
    """The cnn's model list without the challenge versions ``key`` may not see."""
    if response.status_code != 200:
        return response
    payload = json.loads(bytes(response.body))
    payload["models"] = [
        summary
        for summary in payload.get("models", [])
        if may_see_version(key, ModelMetadata.model_validate(summary["metadata"]))
    ]
    return _json_response(payload, response.status_code)


def filter_report_list(
    response: Response, registry: ModelRegistry, key: ApiKey | None
) -> Response:
    """The cnn's report jobs without those of versions ``key`` may not see."""
    if response.status_code != 200:
        return response
    payload = json.loads(bytes(response.body))
    payload["reports"] = [
        report
        for report in payload.get("reports", [])
        if is_visible(registry, report["model"], report["version"], key)
    ]
    return _json_response(payload, response.status_code)


def requested_version(body: bytes) -> tuple[str | None, str]:
    """Model and version a report request names (the cnn validates the rest)."""
    try:
        fields = json.loads(body or b"{}")
    except ValueError:
        return None, PRODUCTION
    if not isinstance(fields, dict):
        return None, PRODUCTION
    model, version = fields.get("model"), fields.get("version", PRODUCTION)
    return (
        model if isinstance(model, str) else None,
        version if isinstance(version, str) else PRODUCTION,
    )
