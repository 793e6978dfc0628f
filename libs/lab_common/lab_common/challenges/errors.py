"""Problems of challenges (sentences: ``messages.problems_challenges``)."""

from __future__ import annotations

from lab_common.problems import LabError


class ChallengeNotFound(LabError):
    status = 404
    type = "/problems/challenge-not-found"


class ChallengeStateConflict(LabError):
    """The challenge is not in a state that allows this (open a revealed one...)."""

    status = 409
    type = "/problems/challenge-state-conflict"


class ChallengeClosed(LabError):
    """Frozen or revealed: no more submissions or challenge jobs."""

    status = 409
    type = "/problems/challenge-closed"


class TemplateUnavailable(LabError):
    status = 422
    type = "/problems/template-unavailable"


class SubmissionRefused(LabError):
    """The submitted job cannot be scored in this challenge; the detail says why."""

    status = 422
    type = "/problems/submission-refused"


class QuotaExceeded(LabError):
    """Too many submissions, or too many running jobs, for a team."""

    status = 429
    type = "/problems/challenge-quota-exceeded"


class SplitMismatch(LabError):
    """The splits drawn now differ from the manifest fixed at creation."""

    status = 500
    type = "/problems/challenge-split-mismatch"


class ChallengeDataUnavailable(LabError):
    """A service without the job store cannot tell a challenge's splits."""

    status = 503
    type = "/problems/challenge-data-unavailable"


class HiddenExampleUploaded(LabError):
    """An upload holds an image of a guarded challenge's hidden split."""

    status = 422
    type = "/problems/hidden-example-upload"
