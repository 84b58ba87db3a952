"""Fast regexes for word lists, and the shared lexicon as plain dictionaries.

Python's ``re`` tries the branches of ``a|b|c`` one by one at every position, so a list
of 60 number words costs 60 comparisons per character. Folding the list into a trie
(``dos|doce|doscientos`` -> ``do(?:s(?:cientos)?|ce)``) leaves one comparison per
character, which is what makes the number and date scans several times faster.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from cartel_atlas.errors import VocabError


def trie_regex(words: object, *, loose_space: bool = True) -> str:
    """A non-capturing regex matching exactly the given words, longest match first.

    Spaces in multi-word entries match any run of whitespace when ``loose_space``.
    """
    root: dict[str, Any] = {}
    for word in words:  # type: ignore[attr-defined]
        node = root
        for ch in str(word):
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict[str, Any]) -> str:
        branches = []
        for ch, child in sorted(node.items(), key=lambda kv: kv[0], reverse=True):
            if not ch:
                continue
            head = r"\s+" if (ch == " " and loose_space) else re.escape(ch)
            branches.append(head + build(child))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return "(?:" + build(root) + ")"


@cache
def _lexicon() -> Any:
    """The bundled lexicon, loaded once; None when no lexicon file is installed."""
    try:
        from cartel_atlas.vocab import DATA_DIR
        from cartel_atlas.vocab.lexicon import load_lexicon
    except ImportError:  # vocabulary package without a lexicon module
        return None
    try:
        return load_lexicon(DATA_DIR)
    except VocabError as exc:
        if exc.code == "V001":  # file not found: built-in tables only
            return None
        raise


@cache
def lexicon_entries(cls: str, lang: str) -> tuple[tuple[str, dict[str, Any]], ...]:
    """(text, attrs) of one lexicon word class, or () when there is no such class.

    Extraction tables merge these entries over their built-in defaults, so analysts
    extend words in ``lexicon.yaml`` without code changes.
    """
    lexicon = _lexicon()
    if lexicon is None or cls not in lexicon.entries:
        return ()
    return tuple((c.text, dict(c.attrs)) for c in lexicon.words(cls, lang))


def _pairs(spec: str) -> list[tuple[str, str]]:
    """'una_docena=12 dos=2' -> [('una docena', '12'), ('dos', '2')]: compact word tables."""
    out = []
    for item in spec.split():
        key, _, value = item.partition("=")
        out.append((key.replace("_", " "), value))
    return out


def int_table(spec: str) -> dict[str, int]:
    """A word -> number table written as 'word=value' items ('_' stands for a space)."""
    return {k: int(v) for k, v in _pairs(spec)}


def str_table(spec: str) -> dict[str, str]:
    """A word -> word table written as 'word=value' items ('_' stands for a space)."""
    return dict(_pairs(spec))


def relative_table(spec: str) -> dict[str, tuple[str, int | str]]:
    """Relative-date phrases written as 'phrase=what:parameter' ('day:1', 'period:week_last')."""
    out: dict[str, tuple[str, int | str]] = {}
    for key, value in _pairs(spec):
        what, _, param = value.partition(":")
        out[key] = (what, int(param) if param.lstrip("-").isdigit() else param)
    return out


def word_list(spec: str) -> list[str]:
    """The words of a space-separated list: word tables stay compact and readable."""
    return spec.split()
