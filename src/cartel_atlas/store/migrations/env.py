"""Alembic environment: runs on the connection ``cartel_atlas.store.migrate`` provides.

Used without a connection (``alembic revision --autogenerate`` from a shell), it connects
to the default store URL itself.
"""

from __future__ import annotations

from alembic import context

from cartel_atlas.store.schema import metadata

config = context.config


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=metadata,
        render_as_batch=True,  # SQLite can only ALTER through table copies
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    from cartel_atlas.store.engine import create_engine_for

    engine = create_engine_for(config.get_main_option("sqlalchemy.url") or None)
    with engine.connect() as conn:
        _run(conn)
        conn.commit()
    engine.dispose()
