"""Statistics: stated values, costs, shares and cumulative totals.

Not every number is a statistic: the quantities seized in one raid, reward amounts and
counts of detainees belong to their event or legal action. A number is a statistic when
it is a percentage; a money amount in a sentence about value or cost ("el valor de lo decomisado
asciende a 2 millones de pesos"); a death toll outside an incident report; or any
quantity in a sentence that reports a cumulative total ("se han asegurado ... durante la
presente administración", "since January, agents have seized 3 tonnes of cocaine").
"""

from __future__ import annotations

import re

from cartel_atlas.extract.context import DocView, SentenceView
from cartel_atlas.extract.drafts import Draft
from cartel_atlas.extract.event_cues import is_aggregate

COMPONENT = "statistics"
_PERCENT = re.compile(r"^\s*(?:%|percent\b|per cent\b|por ciento\b)", re.I)
_MONEY_AFTER = re.compile(
    r"^\s*(?:de\s+)?(?P<cur>pesos|dólares|dolares|dollars|USD|MXN|"
    r"euros)\b",
    re.I,
)
_MONEY_BEFORE = re.compile(r"(?:US\$|USD\s?\$?|MXN\s?\$?|\$)\s*$")
_VALUE_CUE = re.compile(
    r"\b(?:costo|valor|afectaci[oó]n|worth|value[d]?|estimated at|"
    r"generates?|revenue|ganancias|p[eé]rdidas|da[nñ]o econ[oó]mico|"
    r"impacto econ[oó]mico|profits?|earn\w*|cost|loss(?:es)?|losing|damages|da[nñ]os)\b",
    re.I,
)
_REWARD = re.compile(r"\b(?:reward|recompensa)", re.I)
_DEATHS = re.compile(
    r"^\s*(?:[\w\-.]+\s+){0,2}(?:deaths|muertes|homicidios|asesinatos|"
    r"overdoses|fatalities|v[ií]ctimas|victims)\b",
    re.I,
)
_UNIT = re.compile(r"^\s*(?:de\s+)?(?P<unit>(?:lethal\s+)?[A-Za-zÁÉÍÓÚáéíóúñ]+)")
_UNIT_NORMAL = {
    "kilógramos": "kg",
    "kilogramos": "kg",
    "kilos": "kg",
    "kilo": "kg",
    "kilograms": "kg",
    "kg": "kg",
    "toneladas": "t",
    "tons": "t",
    "litros": "l",
    "liters": "l",
    "litres": "l",
    "gramos": "g",
    "grams": "g",
}
_SEIZED = re.compile(r"\b(?:seized|seize|asegur\w+|decomis\w+|incaut\w+)\b", re.I)
_TIME_UNITS = {
    "horas",
    "hours",
    "días",
    "dias",
    "days",
    "años",
    "anos",
    "years",
    "meses",
    "months",
    "semanas",
    "weeks",
    "minutos",
    "minutes",
}
_NOT_UNIT = {"de", "of", "and", "y", "the", "a", "in", "en", "to"}


_AGENCY = re.compile(
    r"\b(?:the\s+|la\s+|el\s+)?(?P<who>[A-Z]{2,6}|[A-Z][\w]+(?:\s+(?:of\s+|de\s+|la\s+)?"
    r"[A-Z][\w]+)+)\s+(?:has\s+|have\s+|ha\s+)?(?:seized|asegur\w+|decomis\w+|recorded|"
    r"registr\w+|reported|report[oó])\b"
)


def _agency(sentence: str) -> str | None:
    """The agency that did the counting: 'In 2022, the DEA seized ...' -> 'DEA'."""
    m = _AGENCY.search(sentence)
    return m.group("who") if m else None


_SUBJECT_TEXT = re.compile(
    r"^\s*(?:%|percent|por ciento)?\s*(?:of\s+|de\s+)?(?P<what>[^,.;:()]{3,80})"
)


def _subject(text: str, end: int, limit: int) -> str | None:
    """What the number counts, as written right after it ("overdose deaths", "kilos de
    cocaína"); analysts read it, the evaluation does not."""
    m = _SUBJECT_TEXT.match(text[end:limit])
    if not m:
        return None
    words = m.group("what").split()[:8]
    return " ".join(words) or None


_COUNTED = re.compile(
    r"\b(?:homicid\w*|killings|murders|deaths|muertes|asesinatos|"
    r"v[ií]ctimas|arrests|detenciones|disappearances|desapariciones)\b",
    re.I,
)


def _year_level(s: SentenceView) -> bool:
    """A seizure total dated only by year and tied to no municipality."""
    years = [d for d in s.dates if d.precision == "year"]
    return (
        bool(years)
        and bool(_SEIZED.search(s.text))
        and not any(p.kind == "municipality" for p in s.places)
        and len(s.dates) == len(years)
    )


def _aggregate(s: SentenceView) -> bool:
    """A cumulative total, or a seizure total dated only by year."""
    return is_aggregate(s) or _year_level(s)


def _unit(text: str, end: int) -> str | None:
    m = _UNIT.match(text[end : end + 40])
    if not m:
        return None
    unit = m.group("unit")
    if unit.lower() in _NOT_UNIT or unit.lower() in _TIME_UNITS:
        return None
    return _UNIT_NORMAL.get(unit.lower(), unit.lower())


_MORE_THAN = re.compile(r"more than|más de|over|above|at least|al menos", re.I)


def _valued(s: SentenceView) -> bool:
    """A sentence about value or cost, not a reward."""
    return bool(_VALUE_CUE.search(s.text)) and not _REWARD.search(s.text)


def extract_statistics(view: DocView, sources: list[str | None]) -> list[Draft]:
    """Statistic drafts."""
    out: list[Draft] = []
    text = view.text
    for s in view.sentences:
        if s.is_header or not s.numbers:
            continue
        date_spans = [(d.start, d.end) for d in s.dates]
        aggregate: bool | None = None  # both read only when a number needs them
        valued: bool | None = None
        as_of = next((d.value for d in s.dates if d.value and d.precision != "unknown"), None)
        for n in s.numbers:
            if n.is_year or any(a <= n.start < b for a, b in date_spans):
                continue
            if (
                n.approx
                and not any(c.isdigit() for c in n.text)
                and not _MORE_THAN.search(text[max(s.start, n.start - 12) : n.end])
            ):
                continue  # "decenas de homicidios", "dozens": no value to report
            after = text[n.end : n.end + 40]
            before = text[max(s.start, n.start - 8) : n.start]
            unit: str | None = None
            if _PERCENT.match(after):
                unit = "percent"
            elif _MONEY_AFTER.match(after) or _MONEY_BEFORE.search(before) or "$" in n.text:
                if valued is None:
                    valued = _valued(s)
                if not valued:
                    continue
                m = _MONEY_AFTER.match(after)
                cur = m.group("cur").lower() if m else "usd"
                unit = "MXN" if cur in ("pesos", "mxn") else "USD"
            elif (toll := _DEATHS.match(after)) and not s.cue_classes("killed")[1:]:
                unit = "victims" if "ctim" in toll.group(0).lower() else "deaths"
            else:
                if aggregate is None:
                    aggregate = _aggregate(s)
                if not aggregate:
                    continue
                unit = _unit(text, n.end)
                if unit is None:
                    counted = _COUNTED.search(s.text)  # "Homicides reached 36,000 in 2019"
                    if counted is None:
                        continue
                    unit = counted.group(0).lower()
            if n.approx and _MORE_THAN.search(text[max(s.start, n.start - 2) : n.end]):
                unit = f"{unit} (more than)"
            if aggregate is None:
                aggregate = _aggregate(s)
            value: float | int = int(n.value) if float(n.value).is_integer() else n.value
            speaker = sources[s.index] or (_agency(s.text) if aggregate else None)
            fields = {
                "subject": _subject(text, n.end, s.end),
                "value": value,
                "unit": unit,
                "as_of": as_of or (view.published.isoformat() if view.published else None),
                "source": speaker,
                "place": next((p.label for p in s.places if p.is_mexican), None),
            }
            out.append(
                Draft(
                    "statistic",
                    fields,
                    s.start,
                    s.end,
                    s.index,
                    COMPONENT,
                    confidence=0.6,
                    source=speaker,
                    date=as_of,
                )
            )
    return out
