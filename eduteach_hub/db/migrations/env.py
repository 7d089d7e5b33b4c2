"""Alembic environment: run by eduteach_hub.db.migrate with a ready connection.

The hub never runs the `alembic` command line; Database.migrate() passes its own
connection in config.attributes["connection"], inside its own transaction.
"""

from __future__ import annotations

from alembic import context

from eduteach_hub.db.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite ALTER needs batch mode
    transactional_ddl=True,
)
context.run_migrations()
