"""The dataset a model version was trained on, for the explorer and the reports.

The id comes from the model's metadata, not from the request: an id this server
cannot load as images (another server's upload, a generated set) is a 409
``DatasetUnavailable`` naming the datasets it has, not a 404 about the request.
Course files that are absent stay the catalogue's 503 ``DatasetMissing``.

What the explorer and the reports may *show* of it is ``load_shown_dataset``:
never a guarded challenge's hidden images (``lab_common.challenges.hidden``).
"""

from __future__ import annotations

from pathlib import Path

from lab_common.challenges import hidden
from lab_common.challenges.errors import ChallengeDataUnavailable
from lab_common.datasets.catalogue import image_loader, load_image_dataset
from lab_common.datasets.errors import DatasetNotFound, DatasetUnavailable
from lab_common.datasets.images import IMAGE_ENTRIES, ImageDataset
from lab_common.registry import ModelMetadata
from lab_common.store import ChallengeStore


def _not_here(dataset_id: str) -> DatasetUnavailable:
    known = ", ".join(sorted(IMAGE_ENTRIES))
    return DatasetUnavailable("not-here", dataset=dataset_id, known=known)


def check_model_dataset(
    dataset_id: str, data_dir: Path | None, datasets_dir: Path | None
) -> None:
    """Raise now (409 or 503) if the dataset cannot load here; never reads it."""
    try:
        image_loader(dataset_id, data_dir, datasets_dir)
    except DatasetNotFound as exc:
        raise _not_here(dataset_id) from exc


def load_model_dataset(
    dataset_id: str, data_dir: Path | None, datasets_dir: Path | None
) -> ImageDataset:
    """The dataset, through the catalogue's cache (treat its arrays as read-only)."""
    try:
        return load_image_dataset(dataset_id, data_dir, datasets_dir)
    except DatasetNotFound as exc:
        raise _not_here(dataset_id) from exc


def load_shown_dataset(
    metadata: ModelMetadata,
    data_dir: Path | None,
    datasets_dir: Path | None,
    challenges: ChallengeStore | None,
) -> ImageDataset:
    """The images a model's samples and report may show, as ``x_test``.

    A version trained in a challenge: that challenge's validation split (train
    and validation, checked against its manifest). Any other: its dataset
    without the hidden rows of the challenges still guarded on it. Without a
    job store (``CNN_DATABASE_URL`` unset) no challenge exists here, but a
    challenge's version is refused rather than shown from the wrong split.
    """
    dataset = load_model_dataset(metadata.dataset.id, data_dir, datasets_dir)
    challenge_id = metadata.challenge_id
    if challenges is None:
        if challenge_id is not None:
            raise ChallengeDataUnavailable("no-store", challenge_id=challenge_id)
        return dataset
    if challenge_id is not None:
        return hidden.challenge_view(dataset, challenges.get_challenge(challenge_id))
    return hidden.without_hidden(
        dataset, hidden.guarded_challenges(challenges, dataset.id)
    )
