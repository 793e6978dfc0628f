"""``python -m lab_gateway.migrate``: the job store to the newest schema, then exit.

Compose runs it once, as the ``migrate`` service, before the gateway and the
trainers start (they only connect), so no two processes migrate at once. It
uses the gateway's image and its ``GATEWAY_DATABASE_URL``.
"""

from __future__ import annotations

from lab_common.logging import configure_logging
from lab_common.store import upgrade_database
from lab_gateway.settings import Settings, get_settings


def main(settings: Settings | None = None) -> int:
    settings = settings or get_settings()
    configure_logging(settings)
    upgrade_database(settings.database_url)  # logs store.migrated with the revision
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
