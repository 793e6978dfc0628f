"""The cell-state answer as a PNG heat map: one band per gate or state, one row
per unit, one column per word, labelled in the request's language.

The bands are coloured here and drawn as one image in one axes, with margins
fixed in inches: a layout engine and one axes per band took seconds a picture.
matplotlib's object API on the Agg canvas (no pyplot): safe in worker threads.
"""

from __future__ import annotations

import io

import numpy as np
from matplotlib import colormaps
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.transforms import blended_transform_factory

from lab_common.messages import Language, render
from lab_common.text.schemas import CellSignal, CellStatesResponse

DPI = 100
ROW_INCHES = 0.2
# Words get narrower columns as texts get longer, down to what a rotated
# 7-point label still fits in.
MAX_COLUMN_INCHES = 0.42
MIN_COLUMN_INCHES = 0.12
MAX_TEXT_INCHES = 36.0
LEFT_INCHES, RIGHT_INCHES = 2.6, 1.0
TOP_INCHES, BOTTOM_INCHES = 0.5, 1.3
CELL_NAMES = {"lstm": "LSTM", "gru": "GRU", "simple-rnn": "SimpleRNN"}
UNREAD = (0.78, 0.78, 0.78, 1.0)  # grey: a gate of a word the model does not read
GAP = (1.0, 1.0, 1.0, 1.0)  # the white row between two bands
# Gates are fractions (0 to 1); states have a sign (blue below 0, red above),
# each state band scaled to its own largest |value|, written beside its name.
GATE_COLOURS = colormaps["viridis"]
STATE_COLOURS = colormaps["RdBu_r"]


def _column_inches(words: int) -> float:
    share = MAX_TEXT_INCHES / max(words, 1)
    return float(np.clip(share, MIN_COLUMN_INCHES, MAX_COLUMN_INCHES))


def _number(value: float, language: Language) -> str:
    text = f"{value:.2g}"
    return text.replace(".", ",") if language == "fr" else text


def _band(
    signal: CellSignal, is_gate: bool, language: Language
) -> tuple[np.ndarray, str]:
    """The band's RGBA rows and its label."""
    values = np.array(
        [[np.nan if v is None else v for v in row] for row in signal.values], float
    )
    if is_gate:
        colours = GATE_COLOURS(np.nan_to_num(values))
        label = signal.label
    else:
        limit = max(float(np.nanmax(np.abs(values))), 1e-6)
        colours = STATE_COLOURS((np.nan_to_num(values) / limit + 1.0) / 2.0)
        label = f"{signal.label}\n(±{_number(limit, language)})"
    colours[np.isnan(values)] = UNREAD
    return colours, label


def _signals(answer: CellStatesResponse) -> list[tuple[CellSignal, bool]]:
    """Each band and whether it is a gate: the gates, then the states."""
    states = [s for s in (answer.cell_state, answer.hidden_state) if s is not None]
    return [(gate, True) for gate in answer.gates] + [(s, False) for s in states]


def _unit_labels(answer: CellStatesResponse, language: Language) -> list[str]:
    return [
        f"{render(f'cell.direction.{unit.direction}', language=language)} {unit.index}"
        for unit in answer.units
    ]


def _colour_bars(
    figure: Figure, has_gates: bool, right: float, language: Language
) -> None:
    """0..1 for the gates; -max..+max for the states."""
    bars = [(STATE_COLOURS, (-1.0, 1.0), ["−max", "0", "+max"])]
    if has_gates:
        half = _number(0.5, language)
        bars.insert(0, (GATE_COLOURS, (0.0, 1.0), ["0", half, "1"]))
    for index, (colours, (low, high), ticks) in enumerate(bars):
        axes = figure.add_axes((right + 0.01 + index * 0.035, 0.35, 0.008, 0.4))
        mappable = ScalarMappable(Normalize(low, high), colours)
        bar = figure.colorbar(mappable, cax=axes)
        bar.set_ticks(np.linspace(low, high, 3), labels=ticks, fontsize=7)


def render_heat_map(answer: CellStatesResponse, language: Language) -> bytes:
    """Rows: gates x units, then the states x units; columns: the words."""
    rows = _unit_labels(answer, language)
    words = [word.text for word in answer.words]
    bands = [_band(s, is_gate, language) for s, is_gate in _signals(answer)]
    gap = np.tile(GAP, (1, len(words), 1))
    stacked = [part for colours, _ in bands for part in (colours, gap)][:-1]
    image = np.concatenate(stacked)
    width = LEFT_INCHES + RIGHT_INCHES + _column_inches(len(words)) * len(words)
    height = TOP_INCHES + BOTTOM_INCHES + ROW_INCHES * len(image)
    figure = Figure(figsize=(width, height), dpi=DPI)
    FigureCanvasAgg(figure)
    left, right = LEFT_INCHES / width, 1 - RIGHT_INCHES / width
    axes = figure.add_axes(
        (
            left,
            BOTTOM_INCHES / height,
            right - left,
            1 - (TOP_INCHES + BOTTOM_INCHES) / height,
        )
    )
    axes.imshow(image, aspect="auto", interpolation="nearest")
    step = len(rows) + 1
    axes.set_yticks(
        [b * step + r for b in range(len(bands)) for r in range(len(rows))],
        rows * len(bands),
        fontsize=7,
    )
    axes.set_xticks(range(len(words)), words, rotation=60, ha="right", fontsize=8)
    beside = blended_transform_factory(figure.transFigure, axes.transData)
    for index, (_, label) in enumerate(bands):
        middle = index * step + (len(rows) - 1) / 2
        axes.text(0.01, middle, label, transform=beside, va="center", fontsize=9)
    _colour_bars(figure, bool(answer.gates), right, language)
    title = render(
        "cell.heatmap.title",
        {
            "name": answer.model.name,
            "version": answer.model.version,
            "cell": CELL_NAMES[answer.cell],
        },
        language,
    )
    figure.suptitle(title, fontsize=11, y=1 - 0.15 / height)
    if any(word.tokens == 0 for word in answer.words):
        unread = render("cell.heatmap.unread", language=language)
        figure.text(0.01, 0.1 / height, unread, fontsize=8)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
