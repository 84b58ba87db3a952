"""Who asserts a claim: "según InSight Crime", "Beittel wrote", "dijo la Fiscalía".

Each sentence gets the speaker it names, else the speaker of the sentence before when the
text goes on with the same report: the same paragraph, or a paragraph that opens with a
continuation ("Moreover", "Asimismo") or refers back to "the report". A generic back
reference ("the report found", "según el informe") resolves to the last named source that
issued a report. ``None`` is the document's own voice.
"""

from __future__ import annotations

import re

from cartel_atlas.extract.context import DocView
from cartel_atlas.vocab.sources import SourceRegistry

_NAME = r"(?:[A-ZÁÉÍÓÚÑ][\w.’'\-]*|of|the|del|de|las|la|los|for|and|y|en)\b"
_PROPER = rf"(?:the\s+|la\s+|el\s+|los\s+)?[A-ZÁÉÍÓÚÑ][\w.’'\-]*(?:\s+{_NAME})*?"
_ACCORDING = re.compile(
    rf"\b(?i:according to|as reported by|cited by|según|de acuerdo con|de acuerdo a|"
    rf"a decir de|citado por|con información de)\s+(?P<src>(?:the\s+|la\s+|el\s+|los\s+|las\s+)?"
    rf"[\w.’'\-]+(?:\s+{_NAME})*(?:(?:\s+[\w.’'\-]+){{1,5}}?(?=\s*[,.;:]))?)",
)
_GENERIC_SPEAKER = re.compile(
    r",\s*(?P<src>(?:(?:local|state|federal|municipal|U\.S\.|Mexican)\s+){0,2}"
    r"(?:authorities|officials|police|prosecutors|sources|residents|witnesses|"
    r"autoridades|fuentes))\s+(?:said|say|says|reported|told|dijeron|informaron|señalaron)\b"
)
_VERBS = (
    r"wrote|writes|says|said|tells|told|found|finds|reported|reports|notes|noted|adds|"
    r"added|stated|explained|announced|estimated|argued|concluded|warned|"
    r"released|issued|published|contends?|believes?|agrees|recommends|"
    r"dijo|señaló|informó|indicó|afirmó|declaró|explicó|detalló|precisó|añadió|"
    r"agregó|sostuvo|reveló|advirtió|reconoció|confirmó|comunicó|publicó|reportó|"
    r"dio a conocer|informa|informaron|señalaron"
)
_SUBJECT_VERB = re.compile(
    rf"(?P<src>(?:[A-ZÁÉÍÓÚÑ][\w.’'\-]*)(?:\s+(?:[A-ZÁÉÍÓÚÑ(][\w.’'\-)]*|of|the|de|la|del))*)"
    rf"(?:\s*,[^,]{{3,80}},)?\s+(?:also\s+|later\s+)?(?P<verb>{_VERBS})\b"
)
_ORG_REPORT = re.compile(
    r"(?P<src>(?:[A-Z][\w.’'\-]*)(?:\s+(?:[A-Z][\w.’'\-]*|of|for|the|on))*)(?:['’]s)?\s+"
    r"(?:annual\s+|latest\s+|new\s+)?(?:report|study|analysis|survey|data|assessment|informe|"
    r"estudio)\b[^.;]{0,50}?\b(?:found|finds|shows?|showed|says|estimated|estimates|concluded|"
    r"señala|indica|muestra|revela)\b"
)
_VERB_SUBJECT = re.compile(
    rf"\b(?:said|says|dijo|señaló|informó|indicó|afirmó|declaró|explicó)\s+"
    rf"(?P<src>(?:la|el|the)\s+[A-ZÁÉÍÓÚÑ][\w.’'\-]*(?:\s+{_NAME})*)"
)
_PRONOUN = re.compile(rf"[”\"]?,?\s*\b(?:he|she|they|él|ella)\s+(?:{_VERBS})\b", re.I)
_GENERIC = re.compile(
    r"^(?:the|el|la|this|that|a|an)?\s*(?:report|informe|analysis|análisis|"
    r"study|estudio|research|document|documento)\b",
    re.I,
)
_CONTINUE = re.compile(
    r"^\s*(?:Moreover|Furthermore|In addition|Additionally|Also|Within|"
    r"Internationally|This|These|That|Those|It|Its|The report|The group|"
    r"Además|Asimismo|También|Por otra parte|De igual forma|Esto|Este|Esta)\b"
)
_REPORT_ISSUED = re.compile(r"\b(?:report|analysis|informe|análisis|study|estudio)\b", re.I)
_TRAILING = re.compile(r"(?:\s+(?:of|the|de|la|del|and|y|for|en|los|las))+$")
_NOT_A_SOURCE = {
    "It",
    "This",
    "That",
    "These",
    "There",
    "The",
    "Today",
    "Although",
    "And",
    "But",
    "In",
    "On",
    "As",
    "By",
    "For",
    "Some",
    "Many",
    "Everyone",
    "Mexico",
    "El",
    "La",
    "Los",
    "En",
    "Por",
    "Durante",
    "Con",
    "Desde",
}


_DOC_OF = re.compile(
    r"^(?:(?:un|una|a|an|the|el|la|su|its|their)\s+)?(?:\w+\s+)?"
    r"(?:report|informe|análisis|analysis|study|estudio|documento|document|"
    r"assessment|evaluación)\s+(?:de|del|by|of|from)\s+(?:la\s+|el\s+|the\s+)?"
    r"(?P<who>[A-ZÁÉÍÓÚÑ].*)$"
)


def _clean(name: str) -> str:
    name = re.sub(r"['’]s$", "", name.strip())
    m = _DOC_OF.match(name)
    if m:
        name = m.group("who")
    name = _TRAILING.sub("", name).strip(' ,.;:“”"')
    return re.sub(r"^(?:the|la|el|los|las|un|una|a|an)\s+", "", name, flags=re.I)


_CANONICAL: dict[tuple[int, str], str] = {}


def _canonical(name: str, registry: SourceRegistry | None) -> str:
    key = (id(registry), name)
    if key not in _CANONICAL:
        if len(_CANONICAL) > 10_000:
            _CANONICAL.clear()
        _CANONICAL[key] = _lookup(name, registry)
    return _CANONICAL[key]


def _lookup(name: str, registry: SourceRegistry | None) -> str:
    if registry is not None:
        known = registry.match(name)
        if known is not None:
            return known.name
    return name


_CUE_WORDS = frozenset(_VERBS.replace("dio a conocer", "conocer").split("|")) | {
    "according",
    "reported",
    "cited",
    "según",
    "acuerdo",
    "decir",
    "citado",
    "información",
}
_WORD = re.compile(r"\w+")


def _has_cue(sentence: str) -> bool:
    """Cheap pre-check (a set lookup per word) before the costly patterns."""
    return not _CUE_WORDS.isdisjoint(_WORD.findall(sentence.lower()))


_BACK_SUBJECT = re.compile(
    r"^(?:[A-Z]\w*,\s+)?(?:the|this|that|el|la|este|esta)\s+(?:\w+\s+)?(?:report|analysis|study|"
    r"informe|análisis|estudio|documento)\s+(?:also\s+)?(?:found|finds|says|said|shows|showed|"
    r"concluded|notes|señala|indica|muestra|concluye)\b",
    re.I,
)


def _named(sentence: str) -> tuple[str | None, bool]:
    """(speaker named in the sentence, whether it refers back to a report)."""
    if _BACK_SUBJECT.match(sentence):
        return None, True
    if not _has_cue(sentence):
        return None, False
    m = _ACCORDING.search(sentence)
    if m:
        src = _clean(m.group("src"))
        return (None, True) if _GENERIC.match(src) else (src or None, False)
    m = _ORG_REPORT.search(sentence)
    if m and _clean(m.group("src")) not in ("The", "This", "A", "An", ""):
        return _clean(m.group("src")), False
    m = _GENERIC_SPEAKER.search(sentence)
    if m:
        return m.group("src"), False
    m = _VERB_SUBJECT.search(sentence)
    if m:
        return _clean(m.group("src")) or None, False
    for m in _SUBJECT_VERB.finditer(sentence):
        src = m.group("src")
        before = sentence[max(0, m.start() - 12) : m.start()].lower()
        if re.search(r"\b(?:the|el|la)\s*$", before) and _GENERIC.match("the " + src):
            return None, True
        words = src.split()
        while words and words[0] in _NOT_A_SOURCE:
            words = words[1:]
        if not words:
            if re.search(r"\b(?:the|el|la)\s*$", before) or _GENERIC.match(src):
                return None, True
            continue
        src = _clean(" ".join(words))
        if src and src.lower() not in ("report", "cartel", "cartels"):
            if re.search(r"\breport\b", src, re.I) and m.group("verb") in ("found", "finds"):
                src = _clean(re.sub(r"\s*report.*$", "", src, flags=re.I)) or src
            return src, False
    return None, False


def sources(view: DocView, registry: SourceRegistry | None = None) -> list[str | None]:
    """The speaker of every sentence (None: the document's own voice)."""
    out: list[str | None] = []
    current: str | None = None
    last_person: str | None = None
    last_report: str | None = None
    prev_para = -1
    for s in view.sentences:
        if (
            s.paragraph != prev_para
            and not _CONTINUE.match(s.text)
            and not re.match(r"^[“\"]", s.text)
        ):
            current = None
        prev_para = s.paragraph
        name, back = _named(s.text)
        if name:
            # the name as written: the registry matches it (and its aliases) on demand
            current = name
            if " " not in name or re.search(r"[a-z]", name):
                last_person = current
            if _REPORT_ISSUED.search(s.text):
                last_report = current
        elif back:
            current = last_report or current
        elif last_person and _has_cue(s.text) and _PRONOUN.search(s.text):
            current = last_person
        out.append(current)
    return out
