"""GET /api/v1/health: the state of every service the lab needs."""

from __future__ import annotations

from lab_common.health import make_health_router
from lab_gateway.health import (
    cnn_healthy,
    nlp_healthy,
    redis_reachable,
    trainer_workers,
)

router = make_health_router(
    checks=[redis_reachable, cnn_healthy, nlp_healthy, trainer_workers],
    path="/health",
)
