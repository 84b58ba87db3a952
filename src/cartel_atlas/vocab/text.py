"""Text folding shared by every name lookup (places, groups, sources, cues)."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "´": "'"})


def strip_accents(text: str) -> str:
    """Remove combining accents but keep ñ distinct from n (Peña != Pena is not wanted
    for matching, so ñ is folded too: both spellings occur in the press)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key.

    'Cártel de  Sinaloa' -> 'cartel de sinaloa'.
    """
    return _NON_WORD.sub(" ", strip_accents(text.translate(_QUOTES)).casefold()).strip()
