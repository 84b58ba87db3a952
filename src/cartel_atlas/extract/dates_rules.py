"""The grammar of dates in Spanish and English news: word tables and compiled rules.

Each rule is one compiled regex and a ``kind`` that tells ``dates`` how to resolve it;
the named groups are the contract between the two modules. Rules are plain regexes so
the scan runs in C; the tables are small data meant to move to the shared lexicon.

English month names are matched case-sensitively ("May", not the verb "may"; "March",
not the verb) and Spanish months need a day, a year or a preposition ("en mayo"), so a
nickname like "El Mayo" is never a date. Clock times ("a las 14:00 horas") match nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS: dict[str, dict[str, int]] = {
    "es": {"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6,
           "julio": 7, "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10,
           "noviembre": 11, "diciembre": 12},
    "en": {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
           "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
           "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
           "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12},
}
WEEKDAYS: dict[str, dict[str, int]] = {
    "es": {"lunes": 0, "martes": 1, "miercoles": 2, "jueves": 3, "viernes": 4,
           "sabado": 5, "domingo": 6},
    "en": {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
           "saturday": 5, "sunday": 6},
}
COUNT_WORDS: dict[str, dict[str, int]] = {
    "es": {"un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
           "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12,
           "quince": 15, "veinte": 20, "treinta": 30},
    "en": {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
           "fifteen": 15, "twenty": 20, "thirty": 30},
}
UNITS: dict[str, str] = {
    "dia": "day", "dias": "day", "semana": "week", "semanas": "week", "mes": "month",
    "meses": "month", "ano": "year", "anos": "year", "hora": "hour", "horas": "hour",
    "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
    "months": "month", "year": "year", "years": "year", "hour": "hour", "hours": "hour",
}
# Relative phrases: folded text -> (what, parameter). 'day' = days before publication;
# 'period' = a calendar week/weekend/month/year around publication.
RELATIVE: dict[str, dict[str, tuple[str, int | str]]] = {
    "es": {
        "hoy": ("day", 0), "el dia de hoy": ("day", 0), "este dia": ("day", 0),
        "esta madrugada": ("day", 0), "esta manana": ("day", 0), "esta tarde": ("day", 0),
        "esta noche": ("day", 0), "la madrugada de hoy": ("day", 0),
        "la manana de hoy": ("day", 0), "la tarde de hoy": ("day", 0),
        "ayer": ("day", 1), "el dia de ayer": ("day", 1), "anoche": ("day", 1),
        "la noche de ayer": ("day", 1), "la madrugada de ayer": ("day", 1),
        "la tarde de ayer": ("day", 1), "la manana de ayer": ("day", 1),
        "anteayer": ("day", 2), "antier": ("day", 2), "antes de ayer": ("day", 2),
        "antenoche": ("day", 2),
        "la semana pasada": ("period", "week_last"), "la pasada semana": ("period", "week_last"),
        "la semana anterior": ("period", "week_last"), "esta semana": ("period", "week_this"),
        "el fin de semana": ("period", "weekend_last"),
        "el pasado fin de semana": ("period", "weekend_last"),
        "el fin de semana pasado": ("period", "weekend_last"),
        "este fin de semana": ("period", "weekend_last"),
        "el mes pasado": ("period", "month_last"), "el pasado mes": ("period", "month_last"),
        "el mes anterior": ("period", "month_last"), "este mes": ("period", "month_this"),
        "el presente mes": ("period", "month_this"),
        "el ano pasado": ("period", "year_last"), "el pasado ano": ("period", "year_last"),
        "el ano anterior": ("period", "year_last"), "este ano": ("period", "year_this"),
        "el presente ano": ("period", "year_this"), "el ano en curso": ("period", "year_this"),
        "lo que va del ano": ("period", "year_this"),
    },
    "en": {
        "today": ("day", 0), "earlier today": ("day", 0), "this morning": ("day", 0),
        "this afternoon": ("day", 0), "this evening": ("day", 0), "tonight": ("day", 0),
        "yesterday": ("day", 1), "last night": ("day", 1),
        "the day before yesterday": ("day", 2),
        "last week": ("period", "week_last"), "the previous week": ("period", "week_last"),
        "this week": ("period", "week_this"), "earlier this week": ("period", "week_this"),
        "last weekend": ("period", "weekend_last"), "this weekend": ("period", "weekend_last"),
        "over the weekend": ("period", "weekend_last"),
        "last month": ("period", "month_last"), "this month": ("period", "month_this"),
        "earlier this month": ("period", "month_this"),
        "last year": ("period", "year_last"), "this year": ("period", "year_this"),
        "earlier this year": ("period", "year_this"),
        "so far this year": ("period", "year_this"),
    },
}


@dataclass(frozen=True, slots=True)
class Rule:
    """One date form: its compiled regex and how to resolve a match of it."""

    kind: str
    pattern: re.Pattern[str]


_ACCENTS = {"a": "[aá]", "e": "[eé]", "i": "[ií]", "o": "[oó]", "u": "[uúü]", "n": "[nñ]"}


def loose(phrase: str) -> str:
    """Regex for a folded phrase that accepts accents, any spacing and any case."""
    out = []
    for ch in phrase:
        if ch == " ":
            out.append(r"\s+")
        else:
            out.append(_ACCENTS.get(ch, re.escape(ch)))
    return "".join(out)


def _alt(words: list[str] | dict[str, object], *, accents: bool = False) -> str:
    items = sorted(words, key=len, reverse=True)
    return "|".join(loose(w) if accents else re.escape(w) for w in items)


def _month_en(abbrev: bool) -> str:
    """Capitalised English month names (case-sensitive), abbreviations only if asked."""
    full = [w.capitalize() for w, n in MONTHS["en"].items() if len(w) > 4 or w == "may"]
    full += ["June", "July", "April", "March"]
    names = sorted(set(full), key=len, reverse=True)
    alt = "|".join(names)
    if abbrev:
        short = [w.capitalize() for w in MONTHS["en"] if len(w) <= 4 and w not in
                 {"may", "june", "july"}]
        alt += "|" + "|".join(rf"{s}\." for s in sorted(short, key=len, reverse=True))
    return rf"(?-i:{alt})"


_TRIGGER_WORDS: dict[str, list[str]] = {
    "es": ["hoy", "ayer", "anoche", "anteayer", "antier", "antenoche", "madrugada", "semana",
           "mes", "año", "ano", "hace", "después", "despues", "siguiente", "posteriores",
           "tarde", "mañana", "manana", "noche"],
    "en": ["today", "tonight", "yesterday", "week", "weekend", "month", "year", "ago",
           "later", "afterward", "afterwards", "morning", "afternoon", "evening", "night",
           "day", "mid"],
}


def build_trigger(lang: str) -> re.Pattern[str]:
    """Words (lower-cased) without which no rule can match: months, weekdays and the
    heads of relative phrases. Rules run only in windows around these and around years,
    which is what keeps the date scan cheap on ordinary text."""
    from cartel_atlas.extract.wordregex import trie_regex
    from cartel_atlas.vocab.text import strip_accents

    words = set(_TRIGGER_WORDS[lang]) | set(MONTHS[lang]) | set(WEEKDAYS[lang])
    words |= {w for w in ("miércoles", "sábado") if lang == "es"}
    words |= {strip_accents(w) for w in words}
    return re.compile(r"\b" + trie_regex(sorted(words)) + r"\b")


YEAR_TRIGGER = re.compile(r"(?:19|20)\d\d")


def build_rules(lang: str) -> list[Rule]:
    """All rules for ``lang`` ('es' or 'en'), compiled once at import."""
    return _rules_es() if lang == "es" else _rules_en()


B = r"(?<![\w/.-])"  # start of a word not glued to digits or slashes
E = r"(?![\w/]|[.,]\d)"  # end of a word/number, not the start of a longer number
YEAR = r"(?:19|20)\d\d"
DAY = r"(?:[12]\d|3[01]|0?[1-9])"


def _rules_es() -> list[Rule]:
    mon = "(?:" + _alt(MONTHS["es"]) + ")"
    wd = "(?:" + _alt(WEEKDAYS["es"], accents=True) + ")"
    day = rf"(?:{DAY}|primero|1[oº°]\.?)"
    ysuf = (
        rf"(?:,?\s+de(?:l)?\s+(?:(?P<y>{YEAR})|(?P<ycur>(?:el\s+)?presente\s+a[ñn]o|"
        r"este\s+(?:mismo\s+)?a[ñn]o|a[ñn]o\s+en\s+curso|mismo\s+a[ñn]o)|"
        r"(?P<yprev>a[ñn]o\s+pasado|a[ñn]o\s+anterior|pasado\s+a[ñn]o)))?"
    )
    count = rf"(?:\d+|{_alt(COUNT_WORDS['es'])})"
    units = _alt([u for u in UNITS if not u.isascii() or u in {
        "dia", "dias", "semana", "semanas", "mes", "meses", "ano", "anos", "hora", "horas"}],
        accents=True)
    rel = _alt(RELATIVE["es"], accents=True)
    flags = re.IGNORECASE
    raw = [
        ("range_days", rf"{B}(?:(?:del|desde\s+el|entre\s+el|los\s+d[ií]as)\s+)?(?P<d1>{day})"
         rf"(?:\s+de\s+(?P<m1>{mon}))?\s*(?:al|a|hasta\s+el|y\s+el|[-–])\s*(?P<d2>{day})"
         rf"\s+de\s+(?P<m>{mon}){ysuf}"),
        ("range_days", rf"{B}(?:(?:del|los\s+d[ií]as)\s+)?(?P<d1>{day})(?:\s*,\s*{day})*\s*,?"
         rf"\s+y\s+(?:el\s+)?(?P<d2>{day})\s+de\s+(?P<m>{mon}){ysuf}"),
        ("date", rf"{B}(?:(?:el|del|al|este)\s+)?(?:(?P<rel>pasado|pr[oó]ximo)\s+)?"
         rf"(?:(?P<wd>{wd}),?\s+)?(?P<d>{day})\s+de\s+(?P<m>{mon}){ysuf}"
         r"(?:\s+(?P<rel2>pasado|anterior))?"),
        ("month_range", rf"{B}(?:entre|de|desde)\s+(?P<m1>{mon})\s+(?:y|a|al|hasta)\s+"
         rf"(?P<m2>{mon})\s+de(?:l)?\s+(?P<y>{YEAR}){E}"),
        ("month_year", rf"{B}(?:(?:a\s+)?(?:mediados|finales|principios|inicios|fines)\s+de\s+)?"
         rf"(?:(?:el\s+)?mes\s+de\s+)?(?P<m>{mon}){ysuf.replace(')))?', ')))')}"),
        ("month", rf"{B}(?:(?:en|durante|desde|hasta|para|a\s+(?:mediados|finales|principios|"
         r"inicios|fines)\s+de)\s+(?:el\s+(?:pasado\s+)?mes\s+de\s+)?|(?:el\s+)?(?P<rel>pasado)"
         rf"\s+mes\s+de\s+)(?P<m>{mon})(?:\s+(?P<rel2>pasado|anterior|[uú]ltimo))?\b"),
        ("month", rf"{B}(?P<m>{mon})\s+(?P<rel2>pasado)\b"),
        ("weekday", rf"{B}(?:(?:la\s+)?(?:noche|madrugada|ma[ñn]ana|tarde)\s+(?:del|de\s+este)"
         r"\s+|(?:el|este|del|al|desde\s+el)\s+)(?:(?P<rel>pasado|pr[oó]ximo)\s+)?"
         rf"(?P<wd>{wd})(?:\s+(?P<rel2>pasado|anterior|reciente|pr[oó]ximo))?\b(?!\s+\d)"),
        ("relative", rf"{B}(?:{rel})\b(?!\s+en\s+d[ií]a)"),
        ("ago", rf"{B}hace\s+(?:(?P<n>{count})|(?P<vague>unos|unas|varios|varias|algunos|"
         rf"algunas|un\s+par\s+de))\s+(?P<u>{units})\b"),
        ("after", rf"{B}(?:(?P<q>menos\s+de|m[aá]s\s+de|apenas)\s+)?(?:(?P<n>{count})\s+)?"
         rf"(?P<u>{units})\s+(?:despu[eé]s|m[aá]s\s+tarde|posteriores)\b"),
        ("after", rf"{B}(?P<u>al\s+d[ií]a\s+siguiente|el\s+d[ií]a\s+siguiente)\b"),
        ("year_range", rf"{B}(?:(?:entre|de|desde)\s+(?:el\s+)?(?:a[ñn]o\s+)?(?P<y1>{YEAR})\s+"
         rf"(?:y|a|al|hasta)\s+(?:el\s+)?(?P<y2>{YEAR})|(?P<y3>{YEAR})\s*[-–]\s*(?P<y4>{YEAR})){E}"),
        ("year", rf"{B}(?:(?:a\s+)?(?:mediados|finales|principios|inicios|fines)\s+de(?:l)?\s+)?"
         rf"(?P<y>{YEAR}){E}(?!\s*(?:%|mil\b|millones))"),
        ("numeric", rf"{B}(?:(?P<iy>{YEAR})-(?P<im>[01]\d)-(?P<id>[0-3]\d)|(?P<a>{DAY})/"
         rf"(?P<b>{DAY})/(?P<c>{YEAR})){E}"),
    ]
    return [Rule(kind, re.compile(p, flags)) for kind, p in raw]


def _rules_en() -> list[Rule]:
    mon = _month_en(abbrev=False)
    mona = _month_en(abbrev=True)
    wd = "(?:" + _alt(WEEKDAYS["en"]) + ")"
    day = rf"(?:{DAY})(?:st|nd|rd|th)?"
    ysuf = rf"(?:,?\s+(?:(?P<y>{YEAR})|(?P<ycur>of\s+this\s+year)|(?P<yprev>of\s+last\s+year)))?"
    count = rf"(?:\d+|{_alt(COUNT_WORDS['en'])})"
    units = _alt([u for u in UNITS if u in {"day", "days", "week", "weeks", "month", "months",
                                             "year", "years", "hour", "hours"}])
    rel = _alt(RELATIVE["en"])
    flags = re.IGNORECASE
    raw = [
        ("range_days", rf"{B}(?:(?:between|from)\s+)?(?P<m1>{mona})\s+(?P<d1>{day})\s*(?:-|–|—|to|"
         rf"through|and)\s*(?:(?P<m>{mona})\s+)?(?P<d2>{day}){E}{ysuf}"),
        ("range_days", rf"{B}(?:(?:between|from)\s+)?(?P<d1>{day})\s*(?:-|–|—|to|and)\s*"
         rf"(?P<d2>{day})\s+(?:of\s+)?(?P<m>{mona}){ysuf}"),
        ("date", rf"{B}(?:(?:on|last|this\s+past|(?P<rel>next))\s+)?(?:(?P<wd>{wd})(?:,\s*|\s*\(\s*|"
         rf"\s+))?(?P<m>{mona})\s+(?P<d>{day}){E}{ysuf}\)?"),
        ("date", rf"{B}(?:(?:on|the)\s+)?(?:(?P<wd>{wd}),?\s+)?(?P<d>{day})\s+(?:of\s+)?"
         rf"(?P<m>{mona}){ysuf}"),
        ("month_range", rf"{B}(?:(?:between|from)\s+)?(?P<m1>{mon})\s*(?:and|to|through|-|–)\s*"
         rf"(?P<m2>{mon}),?\s+(?P<y>{YEAR}){E}"),
        ("month_year", rf"{B}(?:(?:early|mid|late|the\s+end\s+of|the\s+beginning\s+of)[\s-]+)?"
         rf"(?P<m>{mon})(?:,|\s+of)?{ysuf.replace(')))?', ')))')}"),
        ("month", rf"{B}(?:(?:in|since|during|by|until|through|(?P<rel>last)|this|(?:in\s+)?"
         rf"(?:early|mid|late))[\s-]+)(?P<m>{mon})\b"),
        ("weekday", rf"{B}(?:(?P<rel>last|this\s+past|past|this|next|on|since|early|late)\s+)?"
         rf"(?P<wd>{wd})(?:\s+(?:night|morning|afternoon|evening))?\b"),
        ("relative", rf"{B}(?:{rel})\b"),
        ("ago", rf"{B}(?:(?P<n>{count})|(?P<vague>a\s+few|several|some))\s+(?P<u>{units})\s+"
         r"ago\b"),
        ("after", rf"{B}(?:(?P<q>less\s+than|more\s+than|just|only|barely)\s+)?(?:(?P<n>{count})"
         rf"\s+)?(?P<u>{units})\s+(?:later|afterwards?)\b"),
        ("after", rf"{B}(?P<u>the\s+(?:next|following)\s+day)\b"),
        ("year_range", rf"{B}(?:(?:between|from)\s+(?P<y1>{YEAR})\s+(?:and|to|through|until)\s+"
         rf"(?P<y2>{YEAR})|(?P<y3>{YEAR})\s*[-–]\s*(?P<y4>{YEAR})){E}"),
        ("year", rf"{B}(?:(?:early|mid|late|the\s+end\s+of|the\s+beginning\s+of)[\s-]+)?"
         rf"(?P<y>{YEAR}){E}(?!\s*(?:%|percent))"),
        ("numeric", rf"{B}(?:(?P<iy>{YEAR})-(?P<im>[01]\d)-(?P<id>[0-3]\d)|(?P<a>{DAY})/"
         rf"(?P<b>{DAY})/(?P<c>{YEAR})){E}"),
    ]
    return [Rule(kind, re.compile(p, flags)) for kind, p in raw]
