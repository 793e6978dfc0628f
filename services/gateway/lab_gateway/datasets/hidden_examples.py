"""Refusing an upload that holds a hidden image of a guarded challenge.

Each decoded image (the same uint8 pixels the import stores) is hashed with
``lab_common.challenges.hidden:pixel_sha256`` and looked up among the hidden
images of every challenge from creation to reveal. The refusal counts the
matches and names the challenge's dataset, never which image matched.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from lab_common.challenges.errors import HiddenExampleUploaded
from lab_common.challenges.hidden import (
    guarded_challenges,
    hidden_image_hashes,
    pixel_sha256,
)
from lab_common.datasets.images import ImageDataset
from lab_common.store import ChallengeStore

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class HiddenImages:
    """What an image upload is checked against."""

    challenges: ChallengeStore
    data_dir: Path | None
    datasets_dir: Path | None

    def check_upload(self, upload: ImageDataset) -> None:
        """Raise ``HiddenExampleUploaded`` (422) if an image is a hidden one."""
        images = [*upload.x_train, *upload.x_test]
        uploaded = {pixel_sha256(image) for image in images}
        for challenge in guarded_challenges(self.challenges):
            hidden = hidden_image_hashes([challenge], self.data_dir, self.datasets_dir)
            found = len(uploaded & hidden)
            if found:
                logger.warning(
                    "dataset.hidden_examples_refused",
                    extra={"challenge_id": challenge.id, "count": found},
                )
                raise HiddenExampleUploaded(
                    "zip", count=found, dataset=challenge.dataset
                )
