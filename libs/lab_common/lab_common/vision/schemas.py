"""Public request and response bodies of the vision API (cnn service and gateway)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from lab_common.registry import ModelMetadata


class PredictionRequest(BaseModel):
    """JSON alternative to a multipart upload."""

    image_b64: str = Field(
        description="The image file, base64-encoded; a data: URL prefix is accepted.",
        min_length=1,
    )


class ModelRef(BaseModel):
    name: str
    version: str


class ClassProbability(BaseModel):
    label: str
    class_index: int
    probability: float


class Timings(BaseModel):
    decode_ms: float
    preprocess_ms: float
    inference_ms: float
    total_ms: float


class PredictionResponse(BaseModel):
    model: ModelRef
    predictions: list[ClassProbability] = Field(
        description="The top-k classes, most probable first."
    )
    timings: Timings
    input_image_png_b64: str | None = Field(
        default=None,
        description="The 28x28 image the network received, as base64 PNG "
        "(only with include_input=true).",
    )


class ModelSummary(BaseModel):
    metadata: ModelMetadata
    aliases: list[str]
    is_serving: bool


class ModelListResponse(BaseModel):
    models: list[ModelSummary]


# Documents the three accepted bodies in OpenAPI: the handlers read the request
# themselves (to enforce the byte limit before parsing), so FastAPI cannot infer it.
IMAGE_REQUEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            },
            "application/json": {
                "schema": PredictionRequest.model_json_schema(),
            },
            "image/*": {"schema": {"type": "string", "format": "binary"}},
        },
    }
}
