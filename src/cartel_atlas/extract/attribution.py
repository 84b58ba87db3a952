"""Who asserts a claim: "según InSight Crime", "Beittel wrote", "dijo la Fiscalía".

Each sentence gets the speaker it names, else the speaker of the sentence before when the
text goes on with the same report: the same paragraph, or a paragraph that opens with a
continuation ("Moreover", "Asimismo") or refers back to "the report". A generic back
reference ("the report found", "según el informe") resolves to the last named source that
issued a report. ``None`` is the document's own voice.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Set

import ahocorasick

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
    r"(?:authorities|officials|police|prosecutors|sources|residents|witnesses|analysts|"
    r"experts|specialists|researchers|autoridades|fuentes|analistas|especialistas|expertos))"
    r"\s+(?:said|say|says|reported|told|dijeron|informaron|señalaron|dicen|señalan)\b"
)
_VERBS = (
    r"wrote|writes|says|said|tells|told|found|finds|reported|reports|notes|noted|adds|"
    r"added|stated|explained|announced|estimated|argued|concluded|warned|"
    r"released|issued|published|contends?|believes?|agrees|recommends|"
    r"dijo|señaló|informó|indicó|afirmó|declaró|explicó|detalló|precisó|añadió|"
    r"agregó|sostuvo|reveló|advirtió|reconoció|confirmó|comunicó|publicó|reportó|"
    r"dio a conocer|informa|informaron|señalaron|say|attribute|blame|dicen|afirman|"
    r"atribuyen|señalan|advierten|consideran|estiman|sostienen|aseguran|señalado|dicho|"
    r"informado|afirmado|advertido|indicado"
)
_SUBJECT_VERB = re.compile(
    rf"(?P<src>(?:[A-ZÁÉÍÓÚÑ][\w.’'\-]*)(?:\s+(?:[A-ZÁÉÍÓÚÑ(][\w.’'\-)]*|of|the|de|la|del))*)"
    rf"(?:\s*,[^,]{{3,80}},)?\s+(?:also\s+|later\s+)?(?:(?:ha|han|has|have|had)\s+)?"
    rf"(?P<verb>{_VERBS})\b"
)
_SPEAKER_NOUNS = (
    r"analysts|experts|officials|authorities|prosecutors|investigators|specialists|"
    r"researchers|analistas|especialistas|expertos|autoridades|funcionarios|fiscales|"
    r"investigadores"
)
_GENERIC_SUBJECT = re.compile(
    rf"^(?:[A-ZÁÉÍÓÚÑ][\w ]{{0,30}},\s+)?(?P<src>(?:(?:[A-Z][\w.]*|local|state|federal|"
    rf"municipal|security|Mexican|American)\s+){{0,3}}(?i:{_SPEAKER_NOUNS})"
    rf"(?:\s+(?:estatales|federales|locales|municipales|mexicanas|estadounidenses|"
    rf"de seguridad|de(?:l| la)?\s+[A-ZÁÉÍÓÚÑ][\w]+(?:\s+[A-ZÁÉÍÓÚÑ][\w]+)?))?)"
    rf"\s+(?:(?:also|later|have|has|han|ha|long)\s+)*(?P<verb>{_VERBS})\b"
)
"""A sentence opened by a speaker the text does not name: "Analysts say", "U.S. authorities
say", "Especialistas atribuyen", "Autoridades de Nuevo León atribuyen"."""
_GENERIC_AFTER_VERB = re.compile(
    r",\s*(?:informaron|dijeron|señalaron|indicaron|explicaron|afirmaron|reportaron|"
    r"denunciaron|aseguraron)\s+(?P<src>(?:las\s+|los\s+)?(?:autoridades|fuentes|funcionarios|"
    r"fiscales|vecinos|pobladores|testigos|analistas|especialistas)(?:\s+(?:estatales|"
    r"federales|locales|municipales|policiales|ministeriales|de seguridad))?)\b"
)
"""Spanish verb-subject order at the end of a sentence: "..., informaron autoridades
estatales"."""
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
_PRONOUN = re.compile(rf"\b(?:he|she|they|él|ella)\s+(?:{_VERBS})\b", re.I)
"""A pronoun speaker ("“...,” he said"); only whether it occurs matters."""
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


_POSSESSIVE = re.compile(r"['’]s$")
_ARTICLE = re.compile(r"^(?:the|la|el|los|las|un|una|a|an)\s+", re.I)


def _clean(name: str) -> str:
    name = _POSSESSIVE.sub("", name.strip())
    m = _DOC_OF.match(name)
    if m:
        name = m.group("who")
    name = _TRAILING.sub("", name).strip(' ,.;:“”"')
    return _ARTICLE.sub("", name)


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


def _cue_words(sentence: str) -> Set[str]:
    """The cue words the lowercased sentence has as whole words: a cheap pre-check (a set
    lookup per word) before the costly patterns, which need at least one."""
    return _CUE_WORDS.intersection(_WORD.findall(sentence.lower()))


def _finder(words: Set[str]) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for w in words:
        if _WORD.fullmatch(w):  # "contends?" is a pattern piece, never a word
            auto.add_word(w, w)
    auto.make_automaton()
    return auto


_CUE_FINDER = _finder(_CUE_WORDS)


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"  # what \w matches


def _doc_cue_words(view: DocView) -> list[set[str]] | None:
    """``_cue_words`` of every sentence from one pass over the lowercased document; None
    when lowercasing moves offsets ("İ" becomes two characters)."""
    text = view.text
    if "\u0130" in text:
        return None
    low = text.lower()
    sents = view.sentences
    out: list[set[str]] = [set() for _ in sents]
    starts = view._starts
    for last, w in _CUE_FINDER.iter(low):
        a, b = last + 1 - len(w), last + 1
        # view.sentence_at(a) without a call (lo=1 stands for its max(0, ...))
        s = sents[bisect_right(starts, a, 1) - 1]
        if a < s.start or b > s.end:
            continue
        if a > s.start:
            c = low[a - 1]
            if c.isalnum() or c == "_":  # \w: part of a longer word
                continue
        if b < s.end:
            c = low[b]
            if c.isalnum() or c == "_":
                continue
        out[s.index].add(w)
    return out


_ODD_CASE = ("\u0130", "\u0131", "\u017f")
"""İ, ı and ſ: re.I reads them as i and s but str.lower() does not, so a word test on
lowercased text is a safe pre-check for an re.I pattern only in a text without them."""
_ACCORDING_WORDS = frozenset(
    {"according", "reported", "cited", "según", "acuerdo", "decir", "citado", "información"}
)
"""One of these is a word of every sentence ``_ACCORDING`` matches."""
_VERB_SUBJECT_WORDS = frozenset(
    {"said", "says", "dijo", "señaló", "informó", "indicó", "afirmó", "declaró", "explicó"}
)
_SUBJECT_VERBS = frozenset(_VERBS.replace("dio a conocer", "conocer").split("|")) - {
    "contends?",
    "believes?",
}
"""The verbs of ``_SUBJECT_VERB`` that are cue words (all but contend(s), believe(s))."""
_WORD_REST = re.compile(r"\w*")


def _verb_reach(sentence: str, cues: Set[str]) -> int:
    """Where every ``_SUBJECT_VERB`` match of ``sentence`` has ended: the end of the word
    holding the last verb written (a match ends with a whole-word verb, which is a cue word
    or contend(s)/believe(s)). Scanning stops there; the pattern's closing \\b reads the
    same at the end of a word as at the end of the text."""
    end = 0
    for verb in (*(cues & _SUBJECT_VERBS), "contend", "believe"):
        i = sentence.rfind(verb)
        if i >= 0 and i + len(verb) > end:
            end = i + len(verb)
    m = _WORD_REST.match(sentence, end)
    return m.end() if m else end


_REPORT_NOUNS = (
    "report", "study", "analysis", "survey", "data", "assessment", "informe", "estudio",
)  # fmt: skip
_REPORT_VERBS = (
    "found", "finds", "show", "says", "estimate", "concluded", "señala", "indica", "muestra",
    "revela",
)  # fmt: skip
_REPORT_WORDS = ("report", "analysis", "informe", "análisis", "study", "estudio")


_ACCORDING_PHRASES = (
    "according to", "as reported by", "cited by", "según", "de acuerdo con", "de acuerdo a",
    "a decir de", "citado por", "con información de",
)  # fmt: skip
"""Every ``_ACCORDING`` match holds one of these, lowercased."""


def _holds(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text`` holds one of ``words`` (a loop: any() over a generator costs more
    than the tests)."""
    for w in words:  # noqa: SIM110
        if w in text:
            return True
    return False


def _may_org_report(sentence: str) -> bool:
    """Substrings every ``_ORG_REPORT`` match holds (the pattern is case-sensitive)."""
    return _holds(sentence, _REPORT_NOUNS) and _holds(sentence, _REPORT_VERBS)


def _odd_case(sentence: str) -> bool:
    return any(c in sentence for c in _ODD_CASE)


def _issues_report(sentence: str, odd: bool | None = None) -> bool:
    """``_REPORT_ISSUED`` matches, tried only when a lowercase test allows it (``odd``:
    ``_odd_case(sentence)`` when the caller knows it)."""
    if not (_odd_case(sentence) if odd is None else odd) and not _holds(
        sentence.lower(), _REPORT_WORDS
    ):
        return False
    return bool(_REPORT_ISSUED.search(sentence))


def _may_have_pronoun(sentence: str, cues: Set[str], odd: bool) -> bool:
    """False when ``_PRONOUN`` cannot match: it needs one of its verbs as a whole word (in
    any case), which is a cue word or contend(s)/believe(s)."""
    return (
        odd
        or not cues.isdisjoint(_SUBJECT_VERBS)
        or _holds(sentence.lower(), ("contend", "believe"))
    )


_BACK_SUBJECT = re.compile(
    r"^(?:[A-Z]\w*,\s+)?(?:the|this|that|el|la|este|esta)\s+(?:\w+\s+)?(?:report|analysis|study|"
    r"informe|análisis|estudio|documento)\s+(?:also\s+)?(?:found|finds|says|said|shows|showed|"
    r"concluded|notes|señala|indica|muestra|concluye)\b",
    re.I,
)


_ARTICLE_END = re.compile(r"\b(?:the|el|la)\s*$")
_REPORT_WORD = re.compile(r"\breport\b", re.I)
_REPORT_TAIL = re.compile(r"\s*report.*$", re.I)


def _named(
    sentence: str, cues: Set[str] | None = None, odd: bool | None = None
) -> tuple[str | None, bool]:
    """(speaker named in the sentence, whether it refers back to a report).

    ``cues`` is ``_cue_words(sentence)`` and ``odd`` ``_odd_case(sentence)`` when the
    caller has them already; the word tests below skip patterns that cannot match."""
    if _BACK_SUBJECT.match(sentence):
        return None, True
    if cues is None:
        cues = _cue_words(sentence)
    if not cues:
        return None, False
    if odd is None:
        odd = _odd_case(sentence)
    if odd or (
        not cues.isdisjoint(_ACCORDING_WORDS) and _holds(sentence.lower(), _ACCORDING_PHRASES)
    ):
        m = _ACCORDING.search(sentence)
        if m:
            src = _clean(m.group("src"))
            return (None, True) if _GENERIC.match(src) else (src or None, False)
    if _may_org_report(sentence):
        m = _ORG_REPORT.search(sentence)
        if m and _clean(m.group("src")) not in ("The", "This", "A", "An", ""):
            return _clean(m.group("src")), False
    m = _GENERIC_SPEAKER.search(sentence)
    if m:
        return m.group("src"), False
    m = _GENERIC_SUBJECT.match(sentence)
    if m:
        return m.group("src"), False
    m = _GENERIC_AFTER_VERB.search(sentence)
    if m:
        return m.group("src"), False
    if not cues.isdisjoint(_VERB_SUBJECT_WORDS):  # its verbs are cue words, case-sensitive
        m = _VERB_SUBJECT.search(sentence)
        if m:
            return _clean(m.group("src")) or None, False
    reach = _verb_reach(sentence, cues)
    for m in _SUBJECT_VERB.finditer(sentence, 0, reach):
        src = m.group("src")
        before = sentence[max(0, m.start() - 12) : m.start()].lower()
        if _ARTICLE_END.search(before) and _GENERIC.match("the " + src):
            return None, True
        words = src.split()
        while words and words[0] in _NOT_A_SOURCE:
            words = words[1:]
        if not words:
            if _ARTICLE_END.search(before) or _GENERIC.match(src):
                return None, True
            continue
        src = _clean(" ".join(words))
        if src and src.lower() not in ("report", "cartel", "cartels"):
            if _REPORT_WORD.search(src) and m.group("verb") in ("found", "finds"):
                src = _clean(_REPORT_TAIL.sub("", src)) or src
            return src, False
    return None, False


_LOWERCASE = re.compile(r"[a-z]")


def sources(view: DocView, registry: SourceRegistry | None = None) -> list[str | None]:
    """The speaker of every sentence (None: the document's own voice)."""
    out: list[str | None] = []
    current: str | None = None
    last_person: str | None = None
    last_report: str | None = None
    prev_para = -1
    doc_cues = _doc_cue_words(view)
    doc_odd = _odd_case(view.text)
    for s in view.sentences:
        if (
            s.paragraph != prev_para
            and not _CONTINUE.match(s.text)
            and not s.text.startswith(("“", '"'))
        ):
            current = None
        prev_para = s.paragraph
        cues = doc_cues[s.index] if doc_cues is not None else _cue_words(s.text)
        odd = doc_odd and _odd_case(s.text)
        name, back = _named(s.text, cues, odd)
        if name:
            # the name as written: the registry matches it (and its aliases) on demand
            current = name
            if " " not in name or _LOWERCASE.search(name):
                last_person = current
            if _issues_report(s.text, odd):
                last_report = current
        elif back:
            current = last_report or current
        elif (
            last_person
            and cues
            and _may_have_pronoun(s.text, cues, odd)
            and _PRONOUN.search(s.text)
        ):
            current = last_person
        out.append(current)
    return out
