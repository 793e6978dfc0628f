"""Path segments the gateway puts into a relayed URL, each with its pattern.

A relayed path is built from these only, so a segment can never carry a
control character (``httpx.InvalidURL``) or a ``../`` that would reach another
route of the service; a segment that does not match is a 422, never forwarded.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

from lab_common.registry import MODEL_NAME_PATTERN, VERSION_PATTERN

# Keras names layers with letters, digits, "_" (and "." or "-" when given).
LAYER_NAME_PATTERN = r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$"
# Report and evaluation jobs are named by uuid4().hex.
JOB_ID_PATTERN = r"^[0-9a-f]{32}$"

ModelName = Annotated[
    str, Path(pattern=MODEL_NAME_PATTERN, description="A model name, e.g. digits.")
]
ModelVersion = Annotated[
    str, Path(pattern=VERSION_PATTERN, description="A version number, e.g. 3.")
]
LayerName = Annotated[
    str, Path(pattern=LAYER_NAME_PATTERN, description="A layer name, e.g. conv_1.")
]
JobId = Annotated[str, Path(pattern=JOB_ID_PATTERN, description="The job's id.")]
