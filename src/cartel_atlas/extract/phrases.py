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
from operator import attrgetter, itemgetter
from typing import Any

import ahocorasick

from cartel_atlas.extract.folding import FoldedText
from cartel_atlas.vocab.text import fold, strip_accents


@dataclass(frozen=True, slots=True, init=False)
class Hit:
    """A phrase found in a document: original offsets, folded key and its payloads."""

    start: int
    end: int
    key: str
    payloads: tuple[Any, ...]

    def __init__(self, start: int, end: int, key: str, payloads: tuple[Any, ...]) -> None:
        # what the frozen dataclass __init__ does through object.__setattr__, done with the
        # slots' own setters: hits are made by the tens of thousands per document batch
        _set_start(self, start)
        _set_end(self, end)
        _set_key(self, key)
        _set_payloads(self, payloads)


_set_start, _set_end, _set_key, _set_payloads = (
    getattr(Hit, name).__set__ for name in ("start", "end", "key", "payloads")
)


class PhraseMatcher:
    """Finds folded phrases in folded text; forms in ``exact`` must match case as written."""

    def __init__(self, entries: Iterable[tuple[str, Any]], exact: Iterable[str] = ()) -> None:
        table: dict[str, list[Any]] = defaultdict(list)
        for surface, payload in entries:
            key = fold(surface)
            if key and payload not in table[key]:
                table[key].append(payload)
        exact_forms: dict[str, set[str]] = defaultdict(set)
        for form in exact:
            exact_forms[fold(form)].update({form, strip_accents(form)})
        self._auto = ahocorasick.Automaton()
        for key, payloads in table.items():
            # padded with spaces: folded text has a space at every word boundary, so a
            # padded key can only match whole words; the forms a key must be written as
            # (None: any) ride along, so a match needs no second look-up
            self._auto.add_word(f" {key} ", (key, tuple(payloads), exact_forms.get(key)))
        self.size = len(table)
        if self.size:
            self._auto.make_automaton()

    def find(self, ft: FoldedText) -> list[Hit]:
        """Every occurrence at word boundaries, in text order (overlaps kept)."""
        if not self.size:
            return []
        hits: list[Hit] = []
        padded = f" {ft.folded} "
        original = ft.original
        # squeezed spaces move offsets: map folded positions back (else they are the same)
        to_original = ft.to_original if ft.shifted else None
        for end_incl, (key, payloads, forms) in self._auto.iter(padded):
            end = end_incl - 1  # end_incl is the padding space after the key
            start = end - len(key)
            if to_original is not None:
                start, end = to_original(start), to_original(end - 1) + 1
            if forms is not None and not _written_as(original, start, end, forms):
                continue
            hits.append(Hit(start, end, key, payloads))
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
    # Hits in different runs of overlapping hits never compete, so each run is settled on
    # its own, and a hit that overlaps nothing (most of them) needs no settling at all.
    chosen: list[Hit] = []
    run: list[Hit] = []
    reach = -1
    for h in sorted(hits, key=_START):
        if h.start > reach:
            if len(run) > 1:
                chosen += _longest_first(run)
            else:
                chosen += run
            run = [h]
            reach = h.end
        else:
            run.append(h)
            if h.end > reach:
                reach = h.end
    chosen += _longest_first(run) if len(run) > 1 else run
    return chosen


def _longest_first(hits: list[Hit]) -> list[Hit]:
    """Take the longest hit, then the longest that overlaps nothing taken, and so on."""
    taken = bytearray(max(map(_END, hits)))
    chosen: list[Hit] = []
    for h in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        start, end = h.start, h.end
        if taken.find(1, start, end) < 0:  # nothing taken in [start, end)
            taken[start:end] = b"\x01" * (end - start)
            chosen.append(h)
    chosen.sort(key=_START)
    return chosen


_START = attrgetter("start")
_END = attrgetter("end")


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
