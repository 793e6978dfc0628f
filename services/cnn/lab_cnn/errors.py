"""Problems the cnn service raises (listed in ``lab_common.problems``)."""

from __future__ import annotations

from lab_common.problems import LabError


class UnreadableImage(LabError):
    status = 422
    type = "/problems/unreadable-image"


class EmptyImage(LabError):
    status = 422
    type = "/problems/empty-image"


class ImageTooLarge(LabError):
    status = 422
    type = "/problems/image-too-large"


class InvalidBase64(LabError):
    status = 400
    type = "/problems/invalid-base64"
