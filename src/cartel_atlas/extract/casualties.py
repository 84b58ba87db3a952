"""Casualties: death and injury counts, and what a death without an attack verb was.

A number belongs to the casualty word it binds to most tightly, so "seis murieron y dos
más resultaron heridos" gives six dead and two wounded; vague quantities ("decenas"),
articles ("un comando") and numbers inside dates or names are no counts. Deaths in an
explosion or a crash are typed by what was involved (a tapped pipeline, a truck of
migrants), and bodies found without an attack told are homicides.
"""

from __future__ import annotations

import re

from cartel_atlas.extract.context import DocView, SentenceView
from cartel_atlas.extract.number_words import number_tables
from cartel_atlas.extract.numbers import NumberSpan
from cartel_atlas.extract.phrases import Hit

ACCIDENT = re.compile(
    r"\b(?:explo\w+|accident\w*|accidente|derrumbe|incendio|fire broke|"
    r"blaze|collapse\w*|crash\w*|volcadura|choque|volc[oó]|volcaron|overturn\w*|"
    r"rolled over|se estrell\w+)\b",
    re.I,
)
ATTACKER = re.compile(
    r"\b(?:gunm[ae]n|armed|attack\w*|ataque|atac\w+|armados|sicarios|shot|"
    r"balaz\w+|dispar\w+|ambush\w*|embosc\w+|comando|minas?|landmines?|mined|IEDs?|"
    r"explosive devices?|artefactos? explosivos?|drones?|bomb\w*|granadas?|grenades?)\b",
    re.I,
)
BODIES = re.compile(r"\b(?:bod(?:y|ies)|corpses|cuerpos?|cad[aá]veres|cad[aá]ver)\b", re.I)


_FUEL = re.compile(
    r"\b(?:pipelines?|ductos?|poliductos?|oleoductos?|fuel|gasoline|combustible|gasolina|"
    r"hidrocarburos?)\b",
    re.I,
)
_MIGRANTS = re.compile(r"\bmigra(?:nts?|ntes)\b", re.I)


def found_dead(s: SentenceView) -> bool:
    """Bodies found, with no attack told: homicides, not a massacre seen happening."""
    return bool(BODIES.search(s.text)) and not ATTACKER.search(s.text)


def accident_type(s: SentenceView) -> str:
    """A tapped pipeline that explodes is fuel theft; a crash of a truck packed with
    migrants is migrant smuggling; other deadly accidents are `other`."""
    if _FUEL.search(s.text):
        return "fuel_theft"
    if _MIGRANTS.search(s.text):
        return "human_smuggling"
    return "other"


_TIME_AFTER = re.compile(
    r"-?\s?(?:year|años|anos|days?|días|dias|hours?|horas|weeks?|semanas|months?|meses)\b",
    re.I,
)
_NAMED_BEFORE = re.compile(r"\b[A-ZÁÉÍÓÚÑ][\wáéíóúñ]*\s+$")
_ARTICLE = re.compile(r"^(?:un|una|a|an)$", re.I)
_LINK = re.compile(r"[,;:]|\b(?:y|e|and|but|pero|mientras|while)\b", re.I)
_RISEN_TO = re.compile(
    r"\b(?:(?:has|have|had)\s+)?(?:risen|rose|climbed|increased)\s+to\s+|"
    r"\b(?:ascendi[oó]|aument[oó]|subi[oó]|lleg[oó])\s+a\s+$",
    re.I,
)
_SINGLE_DEATH = re.compile(
    r"\b(?:was|fue)\s+(?:\w+\s+){0,2}?(?:killed|murdered|shot dead|gunned down|slain|"
    r"asesinad[oa]|ultimad[oa]|ejecutad[oa]|localizad[oa] sin vida|hallad[oa] sin vida|"
    r"encontrad[oa] sin vida|privad[oa] de la vida)\b|"
    r"\b(?:shot dead|gunned down|killed)\s+(?:[A-ZÁÉÍÓÚÑ]\w+\s+){1,3}|"
    r"\b(?:asesinan|asesinaron|mataron)\s+a\s+(?:[A-ZÁÉÍÓÚÑ]\w+\s+){1,3}|"
    r"\b(?:was|fue)\s+(?:\w+\s+){0,2}?(?:shot|atacad[oa]|balead[oa]|herid[oa])\b[^.;]{0,160}?"
    r"\b(?:y|and)\s+(?:\w+\s+){0,2}?(?:muri[oó]|died|falleci[oó])\b|"
    r"\b(?:killing|murder|assassination)\s+(?:in\s+\w+(?:\s+\d{4})?\s+)?of\s+"
    r"(?:[a-zA-Z.\"]+\s+){0,4}?[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+\s+[\"“]?[A-ZÁÉÍÓÚÑ]|"
    r"\b(?:asesinato|homicidio|ejecuci[oó]n)\s+(?:en\s+\w+(?:\s+de\s+\d{4})?\s+)?del?\s+"
    r"(?:[a-záéíóúñA-Z.]+\s+){0,5}?[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+\s+[A-ZÁÉÍÓÚÑ]"
)
"""One named victim: "the mayor was killed", "fue asesinado", "gunmen shot dead <Name>",
"fue atacado a balazos ... y murió poco después", "the killing of <Name>"."""
_CLAUSE_START = re.compile(
    r"(?:^|[.,;:—(\n]|\b(?:y|e|and|que|donde|cuando|where|when|but|pero))\s*$", re.I
)
_DIGIT = re.compile(r"\d")
_PUNCT = re.compile(r"[,.;:]")
_STOP = re.compile(r"[.;]")
_FAR = 90
"""A count before its death word may be separated by the victims' description ("Trece
elementos de la Secretaría de Seguridad Pública murieron")."""


def _vague(n: NumberSpan, lang: str) -> bool:
    """ "decenas de homicidios", "a few leaders were killed": no count, whatever the
    scale says. A hedged exact number ("al menos catorce") is still a count."""
    if not n.approx or _DIGIT.search(n.text):
        return False
    words = n.text.lower().split()
    tables = number_tables(lang)
    return not words or (words[-1] not in tables.words and words[-1] not in tables.exact)


def _gap_cost(view: DocView, n: NumberSpan, h: Hit) -> int | None:
    """How loosely a number binds to a count word; None when too far apart."""
    if n.end <= h.start:
        gap = view.text[n.end : h.start]
        lead = _CLAUSE_START.search(view.text[max(0, n.start - 12) : n.start]) or n.start < 2
        limit = _FAR if lead and not _PUNCT.search(gap) else 30
    else:
        gap = view.text[h.end : n.start]
        limit = 30
    if len(gap) > limit or _STOP.search(gap):
        return None
    return len(gap) + 50 * len(_LINK.findall(gap)) + (10 if n.start >= h.end else 0)


def _count_words(sent: SentenceView, cls: str) -> list[Hit]:
    words = list(sent.cue_classes(cls))
    if cls == "killed":  # "killing 13", "matando a 13"
        words += [
            h
            for h in sent.cues
            if any(getattr(p, "event_type", None) == "homicide" for p in h.payloads)
        ]
    return words


def killed_count(view: DocView, sent: SentenceView, cls: str) -> int | None:
    """The count bound to a killed/wounded word ("killed 11 people", "dos muertos"). A
    number belongs to the word it binds to most tightly, so in "seis murieron y dos más
    resultaron heridos" six are dead and two wounded; vague words and articles are no count."""
    words = _count_words(sent, cls)
    if not words:
        return None
    rival = _count_words(sent, "wounded" if cls == "killed" else "killed")
    best: tuple[int, int] | None = None
    for n in sent.numbers:
        if n.is_year or _TIME_AFTER.match(view.text[n.end : n.end + 10]) or _vague(n, view.lang):
            continue
        if any(d.start <= n.start < d.end for d in sent.dates):
            continue  # "el 9 de julio murieron": a day, not a count
        if n.text[:1].isdigit() and _NAMED_BEFORE.search(view.text[max(0, n.start - 20) : n.start]):
            continue  # "el Cereso 3", "Line 12": part of a name
        risen = bool(_RISEN_TO.search(view.text[max(sent.start, n.start - 30) : n.start]))
        if risen and cls == "killed" and any(h.end <= n.start for h in words):
            return int(n.value)  # "the death toll has risen to eight"
        if risen and cls != "killed" and any(h.end <= n.start for h in rival):
            continue
        costs = [c for h in words if (c := _gap_cost(view, n, h)) is not None]
        if not costs:
            continue
        cost = min(costs)
        if _ARTICLE.match(n.text) and cost > 1:
            continue  # "un comando armado": an article, not one victim
        rivals = [c for h in rival if (c := _gap_cost(view, n, h)) is not None]
        if rivals and min(rivals) < cost:
            continue
        if best is None or cost < best[0]:
            best = (cost, int(n.value) + _listed_before(view, sent, n))
    return best[1] if best else None


_AND_GAP = re.compile(r"\s+[^\d,.;:()]{1,30}?\s+(?:y|e|and)\s+")


def _listed_before(view: DocView, sent: SentenceView, n: NumberSpan) -> int:
    """ "Three women and six children were killed": the victims are counted in parts."""
    for m in sent.numbers:
        if m.end > n.start or m.is_year or m.approx or _ARTICLE.match(m.text):
            continue
        if not _AND_GAP.fullmatch(view.text, m.end, n.start):
            continue
        if any(m.end <= h.start < n.start for h in sent.cues):
            continue  # "killed three and wounded four": two counts, not one
        return int(m.value)
    return 0


def single_death(sent: SentenceView) -> bool:
    """Whether the sentence reports one named person killed."""
    return bool(_SINGLE_DEATH.search(sent.text))
