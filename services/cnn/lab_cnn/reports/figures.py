"""Report figures as PNG data URIs: image grids from ``rendering``, charts from
matplotlib (its object API, no pyplot: safe in a worker thread)."""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from lab_cnn.reports.language import Language, format_number, format_percent

CHART_DPI = 150
BAR_COLOUR = "#2f6db5"


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _save(figure: Figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=CHART_DPI, bbox_inches="tight")
    return data_uri(buffer.getvalue())


def _percent_axis(language: Language) -> FuncFormatter:
    return FuncFormatter(lambda value, _: format_percent(value, 0, language))


def sparsity_chart(
    layers: Sequence[str],
    sparsity: Sequence[float],
    axis_label: str,
    language: Language,
) -> str:
    figure = Figure(figsize=(5.5, 2.6))
    axes = figure.subplots()
    bars = axes.bar(layers, sparsity, color=BAR_COLOUR)
    axes.bar_label(bars, [format_percent(v, 1, language) for v in sparsity], padding=2)
    axes.set_ylim(0, 1.1)
    axes.yaxis.set_major_formatter(_percent_axis(language))
    axes.set_ylabel(axis_label)
    axes.spines[["top", "right"]].set_visible(False)
    return _save(figure)


def selectivity_chart(
    layers: Sequence[str],
    selectivity: Sequence[np.ndarray],
    labels: tuple[str, str],
    language: Language,
) -> str:
    """Each layer's selectivity indices sorted, on a 0..1 share of its filters."""
    figure = Figure(figsize=(5.5, 2.8))
    axes = figure.subplots()
    for name, values in zip(layers, selectivity, strict=True):
        ordered = np.sort(values)[::-1]
        axes.plot(np.linspace(0, 1, len(ordered)), ordered, label=name, linewidth=2)
    axes.set_ylim(0, 1)
    axes.xaxis.set_major_formatter(_percent_axis(language))
    axes.yaxis.set_major_formatter(
        FuncFormatter(lambda value, _: format_number(value, 1, language))
    )
    axes.set_ylabel(labels[0])
    axes.set_xlabel(labels[1])
    axes.legend(frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    return _save(figure)


def confusion_chart(
    confusion: np.ndarray, class_names: Sequence[str], labels: tuple[str, str]
) -> str:
    size = 1.2 + 0.42 * len(class_names)
    figure = Figure(figsize=(size, size))
    axes = figure.subplots()
    # Log scale: the diagonal would otherwise wash out the few mistakes.
    axes.imshow(np.log1p(confusion), cmap="Blues")
    threshold = np.log1p(confusion).max() / 2
    for (row, column), count in np.ndenumerate(confusion):
        if count:
            colour = "white" if np.log1p(count) > threshold else "black"
            axes.text(
                column,
                row,
                str(count),
                ha="center",
                va="center",
                fontsize=7,
                color=colour,
            )
    ticks = range(len(class_names))
    axes.set_xticks(ticks, class_names)
    axes.set_yticks(ticks, class_names)
    axes.set_ylabel(labels[0])
    axes.set_xlabel(labels[1])
    return _save(figure)
