"""Number words in Spanish and English: tables, the lexicon merged in, and their grammar.

"mil quinientos" is 1500, "a hundred and five" 105, "dos tres" two numbers: a tiny
word-sum parser does this, on runs that one trie regex finds. The tables are small
module-level data; entries of the shared lexicon (class ``number_words``) are merged over
them when the tables are first used, so analysts add words without code changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from cartel_atlas.extract.wordregex import int_table, lexicon_entries, trie_regex
from cartel_atlas.vocab.text import strip_accents

_UNITS_ES: dict[str, int] = int_table(
    "cero=0 un=1 uno=1 una=1 dos=2 tres=3 cuatro=4 cinco=5 seis=6 siete=7 ocho=8 nueve=9 diez=10 "
    "once=11 doce=12 trece=13 catorce=14 quince=15 dieciséis=16 dieciseis=16 diecisiete=17 "
    "dieciocho=18 diecinueve=19 veinte=20 veintiún=21 veintiun=21 veintiuno=21 veintiuna=21 "
    "veintidós=22 veintidos=22 veintitrés=23 veintitres=23 veinticuatro=24 veinticinco=25 "
    "veintiséis=26 veintiseis=26 veintisiete=27 veintiocho=28 veintinueve=29 treinta=30 "
    "cuarenta=40 cincuenta=50 sesenta=60 setenta=70 ochenta=80 noventa=90 cien=100 ciento=100 "
    "doscientos=200 doscientas=200 trescientos=300 trescientas=300 cuatrocientos=400 "
    "cuatrocientas=400 quinientos=500 quinientas=500 seiscientos=600 seiscientas=600 "
    "setecientos=700 setecientas=700 ochocientos=800 ochocientas=800 novecientos=900 "
    "novecientas=900"
)
_UNITS_EN: dict[str, int] = int_table(
    "zero=0 one=1 two=2 three=3 four=4 five=5 six=6 seven=7 eight=8 nine=9 ten=10 eleven=11 "
    "twelve=12 thirteen=13 fourteen=14 fifteen=15 sixteen=16 seventeen=17 eighteen=18 nineteen=19 "
    "twenty=20 thirty=30 forty=40 fifty=50 sixty=60 seventy=70 eighty=80 ninety=90"
)
_HUNDRED_EN = {"hundred": 100}
_SCALES: dict[str, int] = {
    "mil": 1_000,
    "millón": 1_000_000,
    "millon": 1_000_000,
    "millones": 1_000_000,
    "thousand": 1_000,
    "million": 1_000_000,
    "millions": 1_000_000,
    "billion": 1_000_000_000,
    "billón": 10**12,
    "billon": 10**12,
    "billones": 10**12,
    "trillion": 10**12,
}
_EXACT_PHRASES: dict[str, dict[str, int]] = {
    "es": {"una docena": 12, "un par": 2, "media docena": 6},
    "en": {"a dozen": 12, "one dozen": 12, "a couple": 2, "a pair": 2, "half a dozen": 6},
}
# Vague quantities: a conventional value so "decenas de muertos" still sorts and sums.
_VAGUE: dict[str, dict[str, int]] = {
    "es": int_table(
        "una_decena=10 unas_decenas=24 decenas=24 docenas=24 una_centena=100 centenas=200 "
        "cientos=200 centenares=200 miles=2000 millares=2000 varios=3 varias=3 algunos=3 "
        "algunas=3 un_puñado=3"
    ),
    "en": int_table(
        "dozens=24 scores=40 hundreds=200 thousands=2000 millions=2000000 several=3 a_few=3 "
        "a_handful=3"
    ),
}
_HEDGES: dict[str, tuple[str, ...]] = {
    "es": (
        "unos",
        "unas",
        "cerca de",
        "alrededor de",
        "más de",
        "mas de",
        "menos de",
        "aproximadamente",
        "al menos",
        "por lo menos",
        "casi",
        "hasta",
        "poco más de",
        "aprox.",
    ),
    "en": (
        "about",
        "around",
        "roughly",
        "approximately",
        "nearly",
        "almost",
        "more than",
        "over",
        "less than",
        "fewer than",
        "at least",
        "up to",
        "some",
        "an estimated",
        "estimated",
    ),
}
_CONNECTORS = {"es": r"(?:\s+y\s+|\s+)", "en": r"(?:\s*-\s*|\s+and\s+|\s+)"}
_ES_SCALES = frozenset({"mil", "millón", "millon", "millones", "billón", "billon", "billones"})
_PHRASE_WORDS = frozenset({"docena", "dozen", "decena", "centenar", "par", "pair"})


@dataclass(frozen=True)
class NumberTables:
    """Word tables of one language, built-ins merged with the shared lexicon."""

    words: dict[str, int]
    exact: dict[str, int]
    vague: dict[str, int]
    digits: re.Pattern[str]
    words_rx: re.Pattern[str]
    hedge_before: re.Pattern[str]
    words_after: re.Pattern[str] | None = None
    """``words_rx`` with its leading ``\\b`` read as the non-word character before the
    run, so that ``re`` skips ahead in C (see ``numbers._word_matches``)."""
    hedge_ends: tuple[str, ...] = ()
    """The last word of each hedge: one of them ends the text before a hedged number."""


def _with_plain(table: dict[str, int]) -> dict[str, int]:
    """Add accent-less spellings ("veintidos") next to the written ones."""
    return {**{strip_accents(k): v for k, v in table.items()}, **table}


def _merge_lexicon(
    lang: str, words: dict[str, int], exact: dict[str, int], vague: dict[str, int]
) -> None:
    for text, attrs in lexicon_entries("number_words", lang):
        value = attrs.get("value")
        key = " ".join(text.lower().split())
        if value is None or not key:
            continue
        if all(t in words or t == "a" for t in key.split()):
            continue  # "a hundred" is read by the number-word grammar
        if attrs.get("approx"):
            vague[key] = value
        elif " " in key or key in _PHRASE_WORDS:
            exact[key] = value
        elif key not in words:
            words[key] = value


@cache
def number_tables(lang: str) -> NumberTables:
    units = _UNITS_ES if lang == "es" else {**_UNITS_EN, **_HUNDRED_EN}
    scales = {k: v for k, v in _SCALES.items() if (k in _ES_SCALES) == (lang == "es")}
    words = {**units, **scales}
    exact = dict(_EXACT_PHRASES[lang])
    vague = dict(_VAGUE[lang])
    _merge_lexicon(lang, words, exact, vague)
    for key in list(vague):
        if key in exact or (" " not in key and key in words):
            del vague[key]
    words, exact, vague = _with_plain(words), _with_plain(exact), _with_plain(vague)
    word = trie_regex(words)
    first = trie_regex(
        {
            **words,
            **exact,
            **vague,
            **(
                {"a hundred": 100, "a thousand": 1000, "a million": 10**6, "a billion": 10**9}
                if lang == "en"
                else {}
            ),
        }
    )
    digits = _DIGITS + _SCALE_AFTER[lang]
    words_rx = (
        r"\b(?P<w>" + first + r"(?:" + _CONNECTORS[lang] + word + r")*)\b"
        r"(?:\s+(?:de|of)\s+(?P<vscale>miles|millones|thousands|millions)\b)?"
    )
    hedge = r"(?<![\w-])" + trie_regex(_HEDGES[lang]) + r"\s+\Z"
    return NumberTables(
        words,
        exact,
        vague,
        re.compile(digits),
        re.compile(words_rx),
        re.compile(hedge),
        _after_non_word(words_rx, [*words, *exact, *vague, "a"]),
        tuple(sorted({h.split()[-1] for h in _HEDGES[lang]})),
    )


def _after_non_word(words_rx: str, firsts: list[str]) -> re.Pattern[str] | None:
    """``words_rx`` starting at the non-word character before the run; None unless every
    entry starts with a word character (only then is that the leading ``\\b``)."""
    if not all(re.match(r"\w", w) for w in firsts):
        return None
    return re.compile(r"\W" + words_rx.removeprefix(r"\b"))


# --- regexes ----------------------------------------------------------------------------

# One simple branch is several times faster than three exact ones; _to_float reads the
# separators afterwards with the conventions of the language. "\d\d*" rather than "\d+":
# a plain class first lets ``re`` skip to the next digit in C.
_DIGITS = r"\d\d*(?:[.,]\d+)*(?![\w:/])"
_SCALE_AFTER = {
    "es": r"(?:\s+(?P<scale>mil\s+millones|millones|millón|millon|mil|billones|billón))?",
    "en": r"(?:\s+(?P<scale>thousand|million|billion|trillion)s?)?",
}


def parse_number_words(words: str, lang: str) -> float | None:
    """Value of a run of number words ("mil quinientos", "a hundred and five"), else None.

    Sums units, multiplies by "hundred" and closes groups at "mil"/"thousand"/"million".
    Returns None when any token is not a number word of ``lang``.
    """
    tables = number_tables("es" if lang == "es" else "en")
    table = tables.words
    text = " ".join(words.casefold().split())
    phrases = tables.exact
    if text in phrases:
        return float(phrases[text])
    vague = tables.vague
    if text in vague:
        return float(vague[text])
    tokens = [t for t in _SEPARATORS.split(text) if t and t not in {"y", "and"}]
    if lang == "en" and tokens and tokens[0] == "a":
        tokens[0] = "one"
    if not tokens:
        return None
    total = 0
    current = 0
    for tok in tokens:
        value = table.get(tok)
        if value is None:
            return None
        if tok == "hundred":
            current = max(current, 1) * 100
        elif value >= 1000:
            big = max(current, 1) * value
            if value > 1000 and total and total < value:  # "mil millones"
                total, big = 0, max(total + current, 1) * value
            total += big
            current = 0
        else:
            current += value
    return float(total + current)


_TOKEN = re.compile(r"[^\s-]+")
_SEPARATORS = re.compile(r"[\s-]+")


def split_words(run: str, lang: str) -> list[tuple[int, int]]:
    """Cut a run of number words into numbers: "dos tres" is two numbers, "treinta y uno"
    one; "y"/"and" only join tens to units (es) or hundreds/scales to the rest (en)."""
    table = number_tables(lang).words
    groups: list[tuple[int, int]] = []
    start = end = -1
    prev: int | None = None
    prev_tok = ""
    pending: str | None = None
    for m in _TOKEN.finditer(run):
        tok = m.group().casefold()
        if tok in {"y", "and"}:
            pending = tok
            continue
        value = 1 if tok == "a" else table.get(tok, 0)
        multiplier = tok == "hundred" or value >= 1000
        if prev is None:
            ok = False
        elif pending == "y":
            ok = prev in {30, 40, 50, 60, 70, 80, 90} and 1 <= value <= 9
        elif pending == "and":
            ok = (prev_tok == "hundred" or prev >= 1000) and value < 100
        else:
            ok = (
                multiplier
                or ((prev_tok == "hundred" or prev >= 100) and value < prev)
                or (lang == "en" and 20 <= prev <= 90 and value < 10)
            )
        if ok:
            end = m.end()
        else:
            if start >= 0:
                groups.append((start, end))
            start, end = m.start(), m.end()
        prev, prev_tok, pending = (value if not multiplier else max(value, 100)), tok, None
    if start >= 0:
        groups.append((start, end))
    return groups


def scale_value(scale: str) -> float:
    s = " ".join(scale.split())
    if s == "mil millones":
        return 1e9
    return float(_SCALES.get(s, _SCALES.get(s.rstrip("s"), 1)))
