"""The analysis report: measure the model, draw the figures, fill the template.

``write_report`` returns the self-contained HTML (every image a data URI, the
CSS inline) and the same document as PDF, printed by WeasyPrint.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import jinja2
import keras
import numpy as np
from PIL import ImageFile

from lab_cnn.model_store import PatternCache
from lab_cnn.rendering import (
    render_grid,
    render_overlay,
    render_pattern,
    render_single,
)
from lab_cnn.reports import analysis, figures
from lab_cnn.reports.language import Language, typeset
from lab_cnn.reports.questions import guided_questions
from lab_cnn.reports.texts import SECTION_TITLES
from lab_cnn.reports.writer import Writer
from lab_cnn.visualization import (
    LayerInfo,
    conv_kernels,
    describe_layers,
    feature_maps,
    filter_pattern,
    grad_cam,
    last_conv_layer_name,
)
from lab_common.datasets.images import ImageDataset
from lab_common.problems import LabError
from lab_common.registry import ModelMetadata

# Enough to compare maps across classes without a 128-tile grid per cell.
MAPS_SHOWN_PER_LAYER = 16
SELECTIVE_FILTERS_PER_LAYER = 3
GRAD_CAM_EXAMPLES = 5
THUMBNAIL_PIXELS = 84

Progress = Callable[[float, str], None]

_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("lab_cnn.reports", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)

logger = logging.getLogger(__name__)

# What the operator does about a missing PDF printer (logged, never shown).
PANGO_HINT = (
    "Printing the report needs Pango: on Debian or Ubuntu, apt-get install "
    "libpango-1.0-0 libpangoft2-1.0-0, then restart the cnn service."
)


class PdfPrinterMissing(LabError):
    status = 503
    type = "/problems/pdf-printer-missing"


def print_pdf(html: str) -> bytes:
    """The HTML printed by WeasyPrint, which needs the Pango system library."""
    try:
        import weasyprint  # loads Pango: imported here so the service starts without
    except OSError as exc:
        # The operator's fix goes to the log; the reader is told to ask for it.
        logger.error("report.pdf_printer_missing", extra={"hint": PANGO_HINT})
        raise PdfPrinterMissing("pango") from exc
    # Importing WeasyPrint turns on Pillow's LOAD_TRUNCATED_IMAGES for the whole
    # process; the upload decoder relies on truncated images being refused.
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf


@dataclass(frozen=True)
class Report:
    html: str
    pdf: bytes


def _grey(image: np.ndarray) -> np.ndarray:
    return image[..., 0] if image.shape[-1] == 1 else image.mean(axis=-1)


def _shape(shape: list[int | None]) -> str:
    return "×".join(str(size) for size in shape)


def _architecture(layers: list[LayerInfo], say: Writer) -> dict[str, Any]:
    rows = [
        {
            "name": layer.name,
            "type": layer.type,
            "shape": _shape(layer.output_shape),
            "parameters": say.number(layer.parameters),
            "field": "—" if layer.receptive_field is None else layer.receptive_field,
        }
        for layer in layers
    ]
    total = say.number(sum(layer.parameters for layer in layers))
    return {"rows": rows, "total": say.text("total_params", count=total)}


def _galleries(
    model: keras.Model, stats: list[analysis.ConvLayerStats], say: Writer
) -> list[dict[str, str]]:
    galleries = []
    for layer in stats:
        kernels = conv_kernels(model, layer.conv_layer)
        size = _shape(list(kernels.shape[2:]))
        galleries.append(
            {
                "image": figures.data_uri(render_grid(kernels.mean(axis=1)).png),
                "caption": say.text(
                    "filters_caption",
                    layer=layer.conv_layer,
                    count=len(kernels),
                    size=size,
                ),
            }
        )
    return galleries


def _feature_rows(
    model: keras.Model,
    stats: list[analysis.ConvLayerStats],
    images: np.ndarray,
    rows: list[int],
    class_names: list[str],
    labels: np.ndarray,
) -> list[dict[str, Any]]:
    table = []
    for row in rows:
        maps = []
        for layer in stats:
            values = feature_maps(model, layer.activation_layer, images[row])
            tiles = np.moveaxis(values, -1, 0)[:MAPS_SHOWN_PER_LAYER]
            maps.append(figures.data_uri(render_grid(tiles).png))
        table.append(
            {
                "label": class_names[labels[row]],
                "input": figures.data_uri(
                    render_single(_grey(images[row]), THUMBNAIL_PIXELS)
                ),
                "maps": maps,
            }
        )
    return table


def _selectivity_rows(
    stats: list[analysis.ConvLayerStats], class_names: list[str], say: Writer
) -> list[dict[str, str]]:
    rows = []
    for layer, index in analysis.most_selective(stats, SELECTIVE_FILTERS_PER_LAYER):
        means = layer.class_means[index]
        top = int(layer.preferred_class[index])
        others = (means.sum() - means[top]) / (len(means) - 1)
        ratio = "∞" if others <= 0 else "×" + say.number(means[top] / others, 1)
        rows.append(
            {
                "layer": layer.conv_layer,
                "filter": str(index),
                "label": class_names[top],
                "selectivity": say.number(float(layer.selectivity[index]), 2),
                "ratio": ratio,
            }
        )
    return rows


def _patterns(
    model: keras.Model,
    metadata: ModelMetadata,
    stats: list[analysis.ConvLayerStats],
    cache: PatternCache,
    say: Writer,
) -> list[dict[str, str]]:
    patterns = []
    for layer, index in analysis.most_selective(stats, SELECTIVE_FILTERS_PER_LAYER):
        key = (metadata.name, metadata.version, layer.activation_layer, index)
        png = cache.get_or_compute(
            key,
            lambda name=layer.activation_layer, index=index: render_pattern(
                filter_pattern(model, name, index)
            ),
        )
        label = metadata.class_names[int(layer.preferred_class[index])]
        patterns.append(
            {
                "image": figures.data_uri(png),
                "caption": say.text(
                    "pattern_caption", layer=layer.conv_layer, index=index, label=label
                ),
            }
        )
    return patterns


def _grad_cams(
    model: keras.Model,
    images: np.ndarray,
    labels: np.ndarray,
    rows: list[int],
    evaluation: analysis.Evaluation,
    class_names: list[str],
    say: Writer,
) -> list[dict[str, str]]:
    cells = []
    for row in rows:
        image = images[row]
        result = grad_cam(model, image, None)
        predicted = int(evaluation.predictions[row])
        confidence = say.percent(float(evaluation.probabilities[row, predicted]), 0)
        cells.append(
            {
                "image": figures.data_uri(
                    render_overlay(image, result.heatmap, side=112)
                ),
                "caption": say.text(
                    "grad_cam_caption",
                    true=class_names[labels[row]],
                    predicted=class_names[predicted],
                    confidence=confidence,
                ),
            }
        )
    return cells


def write_report(
    model: keras.Model,
    metadata: ModelMetadata,
    dataset: ImageDataset,
    language: Language,
    pattern_cache: PatternCache,
    progress: Progress = lambda share, stage: None,
) -> Report:
    say = Writer(language)
    names = metadata.class_names
    images = dataset.x_test.astype(np.float32) / 255.0
    labels = dataset.y_test
    progress(0.05, "measure")
    stats, evaluation = analysis.measure(model, images, labels, len(names))
    layers = describe_layers(model)
    progress(0.25, "feature-maps")
    example_rows = analysis.one_example_per_class(labels, evaluation)
    feature_rows = _feature_rows(model, stats, images, example_rows, names, labels)
    progress(0.4, "grad-cam")
    right, wrong = analysis.grad_cam_examples(labels, evaluation, GRAD_CAM_EXAMPLES)
    grad_cam_right = _grad_cams(model, images, labels, right, evaluation, names, say)
    grad_cam_wrong = _grad_cams(model, images, labels, wrong, evaluation, names, say)
    progress(0.5, "patterns")
    patterns = _patterns(model, metadata, stats, pattern_cache, say)
    progress(0.7, "charts")
    conv_names = [layer.conv_layer for layer in stats]
    context = {
        "lang": language,
        "t": say.text,
        "sections": {
            key: typeset(title, language)
            for key, title in SECTION_TITLES[language].items()
        },
        "title": say.text("title", model=metadata.name, version=metadata.version),
        "subtitle": say.text(
            "subtitle",
            dataset=dataset.id,
            test_count=say.number(len(labels)),
            accuracy=say.percent(evaluation.accuracy),
            date=say.date(datetime.now(UTC)),
        ),
        "test_count": say.number(len(labels)),
        "architecture": _architecture(layers, say),
        "galleries": _galleries(model, stats, say),
        "conv_names": conv_names,
        "maps_shown": MAPS_SHOWN_PER_LAYER,
        "feature_rows": feature_rows,
        "sparsity_chart": figures.sparsity_chart(
            conv_names,
            [layer.sparsity for layer in stats],
            say.text("sparsity_axis"),
            language,
        ),
        "not_rectified": [layer.conv_layer for layer in stats if not layer.rectified],
        "dead": [
            say.text(
                "dead_some",
                layer=layer.conv_layer,
                dead=len(layer.dead_filters),
                count=layer.filters,
                indices=", ".join(map(str, layer.dead_filters)),
            )
            if layer.dead_filters
            else say.text("dead_none", layer=layer.conv_layer, count=layer.filters)
            for layer in stats
        ],
        "selectivity_chart": figures.selectivity_chart(
            conv_names,
            [layer.selectivity for layer in stats],
            (say.text("selectivity_axis"), say.text("selectivity_filters_axis")),
            language,
        ),
        "selectivity_rows": _selectivity_rows(stats, names, say),
        "patterns": patterns,
        "grad_cam_layer": last_conv_layer_name(model),
        "grad_cam_right": grad_cam_right,
        "grad_cam_wrong": grad_cam_wrong,
        "confusion_chart": figures.confusion_chart(
            evaluation.confusion,
            names,
            (say.text("confusion_true"), say.text("confusion_predicted")),
        ),
        "per_class": [
            {
                "label": name,
                "accuracy": say.percent(float(accuracy)),
                "count": int(evaluation.confusion[index].sum()),
            }
            for index, (name, accuracy) in enumerate(
                zip(names, evaluation.per_class_accuracy, strict=True)
            )
        ],
        "questions": guided_questions(
            layers, stats, evaluation, names, images.shape[1], say
        ),
    }
    html = _TEMPLATES.get_template("report.html.j2").render(context)
    progress(0.8, "pdf")
    pdf = print_pdf(html)
    progress(1.0, "done")
    return Report(html=html, pdf=pdf)
