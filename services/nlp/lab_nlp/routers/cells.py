"""/v1/sentiment/models/{name}/versions/{version}/cell-states: inside the cell."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from lab_common.bodies import json_request_body, read_json
from lab_common.messages import Language, current_language, render
from lab_common.problems import Problem
from lab_common.text.schemas import (
    CellSignal,
    CellStatesRequest,
    CellStatesResponse,
    CellUnit,
    CellWord,
)
from lab_common.vision.schemas import ModelRef
from lab_nlp.cell_heatmap import render_heat_map
from lab_nlp.cell_states import CellStates, describe_cells
from lab_nlp.dependencies import SettingsDep, VersionsDep
from lab_nlp.model_store import SentimentVersions

router = APIRouter(
    prefix="/sentiment/models/{name}/versions/{version}", tags=["sentiment"]
)

PNG = "image/png"
_PROBLEM = {"model": Problem, "content": {"application/problem+json": {}}}
_RESPONSES: dict[int | str, dict] = {
    200: {"content": {PNG: {}}, "description": "JSON, or a PNG heat map if asked"},
    **dict.fromkeys((400, 404, 413, 422, 503), _PROBLEM),
}


def wants_png(request: Request) -> bool:
    return PNG in request.headers.get("accept", "")


def _signal(kind: str, name: str, values: list, language: Language) -> CellSignal:
    return CellSignal(
        name=name,
        label=render(f"cell.label.{name}", language=language),
        explanation=render(f"cell.{kind}.{name}", language=language),
        values=values,
    )


def to_response(
    ref: ModelRef, cells: CellStates, language: Language
) -> CellStatesResponse:
    """The cell's numbers with their names and explanations in ``language``."""
    memory = "hidden_state" if cells.cell_state is None else "cell_state"
    total = cells.units_per_direction * (2 if cells.bidirectional else 1)
    count = len(cells.units)
    return CellStatesResponse(
        model=ref,
        layer=cells.layer,
        cell=cells.kind,
        units_per_direction=cells.units_per_direction,
        bidirectional=cells.bidirectional,
        words=[
            CellWord(text=w.text, start=w.start, end=w.end, tokens=tokens)
            for w, tokens in zip(cells.words, cells.tokens, strict=True)
        ],
        units=[CellUnit(**vars(unit)) for unit in cells.units],
        selection=render(
            f"cell.selection.{memory}", {"count": count, "total": total}, language
        ),
        columns=render("cell.columns", language=language),
        gates=[_signal(cells.kind, g, v, language) for g, v in cells.gates.items()],
        cell_state=None
        if cells.cell_state is None
        else _signal(cells.kind, "cell_state", cells.cell_state, language),
        hidden_state=_signal(cells.kind, "hidden_state", cells.hidden_state, language),
        positive_probability=cells.positive_probability,
        trajectory=cells.trajectory,
    )


def _describe(
    versions: SentimentVersions, name: str, version: str, body: CellStatesRequest
) -> tuple[ModelRef, CellStates]:
    sentiment = versions.get(name, version)
    cells = describe_cells(
        sentiment, body.text, body.units, recurrent=versions.with_recurrent_layer
    )
    return sentiment.ref, cells


@router.post(
    "/cell-states",
    response_model=CellStatesResponse,
    summary="Inside the recurrent cell: its gates and states, word by word",
    description="The first LSTM, GRU or SimpleRNN layer of the version, stepped "
    "over the text's words: each gate and state of the `units` most informative "
    "units (those whose memory tracks the running opinion best). "
    "`Accept: image/png` for a heat map. 422 `no-recurrent-layer` names the "
    "versions that have one; at most 300 words.",
    responses=_RESPONSES,
    openapi_extra=json_request_body(CellStatesRequest),
)
async def create_cell_states(
    name: str,
    version: str,
    request: Request,
    settings: SettingsDep,
    versions: VersionsDep,
) -> Response:
    limit = settings.max_sentiment_body_bytes
    body = await read_json(request, CellStatesRequest, limit)
    language = current_language()  # the worker threads below do not see it
    ref, cells = await run_in_threadpool(_describe, versions, name, version, body)
    answer = to_response(ref, cells, language)
    if wants_png(request):
        png = await run_in_threadpool(render_heat_map, answer, language)
        return Response(png, media_type=PNG)
    return Response(answer.model_dump_json(), media_type="application/json")
