"""Numbers in Spanish and English text: digits, number words and vague quantities.

Counts of dead, detainees and seized goods are the figures the atlas reports, and the
press writes them every way: "27", "2,294", "1.045" (Spain), "2.5 millones", "$5 million",
"veintisiete", "a hundred and five", "decenas". Everything here is a handful of compiled
regexes plus a tiny word-sum parser, so the cost per document is a few passes in C.

Number words and their tables live in ``number_words``; ``parse_number_words`` is
re-exported here as part of this module's API.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cartel_atlas.extract.number_words import (
    NumberTables,
    number_tables,
    parse_number_words,
    scale_value,
    split_words,
)
from cartel_atlas.extract.wordregex import word_list

__all__ = ["NumberSpan", "find_numbers", "looks_like_year", "parse_number_words"]


@dataclass(frozen=True, slots=True)
class NumberSpan:
    """One number found in a text, with character offsets into that text.

    ``approx`` is true for vague quantities ("decenas", "several") and for numbers hedged
    by "about", "más de", "unos"...; ``is_year`` marks a bare 1900-2099 that reads as a year
    ("en 2020", "2019 was"), so count extractors can skip it.
    """

    start: int
    end: int
    value: float
    approx: bool
    text: str
    is_year: bool = False


_YEAR_NEXT = re.compile(r"\s*([^\W\d_]+)")
_FUNCTION_WORDS = frozenset(
    word_list(
        "y e o u de del a al en el la los las se que con por para como cuando donde hasta "
        "desde durante entre sin sobre ya fue era ha han había hubo está estaba son es and or "
        "of in on the a an to was were is are had has have when where as at by for from with "
        "until since during but which who that this after before saw"
    )
)
_GLUED = frozenset(".,:/_-")


def _to_float(raw: str, lang: str) -> float:
    """Read one digit group with the thousands/decimal convention of ``lang``; a run of
    separators no convention explains ("1.2,3.4") reads as its first digits."""
    try:
        return _separated(raw, lang)
    except ValueError:
        return float(_LEADING_DIGITS.match(raw).group())  # type: ignore[union-attr]


_LEADING_DIGITS = re.compile(r"\d+")


def _separated(raw: str, lang: str) -> float:
    if "," in raw and "." in raw:
        if raw.rfind(",") > raw.rfind("."):  # 1.045,5 (Spain)
            return float(raw.replace(".", "").replace(",", "."))
        return float(raw.replace(",", ""))  # 1,045.5
    if "," in raw:
        head, _, tail = raw.rpartition(",")
        if len(tail) == 3:
            return float(raw.replace(",", ""))
        if lang != "es":  # "1,5" in English is a list, read the first number
            return float(raw.split(",")[0])
        return float(head.replace(",", "") + "." + tail)  # 2,5 (Spanish decimal)
    if raw.count(".") > 1 or (lang == "es" and _ES_THOUSANDS.fullmatch(raw)):
        return float(raw.replace(".", ""))  # 1.045 (Spanish thousands), 1.234.567
    return float(raw)


_ES_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")


def _lower(text: str) -> str:
    """Lower-cased text with the same length (offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def looks_like_year(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is a bare 1900-2099 that reads as a year, not a count:
    "en 2020 se...", "in 2019 the", "2019 was" yes; "2020 elementos" no."""
    raw = text[start:end]
    if len(raw) != 4 or not raw.isdigit() or not 1900 <= int(raw) <= 2099:
        return False
    before = _YEAR_PREV.search(text, max(0, start - 12), start)
    if before is not None and before.group(1).lower() in _YEAR_CONTEXT:
        return True
    nxt = _YEAR_NEXT.match(text, end)
    if nxt is None or nxt.start(1) - end > 1:
        return True
    word = nxt.group(1)
    return word[0].isupper() or word.casefold() in _FUNCTION_WORDS


_YEAR_PREV = re.compile(r"([^\W\d_]+)[\s,]+\Z")
_YEAR_CONTEXT = frozenset(
    word_list(
        "en de del desde hasta durante para año in of since by until during through year "
        "early late mid fiscal the el"
    )
)


def find_numbers(text: str, lang: str) -> list[NumberSpan]:
    """Every number in ``text`` with its value; offsets index the original string.

    A number hedged by "más de", "about"... starts at the hedge and is ``approx``.
    """
    lang = "es" if lang == "es" else "en"
    tables = number_tables(lang)
    low = _lower(text)
    out = _digit_numbers(text, low, lang, tables) + _word_numbers(text, low, lang, tables)
    out.sort(key=lambda n: n.start)
    return _drop_overlaps(out)


def _hedge(low: str, at: int, tables: NumberTables) -> int:
    """Start of a hedge ("más de", "about") right before ``at``, else -1."""
    if at <= 0 or not low[at - 1].isspace():
        return -1  # the hedge pattern ends in whitespace
    lo = max(0, at - 24)
    if not low[lo:at].rstrip().endswith(tables.hedge_ends):
        return -1  # the last word before the number ends no hedge
    m = tables.hedge_before.search(low, lo, at)
    return m.start() if m else -1


def _digit_numbers(text: str, low: str, lang: str, tables: NumberTables) -> list[NumberSpan]:
    out: list[NumberSpan] = []
    for m in tables.digits.finditer(low):
        start, end = m.start(), m.end()
        if start and (low[start - 1].isalnum() or low[start - 1] in _GLUED):
            continue
        first = start
        if start and low[start - 1] == "$":  # "$5", "US$5"
            first = start - 3 if low[max(0, start - 3) : start - 1] in {"us", "mx"} else start - 1
        hedge = _hedge(low, first, tables)
        num = low[start:end] if m.group("scale") is None else low[start : m.start("scale")]
        value = _to_float(num.rstrip(), lang)
        is_year = False
        if m.group("scale"):
            value *= scale_value(m.group("scale"))
        elif first == start:
            is_year = looks_like_year(text, start, end)
        if is_year:
            hedge = -1
        a = hedge if hedge >= 0 else first
        out.append(NumberSpan(a, end, value, hedge >= 0, text[a:end], is_year))
    return out


def _word_matches(low: str, tables: NumberTables) -> list[tuple[int, re.Match[str]]]:
    """(start, match) of each ``words_rx`` match, as ``finditer`` finds them.

    The search runs ``words_after``, whose match begins one non-word character early
    (that is the leading ``\\b``); a run at offset 0 is tried first on its own.
    """
    if tables.words_after is None:
        return [(m.start(), m) for m in tables.words_rx.finditer(low)]
    out: list[tuple[int, re.Match[str]]] = []
    first = tables.words_rx.match(low)
    pos = 0
    if first is not None:
        out.append((0, first))
        pos = first.end()
    search = tables.words_after.search
    m = search(low, pos - 1 if pos > 0 else 0)
    while m is not None:
        out.append((m.start() + 1, m))
        pos = m.end()
        m = search(low, pos - 1)
    return out


def _word_numbers(text: str, low: str, lang: str, tables: NumberTables) -> list[NumberSpan]:
    out: list[NumberSpan] = []
    for start, m in _word_matches(low, tables):
        run = m.group("w")
        hedge = _hedge(low, start, tables)
        tokens = run.split()
        phrase = ""
        for n in (3, 2, 1):
            key = " ".join(tokens[:n])
            if key in tables.exact or key in tables.vague:
                phrase = key
                break
        if phrase:
            exact = tables.exact.get(phrase)
            value = float(exact if exact is not None else tables.vague[phrase])
            p_end = start + _span_of_tokens(run, len(phrase.split()))
            vscale = m.group("vscale")
            if vscale and p_end == start + len(run) and exact is None:
                value *= 1000 if vscale in {"miles", "thousands"} else 1e6
                p_end = m.end()
            a = hedge if hedge >= 0 else start
            out.append(NumberSpan(a, p_end, value, hedge >= 0 or exact is None, text[a:p_end]))
            rest = run[p_end - start :]
            offset = p_end
            hedge = -1
        else:
            rest, offset = run, start
        for i, (s, e) in enumerate(split_words(rest, lang)):
            parsed = parse_number_words(rest[s:e], lang)
            if parsed is None:
                continue
            a = hedge if (i == 0 and hedge >= 0) else offset + s
            out.append(
                NumberSpan(a, offset + e, parsed, i == 0 and hedge >= 0, text[a : offset + e])
            )
    return out


def _span_of_tokens(run: str, n: int) -> int:
    """Length of the first ``n`` whitespace-separated tokens of ``run``."""
    pos = 0
    for _ in range(n):
        while pos < len(run) and run[pos].isspace():
            pos += 1
        while pos < len(run) and not run[pos].isspace():
            pos += 1
    return pos


def _drop_overlaps(spans: list[NumberSpan]) -> list[NumberSpan]:
    """'unos 30' is one hedged number, not the vague 'unos' plus 30: keep the longer span."""
    kept: list[NumberSpan] = []
    for span in spans:
        if kept and span.start < kept[-1].end:
            if span.end - span.start > kept[-1].end - kept[-1].start:
                kept[-1] = span
            continue
        kept.append(span)
    return kept
