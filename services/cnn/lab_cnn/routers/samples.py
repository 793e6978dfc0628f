"""GET .../samples: test images of a model's own dataset, to explore it with.

A model trained in a challenge shows its challenge's validation images; any
other model its test images less the hidden ones of guarded challenges
(``lab_cnn.model_datasets:load_shown_dataset``).
"""

from __future__ import annotations

import base64
import io
from typing import Annotated, Literal

import numpy as np
from fastapi import APIRouter, Query
from PIL import Image
from pydantic import BaseModel

from lab_cnn.dependencies import ChallengesDep, RegistryDep, SettingsDep
from lab_cnn.model_datasets import load_shown_dataset

router = APIRouter(prefix="/models/{name}/versions/{version}", tags=["explorer"])

MAX_SAMPLES_PER_CLASS = 10


class Sample(BaseModel):
    index: int  # row in the split shown
    class_index: int
    label: str
    image_png_b64: str


class SampleListResponse(BaseModel):
    dataset: str
    split: Literal["test", "validation"] = "test"
    samples: list[Sample]


def _png_b64(image: np.ndarray) -> str:
    """uint8 (height, width, 1 or 3) as base64 PNG, pixels exactly as stored."""
    pixels = image[..., 0] if image.shape[-1] == 1 else image
    buffer = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(pixels, dtype=np.uint8)).save(
        buffer, format="PNG"
    )
    return base64.b64encode(buffer.getvalue()).decode("ascii")


@router.get(
    "/samples",
    response_model=SampleListResponse,
    summary="Test images of the model's dataset, the first of each class",
)
def list_samples(
    name: str,
    version: str,
    registry: RegistryDep,
    settings: SettingsDep,
    challenges: ChallengesDep,
    per_class: Annotated[int, Query(ge=1, le=MAX_SAMPLES_PER_CLASS)] = 1,
) -> SampleListResponse:
    metadata = registry.get_metadata(name, version)  # 404 if unknown
    # 409 if not on this server, 503 if its course files are absent
    dataset = load_shown_dataset(
        metadata, settings.data_dir, settings.datasets_dir, challenges
    )
    samples = []
    for class_index, label in enumerate(metadata.class_names):
        for row in np.flatnonzero(dataset.y_test == class_index)[:per_class]:
            samples.append(
                Sample(
                    index=int(row),
                    class_index=class_index,
                    label=label,
                    image_png_b64=_png_b64(dataset.x_test[row]),
                )
            )
    split = "test" if metadata.challenge_id is None else "validation"
    return SampleListResponse(dataset=dataset.id, split=split, samples=samples)
