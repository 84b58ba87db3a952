"""The grammar of dates in Spanish and English news: word tables and compiled rules.

Each rule is one compiled regex and a ``kind`` that tells ``dates`` how to resolve it;
the named groups are the contract between the two modules. Rules are plain regexes run
on lower-cased text (case-insensitive matching is twice as slow in ``re``), only in
windows around trigger words, so the scan runs in C and touches little of the text.

English month names are matched case-sensitively ("May", not the verb "may"; "March",
not the verb) and Spanish months need a day, a year or a preposition ("en mayo"), so a
nickname like "El Mayo" is never a date. Clock times ("a las 14:00 horas") match nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from cartel_atlas.extract.wordregex import (
    int_table,
    lexicon_entries,
    relative_table,
    str_table,
    trie_regex,
)
from cartel_atlas.vocab.text import strip_accents

MONTHS: dict[str, dict[str, int]] = {
    "es": int_table(
        "enero=1 febrero=2 marzo=3 abril=4 mayo=5 junio=6 julio=7 agosto=8 septiembre=9 "
        "setiembre=9 octubre=10 noviembre=11 diciembre=12"
    ),
    "en": int_table(
        "january=1 february=2 march=3 april=4 may=5 june=6 july=7 august=8 september=9 october=10 "
        "november=11 december=12 jan=1 feb=2 mar=3 apr=4 jun=6 jul=7 aug=8 sep=9 sept=9 oct=10 "
        "nov=11 dec=12"
    ),
}
WEEKDAYS: dict[str, dict[str, int]] = {
    "es": int_table("lunes=0 martes=1 miercoles=2 jueves=3 viernes=4 sabado=5 domingo=6"),
    "en": int_table("monday=0 tuesday=1 wednesday=2 thursday=3 friday=4 saturday=5 sunday=6"),
}


def _merge_lexicon(table: dict[str, dict[str, int]], cls: str) -> None:
    """Add the shared lexicon's entries (class ``cls``) to a built-in word table; keys are
    lower-case and accent-less, as the rules match them."""
    for lang, words in table.items():
        for text, attrs in lexicon_entries(cls, lang):
            value = attrs.get("value")
            key = strip_accents(text.lower()).rstrip(".")
            if isinstance(value, int) and key and key not in words:
                words[key] = value


_merge_lexicon(MONTHS, "months")
_merge_lexicon(WEEKDAYS, "weekdays")

COUNT_WORDS: dict[str, dict[str, int]] = {
    "es": int_table(
        "un=1 una=1 uno=1 dos=2 tres=3 cuatro=4 cinco=5 seis=6 siete=7 ocho=8 nueve=9 diez=10 "
        "once=11 doce=12 quince=15 veinte=20 treinta=30"
    ),
    "en": int_table(
        "a=1 an=1 one=1 two=2 three=3 four=4 five=5 six=6 seven=7 eight=8 nine=9 ten=10 eleven=11 "
        "twelve=12 fifteen=15 twenty=20 thirty=30"
    ),
}
UNITS: dict[str, str] = str_table(
    "dia=day dias=day semana=week semanas=week mes=month meses=month ano=year anos=year hora=hour "
    "horas=hour day=day days=day week=week weeks=week month=month months=month year=year "
    "years=year hour=hour hours=hour"
)
# Relative phrases: folded text -> (what, parameter). 'day' = days before publication;
# 'period' = a calendar week/weekend/month/year around publication.
RELATIVE: dict[str, dict[str, tuple[str, int | str]]] = {
    "es": relative_table(
        "hoy=day:0 el_dia_de_hoy=day:0 este_dia=day:0 esta_madrugada=day:0 esta_manana=day:0 "
        "esta_tarde=day:0 esta_noche=day:0 la_madrugada_de_hoy=day:0 la_manana_de_hoy=day:0 "
        "la_tarde_de_hoy=day:0 ayer=day:1 el_dia_de_ayer=day:1 anoche=day:1 "
        "la_noche_de_ayer=day:1 la_madrugada_de_ayer=day:1 la_tarde_de_ayer=day:1 "
        "la_manana_de_ayer=day:1 anteayer=day:2 antier=day:2 antes_de_ayer=day:2 antenoche=day:2 "
        "la_semana_pasada=period:week_last la_pasada_semana=period:week_last "
        "la_semana_anterior=period:week_last esta_semana=period:week_this "
        "el_fin_de_semana=period:weekend_last el_pasado_fin_de_semana=period:weekend_last "
        "el_fin_de_semana_pasado=period:weekend_last este_fin_de_semana=period:weekend_last "
        "el_mes_pasado=period:month_last el_pasado_mes=period:month_last "
        "el_mes_anterior=period:month_last este_mes=period:month_this "
        "el_presente_mes=period:month_this el_ano_pasado=period:year_last "
        "el_pasado_ano=period:year_last el_ano_anterior=period:year_last "
        "este_ano=period:year_this el_presente_ano=period:year_this "
        "el_ano_en_curso=period:year_this lo_que_va_del_ano=period:year_this"
    ),
    "en": relative_table(
        "today=day:0 earlier_today=day:0 this_morning=day:0 this_afternoon=day:0 "
        "this_evening=day:0 tonight=day:0 yesterday=day:1 last_night=day:1 "
        "the_day_before_yesterday=day:2 last_week=period:week_last "
        "the_previous_week=period:week_last this_week=period:week_this "
        "earlier_this_week=period:week_this last_weekend=period:weekend_last "
        "this_weekend=period:weekend_last over_the_weekend=period:weekend_last "
        "last_month=period:month_last this_month=period:month_this "
        "earlier_this_month=period:month_this last_year=period:year_last "
        "this_year=period:year_this earlier_this_year=period:year_this "
        "so_far_this_year=period:year_this"
    ),
}


GateTest = Callable[[str, str, list[int], int, int], bool]
"""(text, lower-cased text, where each year starts, window start, window end) -> bool."""


class Gate:
    """A cheap test that a window may hold a match of a rule: a part every match of the
    rule must contain (a literal, a short regex with a literal or rare first character, or
    a year). Rules sharing a gate share its ``name``, so it runs once per window."""

    __slots__ = ("name", "test")

    def __init__(self, name: str, test: GateTest) -> None:
        self.name = name
        self.test = test


def regex_gate(name: str, pattern: str, *, cased: bool = False) -> Gate:
    """Passes when ``pattern`` matches inside the window, of the original text if
    ``cased``, else of the lower-cased text."""
    search = re.compile(pattern).search
    if cased:
        return Gate(name, lambda text, low, years, lo, hi: search(text, lo, hi) is not None)
    return Gate(name, lambda text, low, years, lo, hi: search(low, lo, hi) is not None)


def words_gate(name: str, words: tuple[str, ...], *, years: int = 0) -> Gate:
    """Passes when one of ``words`` occurs inside the window (lower-cased), or at least
    ``years`` years (when given) lie inside it."""

    def test(text: str, low: str, starts: list[int], lo: int, hi: int) -> bool:
        for w in words:
            if low.find(w, lo, hi) >= 0:
                return True
        return bool(years) and _years_inside(starts, lo, hi) >= years

    return Gate(name, test)


def years_gate(name: str, n: int) -> Gate:
    """Passes when at least ``n`` years (``YEAR_TRIGGER`` matches) lie inside the window."""
    return Gate(name, lambda text, low, years, lo, hi: _years_inside(years, lo, hi) >= n)


def _years_inside(starts: list[int], lo: int, hi: int) -> int:
    # YEAR_TRIGGER matches are four characters long: those starting in [lo, hi - 4]
    return bisect_left(starts, hi - 3) - bisect_left(starts, lo)


@dataclass(frozen=True, slots=True)
class Rule:
    """One date form: its compiled regex, how to resolve a match of it, and the gates a
    window must pass before the regex runs there (each a necessary condition)."""

    kind: str
    pattern: re.Pattern[str]
    gates: tuple[Gate, ...] = ()


_YEAR1 = years_gate("year1", 1)
_YEAR2 = years_gate("year2", 2)
_NUMERIC = regex_gate("numeric", r"\d[-/]\d")


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


def _alt(words: Iterable[str], *, accents: bool = False) -> str:
    items = sorted(words, key=len, reverse=True)
    return "|".join(loose(w) if accents else re.escape(w) for w in items)


def _month_en(abbrev: bool) -> str:
    """English month names, abbreviations (with their period) only if asked. Rules run on
    lower-cased text; ``dates`` then keeps only matches whose month is capitalised."""
    full = [w for w in MONTHS["en"] if len(w) > 4 or w in {"may", "june", "july"}]
    alt = "|".join(sorted(set(full), key=len, reverse=True))
    if abbrev:
        short = [w for w in MONTHS["en"] if len(w) <= 4 and w not in {"may", "june", "july"}]
        alt += "|" + "|".join(rf"{s}\." for s in sorted(short, key=len, reverse=True))
    return rf"(?:{alt})"


# Heads of relative phrases, by the rule kinds they can start ("hace" only "hace 3 días").
_TRIGGER_WORDS: dict[str, dict[str, str]] = {
    "es": {
        "relative": "hoy ayer anoche anteayer antier antenoche",
        "relative weekday": "madrugada tarde mañana manana noche",
        "relative ago after": "semana mes año ano",
        "ago": "hace",
        "after": "después despues siguiente posteriores",
    },
    "en": {
        "relative": "today tonight yesterday",
        "relative weekday": "morning afternoon evening night",
        "relative ago after": "week weekend month year day",
        "ago": "ago",
        "after": "later afterward afterwards",
        "year year_range month_year month": "mid",
    },
}


TRIGGER_REACH = {"year": (22, 12), "word": (28, 32)}
"""Characters before/after a trigger that a rule started by it may cover."""
_MONTH_KINDS = frozenset({"range_days", "date", "month_range", "month_year", "month"})
_WEEKDAY_KINDS = frozenset({"weekday", "date"})
YEAR_KINDS = frozenset({"year", "year_range", "numeric"})


def build_trigger(lang: str) -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """Words (lower-cased) without which no rule can match, and the rule kinds each one
    can start: months, weekdays and the heads of relative phrases. Rules run only in
    windows around these and around years, which keeps the date scan cheap."""

    kinds: dict[str, frozenset[str]] = {}
    for rule_kinds, heads in _TRIGGER_WORDS[lang].items():
        for word in heads.split():
            kinds[word] = frozenset(rule_kinds.split())
    for word in MONTHS[lang]:
        kinds[word] = _MONTH_KINDS
    for word in [*WEEKDAYS[lang], *(("miércoles", "sábado") if lang == "es" else ())]:
        kinds[word] = _WEEKDAY_KINDS
    kinds.update({strip_accents(w): k for w, k in list(kinds.items())})
    return re.compile(r"\b" + trie_regex(sorted(kinds)) + r"\b"), kinds


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
    units = _alt(
        [
            u
            for u in UNITS
            if not u.isascii()
            or u
            in {"dia", "dias", "semana", "semanas", "mes", "meses", "ano", "anos", "hora", "horas"}
        ],
        accents=True,
    )
    rel = _alt(RELATIVE["es"], accents=True)
    de_month = regex_gate("de_month", rf"de\s+{mon}")
    gates: dict[str, tuple[Gate, ...]] = {
        "range_days": (de_month,),
        "range_days_y": (de_month, regex_gate("y", r"y(?<=\sy)\s")),
        "date": (de_month,),
        "month_range": (regex_gate("de_year", rf"de(?:l)?\s+{YEAR}"),),
        "month_year": (
            regex_gate("de_yearish", r"de(?:l)?\s+(?:19|20|el|presente|este|a[ñn]o|mismo|pasado)"),
        ),
        "month": (regex_gate("prep_month", rf"(?:en|durante|desde|hasta|para|de)\s+{mon}"),),
        "month_pasado": (words_gate("pasado", ("pasado",)),),
        "weekday": (regex_gate("weekday", wd),),
        "ago": (words_gate("hace", ("hace",)),),
        "after": (words_gate("after", ("despu", "tarde", "posteriores")),),
        "after_next": (words_gate("siguiente", ("siguiente",)),),
        "year_range": (_YEAR2,),
        "year": (_YEAR1,),
        "numeric": (_NUMERIC,),
    }
    raw = [
        (
            "range_days",
            rf"{B}(?:(?:del|desde\s+el|entre\s+el|los\s+d[ií]as)\s+)?(?P<d1>{day})"
            rf"(?:\s+de\s+(?P<m1>{mon}))?\s*(?:al|a|hasta\s+el|y\s+el|[-–])\s*(?P<d2>{day})"
            rf"\s+de\s+(?P<m>{mon}){ysuf}",
        ),
        (
            "range_days",
            rf"{B}(?:(?:del|los\s+d[ií]as)\s+)?(?P<d1>{day})(?:\s*,\s*{day})*\s*,?"
            rf"\s+y\s+(?:el\s+)?(?P<d2>{day})\s+de\s+(?P<m>{mon}){ysuf}",
        ),
        (
            "date",
            rf"{B}(?:(?:el|del|al|este)\s+)?(?:(?P<rel>pasado|pr[oó]ximo)\s+)?"
            rf"(?:(?P<wd>{wd}),?\s+)?(?P<d>{day})\s+de\s+(?P<m>{mon}){ysuf}"
            r"(?:\s+(?P<rel2>pasado|anterior|pr[oó]ximo))?",
        ),
        (
            "month_range",
            rf"{B}(?:entre|de|desde)\s+(?P<m1>{mon})\s+(?:y|a|al|hasta)\s+"
            rf"(?P<m2>{mon})\s+de(?:l)?\s+(?P<y>{YEAR}){E}",
        ),
        (
            "month_year",
            rf"{B}(?:(?:a\s+)?(?:mediados|finales|principios|inicios|fines)\s+de\s+)?"
            rf"(?:(?:el\s+)?mes\s+de\s+)?(?P<m>{mon}){ysuf.replace(')))?', ')))')}",
        ),
        (
            "month",
            rf"{B}(?:(?:en|durante|desde|hasta|para|a\s+(?:mediados|finales|principios|"
            r"inicios|fines)\s+de)\s+(?:el\s+(?:pasado\s+)?mes\s+de\s+)?|(?:el\s+)?(?P<rel>pasado)"
            rf"\s+mes\s+de\s+)(?P<m>{mon})(?:\s+(?P<rel2>pasado|anterior|[uú]ltimo))?\b",
        ),
        ("month", rf"{B}(?P<m>{mon})\s+(?P<rel2>pasado)\b"),
        (
            "weekday",
            rf"{B}(?:(?:la\s+)?(?:noche|madrugada|ma[ñn]ana|tarde)\s+(?:del|de\s+este)"
            r"\s+|(?:el|este|del|al|desde\s+el)\s+)(?:(?P<rel>pasado|pr[oó]ximo)\s+)?"
            rf"(?P<wd>{wd})(?:\s+(?P<rel2>pasado|anterior|reciente|pr[oó]ximo))?\b(?!\s+\d)",
        ),
        ("relative", rf"{B}(?:{rel})\b(?!\s+en\s+d[ií]a)"),
        (
            "ago",
            rf"{B}hace\s+(?:(?P<n>{count})|(?P<vague>unos|unas|varios|varias|algunos|"
            rf"algunas|un\s+par\s+de))\s+(?P<u>{units})\b",
        ),
        (
            "after",
            rf"{B}(?:(?P<q>menos\s+de|m[aá]s\s+de|apenas)\s+)?(?:(?P<n>{count})\s+)?"
            rf"(?P<u>{units})\s+(?:despu[eé]s|m[aá]s\s+tarde|posteriores)\b",
        ),
        ("after", rf"{B}(?P<u>al\s+d[ií]a\s+siguiente|el\s+d[ií]a\s+siguiente)\b"),
        (
            "year_range",
            rf"{B}(?:(?:entre|de|desde)\s+(?:el\s+)?(?:a[ñn]o\s+)?(?P<y1>{YEAR})\s+"
            rf"(?:y|a|al|hasta)\s+(?:el\s+)?(?P<y2>{YEAR})|(?P<y3>{YEAR})\s*[-–]\s*(?P<y4>{YEAR})){E}",
        ),
        (
            "year",
            rf"{B}(?:(?:a\s+)?(?:mediados|finales|principios|inicios|fines)\s+de(?:l)?\s+)?"
            rf"(?P<y>{YEAR}){E}(?!\s*(?:%|mil\b|millones))",
        ),
        (
            "numeric",
            rf"{B}(?:(?P<iy>{YEAR})-(?P<im>[01]\d)-(?P<id>[0-3]\d)|(?P<a>{DAY})/"
            rf"(?P<b>{DAY})/(?P<c>{YEAR})){E}",
        ),
    ]
    keys = ["range_days", "range_days_y", "date", "month_range", "month_year", "month"]
    keys += ["month_pasado", "weekday", "relative", "ago", "after", "after_next"]
    keys += ["year_range", "year", "numeric"]
    return _compiled(raw, keys, gates)


def _compiled(
    raw: list[tuple[str, str]], keys: list[str], gates: dict[str, tuple[Gate, ...]]
) -> list[Rule]:
    """Rules from (kind, regex) pairs and the key of each one's gates (none if unknown)."""
    return [
        Rule(kind, re.compile(p), gates.get(key, ()))
        for (kind, p), key in zip(raw, keys, strict=True)
    ]


def _capitalised_month() -> Gate:
    """English month rules keep only matches whose month is capitalised ("May", "MAY"):
    a capital J, F, M, A, S, O, N or D and the next two letters of a month, in any case."""
    heads = sorted({(w[0].upper(), w[1:3]) for w in MONTHS["en"]})
    alts = "|".join(re.escape(a) + "(?i:" + re.escape(b) + ")" for a, b in heads)
    return regex_gate("cap_month", "(?:" + alts + ")", cased=True)


def _weekday_en() -> Gate:
    """Every English weekday ends in "day"; otherwise any of their names."""
    names = tuple(WEEKDAYS["en"])
    return words_gate("weekday", ("day",) if all("day" in w for w in names) else names)


def _rules_en() -> list[Rule]:
    mon = _month_en(abbrev=False)
    mona = _month_en(abbrev=True)
    wd = "(?:" + _alt(WEEKDAYS["en"]) + ")"
    day = rf"(?:{DAY})(?:st|nd|rd|th)?"
    ysuf = rf"(?:,?\s+(?:(?P<y>{YEAR})|(?P<ycur>of\s+this\s+year)|(?P<yprev>of\s+last\s+year)))?"
    count = rf"(?:\d+|{_alt(COUNT_WORDS['en'])})"
    units = _alt(
        [
            u
            for u in UNITS
            if u
            in {"day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours"}
        ]
    )
    rel = _alt(RELATIVE["en"])
    cap = _capitalised_month()
    gates: dict[str, tuple[Gate, ...]] = {
        "range_days": (cap, regex_gate("range0", r"\d(?:st|nd|rd|th)?\s*(?:-|–|—|to|through|and)")),
        "range_days_of": (cap, regex_gate("range1", r"\d(?:st|nd|rd|th)?\s*(?:-|–|—|to|and)\s*\d")),
        "date": (cap, regex_gate("space_digit", r"\d(?<=\s\d)")),
        "date_of": (cap, regex_gate("digit_space", r"\d(?:st|nd|rd|th)?\s")),
        "month_range": (cap, _YEAR1),
        "month_year": (cap, words_gate("year_or_word", ("year",), years=1)),
        "month": (cap,),
        "weekday": (_weekday_en(),),
        "ago": (words_gate("ago", ("ago",)),),
        "after": (words_gate("later", ("later", "afterward")),),
        "after_next": (regex_gate("next_day", r"(?:next|following)\s+day"),),
        "year_range": (_YEAR2,),
        "year": (_YEAR1,),
        "numeric": (_NUMERIC,),
    }
    raw = [
        (
            "range_days",
            rf"{B}(?:(?:between|from)\s+)?(?P<m1>{mona})\s+(?P<d1>{day})\s*(?:-|–|—|to|"
            rf"through|and)\s*(?:(?P<m>{mona})\s+)?(?P<d2>{day}){E}{ysuf}",
        ),
        (
            "range_days",
            rf"{B}(?:(?:between|from)\s+)?(?P<d1>{day})\s*(?:-|–|—|to|and)\s*"
            rf"(?P<d2>{day})\s+(?:of\s+)?(?P<m>{mona}){ysuf}",
        ),
        (
            "date",
            rf"{B}(?:(?:on|last|this\s+past|(?P<rel>next))\s+)?(?:(?P<wd>{wd})(?:,\s*|\s*\(\s*|"
            rf"\s+))?(?P<m>{mona})\s+(?P<d>{day}){E}{ysuf}\)?",
        ),
        (
            "date",
            rf"{B}(?:(?:on|the)\s+)?(?:(?P<wd>{wd}),?\s+)?(?P<d>{day})\s+(?:of\s+)?"
            rf"(?P<m>{mona}){ysuf}",
        ),
        (
            "month_range",
            rf"{B}(?:(?:between|from)\s+)?(?P<m1>{mon})\s*(?:and|to|through|-|–)\s*"
            rf"(?P<m2>{mon}),?\s+(?P<y>{YEAR}){E}",
        ),
        (
            "month_year",
            rf"{B}(?:(?:early|mid|late|the\s+end\s+of|the\s+beginning\s+of)[\s-]+)?"
            rf"(?P<m>{mon})(?:,|\s+of)?{ysuf.replace(')))?', ')))')}",
        ),
        (
            "month",
            rf"{B}(?:(?:in|since|during|by|until|through|(?P<rel>last)|this|(?:in\s+)?"
            rf"(?:early|mid|late))[\s-]+)(?P<m>{mon})\b(?!,?\s+(?:of\s+)?{YEAR})",
        ),
        (
            "weekday",
            rf"{B}(?:(?P<rel>last|this\s+past|past|this|next|on|since|early|late)\s+)?"
            rf"(?P<wd>{wd})(?:\s+(?:night|morning|afternoon|evening))?\b",
        ),
        ("relative", rf"{B}(?:{rel})\b"),
        (
            "ago",
            rf"{B}(?:(?P<n>{count})|(?P<vague>a\s+few|several|some))\s+(?P<u>{units})\s+"
            r"ago\b",
        ),
        (
            "after",
            rf"{B}(?:(?P<q>less\s+than|more\s+than|just|only|barely)\s+)?(?:(?P<n>{count})"
            rf"\s+)?(?P<u>{units})\s+(?:later|afterwards?)\b",
        ),
        ("after", rf"{B}(?P<u>the\s+(?:next|following)\s+day)\b"),
        (
            "year_range",
            rf"{B}(?:(?:between|from)\s+(?P<y1>{YEAR})\s+(?:and|to|through|until)\s+"
            rf"(?P<y2>{YEAR})|(?P<y3>{YEAR})\s*[-–]\s*(?P<y4>{YEAR})){E}",
        ),
        (
            "year",
            rf"{B}(?:(?:early|mid|late|the\s+end\s+of|the\s+beginning\s+of)[\s-]+)?"
            rf"(?P<y>{YEAR}){E}(?!\s*(?:%|percent))",
        ),
        (
            "numeric",
            rf"{B}(?:(?P<iy>{YEAR})-(?P<im>[01]\d)-(?P<id>[0-3]\d)|(?P<a>{DAY})/"
            rf"(?P<b>{DAY})/(?P<c>{YEAR})){E}",
        ),
    ]
    keys = ["range_days", "range_days_of", "date", "date_of", "month_range", "month_year"]
    keys += ["month", "weekday", "relative", "ago", "after", "after_next"]
    keys += ["year_range", "year", "numeric"]
    return _compiled(raw, keys, gates)
