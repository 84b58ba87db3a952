"""People named with a role: officials, leaders, victims. Kept deliberately simple.

A person is a run of two to five capitalised words that the gazetteer did not claim, and
a role is the title written before it ("Secretary of the Treasury Scott Bessent", "el
General Luis Cresencio Sandoval González") or the apposition after it ("Omar García
Harfuch, Mexico City's police chief"; "Nemesio Oseguera, the leader of CJNG").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = r"[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+(?:-[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+)?"
_PERSON = re.compile(rf"\b{_WORD}(?:\s+(?:de\s+la\s+|de\s+|del\s+)?{_WORD}){{1,4}}\b")
_TITLE = re.compile(
    r"\b(?P<role>Secretary of [A-Z][\w ]+?|Attorney General|President|Ambassador|General|"
    r"Secretario de [A-ZÁÉÍÓÚ][\w ]+?|Presidente|Gobernador[a]?|Fiscal|alcalde(?:sa)?|"
    r"juez[a]?|judge|mayor|leader|líder|cofounder|co-founder|jefe de plaza)\s+$",
    re.I,
)
_APPOSITION = re.compile(
    r"^,\s+(?:the\s+|el\s+|la\s+|a\s+|an\s+|un\s+|una\s+)?(?P<role>(?:[\w’'\-]+\s+){0,6}?"
    r"(?:leader|líder|chief|jefe|secretary|secretario|director|founder|fundador|analyst|"
    r"judge|juez|mayor|alcalde|official|funcionario|operator|operador|sicario))\b",
    re.I,
)
_NOT_NAMES = {
    "The",
    "This",
    "Today",
    "El",
    "La",
    "Los",
    "Las",
    "En",
    "In",
    "Department",
    "Secretaría",
    "Fiscalía",
    "Guardia",
    "Ejército",
    "Gabinete",
    "Estrategia",
}


@dataclass(frozen=True, slots=True)
class Person:
    """A named person and the role the text gives them (None when not stated)."""

    start: int
    end: int
    name: str
    role: str | None


def find_people(text: str, taken: list[tuple[int, int]]) -> list[Person]:
    """People in ``text`` outside the spans in ``taken`` (groups, places...)."""
    out: list[Person] = []
    mask = bytearray(len(text) + 1)
    for s, e in taken:
        mask[s:e] = b"\x01" * (e - s)
    for m in _PERSON.finditer(text):
        if m.group(0).split()[0] in _NOT_NAMES:
            continue
        if any(mask[m.start() : m.end()]):
            continue
        role = None
        t = _TITLE.search(text[max(0, m.start() - 60) : m.start()])
        if t:
            role = t.group("role").strip()
        else:
            a = _APPOSITION.match(text[m.end() : m.end() + 120])
            if a:
                role = a.group("role").strip()
        out.append(Person(m.start(), m.end(), m.group(0), role))
    return out
