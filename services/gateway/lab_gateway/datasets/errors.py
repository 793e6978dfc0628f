"""Problems of a dataset upload: all 4xx, each naming what to fix in the file.

Problems of loading a dataset (unknown id, course files absent) are the
library's, in ``lab_common.datasets.errors``.
"""

from __future__ import annotations

from lab_common.problems import LabError

__all__ = [
    "ArchiveBomb",
    "ArchiveImageTooLarge",
    "InvalidArchive",
    "TooFewExamples",
    "TooManyRows",
    "EmptyLabel",
    "InvalidCsv",
    "TooFewClasses",
    "TooManyFiles",
    "UndecodableImage",
    "UnsafeArchivePath",
    "UploadNotSupported",
]


class UploadNotSupported(LabError):
    status = 415
    type = "/problems/upload-not-supported"


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
