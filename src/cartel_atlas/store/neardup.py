"""Near-duplicate documents: the same wire story syndicated under another headline.

Each free-text document is reduced to its set of 5-word shingles (casefolded words of the
normalised text) and a MinHash signature; an LSH index finds candidates and the exact
Jaccard similarity of the two shingle sets decides (>= ``THRESHOLD``), so a decision never
depends on MinHash's estimation error.

The index is rebuilt from the stored documents at the start of a run instead of being
persisted: the documents table stays the one source of truth, and a crash between storing
a document and saving an index can never leave them out of step. A signature costs about
half a millisecond, so rebuilding is cheap next to extraction.

A near-duplicate is linked to the *root* original (the earliest stored member of its
cluster), in store order (``recorded_at``, then id), so an interrupted run that is resumed
links exactly as an uninterrupted one would.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from cartel_atlas.model import normalise_text
from cartel_atlas.store import schema as t
from cartel_atlas.store.store import Store

if TYPE_CHECKING:
    from datasketch import MinHash

SHINGLE_WORDS = 5
THRESHOLD = 0.8
"""Exact Jaccard similarity of shingle sets from which two documents are one story."""
CANDIDATE_THRESHOLD = 0.6
"""LSH threshold for candidates: lower than ``THRESHOLD`` so near misses are still checked."""
NUM_PERM = 128
MIN_WORDS = 25
"""Shorter texts (a headline, a table row) say too little for a similarity to mean much."""
STRUCTURED_FORMATS = frozenset({"acled", "stix", "sesnsp", "csv"})
"""Documents rendered from structured records are distinct records even when they read alike."""

_WORD = re.compile(r"\w+")
_PAGE = 200


def words(text: str) -> list[str]:
    """The casefolded words of the normalised text."""
    return _WORD.findall(normalise_text(text).casefold())


def shingles(text: str) -> frozenset[str]:
    """The set of ``SHINGLE_WORDS``-word shingles of ``text`` (one shingle if shorter)."""
    w = words(text)
    if len(w) <= SHINGLE_WORDS:
        return frozenset([" ".join(w)]) if w else frozenset()
    return frozenset(" ".join(w[i : i + SHINGLE_WORDS]) for i in range(len(w) - SHINGLE_WORDS + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Exact Jaccard similarity of two shingle sets (0 when both are empty)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def signature(shingle_set: Iterable[str]) -> MinHash:
    """The MinHash of a shingle set (fixed seed and scheme: the same text, the same hash)."""
    from datasketch import MinHash  # imported late: it pulls in SciPy (about a second)

    m = MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32")
    m.update_batch([s.encode("utf-8") for s in shingle_set])
    return m


def eligible(text: str, fmt: str | None) -> bool:
    """Whether a document takes part in near-duplicate detection."""
    return (fmt or "text") not in STRUCTURED_FORMATS and len(words(text)) >= MIN_WORDS


@dataclass(frozen=True, slots=True)
class NearMatch:
    """The stored original a document repeats, and how similar the two are."""

    original_id: str
    similar_id: str
    """The candidate that matched (itself a near-duplicate of ``original_id`` or equal to it)."""
    similarity: float


class NearDuplicateIndex:
    """MinHash-LSH over stored documents, with the links already made between them."""

    def __init__(self, store: Store) -> None:
        from datasketch import MinHashLSH

        self._store = store
        self._lsh: Any = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
        self._order: dict[str, int] = {}
        self._duplicate_of: dict[str, str | None] = {}
        self._shingles: dict[str, frozenset[str]] = {}
        """Shingle sets of documents added during this run (earlier ones are re-read)."""

    @classmethod
    def from_store(cls, store: Store) -> NearDuplicateIndex:
        """An index of every eligible stored document, in store order."""
        index = cls(store)
        d = t.documents
        rows: list[tuple[object, str, str | None]] = []
        after = ""
        while True:
            q = (
                sa.select(d.c.id, d.c.text, d.c.format, d.c.recorded_at, d.c.duplicate_of)
                .where(d.c.id > after)
                .order_by(d.c.id)
                .limit(_PAGE)
            )
            with store.session() as session:
                page = session.execute(q).all()
            if not page:
                break
            for r in page:
                if eligible(r.text, r.format):
                    index._lsh.insert(r.id, signature(shingles(r.text)))
                    rows.append((r.recorded_at, r.id, r.duplicate_of))
            after = page[-1].id
        for n, (_, doc_id, dup) in enumerate(sorted(rows, key=lambda x: (x[0], x[1]))):
            index._order[doc_id] = n
            index._duplicate_of[doc_id] = dup
        return index

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._order

    def linked(self, doc_id: str) -> str | None:
        """The original ``doc_id`` is linked to, as the index knows it."""
        return self._duplicate_of.get(doc_id)

    def find(self, doc_id: str, text: str) -> NearMatch | None:
        """The original that ``text`` (document ``doc_id``) repeats, if any.

        Only documents earlier in store order count as originals; a document not yet in
        the index is later than all of them.
        """
        mine = shingles(text)
        own_order = self._order.get(doc_id, len(self._order) + 1)
        best: tuple[float, int, str] | None = None
        for cand in self._lsh.query(signature(mine)):
            if cand == doc_id or self._order.get(cand, own_order) >= own_order:
                continue
            sim = jaccard(mine, self._shingles_of(cand))
            if sim < THRESHOLD:
                continue
            key = (-sim, self._order[cand], cand)
            if best is None or key < (-best[0], best[1], best[2]):
                best = (sim, self._order[cand], cand)
        if best is None:
            return None
        return NearMatch(original_id=self._root(best[2]), similar_id=best[2], similarity=best[0])

    def add(self, doc_id: str, text: str, duplicate_of: str | None = None) -> None:
        """Index a document just stored (later in store order than everything indexed)."""
        if doc_id in self._order:
            self._duplicate_of[doc_id] = duplicate_of or self._duplicate_of.get(doc_id)
            return
        mine = shingles(text)
        self._lsh.insert(doc_id, signature(mine))
        self._order[doc_id] = len(self._order)
        self._duplicate_of[doc_id] = duplicate_of
        self._shingles[doc_id] = mine

    def set_link(self, doc_id: str, original_id: str) -> None:
        """Remember a link made in the store."""
        self._duplicate_of[doc_id] = original_id

    def _root(self, doc_id: str) -> str:
        seen = {doc_id}
        while (up := self._duplicate_of.get(doc_id)) is not None and up not in seen:
            seen.add(up)
            doc_id = up
        return doc_id

    def _shingles_of(self, doc_id: str) -> frozenset[str]:
        cached = self._shingles.get(doc_id)
        if cached is None:
            cached = shingles(self._store.get_document(doc_id).text)
            self._shingles[doc_id] = cached
        return cached
