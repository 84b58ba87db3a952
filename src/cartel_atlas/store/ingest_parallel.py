"""Extraction in worker processes (``--workers N``), with Dask's ``LocalCluster``.

Only extraction runs in the workers: it is CPU-bound Python, so threads would not help,
and it touches no database. Storing stays in the ingest's own process, which collects the
results in input order (SQLite allows one writer, and order keeps near-duplicate links
identical to a serial run).
"""

from __future__ import annotations

import logging
from typing import Any


def start_cluster(workers: int) -> tuple[Any, Any]:
    """A local cluster of ``workers`` single-threaded processes and its client."""
    from dask.distributed import Client, LocalCluster

    for name in ("distributed", "distributed.nanny", "distributed.scheduler", "distributed.worker"):
        logging.getLogger(name).setLevel(logging.ERROR)
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    try:
        client = Client(cluster)
    except BaseException:
        cluster.close()
        raise
    return cluster, client
