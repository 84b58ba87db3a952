"""People named with a role: officials, leaders, victims. Kept deliberately simple.

A person is a run of two to five capitalised words next to a role: the title written
before it ("Secretary of the Treasury Scott Bessent", "el General Luis Cresencio Sandoval
González") or the apposition after it ("Omar García Harfuch, Mexico City's police chief";
"Nemesio Oseguera, the leader of CJNG"). Only role words are searched for, so the scan
costs one pass of a small pattern; names without a stated role are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = r"[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+(?:-[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+)?"
_NAME = rf"{_WORD}(?:\s+(?:de\s+la\s+|de\s+|del\s+)?{_WORD}){{1,4}}"
_TITLED = re.compile(
    r"\b(?P<role>Secretary of (?:the )?[A-Z]\w+|Attorney General|President|Ambassador|General|"
    r"Secretario de (?:la )?[A-ZÁÉÍÓÚ]\w+|Presidente|Gobernador[a]?|Fiscal|"
    r"[Aa]lcalde(?:sa)?|[Jj]uez[a]?|[Jj]udge|[Mm]ayor)\s+(?P<name>" + _NAME + r")\b"
)
_APPOSED = re.compile(
    r"\b(?P<name>" + _NAME + r"),\s+(?:the\s+|el\s+|la\s+|a\s+|an\s+|un\s+|una\s+)?"
    r"(?P<role>(?:[\w’'\-]+\s+){0,6}?(?:leader|líder|chief|jefe|secretary|secretario|director|"
    r"founder|fundador|analyst|judge|juez|mayor|alcalde|official|funcionario|operator|"
    r"operador|sicario))\b"
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
    """A named person and the role the text gives them."""

    start: int
    end: int
    name: str
    role: str | None


def find_people(text: str, taken: list[tuple[int, int]]) -> list[Person]:
    """People with a stated role in ``text``, outside the spans in ``taken``."""
    mask = bytearray(len(text) + 1)
    for s, e in taken:
        mask[s:e] = b"\x01" * (e - s)
    found: dict[int, Person] = {}
    for pattern in (_TITLED, _APPOSED):
        for m in pattern.finditer(text):
            start, end = m.span("name")
            name = m.group("name")
            if name.split()[0] in _NOT_NAMES or any(mask[start:end]) or start in found:
                continue
            found[start] = Person(start, end, name, m.group("role").strip())
    return [found[k] for k in sorted(found)]
