"""One Aho-Corasick automaton per phrase set, matched on folded text at word boundaries.

pyahocorasick finds every occurrence of every key in one pass in C; it matches substrings,
so word boundaries are checked here. Keys are folded like the vocabulary (``vocab.text.fold``)
and a key may carry several payloads (one name, several readings).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate
from operator import itemgetter
from typing import Any

import ahocorasick

from cartel_atlas.extract.folding import FoldedText
from cartel_atlas.vocab.text import fold, strip_accents


@dataclass(frozen=True, slots=True)
class Hit:
    """A phrase found in a document: original offsets, folded key and its payloads."""

    start: int
    end: int
    key: str
    payloads: tuple[Any, ...]


class PhraseMatcher:
    """Finds folded phrases in folded text; forms in ``exact`` must match case as written."""

    def __init__(self, entries: Iterable[tuple[str, Any]], exact: Iterable[str] = ()) -> None:
        table: dict[str, list[Any]] = defaultdict(list)
        for surface, payload in entries:
            key = fold(surface)
            if key and payload not in table[key]:
                table[key].append(payload)
        self._exact: dict[str, set[str]] = defaultdict(set)
        for form in exact:
            self._exact[fold(form)].update({form, strip_accents(form)})
        self._auto = ahocorasick.Automaton()
        for key, payloads in table.items():
            # padded with spaces: folded text has a space at every word boundary, so a
            # padded key can only match whole words
            self._auto.add_word(f" {key} ", (key, tuple(payloads)))
        self.size = len(table)
        if self.size:
            self._auto.make_automaton()

    def find(self, ft: FoldedText) -> list[Hit]:
        """Every occurrence at word boundaries, in text order (overlaps kept)."""
        if not self.size:
            return []
        hits: list[Hit] = []
        padded = f" {ft.folded} "
        exact = self._exact
        if not ft.shifted:  # no squeezed spaces: folded offsets are original offsets
            for end_incl, (key, payloads) in self._auto.iter(padded):
                end = end_incl - 1  # end_incl is the padding space after the key
                start = end - len(key)
                forms = exact.get(key)
                if forms is not None and not _written_as(ft.original, start, end, forms):
                    continue
                hits.append(Hit(start, end, key, payloads))
        else:
            for end_incl, (key, payloads) in self._auto.iter(padded):
                end = end_incl - 1
                start = end - len(key)
                o_start, o_end = ft.span(start, end)
                forms = exact.get(key)
                if forms is not None and not _written_as(ft.original, o_start, o_end, forms):
                    continue
                hits.append(Hit(o_start, o_end, key, payloads))
        hits.sort(key=lambda h: (h.start, -h.end))
        return hits


def _written_as(text: str, start: int, end: int, forms: set[str]) -> bool:
    """Case-sensitive check; a form ending in '.' ("Sin.") needs the dot in the text, so
    "Sin embargo" is not Sinaloa."""
    surface = text[start:end]
    for form in forms:
        if form.endswith("."):
            if surface == form[:-1] and text[end : end + 1] == ".":
                return True
        elif surface == form:
            return True
    return False


def longest(hits: list[Hit]) -> list[Hit]:
    """Non-overlapping hits, preferring the longest (then the earliest) at each place."""
    if not hits:
        return []
    taken = bytearray(max(h.end for h in hits))
    chosen: list[Hit] = []
    for h in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if not any(taken[h.start : h.end]):
            taken[h.start : h.end] = b"\x01" * (h.end - h.start)
            chosen.append(h)
    chosen.sort(key=lambda h: h.start)
    return chosen


class AnyOf:
    """Does a text contain any of these substrings? One C scan (Aho-Corasick), used as a
    cheap pre-check before costlier patterns."""

    def __init__(self, words: Iterable[str]) -> None:
        self._words = sorted({w.lower() for w in words})
        self._auto = ahocorasick.Automaton()
        for w in self._words:
            self._auto.add_word(w, len(w))
        self._auto.make_automaton()

    def __call__(self, text: str) -> bool:
        for _ in self._auto.iter(text.lower()):
            return True
        return False

    def spans(self, low: str) -> Occurrences:
        """Every occurrence in ``low`` (already lower-case), to ask about many windows."""
        if len(self._words) > _FIND_WORDS:
            return Occurrences([(end + 1 - n, end + 1) for end, n in self._auto.iter(low)])
        # for a handful of words, str.find's fast search beats the automaton's walk
        found: list[tuple[int, int]] = []
        for w in self._words:
            i = low.find(w)
            while i >= 0:
                found.append((i, i + len(w)))
                i = low.find(w, i + 1)
        found.sort(key=itemgetter(1))
        return Occurrences(found)


_FIND_WORDS = 8
"""Up to this many words, ``AnyOf.spans`` searches each with str.find."""


class Occurrences:
    """Substring occurrences of one text, answering "does one lie wholly inside
    text[start:end]?" with a bisect."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        # spans are in order of their end; _starts[i] is the latest start among the
        # first i + 1 spans, so a span inside [start, end) exists iff the latest start of
        # those ending by ``end`` is >= start
        self._ends = [e for _, e in spans]
        self._starts = list(accumulate((s for s, _ in spans), max))

    def within(self, start: int, end: int) -> bool:
        i = bisect_right(self._ends, end) - 1
        return i >= 0 and self._starts[i] >= start
