"""People named with a role: officials, leaders, victims. Kept deliberately simple.

A person is a run of two to five capitalised words next to a role: the title written
before it ("Secretary of the Treasury Scott Bessent", "el General Luis Cresencio Sandoval
González") or the apposition after it ("Omar García Harfuch, Mexico City's police chief";
"Nemesio Oseguera, the leader of CJNG"). Only role words are searched for (one
Aho-Corasick pass finds where they begin; the patterns run only there); names without a
stated role are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import ahocorasick

_WORD = r"[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+(?:-[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+)?"
_NAME = rf"{_WORD}(?:\s+(?:de\s+la\s+|de\s+|del\s+)?{_WORD}){{1,4}}"
_TITLED = re.compile(
    r"\b(?P<role>Secretary of (?:the )?[A-Z]\w+|Attorney General|President|Ambassador|General|"
    r"Secretario de (?:la )?[A-ZÁÉÍÓÚ]\w+|Presidente|Gobernador[a]?|Fiscal|"
    r"[Aa]lcalde(?:sa)?|[Jj]uez[a]?|[Jj]udge|[Mm]ayor)\s+(?P<name>" + _NAME + r")\b"
)
_ROLE_WORDS = (
    "leader",
    "líder",
    "chief",
    "jefe",
    "secretary",
    "secretario",
    "director",
    "founder",
    "fundador",
    "analyst",
    "judge",
    "juez",
    "mayor",
    "alcalde",
    "official",
    "funcionario",
    "operator",
    "operador",
    "sicario",
)
_ROLE_WORD = re.compile(r"\b(?:" + "|".join(_ROLE_WORDS) + r")\b")
_APPOSED_BEFORE = re.compile(
    r"(?P<name>" + _NAME + r"),\s+(?:the\s+|el\s+|la\s+|a\s+|an\s+|un\s+|una\s+)?"
    r"(?P<lead>(?:[\w’'\-]+\s+){0,6}?)$"
)
_TITLE_STARTS = (
    "Secretar",
    "Attorney General",
    "President",
    "Ambassador",
    "General",
    "Gobernador",
    "Fiscal",
    "Alcalde",
    "alcalde",
    "Juez",
    "juez",
    "Judge",
    "judge",
    "Mayor",
    "mayor",
)
"""How every role _TITLED matches begins, as written."""


def _starts_automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for word in {*_TITLE_STARTS, *_ROLE_WORDS}:
        auto.add_word(word, (len(word), word in _TITLE_STARTS, word in _ROLE_WORDS))
    auto.make_automaton()
    return auto


_STARTS = _starts_automaton()


def _starts(text: str) -> tuple[list[int], list[int]]:
    """Where a _TITLED and where a _ROLE_WORD match may begin: one scan of the text for
    their literal words instead of trying both patterns at every position."""
    titles: set[int] = set()
    roles: set[int] = set()
    for end, (n, title, role) in _STARTS.iter(text):
        if title:
            titles.add(end + 1 - n)
        if role:
            roles.add(end + 1 - n)
    return sorted(titles), sorted(roles)


def _finditer(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` when its matches can only begin at ``starts`` (sorted)."""
    last = 0
    for q in starts:
        if q < last:
            continue
        m = pattern.match(text, q)  # \b at q still sees the character before q
        if m:
            yield m
            last = m.end()


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
    titles, roles = _starts(text)
    candidates: list[tuple[int, int, str, str]] = []
    for m in _finditer(_TITLED, text, titles):
        candidates.append((*m.span("name"), m.group("name"), m.group("role").strip()))
    for r in _finditer(_ROLE_WORD, text, roles):  # role first, then the name before its comma
        base = max(0, r.start() - 160)
        a = _APPOSED_BEFORE.search(text, base, r.start())
        if a:
            role = (a.group("lead") + r.group(0)).strip()
            candidates.append((*a.span("name"), a.group("name"), role))
    if not candidates:
        return []
    mask = bytearray(len(text) + 1)
    for s, e in taken:
        mask[s:e] = b"\x01" * (e - s)
    found: dict[int, Person] = {}
    for start, end, name, role in candidates:
        if name.split()[0] in _NOT_NAMES or any(mask[start:end]) or start in found:
            continue
        found[start] = Person(start, end, name, role)
    return [found[k] for k in sorted(found)]
