"""Models trained outside ArchiLab: where a submitted ``.keras`` file is kept.

The gateway writes the file (never opening it as a model: it has no
TensorFlow); the scoring worker loads it in Keras' safe mode and checks its
shapes. Such a submission is marked "entraîné hors plateforme" and never ranked:
a notebook may have seen the hidden images (MNIST-5k is part of the full MNIST).
"""

from __future__ import annotations

from pathlib import Path

# Not a dataset id (leading "_"), so the uploads listing passes it over.
EXTERNAL_MODELS_FOLDER = "_challenge-models"
# A .keras file is a zip archive: it starts with a local file header.
ZIP_SIGNATURE = b"PK\x03\x04"


def external_model_path(
    datasets_dir: Path, challenge_id: str, submission_id: str
) -> Path:
    """``<uploads>/_challenge-models/<challenge>/<submission>.keras``."""
    return (
        datasets_dir / EXTERNAL_MODELS_FOLDER / challenge_id / f"{submission_id}.keras"
    )
