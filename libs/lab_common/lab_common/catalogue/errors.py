"""Problems of the dataset catalogue and of dataset uploads (all 4xx but one).

``DatasetNotFound`` (404) and ``DatasetMissing`` (503) are the text catalogue's,
re-exported so callers of the catalogue need one import.
"""

from __future__ import annotations

from lab_common.problems import LabError
from lab_common.text.datasets import DatasetMissing, DatasetNotFound

__all__ = [
    "ArchiveBomb",
    "ArchiveImageTooLarge",
    "InvalidArchive",
    "TooFewExamples",
    "TooManyRows",
    "DatasetMissing",
    "DatasetNotFound",
    "EmptyLabel",
    "InvalidCsv",
    "TooFewClasses",
    "TooManyFiles",
    "UndecodableImage",
    "UnsafeArchivePath",
    "UploadNotSupported",
    "UploadTooLarge",
]


class UploadNotSupported(LabError):
    status = 415
    type = "/problems/upload-not-supported"


class UploadTooLarge(LabError):
    status = 413
    type = "/problems/upload-too-large"


class TooManyFiles(LabError):
    status = 422
    type = "/problems/too-many-files"


class UnsafeArchivePath(LabError):
    status = 422
    type = "/problems/unsafe-archive-path"


class ArchiveBomb(LabError):
    status = 422
    type = "/problems/archive-bomb"


class UndecodableImage(LabError):
    status = 422
    type = "/problems/undecodable-image"


class TooFewClasses(LabError):
    status = 422
    type = "/problems/too-few-classes"


class EmptyLabel(LabError):
    status = 422
    type = "/problems/empty-label"


class InvalidCsv(LabError):
    status = 422
    type = "/problems/invalid-csv"


class TooManyRows(LabError):
    status = 422
    type = "/problems/too-many-rows"


class InvalidArchive(LabError):
    status = 422
    type = "/problems/invalid-archive"


class ArchiveImageTooLarge(LabError):
    status = 422
    type = "/problems/archive-image-too-large"


class TooFewExamples(LabError):
    status = 422
    type = "/problems/too-few-examples"
