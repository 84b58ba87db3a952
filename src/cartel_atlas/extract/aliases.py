"""Group mentions: every surface form that names a criminal group, resolved to the group.

Names come from the gazetteer; this module adds what a fixed list cannot know:
- context for short forms that are also places ("Sinaloa", "Golfo"): they name the group
  after "Cártel de", before "cartel(s)", or when the document names the group in full and
  the short form is not used as a location ("en Sinaloa", "in Sinaloa");
- inflected and coordinated forms ("the Jalisco and Sinaloa cartels", "Los Zetas Cartel");
- names the text defines on the spot ("Cárteles Unidos (CU)", "a.k.a. “United Cartels”",
  "identifying itself as the “Zeta Killers”"), then used for the rest of the document;
- misspelled acronyms one edit away from a known one ("CNJG");
- anaphora ("the Cartel", "el cártel") that point back to the last group named, for actors.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from cartel_atlas.extract.context import GroupMention
from cartel_atlas.extract.gazetteer import Gazetteer, GroupEntry
from cartel_atlas.extract.phrases import Hit
from cartel_atlas.extract.places import in_locality_list
from cartel_atlas.vocab.text import fold

_AFTER_CARTEL = re.compile(r"\s+(cartels?|cártel(?:es)?|cartel(?:es)?)\b", re.I)
_BEFORE_CARTEL = re.compile(
    r"(?:\b(?:C[aá]rtel(?:es)?|c[aá]rtel(?:es)?\s+(?:de(?:l)?|of)|cartels?\s+of)\s+"
    r"(?:(?:de(?:l)?|of)\s+)?(?:the\s+)?"
    r"(?:los\s+|la\s+)?)$",
    re.I,
)
_LOCATIVE = re.compile(
    r"(?:\b(?:in|en|of|de|del|at|across|throughout|into|state\s+of|estado\s+de|"
    r"entidad\s+de|municipio\s+de|city\s+of|ciudad\s+de|from|desde|hacia|to|a)\s+)$",
    re.I,
)
_DEFINE = re.compile(
    r"\s*\(\s*(?:a\.?\s?k\.?\s?a\.?|also known as|alias|conocido como)?\s*[“\"'‘]?"
    r"(?P<name>[^()“”\"‘’]{2,40}?)[”\"'’]?\s*\)"
)
_SELF_NAMED = re.compile(
    r"(?:identif(?:ying|ied)\s+itself\s+as|calling\s+itself|known\s+as|also\s+called|"
    r"autodenominad[oa]s?(?:\s+como)?|se\s+hac[ei]a?\s+llamar|conocid[oa]s?\s+como)\s+"
    r"(?:the\s+|el\s+|la\s+|los\s+|las\s+)?[“\"]?(?P<a>[A-ZÁÉÍÓÚÑ][\w\- ]{1,30}?)[”\"]?"
    r"(?:\s+(?:or|o)\s+[“\"]?(?P<b>[A-ZÁÉÍÓÚÑ][\w\-]*(?:\s+[A-ZÁÉÍÓÚÑ][\w\-]*)*)[”\"]?)?"
    r"(?=[,.;:]|\s+(?:and|y|according|según)\b|$)"
)
_ANAPHOR = re.compile(
    r"\b(?:the\s+(?:Cartel|cartel|group|organization)|el\s+(?:c[aá]rtel|grupo\s+criminal)|"
    r"la\s+organizaci[oó]n(?:\s+criminal)?)(?!\s+(?:de|del|of)\b)(?:['’]s)?\b"
)
_ACRONYM = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]{3,5}\b")
"""An upper-case word of 4 to 6 letters; the lookbehind after the first letter is the
leading \\b, placed so that the scan jumps from capital to capital."""
_LIST_GAP = re.compile(r"\s*(?:,|y|e|and|or|o)\s*")
_CART = re.compile(r"\bcart", re.I)
_CARTEL_WORD = re.compile(r"\bc[aá]rtel", re.I)
_CARTELES = re.compile(r"c[aá]rteles", re.I)
_COORDINATED = re.compile(
    r"\s*(?:\([^)]*\)\s*)?(?:,|and|y|e)\s+[\w\- ]{2,40}?\s+(?:cartels|c[aá]rteles)\b", re.I
)
_COUNTRY_AFTER = re.compile(r"\s*,\s*(?:Mexico|México)\b")
_AGENT_BEFORE = re.compile(r"\b(?:from|by|with|against|por|con|contra)\s+$")
_CLAUSE_END = re.compile(r"\s*(?:[.;,)]|$)")
_STOP = re.compile(r"[.;!?](?:\s|$)")


@dataclass(frozen=True, slots=True)
class _Def:
    surface: str
    entry: GroupEntry


@dataclass(frozen=True, slots=True)
class _Payloads:
    """What the rules ask of one gazetteer key's payloads, computed once per key."""

    entries: list[GroupEntry]
    firm: list[GroupEntry]
    """The entries that need no context."""
    has_place: bool
    only_contextual: bool
    """Every payload is a context-dependent group form ("Nueva Generación")."""


_PAYLOADS: dict[int, tuple[tuple[Any, ...], _Payloads]] = {}


def _payloads(hit: Hit) -> _Payloads:
    """The group side of a hit's payloads; cached by the identity of the gazetteer's
    payload tuple, which every hit of the same key shares."""
    payloads = hit.payloads
    found = _PAYLOADS.get(id(payloads))
    if found is not None and found[0] is payloads:
        return found[1]
    entries = [p for p in payloads if isinstance(p, GroupEntry)]
    info = _Payloads(
        entries,
        [e for e in entries if not e.needs_context],
        any(type(p).__name__ == "PlaceEntry" for p in payloads),
        all(isinstance(p, GroupEntry) and p.needs_context for p in payloads),
    )
    if len(_PAYLOADS) > 50_000:
        _PAYLOADS.clear()
    _PAYLOADS[id(payloads)] = (payloads, info)
    return info


def _group_entries(hit: Hit) -> list[GroupEntry]:
    return _payloads(hit).entries


def _has_place(hit: Hit) -> bool:
    return _payloads(hit).has_place


def _alias_surface(text: str, hit: Hit, entry: GroupEntry) -> tuple[str, bool]:
    """Surface form to report, and whether the text marks it as a cartel name."""
    surface = text[hit.start : hit.end]
    after = _AFTER_CARTEL.match(text, hit.end)
    window = text[max(0, hit.start - 30) : hit.start]
    # every form _BEFORE_CARTEL matches has 'rtel' in it
    before = _BEFORE_CARTEL.search(window) if "rtel" in window.lower() else None
    marked = bool(after or before)
    if after and not _CART.search(surface):
        word = after.group(1)
        surface = f"{surface} {'Cartel' if word.lower().startswith('cartel') else 'Cártel'}"
    elif before and not _CARTEL_WORD.search(surface):
        words = before.group(0).split()
        head = "Cártel" if "á" in words[0].lower() else "Cartel"
        surface = " ".join([head, *words[1:], surface])
    return surface, marked


def _coordinated_with_cartels(text: str, end: int) -> bool:
    """'Jalisco and Sinaloa cartels': a short form followed by 'and Y cartels'."""
    return bool(_COORDINATED.match(text[end : end + 70]))


_NAMED_AS = re.compile(
    r"\b(?:known as|called|dubbed|calling itself|conocid[oa]s? como|llamad[oa]s?|"
    r"denominad[oa]s?|autodenominad[oa]s?|hacen llamar)\s+(?:(?:the|el|la|los|las)\s+)?$",
    re.I,
)


def _group_reading(text: str, h: Hit, entry: GroupEntry, marked: bool, full_ids: set[str]) -> bool:
    """Whether a short form that is also a place ("Sinaloa") names the group here."""
    if marked or _coordinated_with_cartels(text, h.end):
        return True
    if _NAMED_AS.search(text, max(0, h.start - 40), h.start):
        return True  # "a faction known as the Scorpions": the text introduces a name
    if entry.group_id not in full_ids:
        return False  # the document never names the group in full
    before = text[max(0, h.start - 25) : h.start]
    if _COUNTRY_AFTER.match(text, h.end):
        return False
    if _AGENT_BEFORE.search(before) and _CLAUSE_END.match(text, h.end):
        return True  # "bribes from Sinaloa," "pagos de Sinaloa."
    surface = text[h.start : h.end]
    acronym = surface.isupper() and len(surface.replace(".", "")) >= 2
    return acronym and not _LOCATIVE.search(before) and not _has_place(h)


def resolve_groups(
    text: str, hits: list[Hit], gz: Gazetteer, sentence_of: list[int]
) -> list[GroupMention]:
    """Group mentions among the longest entity hits (``sentence_of[i]`` is hit i's sentence)."""
    infos = [_payloads(h) for h in hits]
    full_ids = {e.group_id for info in infos for e in info.firm}
    out: list[GroupMention] = []
    defs: list[_Def] = []
    prev_marked_end = -1
    for i, h in enumerate(hits):
        info = infos[i]
        entries = info.entries
        if not entries:
            continue
        firm = info.firm
        entry = firm[0] if firm else entries[0]
        alias, marked = _alias_surface(text, h, entry)
        if (
            not marked
            and prev_marked_end >= 0
            and _LIST_GAP.fullmatch(text, prev_marked_end, h.start)
        ):
            marked = True  # "los cárteles de Sinaloa y Jalisco"
            if not _CARTEL_WORD.search(alias):
                alias = (
                    f"Cártel de {alias}"
                    if _CARTELES.search(text[max(0, h.start - 60) : h.start])
                    else f"{alias} Cartel"
                )
        prev_marked_end = h.end if marked else -1
        if not firm and not _group_reading(text, h, entry, marked, full_ids):
            continue
        if in_locality_list(text, h.start):
            continue
        out.append(GroupMention(h.start, h.end, entry.group_id, entry.name, alias, sentence_of[i]))
        m = _DEFINE.match(text, h.end)
        if m:
            name = m.group("name").strip()
            if name and fold(name) != fold(alias) and not _is_known(name, gz, hits):
                defs.append(_Def(name, entry))
    out.extend(_self_named(text, out, gz, hits, sentence_of, defs))
    out.extend(_defined_uses(text, defs, out, sentence_of, hits))
    out.extend(_misspelt(text, gz, hits, out, sentence_of))
    out.extend(_misspelt_names(text, gz, hits, infos, out, sentence_of))
    out.sort(key=lambda m: m.start)
    return out


def _is_known(name: str, gz: Gazetteer, hits: list[Hit]) -> bool:
    key = fold(name)
    return any(h.key == key and _group_entries(h) for h in hits)


def _sentence(sentence_of: list[int], hits: list[Hit], pos: int) -> int:
    """Sentence of a position, from the sentence of the last hit before it."""
    i = bisect_right([h.start for h in hits], pos) - 1
    return sentence_of[i] if i >= 0 else 0


def _self_named(
    text: str,
    mentions: list[GroupMention],
    gz: Gazetteer,
    hits: list[Hit],
    sentence_of: list[int],
    defs: list[_Def],
) -> list[GroupMention]:
    """A self-designation given in quotes after a group ("calling itself the «X» or Y")."""
    out: list[GroupMention] = []
    for m in mentions:
        window = text[m.end : m.end + 160]
        stop = _STOP.search(window)
        window = window[: stop.start() + 1] if stop else window
        found = _SELF_NAMED.search(window)
        if not found or found.start() > 50 or ":" in window[: found.start()]:
            continue
        for g in ("a", "b"):
            name = found.group(g)
            if not name:
                continue
            name = name.strip(' “”"')
            if _is_known(name, gz, hits) or fold(name) == fold(m.alias):
                continue
            start = m.end + found.start(g)
            out.append(GroupMention(start, start + len(name), m.group_id, m.name, name, m.sentence))
            defs.append(_Def(name, GroupEntry(m.group_id, m.name, False, name)))
    return out


def _defined_uses(
    text: str,
    defs: list[_Def],
    mentions: list[GroupMention],
    sentence_of: list[int],
    hits: list[Hit],
) -> list[GroupMention]:
    """Every use of a name defined in parentheses ('Cárteles Unidos (CU)') in the document."""
    out: list[GroupMention] = []
    taken = {(m.start, m.end) for m in mentions}
    for d in defs:
        pattern = re.compile(r"(?<![\w-])" + re.escape(d.surface) + r"(?![\w-])")
        for m in pattern.finditer(text):
            if (m.start(), m.end()) in taken:
                continue
            taken.add((m.start(), m.end()))
            out.append(
                GroupMention(
                    m.start(),
                    m.end(),
                    d.entry.group_id,
                    d.entry.name,
                    d.surface,
                    _sentence(sentence_of, hits, m.start()),
                )
            )
    return out


_BY_LETTERS: dict[int, dict[str, list[str]]] = {}


def gz_key(gz: Gazetteer) -> int:
    """Index the gazetteer's acronyms by their sorted letters (a transposition keeps them)."""
    key = id(gz)
    if key not in _BY_LETTERS:
        index: dict[str, list[str]] = {}
        for acro in gz.acronyms:
            index.setdefault("".join(sorted(acro)), []).append(acro)
        _BY_LETTERS[key] = index
    return key


def _covered(text: str, spans: list[tuple[int, int]], mentions: list[GroupMention]) -> bytearray:
    """One byte per character, set inside the spans and the mentions."""
    covered = bytearray(len(text) + 1)
    for s, e in spans + [(m.start, m.end) for m in mentions]:
        covered[s:e] = b"\x01" * (e - s)
    return covered


def _misspelt(
    text: str, gz: Gazetteer, hits: list[Hit], mentions: list[GroupMention], sentence_of: list[int]
) -> list[GroupMention]:
    """Upper-case tokens one transposition or substitution away from a known acronym."""
    if not gz.acronyms:
        return []
    by_letters = _BY_LETTERS.get(gz_key(gz), {})
    covered: bytearray | None = None
    out: list[GroupMention] = []
    for m in _ACRONYM.finditer(text):
        tok = m.group(0)
        if tok in gz.acronyms:
            continue
        near = by_letters.get("".join(sorted(tok)), ())
        if not near:
            continue
        if covered is None:
            covered = _covered(text, [(h.start, h.end) for h in hits], mentions)
        if covered[m.start()]:
            continue
        for acro in near:
            entry = gz.acronyms[acro]
            if OSA.distance(acro, tok) == 1:
                out.append(
                    GroupMention(
                        m.start(),
                        m.end(),
                        entry.group_id,
                        entry.name,
                        tok,
                        _sentence(sentence_of, hits, m.start()),
                    )
                )
                break
    return out


_NAME_RUN = re.compile(
    # the lookbehind after the C is a leading \b that lets the scan jump from C to C
    r"C(?<!\wC)[aá]rtel(?:es)?\s+(?:de(?:l)?\s+)?(?:los\s+|la\s+)?"
    r"[A-ZÁÉÍÓÚÑ][\w]+(?:\s+(?:de\s+|del\s+|of\s+)?[A-ZÁÉÍÓÚÑ][\w]+){0,4}"
)


def _misspelt_names(
    text: str,
    gz: Gazetteer,
    hits: list[Hit],
    infos: list[_Payloads],
    mentions: list[GroupMention],
    sentence_of: list[int],
) -> list[GroupMention]:
    """Capitalised names close to a long group name ("Cartel Jalsico Nueva Generacion");
    rapidfuzz only runs on runs of capitalised words the gazetteer left unclaimed."""
    if not gz.long_names:
        return []
    covered: bytearray | None = None
    names = list(gz.long_names)
    out: list[GroupMention] = []
    for m in _NAME_RUN.finditer(text):
        if len(m.group(0)) < 12:
            continue
        if covered is None:
            claimed = [
                (h.start, h.end)
                for h, info in zip(hits, infos, strict=True)
                if not info.only_contextual
            ]
            covered = _covered(text, claimed, mentions)
        if any(covered[m.start() : m.end()]):
            continue
        found = process.extractOne(fold(m.group(0)), names, scorer=fuzz.ratio, score_cutoff=90)
        if found is None:
            continue
        entry = gz.long_names[found[0]]
        out.append(
            GroupMention(
                m.start(),
                m.end(),
                entry.group_id,
                entry.name,
                m.group(0),
                _sentence(sentence_of, hits, m.start()),
            )
        )
    return out


def anaphora(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of 'the Cartel', 'el cártel', 'la organización' within [start, end)."""
    return [(start + m.start(), start + m.end()) for m in _ANAPHOR.finditer(text[start:end])]
