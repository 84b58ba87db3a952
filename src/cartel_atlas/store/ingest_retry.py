"""``quarantine retry``: read quarantined inputs again and resolve what now ingests.

Each distinct input (file or URL) of the chosen entries is ingested again in one run. An
entry is resolved when that re-read quarantined nothing at the same place (same uri and
locator): the file was fixed, the server is back, or the bug that broke extraction is
gone. Entries still failing stay open, marked as retried; no duplicate entry is added.
A rejected sidecar (``NAME.meta.json``) is retried through the document it describes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cartel_atlas.errors import NotFoundError
from cartel_atlas.settings import Settings
from cartel_atlas.store.ingest import Ingestor
from cartel_atlas.store.ingest_inputs import SIDECAR_SUFFIX, is_url
from cartel_atlas.store.ingest_summary import IngestSummary
from cartel_atlas.store.quarantine_ops import entries, mark_retried
from cartel_atlas.store.store import Store


@dataclass
class RetryResult:
    """Which entries were resolved, which still fail, and the re-ingest's summary."""

    resolved: list[int] = field(default_factory=list)
    still_failing: list[int] = field(default_factory=list)
    not_retryable: list[int] = field(default_factory=list)
    """Entries whose input cannot be read again (standard input)."""
    summary: IngestSummary | None = None


def _input_of(uri: str) -> str | None:
    """What to read again for a quarantined ``uri`` (None: it cannot be re-read)."""
    if uri == "-" or not uri:
        return None
    if is_url(uri) or not uri.endswith(SIDECAR_SUFFIX):
        return uri
    side = Path(uri)
    stem = side.name[: -len(SIDECAR_SUFFIX)]
    siblings = sorted(p for p in side.parent.glob(stem + ".*") if p.is_file() and p != side)
    return str(siblings[0]) if siblings else uri


def retry(
    store: Store,
    ids: Sequence[int] = (),
    *,
    settings: Settings | None = None,
    allow_private: bool = False,
) -> RetryResult:
    """Re-read the inputs of the given unresolved entries (all when ``ids`` is empty)."""
    chosen = entries(store, ids or None)
    if ids:
        missing = sorted(set(ids) - {e.id for e in chosen})
        if missing:
            raise NotFoundError(
                f"no unresolved quarantine entry with id {', '.join(map(str, missing))} "
                f"in {store.url}"
            )
    result = RetryResult()
    by_input: dict[str, list[int]] = {}
    for e in chosen:
        target = _input_of(e.uri)
        if target is None:
            result.not_retryable.append(e.id)
        else:
            by_input.setdefault(target, []).append(e.id)
    if not by_input:
        return result
    ingestor = Ingestor(store, settings=settings, allow_private=allow_private)
    summary = ingestor.run(list(by_input), command="quarantine retry")
    result.summary = summary
    failed_at = {(r.uri, r.locator) for r in summary.rejections}
    failed_ids = {r.quarantine_id for r in summary.rejections}
    retried = [i for group in by_input.values() for i in group]
    mark_retried(store, retried)
    for e in chosen:
        if e.id not in retried:
            continue
        if e.id in failed_ids or (e.uri, e.locator) in failed_at:
            result.still_failing.append(e.id)
        else:
            store.resolve_quarantine(e.id)
            result.resolved.append(e.id)
    return result
