"""Offset-keeping text folding, so phrase matches on folded text map back to the original.

Vocabulary keys are folded with ``vocab.text.fold`` (case, accents and punctuation removed,
whitespace squeezed). Matching against a document needs the same folding *and* a way back
to the original offsets for evidence spans. Folding here is one ``str.translate`` (one
character in, one character out) followed by squeezing runs of spaces; a short table of
breakpoints maps folded positions back to original ones.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

_SPACES = re.compile("  +")  # a literal first character: the scan skips ahead in C
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


class _FoldTable(dict[int, str]):
    """Lazily filled translate table: any character to exactly one folded character."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch.isalnum() or ch == "_":
            low = ch.casefold()
            base = "".join(
                c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c)
            )
            out = base[0] if base else " "
            if not (out.isalnum() or out == "_"):
                out = " "
        elif ch in "’'":
            out = " "
        else:
            out = " "
        self[code] = out
        return out


_TABLE = _FoldTable()
_ASCII_TABLE = bytes(ord(_TABLE[c]) for c in range(128)) + bytes(range(128, 256))
"""The ASCII part of ``_TABLE`` as a bytes table (every ASCII character folds to one)."""


def _translate(text: str) -> str:
    """``text.translate(_TABLE)``, several times faster: the ASCII bulk of a text goes
    through a bytes table and only the rare non-ASCII runs through the dict."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_TABLE).decode("ascii")
    # 'replace' writes one "?" per non-ASCII character, so offsets stay; those are redone
    ascii_folded = text.encode("ascii", "replace").translate(_ASCII_TABLE).decode("ascii")
    parts: list[str] = []
    last = 0
    for m in _NON_ASCII.finditer(text):
        start = m.start()
        parts.append(ascii_folded[last:start])
        parts.append(m.group().translate(_TABLE))
        last = m.end()
    parts.append(ascii_folded[last:])
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class FoldedText:
    """A document's text folded for matching, with the map back to original offsets."""

    original: str
    folded: str
    _marks: list[int] = field(repr=False)
    _shifts: list[int] = field(repr=False)

    @property
    def shifted(self) -> bool:
        """Whether squeezing spaces moved any offset (else folded == original offsets)."""
        return bool(self._marks)

    def to_original(self, pos: int) -> int:
        """Original offset of folded position ``pos`` (start or end of a match)."""
        i = bisect_right(self._marks, pos) - 1
        return pos + (self._shifts[i] if i >= 0 else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of a folded match; ``end`` is exclusive."""
        return self.to_original(start), self.to_original(end - 1) + 1

    def at_boundary(self, start: int, end: int) -> bool:
        """True when the folded match starts and ends on word boundaries."""
        f = self.folded
        return (start == 0 or f[start - 1] == " ") and (end == len(f) or f[end] == " ")


def fold_text(text: str) -> FoldedText:
    """Fold ``text`` one character per character, then squeeze spaces, keeping offsets."""
    one = _translate(text)
    marks: list[int] = []
    shifts: list[int] = []
    parts: list[str] = []
    last = 0
    removed = 0
    for m in _SPACES.finditer(one):
        start, end = m.span()
        parts.append(one[last : start + 1])
        marks.append(start + 1 - removed)  # folded length so far
        removed += end - start - 1
        shifts.append(removed)
        last = end
    parts.append(one[last:])
    return FoldedText(text, "".join(parts), marks, shifts)
