"""One Aho-Corasick automaton per phrase set, matched on folded text at word boundaries.

pyahocorasick finds every occurrence of every key in one pass in C; it matches substrings,
so word boundaries are checked here. Keys are folded like the vocabulary (``vocab.text.fold``)
and a key may carry several payloads (one name, several readings).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
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


_Match = tuple[int, int, str, tuple[Any, ...]]
"""A hit before it is made a ``Hit``: (start, end, key, payloads)."""


class PhraseMatcher:
    """Finds folded phrases in folded text; forms in ``exact`` must match case as written.

    A matcher made with ``settle=True`` finds only what ``longest`` would keep of its
    matches (it settles overlaps before making hits, so discarded matches cost no ``Hit``).
    """

    def __init__(
        self, entries: Iterable[tuple[str, Any]], exact: Iterable[str] = (), *, settle: bool = False
    ) -> None:
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
        self.settle = settle
        if self.size:
            self._auto.make_automaton()

    def find(self, ft: FoldedText) -> list[Hit]:
        """Every occurrence at word boundaries, in text order (overlaps kept, unless the
        matcher settles them: then the hits ``longest`` would keep)."""
        if not self.size:
            return []
        matches = self._matches(ft)
        if self.settle:
            return _settled(matches)
        return [Hit(start, end, key, payloads) for start, end, key, payloads in matches]

    def _matches(self, ft: FoldedText) -> list[_Match]:
        """Every occurrence in original offsets, by start and then longest first."""
        padded = f" {ft.folded} "
        original = ft.original
        found: list[_Match] = []
        add = found.append
        # squeezed spaces move offsets: folded position p is p + the shift of the last
        # mark at or before p in the original. Matches come by end, so the marks before
        # an end are walked once; a start needs a look-up only when a mark lies inside.
        marks, shifts = ft._marks, ft._shifts
        n = len(marks)
        j = 0  # marks[:j] are before the current end
        upcoming = marks[0] if n else _FAR  # marks[j]
        latest = -1  # marks[j - 1]
        shift = 0  # its shift
        for end_incl, (key, payloads, forms) in self._auto.iter(padded):
            end = end_incl - 1  # end_incl is the padding space after the key
            start = end - len(key)
            if end > upcoming:  # a mark at or before end - 1, the last character
                while j < n and marks[j] < end:
                    j += 1
                latest, shift = marks[j - 1], shifts[j - 1]
                upcoming = marks[j] if j < n else _FAR
            if start < latest:
                i = bisect_right(marks, start)
                start += shifts[i - 1] if i else 0
            else:
                start += shift
            end += shift
            if forms is not None and not _written_as(original, start, end, forms):
                continue
            add((start, end, key, payloads))
        # no two matches share both start and end (one key per folded span), so the
        # tuples sort by (start, end) alone; longest first at a start needs a second pass
        found.sort(key=_END_AT, reverse=True)
        found.sort(key=_START_AT)
        return found


_FAR = 1 << 62
"""Beyond any text offset."""
_START_AT = itemgetter(0)
_END_AT = itemgetter(1)


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


class Settled(list[Hit]):
    """Hits that overlap nothing, as ``longest`` returns them (``longest`` passes them on)."""

    __slots__ = ()


def longest(hits: list[Hit]) -> list[Hit]:
    """Non-overlapping hits, preferring the longest (then the earliest) at each place."""
    if type(hits) is Settled:
        return hits
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


def _settled(matches: list[_Match]) -> Settled:
    """``longest`` of the hits of ``matches`` (sorted by start, longest first), making a
    hit only of the matches it keeps."""
    chosen = Settled()
    add = chosen.append
    first = 0  # the current run of overlapping matches is matches[first:i]
    reach = -1
    for i, (start, end, _, _) in enumerate(matches):
        if start > reach:
            if i - first == 1:
                s, e, key, payloads = matches[first]
                add(Hit(s, e, key, payloads))
            elif i > first:
                _settle_run(matches, first, i, add)
            first = i
            reach = end
        elif end > reach:
            reach = end
    if len(matches) - first == 1:
        s, e, key, payloads = matches[first]
        add(Hit(s, e, key, payloads))
    elif matches:
        _settle_run(matches, first, len(matches), add)
    return chosen


def _settle_run(matches: list[_Match], first: int, stop: int, add: Callable[[Hit], None]) -> None:
    """Add the hits ``_longest_first`` keeps of matches[first:stop], a run of overlapping
    matches, in text order."""
    kept: Sequence[_Match]
    if stop - first == 2:  # the common run: "Ciudad Juárez" over "Juárez"
        a, b = matches[first], matches[first + 1]
        if a[1] - a[0] >= b[1] - b[0]:
            # a is taken (the longer, or as long and earlier); b only if it starts where a ends
            kept = (a, b) if b[0] >= a[1] else (a,)
        else:
            kept = (a, b) if a[1] <= b[0] else (b,)
    else:
        kept = _longest_run(matches[first:stop])
    for start, end, key, payloads in kept:
        add(Hit(start, end, key, payloads))


def _longest_run(run: list[_Match]) -> list[_Match]:
    """``_longest_first`` of one run of overlapping matches."""
    base = run[0][0]
    taken = bytearray(max(m[1] for m in run) - base)
    kept: list[_Match] = []
    for m in sorted(run, key=lambda m: (m[0] - m[1], m[0])):
        start, end = m[0] - base, m[1] - base
        if taken.find(1, start, end) < 0:  # nothing taken in [start, end)
            taken[start:end] = b"\x01" * (end - start)
            kept.append(m)
    kept.sort(key=_START_AT)
    return kept


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
