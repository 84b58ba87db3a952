"""Ingest throughput end to end: files on disk -> read -> extract -> store, documents/s.

One row per backend: a SQLite file, and a throwaway PostgreSQL database on
127.0.0.1:5432 (created and dropped here; the row says why when the server is down).
Unlike the extraction rows these are wall-clock figures, because the database's own
time (fsync, round trips) is part of what is measured.
"""

from __future__ import annotations

import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres", "connect_timeout": 3}


def _write_inputs(docs: list[Any], folder: Path) -> int:
    """The benchmark documents as text files (title first line); returns their words."""
    words = 0
    for n, d in enumerate(docs):
        (folder / f"doc-{n:05d}.txt").write_text(f"{d.title}\n\n{d.text}", encoding="utf-8")
        words += len(d.text.split())
    return words


@contextmanager
def _sqlite_url() -> Iterator[str]:
    folder = Path(tempfile.mkdtemp(prefix="atlas-bench-"))
    try:
        yield f"sqlite:///{folder / 'bench.sqlite'}"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def _postgres_url() -> Iterator[str]:
    import psycopg

    name = f"atlas_bench_{uuid.uuid4().hex[:10]}"
    admin: dict[str, Any] | None = None
    errors = []
    for dbname in ("postgres", "test"):
        try:
            with psycopg.connect(dbname=dbname, autocommit=True, **PG) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            admin = {"dbname": dbname, **PG}
            break
        except psycopg.Error as exc:
            errors.append(str(exc).strip().splitlines()[0])
    if admin is None:
        raise ConnectionError("; ".join(errors))
    try:
        yield f"postgresql+psycopg://{PG['user']}@{PG['host']}:{PG['port']}/{name}"
    finally:
        with psycopg.connect(autocommit=True, **admin) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _measure(url: str, folder: Path) -> tuple[float, int]:
    from cartel_atlas.store import Store
    from cartel_atlas.store.ingest import ingest

    with Store.open(url) as store:
        t0 = time.perf_counter()
        summary = ingest(store, [str(folder)])
        seconds = time.perf_counter() - t0
    return seconds, summary.new + summary.near_duplicate


def bench_ingest(ctx: Any) -> list[Any]:
    """Documents per second into SQLite and into PostgreSQL, one writer, in-process."""
    from cartel_atlas.extract import run as extract
    from cartel_atlas.model import Document
    from run import Row

    docs = ctx.docs[: 60 if ctx.quick else 400]
    extract(Document(text=docs[0].text))  # warm-up: vocabulary and gazetteers load once
    rows = []
    folder = Path(tempfile.mkdtemp(prefix="atlas-bench-in-"))
    try:
        words = _write_inputs(docs, folder)
        backends: list[tuple[str, Callable[[], Any]]] = [
            ("SQLite file", _sqlite_url),
            ("PostgreSQL 127.0.0.1:5432", _postgres_url),
        ]
        for label, make in backends:
            name = f"documents/s into {label}"
            try:
                with make() as url:
                    seconds, stored = _measure(url, folder)
            except Exception as exc:  # a missing server skips its row, with the reason
                rows.append(Row("ingest", name, note=f"skipped: {type(exc).__name__}: {exc}"))
                continue
            rows.append(
                Row(
                    "ingest",
                    name,
                    words / seconds,
                    value=f"{stored / seconds:,.1f} docs/s",
                    note=f"{stored:,} documents in {seconds:.1f} s wall, read+extract+store",
                )
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return rows


BENCHES = [bench_ingest]
