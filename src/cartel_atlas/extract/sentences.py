"""Sentence boundaries as character offsets into the original text.

Facts keep the offsets of their evidence, so sentences are (start, end) pairs into the
text as given, never rewritten strings. One regex finds the few places a sentence can
end (terminal punctuation before a capital, line breaks); a little Python decides each
one: abbreviations (Sr., Gral., U.S., núm., a.m.), initials ("June S. Beittel"),
headings and bullet lines. Decimals ("1,045.5") never match because a boundary needs
whitespace after the punctuation. Measured faster than spaCy's blank tokenizer plus its
sentencizer by more than an order of magnitude, and it keeps offsets exact.
"""

from __future__ import annotations

import re

from cartel_atlas.extract.wordregex import word_list

# Lower-cased, without the final period. A word here followed by "." does not end a
# sentence (when the next word starts with a capital it is a name: "Gral. Pérez").
_ABBREVIATIONS = frozenset(
    word_list(
        "sr sra srta sres dr dra dres lic licda ing arq mtro mtra prof profa gral gen col cap "
        "cmdt cmdte tte sgto sgt cabo gob pdte pres sen dip ofic lt capt maj cmdr adm rep gov "
        "mr mrs ms messrs st jr mt ft av avda blvd carr km edo méx mex mich jal gto chih coah "
        "tamps gro oax chis qro slp zac dgo nay ags q.roo cdmx depto dept dpto fracc ej e.u "
        "u.n inc corp ltd cía cia vs aprox approx cf ibid fig figs vol vols pp jan feb apr "
        "jun jul aug sep sept oct nov dec ene abr dic cd mpio"
    )
)
# Before a number only: "No. 5", "núm. 12", "art. 4".
_NUMBER_ABBREVIATIONS = frozenset(
    ["no", "nos", "núm", "num", "nro", "art", "arts", "fracc", "sec", "cap"]
)
# Dotted forms that end sentences as often as they sit inside them ("in the U.S. The..."):
# they end one only when the next word is a usual sentence opener.
_DOTTED_ENDERS = frozenset(["u.s", "u.s.a", "ee.uu", "a.m", "p.m", "u.k", "d.c", "etc"])
_OPENERS = frozenset(
    word_list(
        "the a an in on at this that these those it he she they we but and however after "
        "before while when according el la los las un una en este esta estos estas por para "
        "de del al con sin según tras durante también además sin embargo asimismo"
    )
)

# Line breaks, or terminal punctuation before a capital or a bullet. The first character
# is a plain class so that ``re`` skips ahead in C to the next candidate: after a "\n"
# the first branch always matches (so the second only sees punctuation).
_CANDIDATE = re.compile(
    r"[\n.!?…](?:(?<=\n)(?:[ \t]*\n)*"
    r"|[.!?…]*[\"”’»)\]]*(?=[ \t]+[\"“‘«(\[¿¡]?[^\W_a-zß-ÿ]|[ \t]+[-•·*–—➢►▪◦]))"
)
_WORD_CHARS = re.compile(r"[^\s(\[\"“‘«]+")
"""A word as written before a period; matched on the reversed text before it."""
_NEXT_WORD = re.compile(r"\s*[\"“‘«(\[¿¡]?([^\W\d_]+)")
_BULLET = re.compile(r"[ \t]*(?:[-•·*–—➢►▪◦]|\d{1,2}[.)][ \t]|[a-z]\)[ \t])")
_ORDINAL = re.compile(r"\d+/?(?:[aoº°]|er|ra|do|da|to|ta|vo|va|no|na)")  # "21/a.", "3er."
_LINE_END_OK = frozenset('.!?…:;"”’»)]')


def split(text: str, lang: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, stripped of surrounding whitespace.

    A blank line always ends a sentence; a single line break ends one unless the text
    simply wraps (next line starts in lower case, or the line ends with a comma or an
    open word). ``lang`` is accepted for symmetry with the other components: the rules
    cover Spanish and English together.
    """
    bounds: list[int] = []
    for m in _CANDIDATE.finditer(text):
        if m.group()[0] == "\n":
            if _newline_ends(text, m):
                bounds.append(m.start())
                bounds.append(m.end())
        elif _punct_ends(text, m):
            bounds.append(m.end())
    return _spans(text, bounds)


def _newline_ends(text: str, m: re.Match[str]) -> bool:
    if m.group().count("\n") > 1:
        return True  # paragraph break
    after = m.end()
    if after >= len(text) or _BULLET.match(text, after):
        return True
    line_start = text.rfind("\n", 0, m.start()) + 1
    last = text[line_start : m.start()].rstrip()
    if not last or _BULLET.match(last):
        return True
    if last[-1] in _LINE_END_OK:
        return True
    # A wrapped line goes on in lower case or after a comma; anything else (a heading, a
    # dateline, a line without final punctuation) ends here.
    wrapped = last[-1] in ",-(" or not (text[after].isupper() or text[after].isdigit())
    return not wrapped


def _punct_ends(text: str, m: re.Match[str]) -> bool:
    punct = m.group()
    if punct.rstrip('"”’»)]') != ".":
        return True  # ! ? … and ellipses end sentences before a capital
    at = m.start()
    # the run of word characters ending at the period, at most 40 back
    prev = _WORD_CHARS.match(text[max(0, at - 40) : at][::-1])
    if prev is None:
        return True
    prev_start = at - prev.end()
    word = text[prev_start:at].lower()
    if word.isdigit() and len(word) <= 2:
        line_start = text.rfind("\n", 0, prev_start) + 1
        if not text[line_start:prev_start].strip():
            return False  # a numbered list item: "1. Un vehículo"
    if len(word) == 1 and word.isalpha():
        return False  # an initial: "June S. Beittel"
    if word in _NUMBER_ABBREVIATIONS:
        nxt = text[m.end() : m.end() + 3].lstrip()
        return not nxt[:1].isdigit()
    if word in _DOTTED_ENDERS:
        opener = _NEXT_WORD.match(text, m.end())
        return opener is not None and opener.group(1).lower() in _OPENERS
    if word in _ABBREVIATIONS or _ORDINAL.fullmatch(word):
        return False
    # other dotted abbreviations ("e.g.", "p.ej.") do not end sentences either
    return not ("." in word and len(word) <= 6 and word.replace(".", "").isalpha())


def _spans(text: str, bounds: list[int]) -> list[tuple[int, int]]:
    """Cut ``text`` at ``bounds`` and strip each piece, keeping original offsets."""
    out: list[tuple[int, int]] = []
    start = 0
    for end in [*bounds, len(text)]:
        if end <= start:
            continue
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            s = start + len(piece) - len(piece.lstrip())
            out.append((s, s + len(stripped)))
        start = end
    return out
