"""The job store: training jobs, their events and API keys in one SQL database.

SQLite in ``ARCHILAB_HOME`` by default (WAL, so the worker writes while the
gateway reads), PostgreSQL by URL. Plain SQLAlchemy Core, synchronous: callers
in async code run it in a thread.
"""

from typing import TYPE_CHECKING

from lab_common.store.challenges import ChallengeStore
from lab_common.store.database import connect_database
from lab_common.store.jobs import JobNotFound, JobStore
from lab_common.store.keys import ApiKey, KeyStore

if TYPE_CHECKING:
    from lab_common.store.migration import upgrade_database

__all__ = [
    "ApiKey",
    "ChallengeStore",
    "JobNotFound",
    "JobStore",
    "KeyStore",
    "connect_database",
    "upgrade_database",
]


def __getattr__(name: str) -> object:
    """``upgrade_database`` on first use: only what migrates (the launcher, the
    ``migrate`` one-shot, tests) imports Alembic, not every reader of the store."""
    if name == "upgrade_database":
        from lab_common.store.migration import upgrade_database

        return upgrade_database
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
