"""Dates in news text, resolved to ISO 8601 against the publication date.

Reports date incidents the way people talk: "el pasado domingo", "ayer", "on Friday
(March 3)", "del 22 al 24 de agosto", "febrero pasado". Each is found by a compiled rule
(``dates_rules``, run by ``dates_scan``) and resolved here, preferring the past: a
day-month later than the publication date belongs to the previous year, "el domingo" is
the last Sunday before it.
Phrases that count from another event ("días después", "less than two weeks later") are
resolved against the nearest earlier date in the same text, else against ``anchor``; when
nothing anchors them they come back with precision 'unknown' and an empty value.

dateparser is only a fallback for one phrase the rules do not know (``resolve``); it is
far too slow (milliseconds per call) for running over documents.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from cartel_atlas.extract.dates_rules import COUNT_WORDS, MONTHS, RELATIVE, UNITS, WEEKDAYS
from cartel_atlas.extract.dates_scan import candidates
from cartel_atlas.extract.numbers import looks_like_year


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A date expression at ``start:end`` of a text and its ISO 8601 ``value``.

    ``precision`` is 'day', 'month', 'year', 'interval' or 'unknown' (then ``value`` is
    ''); ``relative`` is true when the value depends on the publication date or anchor.
    """

    start: int
    end: int
    text: str
    value: str
    precision: str
    relative: bool


_Resolved = tuple[str, str, bool]  # value, precision, relative
_UNKNOWN: _Resolved = ("", "unknown", True)


@dataclass
class _Context:
    published: date | None
    anchor: tuple[date, date] | None  # first and last day the previous date may mean
    lang: str


_ACCENTS = str.maketrans("áéíóúüñ", "aeiouun")


def _key(text: str) -> str:
    """Lower-case, accent-less, single-spaced: the key of the word tables (fast fold)."""
    return " ".join(text.lower().translate(_ACCENTS).split())


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _day(g: str | None) -> int:
    if not g:
        return 0
    g = g.casefold()
    if g.startswith("primero"):
        return 1
    return int(re.sub(r"\D", "", g) or 0)


def _month(g: str | None, lang: str) -> int:
    if not g:
        return 0
    return MONTHS[lang].get(g.casefold().rstrip("."), 0)


def _year_of(m: re.Match[str], ctx: _Context) -> tuple[int | None, bool]:
    """Explicit year, 'del presente año' / 'del año pasado', or None (to infer)."""
    gd = m.groupdict()
    if gd.get("y"):
        return int(gd["y"]), False
    if ctx.published is not None:
        if gd.get("ycur"):
            return ctx.published.year, True
        if gd.get("yprev"):
            return ctx.published.year - 1, True
    return None, True


def _past_day(month: int, day: int, pub: date, future: bool = False) -> date | None:
    """The day-month nearest before (or, if ``future``, after) the publication date."""
    d = _safe_date(pub.year, month, day) or _safe_date(pub.year - 1, month, day)
    if d is None:
        return None
    if future:
        return d if d >= pub else _safe_date(pub.year + 1, month, day)
    return d if d <= pub else _safe_date(pub.year - 1, month, day)


def _iso_month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _week(pub: date, weeks_back: int) -> str:
    monday = pub - timedelta(days=pub.weekday() + 7 * weeks_back)
    end = monday + timedelta(days=6) if weeks_back else pub
    return f"{monday.isoformat()}/{end.isoformat()}"


def _period(what: str, pub: date) -> _Resolved:
    if what == "week_last":
        return _week(pub, 1), "interval", True
    if what == "week_this":
        return _week(pub, 0), "interval", True
    if what == "weekend_last":
        sat = pub - timedelta(days=(pub.weekday() - 5) % 7)
        sun = min(sat + timedelta(days=1), pub)
        return (
            f"{sat.isoformat()}/{sun.isoformat()}" if sun > sat else sat.isoformat(),
            "interval" if sun > sat else "day",
            True,
        )
    if what == "month_last":
        prev = pub.replace(day=1) - timedelta(days=1)
        return _iso_month(prev.year, prev.month), "month", True
    if what == "month_this":
        return _iso_month(pub.year, pub.month), "month", True
    if what == "year_last":
        return f"{pub.year - 1:04d}", "year", True
    return f"{pub.year:04d}", "year", True


def _count(m: re.Match[str], lang: str) -> int | None:
    n = m.groupdict().get("n")
    if not n:
        return None
    n = n.casefold()
    return int(n) if n.isdigit() else COUNT_WORDS[lang].get(n)


def _unit(m: re.Match[str]) -> str:
    return UNITS.get(_key(m.group("u")), "")


def _shift(base: date, n: int, unit: str, sign: int) -> tuple[date, str] | None:
    """``base`` moved by n units; the precision the unit allows (None off the calendar)."""
    try:
        return _shift_unchecked(base, n, unit, sign)
    except (ValueError, OverflowError):  # "hace 5000 años"
        return None


def _shift_unchecked(base: date, n: int, unit: str, sign: int) -> tuple[date, str] | None:
    if unit == "day":
        return base + timedelta(days=sign * n), "day"
    if unit == "hour":
        return base, "day"
    if unit == "week":
        return base + timedelta(days=sign * 7 * n), "day"
    if unit == "month":
        month0 = base.month - 1 + sign * n
        y, mo = base.year + month0 // 12, month0 % 12 + 1
        return date(y, mo, min(base.day, calendar.monthrange(y, mo)[1])), "month"
    if unit == "year":
        return base.replace(year=base.year + sign * n, day=min(base.day, 28)), "year"
    return None


def _fmt(d: date, precision: str) -> str:
    if precision == "month":
        return _iso_month(d.year, d.month)
    if precision == "year":
        return f"{d.year:04d}"
    return d.isoformat()


def _weekday(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    pub = ctx.published
    wd = WEEKDAYS[ctx.lang].get(_key(m.group("wd")))
    if wd is None:
        return None
    if pub is None:
        return _UNKNOWN
    rel = " ".join(_key(g) for g in (m.groupdict().get("rel"), m.groupdict().get("rel2")) if g)
    back = (pub.weekday() - wd) % 7
    if any(w in rel for w in ("proximo", "next")):
        return (pub + timedelta(days=(wd - pub.weekday()) % 7 or 7)).isoformat(), "day", True
    if back == 0 and any(w in rel for w in ("pasado", "anterior", "last", "past")):
        back = 7
    return (pub - timedelta(days=back)).isoformat(), "day", True


def _resolve_match(kind: str, m: re.Match[str], ctx: _Context, text: str) -> _Resolved | None:
    """Value of one rule match, or None when the match is not a date after all."""
    lang, pub = ctx.lang, ctx.published
    gd = m.groupdict()
    if kind == "date":
        mo, d = _month(gd["m"], lang), _day(gd["d"])
        y, rel = _year_of(m, ctx)
        if y is None:
            if pub is None:
                return _UNKNOWN
            future = any(
                _key(g or "") in {"proximo", "next"} for g in (gd.get("rel"), gd.get("rel2"))
            )
            when = _past_day(mo, d, pub, future)
        else:
            when = _safe_date(y, mo, d)
        return (when.isoformat(), "day", rel) if when else None
    if kind == "range_days":
        mo2 = _month(gd["m"], lang) or _month(gd["m1"], lang)
        mo1 = _month(gd.get("m1"), lang) or mo2
        d1, d2 = _day(gd["d1"]), _day(gd["d2"])
        y, rel = _year_of(m, ctx)
        if y is None:
            if pub is None:
                return _UNKNOWN
            end = _past_day(mo2, d2, pub)
            if end is None:
                return None
            y = end.year
        y1 = y - 1 if mo1 > mo2 else y
        a, b = _safe_date(y1, mo1, d1), _safe_date(y, mo2, d2)
        if a is None or b is None or b < a:
            return None
        return f"{a.isoformat()}/{b.isoformat()}", "interval", rel
    if kind == "month_year":
        y, rel = _year_of(m, ctx)
        if y is None:
            return None
        return _iso_month(y, _month(gd["m"], lang)), "month", rel
    if kind == "month_range":
        y = int(gd["y"])
        m1, m2 = _month(gd["m1"], lang), _month(gd["m2"], lang)
        if m2 < m1:
            return None
        return f"{_iso_month(y, m1)}/{_iso_month(y, m2)}", "interval", False
    if kind == "month":
        if pub is None:
            return _UNKNOWN
        mo = _month(gd["m"], lang)
        qualifier = " ".join(_key(g) for g in (gd.get("rel"), gd.get("rel2")) if g)
        strict = any(w in qualifier for w in ("pasado", "anterior", "ultimo", "last"))
        y = pub.year if (mo < pub.month or (mo == pub.month and not strict)) else pub.year - 1
        return _iso_month(y, mo), "month", True
    if kind == "weekday":
        return _weekday(m, ctx)
    if kind == "relative":
        what, param = RELATIVE[lang].get(" ".join(_key(m.group()).split()), ("", 0))
        if not what:
            return None
        if pub is None:
            return _UNKNOWN
        if what == "day":
            return (pub - timedelta(days=int(param))).isoformat(), "day", True
        return _period(str(param), pub)
    if kind == "ago":
        if pub is None:
            return _UNKNOWN
        if gd.get("vague"):
            return _some_ago(pub, _unit(m))
        n = _count(m, lang)
        shifted = _shift(pub, n, _unit(m), -1) if n is not None else None
        if shifted is None:
            return _UNKNOWN
        return _fmt(*shifted), shifted[1], True
    if kind == "after":
        return _after(m, ctx)
    if kind == "year_range":
        y1, y2 = int(gd["y1"] or gd["y3"]), int(gd["y2"] or gd["y4"])
        if y2 <= y1:
            return None
        return f"{y1:04d}/{y2:04d}", "interval", False
    if kind == "year":
        if m.group("y") == m.group() and not looks_like_year(text, m.start(), m.end()):
            return None
        return m.group("y"), "year", False
    if kind == "numeric":
        if gd["iy"]:
            when = _safe_date(int(gd["iy"]), int(gd["im"]), int(gd["id"]))
        else:
            first, second, year = int(gd["a"]), int(gd["b"]), int(gd["c"])
            day_first = lang == "es" or first > 12
            when = _safe_date(year, second, first) if day_first else _safe_date(year, first, second)
        return (when.isoformat(), "day", False) if when else None
    return None


_SOME = {"day": (2, 10), "week": (2, 5), "month": (2, 6), "year": (2, 5), "hour": (0, 0)}
"""How many units "hace unos días" / "a few weeks ago" may mean: from, to."""


def _some_ago(pub: date, unit: str) -> _Resolved:
    """'hace unos días', 'several weeks ago': an interval of a few units back."""
    lo, hi = _SOME.get(unit, (0, 0))
    early, late = _shift(pub, hi, unit, -1), _shift(pub, lo, unit, -1)
    if early is None or late is None:
        return _UNKNOWN
    first, last = _fmt(early[0], early[1]), _fmt(late[0], late[1])
    if first == last:
        return first, early[1], True
    return f"{first}/{last}", "interval", True


def _after(m: re.Match[str], ctx: _Context) -> _Resolved:
    """'3 días después', 'less than two weeks later', 'al día siguiente' from the anchor
    (the previous date in the text, which may itself be a month or an interval)."""
    if ctx.anchor is None:
        return _UNKNOWN
    first, last = ctx.anchor
    unit_text = _key(m.group("u"))
    n = (
        1
        if any(w in unit_text for w in ("siguiente", "next", "following"))
        else _count(m, ctx.lang)
    )
    unit = UNITS.get(unit_text, "day")  # "al día siguiente", "the next day": one day
    q = _key(m.groupdict().get("q") or "")
    if n is None and unit == "hour":  # "hours later": the anchor's day or the next
        end = last + timedelta(days=1)
        if ctx.published is not None and last <= ctx.published < end:
            end = ctx.published  # not after the report itself
        if end == first:
            return first.isoformat(), "day", True
        return f"{first.isoformat()}/{end.isoformat()}", "interval", True
    if n is None:  # "días después": some days, less than a few units
        n, q = 3 if unit == "day" else 2, "menos de"
    if q in {"mas de", "more than"}:
        return _UNKNOWN
    lo, hi = _shift(first, n, unit, 1), _shift(last, n, unit, 1)
    if lo is None or hi is None:
        return _UNKNOWN
    if q in {"menos de", "less than", "apenas", "just", "only", "barely"}:
        lo = (first + timedelta(days=1), lo[1])
    if lo[0] > hi[0]:  # "less than an hour later": no later than the anchor itself
        lo = hi
    if lo[0] == hi[0]:
        return _fmt(lo[0], lo[1]), lo[1], True
    return f"{lo[0].isoformat()}/{hi[0].isoformat()}", "interval", True


def find_dates(
    text: str, lang: str, published: date | None, anchor: date | None = None
) -> list[DateSpan]:
    """Every date expression in ``text`` resolved against ``published`` (prefer past).

    ``anchor`` dates phrases such as "días después" when no earlier date in ``text``
    does. A clock time alone ("a las 14:00 horas") is never a date.
    """
    lang = "es" if lang == "es" else "en"
    ctx = _Context(published, (anchor, anchor) if anchor else None, lang)
    out: list[DateSpan] = []
    for start, end, kind, m in candidates(text, lang):
        resolved = _resolve_match(kind, m, ctx, text)
        if resolved is None:
            continue
        value, precision, relative = resolved
        out.append(DateSpan(start, end, text[start:end], value, precision, relative))
        if kind != "after" and precision in {"day", "month", "interval"}:
            ctx.anchor = _days_of(value) or ctx.anchor
    return out


def _days_of(value: str) -> tuple[date, date] | None:
    """First and last day of an ISO day, month or interval of those; None for years."""
    first, _, last = value.partition("/")
    last = last or first
    if len(first) not in (7, 10) or len(last) not in (7, 10):
        return None
    a = date.fromisoformat(first if len(first) == 10 else first + "-01")
    if len(last) == 10:
        b = date.fromisoformat(last)
    else:
        y, m = int(last[:4]), int(last[5:7])
        b = date(y, m, calendar.monthrange(y, m)[1])
    return a, b


def resolve(expression: str, lang: str, published: date) -> DateSpan | None:
    """The one date in ``expression`` ("el pasado 26 de junio"), or None.

    Uses the rules first; rare absolute forms they do not know fall back to dateparser.
    """
    spans = [s for s in find_dates(expression, lang, published) if s.precision != "unknown"]
    if spans:
        return max(spans, key=lambda s: s.end - s.start)
    return _dateparser_fallback(expression, lang, published)


def _dateparser_fallback(expression: str, lang: str, published: date) -> DateSpan | None:
    if not re.search(r"\d|[^\W\d_]{3,}", expression) or re.fullmatch(
        r"\s*(?:a\s+las\s+|at\s+)?\d{1,2}[:.]\d{2}\s*(?:h|hrs|horas|am|pm|a\.m\.|p\.m\.)?\s*",
        expression,
        re.IGNORECASE,
    ):
        return None
    from datetime import datetime

    import dateparser  # slow import and slow calls: only here, never on the hot path

    parsed = dateparser.parse(
        expression,
        languages=[lang if lang in {"es", "en"} else "en"],
        settings={
            "RELATIVE_BASE": datetime(published.year, published.month, published.day),
            "PREFER_DATES_FROM": "past",
            "REQUIRE_PARTS": ["day", "month", "year"],
        },
    )
    if parsed is None:
        return None
    text = expression.strip()
    offset = expression.find(text)
    return DateSpan(offset, offset + len(text), text, parsed.date().isoformat(), "day", False)
