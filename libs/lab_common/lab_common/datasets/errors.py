"""Problems of loading a dataset: unknown id, course files absent, bad download.

Course data that is absent is always ``DatasetMissing``, 503: the request is
right, this server is not set up for it yet (``ARCHILAB_DATA_DIR``), and the same
request succeeds once the files are there. 409 would blame the request's
conflict with a resource's state, which the caller cannot change.
"""

from __future__ import annotations

from lab_common.problems import LabError


class DatasetNotFound(LabError):
    status = 404
    type = "/problems/dataset-not-found"


class DatasetMissing(LabError):
    status = 503
    type = "/problems/dataset-missing"


class DatasetChecksumMismatch(LabError):
    status = 502
    type = "/problems/dataset-checksum-mismatch"


class DatasetUnavailable(LabError):
    """A stored model names a dataset this server does not know (a deleted upload,
    another server's data): the model and the server disagree, hence 409."""

    status = 409
    type = "/problems/dataset-unavailable"
