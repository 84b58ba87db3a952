"""The one place the write side is put together: read, extract, store, link, quarantine.

Guarantees, and how they are kept:

* **Idempotent.** A document's id is the hash of its normalised text, so a document
  already stored is skipped before extraction (``duplicate``); fact ids are deterministic
  too; official counts are keyed by their dataset, period, place and crime.
* **One transaction per document.** ``Store.add_document`` writes a document with its
  sentences, mentions and facts or nothing. A crash (even ``kill -9``) loses only the
  document in flight; running the same command again skips what was committed and ends
  in the state of an uninterrupted run. A near-duplicate link lost to a crash between
  storing and linking is repaired when the document is met again (``relinked``).
* **Nothing lost.** Every ``Rejected`` item and every exception raised while extracting
  or storing one document is quarantined with the input's uri, locator and reason, and
  the run carries on. Quarantining is idempotent (see ``quarantine_ops``).
* **One writer.** Extraction may run in worker processes (``workers > 1``), but results
  are stored by this process alone, in input order, as SQLite needs.
"""

from __future__ import annotations

import dataclasses
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from cartel_atlas.errors import AtlasError
from cartel_atlas.model import Document, Fact, OfficialCount, Prepared, Rejected
from cartel_atlas.settings import Settings, get_settings
from cartel_atlas.store import ingest_runs
from cartel_atlas.store.ingest_inputs import expand_inputs, read_input
from cartel_atlas.store.ingest_summary import IngestSummary, ProgressSink, RejectionSeen
from cartel_atlas.store.neardup import NearDuplicateIndex, eligible
from cartel_atlas.store.quarantine_ops import quarantine_once
from cartel_atlas.store.store import Store

OFFICIAL_BATCH = 5000
"""Official counts stored per transaction."""
PAYLOAD_CHARS = 2000

Extractor = Callable[[Document], Any]
"""``extract.run``-like: a document in, an ``Extraction`` (sentences, mentions, facts) out."""


def default_extractor(document: Document) -> Any:
    """Run the extraction pipeline on one document (imported late: it loads models)."""
    from cartel_atlas.extract import run

    return run(document)


@dataclasses.dataclass
class _Job:
    """One queued unit of work, stored in input order by the writer."""

    uri: str
    item: Document | Prepared | Rejected | OfficialCount | None
    result: Callable[[], Any] | None = None
    """Returns the extraction (runs it inline, or waits for a worker)."""
    end_of_input: bool = False


class Ingestor:
    """Ingests inputs into one store; one instance per run."""

    def __init__(
        self,
        store: Store,
        *,
        settings: Settings | None = None,
        allow_private: bool = False,
        fmt: str | None = None,
        workers: int = 1,
        progress: ProgressSink | None = None,
        extractor: Extractor | None = None,
    ) -> None:
        self.store = store
        self.settings = settings or get_settings()
        self.allow_private = allow_private
        self.fmt = fmt
        self.workers = max(1, workers)
        self.progress = progress
        self.extractor = extractor or default_extractor
        self.summary = IngestSummary()
        self._index: NearDuplicateIndex | None = None
        self._official: list[dict[str, Any]] = []
        self._run_id: int | None = None

    # the run -----------------------------------------------------------------------

    def run(self, uris: Sequence[str], command: str = "ingest") -> IngestSummary:
        """Ingest every input in ``uris`` (paths, directories, URLs, ``-``) in one run."""
        return self.run_items(None, uris=uris, command=command)

    def run_items(
        self,
        items: Iterable[tuple[str, Iterable[Any]]] | None,
        *,
        uris: Sequence[str] = (),
        command: str = "ingest",
    ) -> IngestSummary:
        """Ingest ``(uri, items)`` pairs (or the inputs ``uris``) in one recorded run."""
        with self.recorded_run(command):
            if items is None:
                inputs = expand_inputs(uris)
                if self.progress is not None:
                    self.progress.begin(len(inputs))
                items = ((u, read_input(u, self)) for u in inputs)
            self._pipeline(items)
        return self.summary

    @contextmanager
    def recorded_run(self, command: str) -> Iterator[IngestSummary]:
        """A run row from start to end: ``finished``, ``interrupted`` (Ctrl-C) or ``failed``.

        Runs left ``running`` by a killed process are marked ``interrupted`` first.
        """
        started = time.monotonic()
        ingest_runs.mark_stale(self.store)
        self._run_id = ingest_runs.begin(self.store, command)
        self.summary.run_id = self._run_id
        status = "failed"
        try:
            yield self.summary
            self._flush_official()
            status = "finished"
        except KeyboardInterrupt:
            status = "interrupted"
            raise
        finally:
            self.summary.status = status
            self.summary.seconds = time.monotonic() - started
            try:
                self.store.finish_run(
                    self._run_id, status, {**ingest_runs.owner(), **self.summary.as_dict()}
                )
            except AtlasError:
                if status == "finished":
                    raise

    def take(self, uri: str, items: Iterable[Any]) -> None:
        """Ingest one input's items now, inside ``recorded_run`` (used by ``watch``)."""
        self.summary.inputs += 1
        for job in self._jobs(uri, items, lambda doc: lambda: self.extractor(doc)):
            self._write(job)
        self._write(_Job(uri, None, end_of_input=True))

    def _pipeline(self, inputs: Iterable[tuple[str, Iterable[Any]]]) -> None:
        window = 0 if self.workers == 1 else 4 * self.workers
        with _executor(self.workers, self.extractor) as submit:
            queue: deque[_Job] = deque()
            for uri, items in inputs:
                self.summary.inputs += 1
                for job in self._jobs(uri, items, submit):
                    queue.append(job)
                    while len(queue) > window:
                        self._write(queue.popleft())
                queue.append(_Job(uri, None, end_of_input=True))
                while len(queue) > window:
                    self._write(queue.popleft())
            while queue:
                self._write(queue.popleft())
        self._flush_official()

    def _jobs(
        self, uri: str, items: Iterable[Any], submit: Callable[[Document], Callable[[], Any]]
    ) -> Iterator[_Job]:
        """Jobs for one input's items; a reader that breaks is quarantined, not fatal."""
        it = iter(items)
        while True:
            try:
                item = next(it)
            except StopIteration:
                return
            except Exception as exc:  # a broken input must not stop the run
                yield _Job(uri, _failure(uri, "read_failed", exc))
                return
            if isinstance(item, Document | Prepared):
                doc = item if isinstance(item, Document) else item.document
                wants = isinstance(item, Document) or item.extract_text
                job_uri = str(doc.meta.get("source_uri") or uri)
                # Inline, the writer checks anyway; ahead of workers, skip known documents.
                if wants and (self.workers == 1 or not self.store.has_document(doc.id)):
                    yield _Job(job_uri, item, submit(doc))
                else:
                    yield _Job(job_uri, item)
            else:
                yield _Job(uri, item)

    # the single writer ---------------------------------------------------------------

    def _write(self, job: _Job) -> None:
        item = job.item
        if job.end_of_input:
            self._flush_official()
            if self.progress is not None:
                self.progress.step(job.uri)
        elif isinstance(item, Rejected):
            self._quarantine(item)
        elif isinstance(item, OfficialCount):
            self.summary.official_counts_read += 1
            self._official.append(dataclasses.asdict(item))
            if len(self._official) >= OFFICIAL_BATCH:
                self._flush_official()
        elif isinstance(item, Document | Prepared):
            self._write_document(job)

    def _write_document(self, job: _Job) -> None:
        item = job.item
        assert isinstance(item, Document | Prepared)
        doc = item if isinstance(item, Document) else item.document
        given: tuple[Fact, ...] = () if isinstance(item, Document) else item.facts
        structured = isinstance(item, Prepared)
        stage = "extract"
        try:
            if self.store.has_document(doc.id):
                self.summary.duplicate += 1
                self._repair_link(doc, structured)
                return
            sentences: Sequence[Any] = ()
            mentions: Sequence[Any] = ()
            facts: list[Fact] = list(given)
            if job.result is not None:
                extraction = job.result()
                sentences, mentions = extraction.sentences, extraction.mentions
                facts.extend(extraction.facts)
                doc = _with_language(doc, extraction)
            stage = "store"
            if not self.store.add_document(doc, sentences, mentions, facts, run_id=self._run_id):
                self.summary.duplicate += 1
                return
            self.summary.facts.update(f.kind for f in facts)
            stage = "link"
            self._link_new(doc, structured)
        except Exception as exc:  # one bad document must not stop the run
            if isinstance(exc, AtlasError) and exc.code == "D002":
                raise  # the database itself is gone: nothing else can be stored either
            self._quarantine(_failure(job.uri, f"{stage}_failed", exc, doc))

    def _link_new(self, doc: Document, structured: bool) -> None:
        if structured or not eligible(doc.text, doc.format):
            self.summary.new += 1
            return
        index = self._near_index()
        match = index.find(doc.id, doc.text)
        if match is None:
            index.add(doc.id, doc.text)
            self.summary.new += 1
            return
        self.store.link_duplicate(doc.id, match.original_id)
        index.add(doc.id, doc.text, duplicate_of=match.original_id)
        self.summary.near_duplicate += 1

    def _repair_link(self, doc: Document, structured: bool) -> None:
        """Link a stored document left unlinked by a crash between storing and linking."""
        if structured or not eligible(doc.text, doc.format):
            return
        index = self._near_index()
        if doc.id not in index or index.linked(doc.id) is not None:
            return
        match = index.find(doc.id, doc.text)
        if match is not None:
            self.store.link_duplicate(doc.id, match.original_id)
            index.set_link(doc.id, match.original_id)
            self.summary.relinked += 1

    def _near_index(self) -> NearDuplicateIndex:
        if self._index is None:
            self._index = NearDuplicateIndex.from_store(self.store)
        return self._index

    def _flush_official(self) -> None:
        if self._official:
            rows, self._official = self._official, []
            self.summary.official_counts_added += self.store.add_official_counts(rows)

    def _quarantine(self, rej: Rejected) -> None:
        qid, _ = quarantine_once(
            self.store, self._run_id, rej.uri, rej.reason_code, rej.reason, rej.locator, rej.payload
        )
        self.summary.quarantined[rej.reason_code] += 1
        self.summary.rejections.append(RejectionSeen(rej.uri, rej.locator, rej.reason_code, qid))


def _with_language(doc: Document, extraction: Any) -> Document:
    """The document with the language extraction detected, when it had none."""
    language = getattr(extraction, "language", None)
    if doc.language or not language:
        return doc
    return dataclasses.replace(doc, language=language)


def _failure(uri: str, code: str, exc: BaseException, doc: Document | None = None) -> Rejected:
    """A quarantine entry for an exception raised on one input or document."""
    locator = None
    payload = None
    if doc is not None:
        locator = f"document {doc.id}" + (f" ({doc.title})" if doc.title else "")
        payload = doc.text[:PAYLOAD_CHARS]
    return Rejected(uri, code, f"{type(exc).__name__}: {exc}", locator, payload)


class _executor:  # noqa: N801 - used as a context manager function
    """``submit(doc) -> thunk``: inline extraction, or a Dask cluster of processes."""

    def __init__(self, workers: int, extractor: Extractor) -> None:
        self.workers = workers
        self.extractor = extractor
        self._cluster: Any = None
        self._client: Any = None

    def __enter__(self) -> Callable[[Document], Callable[[], Any]]:
        if self.workers == 1:
            return lambda doc: lambda: self.extractor(doc)
        from cartel_atlas.store.ingest_parallel import start_cluster

        self._cluster, self._client = start_cluster(self.workers)
        client, extractor = self._client, self.extractor

        def submit(doc: Document) -> Callable[[], Any]:
            future = client.submit(extractor, doc, pure=False)
            return future.result

        return submit

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def ingest(
    store: Store,
    uris: Sequence[str],
    *,
    settings: Settings | None = None,
    fmt: str | None = None,
    allow_private: bool = False,
    workers: int = 1,
    progress: ProgressSink | None = None,
    command: str | None = None,
) -> IngestSummary:
    """Ingest files, directories, URLs or ``-`` into ``store`` in one run; the summary."""
    ingestor = Ingestor(
        store,
        settings=settings,
        allow_private=allow_private,
        fmt=fmt,
        workers=workers,
        progress=progress,
    )
    return ingestor.run(uris, command=command or "ingest " + " ".join(uris))
