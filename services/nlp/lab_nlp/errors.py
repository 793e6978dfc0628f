"""Problems of the Mistral comparison and of the cell-state route (see
``lab_common.problems`` for the list)."""

from __future__ import annotations

from lab_common.problems import LabError


class FeatureUnavailable(LabError):
    status = 503
    type = "/problems/feature-unavailable"


class UpstreamAuth(LabError):
    status = 502
    type = "/problems/upstream-auth"


class UpstreamRateLimited(LabError):
    status = 503
    type = "/problems/upstream-rate-limited"


class UpstreamInvalidOutput(LabError):
    status = 502
    type = "/problems/upstream-invalid-output"


class NoRecurrentLayer(LabError):
    """The model has no LSTM, GRU or SimpleRNN: no cell to look inside."""

    status = 422
    type = "/problems/no-recurrent-layer"
