"""Problems of the Mistral comparison (see ``lab_common.problems`` for the list)."""

from __future__ import annotations

from lab_common.problems import LabError


class FeatureUnavailable(LabError):
    status = 503
    type = "/problems/feature-unavailable"
    title = "This feature is not configured on this server"


class UpstreamAuth(LabError):
    status = 502
    type = "/problems/upstream-auth"
    title = "The upstream API refused our credentials"


class UpstreamRateLimited(LabError):
    status = 503
    type = "/problems/upstream-rate-limited"
    title = "The upstream API is rate limiting us"


class UpstreamInvalidOutput(LabError):
    status = 502
    type = "/problems/upstream-invalid-output"
    title = "The upstream API answered something we cannot read"
