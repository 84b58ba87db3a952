"""Ingest-run bookkeeping: which process owns a ``running`` run, and stale runs.

A run killed with ``kill -9`` never records how it ended; its row stays ``running``. The
next ingest marks such runs ``interrupted`` when their process (recorded on this host at
start) is gone, and leaves alone runs that are still alive or belong to another host.
"""

from __future__ import annotations

import os
import socket
from typing import Any

import sqlalchemy as sa

from cartel_atlas.store import schema as t
from cartel_atlas.store.store import Store
from cartel_atlas.store.types import utcnow


def owner() -> dict[str, Any]:
    """This process as recorded in a running run's counts."""
    return {"pid": os.getpid(), "host": socket.gethostname()}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (killed, not yet reaped by its parent) still answers signal 0.
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def begin(store: Store, command: str) -> int:
    """Start a run owned by this process; returns its id."""
    run_id = store.start_run(command)
    with store.session(write=True) as session:
        session.execute(
            sa.update(t.ingest_runs).where(t.ingest_runs.c.id == run_id).values(counts=owner())
        )
    return run_id


def mark_stale(store: Store) -> list[int]:
    """Mark ``running`` runs whose process on this host is gone as ``interrupted``."""
    r = t.ingest_runs
    me = owner()
    stale: list[int] = []
    with store.session(write=True) as session:
        for run_id, counts in session.execute(
            sa.select(r.c.id, r.c.counts).where(r.c.status == "running")
        ).all():
            info = dict(counts or {})
            pid, host = info.get("pid"), info.get("host")
            if host not in (None, me["host"]):
                continue
            if isinstance(pid, int) and (pid == me["pid"] or _alive(pid)):
                continue
            stale.append(int(run_id))
            session.execute(
                sa.update(r)
                .where(r.c.id == run_id)
                .values(status="interrupted", finished_at=utcnow(), counts={**info, "stale": True})
            )
    return stale
