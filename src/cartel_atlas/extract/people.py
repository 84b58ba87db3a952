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

from cartel_atlas.extract.phrases import AnyOf

_WORD = r"[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+(?:-[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+)?"
_NAME = rf"{_WORD}(?:\s+(?:de\s+la\s+|de\s+|del\s+)?{_WORD}){{1,4}}"
_TITLED = re.compile(
    r"\b(?P<role>Secretary of (?:the )?[A-Z]\w+|Attorney General|President|Ambassador|General|"
    r"Secretario de (?:la )?[A-ZÁÉÍÓÚ]\w+|Presidente|Gobernador[a]?|Fiscal|"
    r"[Aa]lcalde(?:sa)?|[Jj]uez[a]?|[Jj]udge|[Mm]ayor)\s+(?P<name>" + _NAME + r")\b"
)
_ROLE_WORD = re.compile(
    r"\b(?:leader|líder|chief|jefe|secretary|secretario|director|founder|fundador|analyst|"
    r"judge|juez|mayor|alcalde|official|funcionario|operator|operador|sicario)\b"
)
_APPOSED_BEFORE = re.compile(
    r"(?P<name>" + _NAME + r"),\s+(?:the\s+|el\s+|la\s+|a\s+|an\s+|un\s+|una\s+)?"
    r"(?P<lead>(?:[\w’'\-]+\s+){0,6}?)$"
)
_ROLE_HINTS = (
    "secretar",
    "attorney",
    "president",
    "ambassador",
    "general",
    "gobernador",
    "fiscal",
    "alcald",
    "juez",
    "judge",
    "mayor",
    "leader",
    "líder",
    "chief",
    "jefe",
    "director",
    "founder",
    "fundador",
    "analyst",
    "official",
    "funcionari",
    "operat",
    "operador",
    "sicario",
)
_ANY_ROLE = AnyOf(_ROLE_HINTS)
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
    if not _ANY_ROLE(text):
        return []
    candidates: list[tuple[int, int, str, str]] = []
    for m in _TITLED.finditer(text):
        candidates.append((*m.span("name"), m.group("name"), m.group("role").strip()))
    for r in _ROLE_WORD.finditer(text):  # role first, then the name before its comma
        base = max(0, r.start() - 160)
        a = _APPOSED_BEFORE.search(text, base, r.start())
        if a:
            role = (a.group("lead") + r.group(0)).strip()
            candidates.append((*a.span("name"), a.group("name"), role))
    for start, end, name, role in candidates:
        if name.split()[0] in _NOT_NAMES or any(mask[start:end]) or start in found:
            continue
        found[start] = Person(start, end, name, role)
    return [found[k] for k in sorted(found)]
