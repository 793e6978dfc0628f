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
    title = "Upload is neither a zip archive nor a CSV file"


class UploadTooLarge(LabError):
    status = 413
    type = "/problems/upload-too-large"
    title = "Uploaded dataset is too large"


class TooManyFiles(LabError):
    status = 422
    type = "/problems/too-many-files"
    title = "Archive holds too many files"


class UnsafeArchivePath(LabError):
    status = 422
    type = "/problems/unsafe-archive-path"
    title = "Archive entry points outside its folder"


class ArchiveBomb(LabError):
    status = 422
    type = "/problems/archive-bomb"
    title = "Archive expands too much"


class UndecodableImage(LabError):
    status = 422
    type = "/problems/undecodable-image"
    title = "Archive holds a file that is not a readable image"


class TooFewClasses(LabError):
    status = 422
    type = "/problems/too-few-classes"
    title = "Dataset needs at least two classes"


class EmptyLabel(LabError):
    status = 422
    type = "/problems/empty-label"
    title = "Row with an empty text or label"


class InvalidCsv(LabError):
    status = 422
    type = "/problems/invalid-csv"
    title = "CSV file is not a valid text,label table"


class TooManyRows(LabError):
    status = 422
    type = "/problems/too-many-rows"
    title = "CSV file has too many rows"


class InvalidArchive(LabError):
    status = 422
    type = "/problems/invalid-archive"
    title = "Archive is unreadable or not laid out as class folders"


class ArchiveImageTooLarge(LabError):
    status = 422
    type = "/problems/archive-image-too-large"
    title = "Archive holds an image with too many pixels"


class TooFewExamples(LabError):
    status = 422
    type = "/problems/too-few-examples"
    title = "A class has too few examples"
