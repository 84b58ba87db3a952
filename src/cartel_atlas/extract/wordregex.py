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
def lexicon_entries(cls: str, lang: str) -> tuple[tuple[str, dict[str, Any]], ...]:
    """(text, attrs) of one lexicon word class, or () when no lexicon file is installed.

    Read once per process from the bundled vocabulary; extraction tables merge these
    entries over their built-in defaults, so analysts extend words without code changes.
    """
    try:
        from cartel_atlas.vocab import DATA_DIR
        from cartel_atlas.vocab.lexicon import load_lexicon
    except ImportError:  # vocabulary package without a lexicon module
        return ()
    try:
        lexicon = load_lexicon(DATA_DIR)
    except VocabError as exc:
        if exc.code == "V001":  # file not found: built-in tables only
            return ()
        raise
    if cls not in lexicon.entries:
        return ()
    return tuple((c.text, dict(c.attrs)) for c in lexicon.words(cls, lang))
