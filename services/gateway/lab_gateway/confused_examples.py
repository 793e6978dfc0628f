"""The validation images behind a cell of a model version's confusion matrix.

The trainer keeps, for each off-diagonal cell, the positions of a few
misclassified examples in the validation split it built
(``ModelMetadata.validation_confused``). The gateway draws that split again,
with no TensorFlow: a challenge's version from the challenge's validation view
(``lab_common.challenges.hidden.challenge_view``, checked against its
manifest), any other from its dataset's training rows and the job's seed and
share (``lab_common.datasets.splits.validation_rows``). Validation images only:
a challenge's view holds no hidden row, and outside a challenge the rows some
guarded challenge hides are left out (counted in ``left_out``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import numpy as np
from fastapi import Query
from pydantic import BaseModel, Field

from lab_common.challenges import hidden
from lab_common.confusion import find_confused_cell
from lab_common.datasets.catalogue import image_loader
from lab_common.datasets.errors import DatasetUnavailable
from lab_common.datasets.splits import validation_rows
from lab_common.problems import LabError
from lab_common.registry import ModelMetadata
from lab_common.store import ChallengeStore
from lab_gateway.datasets.preview import png_data_url

# The query of both routes (a version's, a challenge baseline's).
TrueClass = Annotated[
    int, Query(alias="true", ge=0, description="Row: the true class's index.")
]
PredictedClass = Annotated[
    int, Query(alias="predicted", ge=0, description="Column: the predicted class.")
]
CONFUSIONS_DESCRIPTION = (
    "Up to 12 validation images of class `true` the version predicted as "
    "`predicted` (most confident mistake first), as PNG data URLs with the "
    "probability given to `predicted`, and the cell's count. Validation split "
    "only (a challenge's version: the challenge's validation split); never a "
    "hidden image. Image models whose training job kept them (422 otherwise)."
)


class ConfusedExamplesUnavailable(LabError):
    """The version keeps no examples for this cell (a text model, an older
    version, a diagonal cell, a class it does not have)."""

    status = 422
    type = "/problems/confused-examples-unavailable"


class ConfusedExample(BaseModel):
    position: int = Field(description="Row of the validation split.")
    probability: float = Field(description="What the model gave the predicted class.")
    png_data_url: str = Field(description="data:image/png;base64,... of the image.")


class ConfusedExamples(BaseModel):
    """Validation images of class ``true_class`` the version predicted wrong."""

    model: str
    version: str
    split: Literal["validation"] = "validation"
    true_class: int
    predicted_class: int
    true_name: str
    predicted_name: str
    count: int = Field(description="Validation examples in this cell (all of them).")
    examples: list[ConfusedExample] = Field(
        description="Up to 12 of them, most confident mistake first."
    )
    left_out: int = Field(
        default=0, description="Kept examples not shown: a challenge hides them."
    )


def _check_cell(metadata: ModelMetadata, true_class: int, predicted_class: int) -> None:
    if metadata.task != "image-classification":
        raise ConfusedExamplesUnavailable("text-model", name=metadata.name)
    classes = len(metadata.class_names)
    for value in (true_class, predicted_class):
        if value >= classes:
            raise ConfusedExamplesUnavailable(
                "no-such-class", index=value, last=classes - 1
            )
    if true_class == predicted_class:
        raise ConfusedExamplesUnavailable("diagonal")
    if metadata.validation_confused is None:
        raise ConfusedExamplesUnavailable(
            "not-stored", name=metadata.name, version=metadata.version
        )


def _validation_split(
    metadata: ModelMetadata,
    data_dir: Path | None,
    datasets_dir: Path | None,
    challenges: ChallengeStore,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Images, labels and shown mask of the version's validation split, in order."""
    # Read afresh, not through the catalogue's cache: the gateway keeps no dataset.
    dataset = image_loader(metadata.dataset.id, data_dir, datasets_dir)()
    challenge_id = metadata.challenge_id
    if challenge_id is not None:
        view = hidden.challenge_view(dataset, challenges.get_challenge(challenge_id))
        return view.x_test, view.y_test, np.ones(len(view.y_test), dtype=bool)
    config = metadata.training_config
    _, rows = validation_rows(
        len(dataset.y_train), float(config["validation_share"]), int(config["seed"])
    )
    guarded = hidden.guarded_challenges(challenges, dataset.id)
    # Pool rows are train rows first: a train row's index is its pool row.
    shown = ~np.isin(rows, hidden.hidden_pool_rows(dataset, guarded))
    return dataset.x_train[rows], dataset.y_train[rows], shown


def read_confused_examples(
    metadata: ModelMetadata,
    true_class: int,
    predicted_class: int,
    data_dir: Path | None,
    datasets_dir: Path | None,
    challenges: ChallengeStore,
) -> ConfusedExamples:
    """Reads a dataset and the job store: call it in a thread."""
    _check_cell(metadata, true_class, predicted_class)
    assert metadata.validation_confused is not None  # checked above
    confusion = metadata.validation_confusion or []
    answer = ConfusedExamples(
        model=metadata.name,
        version=metadata.version,
        true_class=true_class,
        predicted_class=predicted_class,
        true_name=metadata.class_names[true_class],
        predicted_name=metadata.class_names[predicted_class],
        count=confusion[true_class][predicted_class] if confusion else 0,
        examples=[],
    )
    cell = find_confused_cell(metadata.validation_confused, true_class, predicted_class)
    if cell is None:
        return answer
    images, labels, shown = _validation_split(
        metadata, data_dir, datasets_dir, challenges
    )
    if len(labels) != metadata.dataset.splits.get("validation") or any(
        position >= len(labels) or labels[position] != true_class
        for position in cell.positions
    ):
        raise DatasetUnavailable("validation-changed", dataset=metadata.dataset.id)
    for position, probability in zip(cell.positions, cell.probabilities, strict=True):
        if not shown[position]:
            answer.left_out += 1
            continue
        answer.examples.append(
            ConfusedExample(
                position=position,
                probability=probability,
                png_data_url=png_data_url(images[position]),
            )
        )
    return answer
