"""Alembic's entry point for the job store, configured from code.

``lab_common.store.migration`` hands over an open connection (already in a
transaction, holding the migration lock) through ``config.attributes``, so
there is no ``alembic.ini`` and no URL here.
"""

from alembic import context

from lab_common.store.database import metadata


def run_migrations() -> None:
    if context.is_offline_mode():
        raise RuntimeError("The job store migrates online only (no --sql).")
    connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite alters little in place: later revisions copy the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
