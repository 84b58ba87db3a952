"""The extraction pipeline: one scan per component, then every extractor over the views.

Order: language -> sentences -> folding -> gazetteer scan (entities and cues) -> numbers
and dates -> places and groups resolved in context -> attribution -> events, presence,
flows, legal actions, statistics, aliases -> facts with evidence.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date
from functools import lru_cache

from cartel_atlas.errors import ExtractError
from cartel_atlas.extract import dates as dates_mod
from cartel_atlas.extract import language, numbers, sentences
from cartel_atlas.extract.aliases import resolve_groups
from cartel_atlas.extract.attribution import sources as speaker_of
from cartel_atlas.extract.context import (
    CommodityMention,
    DocView,
    GroupMention,
    PlaceMention,
    build_view,
)
from cartel_atlas.extract.drafts import Draft
from cartel_atlas.extract.events import extract_events
from cartel_atlas.extract.export import fields_key, to_fact
from cartel_atlas.extract.flows import extract_flows
from cartel_atlas.extract.folding import fold_text
from cartel_atlas.extract.gazetteer import CommodityEntry, Gazetteer, GroupEntry, gazetteer_for
from cartel_atlas.extract.legal import extract_legal
from cartel_atlas.extract.people import find_people
from cartel_atlas.extract.perpetrators import attribute_lead
from cartel_atlas.extract.phrases import Hit, longest
from cartel_atlas.extract.places import resolve_places
from cartel_atlas.extract.presence import extract_presence
from cartel_atlas.extract.setting import document_state, fill_places
from cartel_atlas.extract.statistics import extract_statistics
from cartel_atlas.model import Document, Fact, Mention, Sentence
from cartel_atlas.vocab import Vocabulary
from cartel_atlas.vocab.text import fold

_ARTICLES = ("the ", "el ", "la ", "los ", "las ")


def analyse(
    document: Document, vocab: Vocabulary
) -> tuple[str, DocView, list[Fact], list[Mention]]:
    """Language, sentence views, facts and mentions of one document."""
    text = document.text
    if not isinstance(text, str):
        raise ExtractError(f"document {document.id}: text is not a string", code="X001")
    lang = document.language if document.language in ("es", "en") else language.detect(text)
    published: date | None = document.published
    gz = gazetteer_for(vocab)
    view = build_view(document.id, text, lang, published, sentences.split(text, lang))
    ft = fold_text(text)
    entity_hits = longest(gz.entities.find(ft))
    cue_hits = gz.cues[lang].find(ft)
    _place_headers(view, vocab)
    sentence_of = _sentence_indexes(view, [h.start for h in entity_hits])
    places = resolve_places(view, entity_hits, vocab.places)
    groups = resolve_groups(text, entity_hits, gz, sentence_of)
    in_group = bytearray(len(text) + 1)
    for g in groups:
        in_group[g.start : g.end] = b"\x01" * (g.end - g.start)
    places = [p for p in places if not any(in_group[p.start : p.end])]
    commodities = _commodities(entity_hits, sentence_of, text)
    for p in places:
        view.sentences[p.sentence].places.append(p)
    for g in groups:
        view.sentences[g.sentence].groups.append(g)
    for c in commodities:
        view.sentences[c.sentence].commodities.append(c)
    sents = view.sentences
    cue_at = _sentence_indexes(view, [h.start for h in cue_hits])
    for h, i in zip(cue_hits, cue_at, strict=True):
        sents[i].cues.append(h)
    found_numbers = numbers.find_numbers(text, lang)
    number_at = _sentence_indexes(view, [n.start for n in found_numbers])
    for n, i in zip(found_numbers, number_at, strict=True):
        sents[i].numbers.append(n)
    found_dates = dates_mod.find_dates(text, lang, published)
    date_at = _sentence_indexes(view, [d.start for d in found_dates])
    for d, i in zip(found_dates, date_at, strict=True):
        sents[i].dates.append(d)
    speakers = speaker_of(view, vocab.sources)
    drafts: list[Draft] = []
    drafts += extract_events(view)
    attribute_lead(view, drafts, vocab.groups)
    setting = document_state(view)  # the state the report is set in, if one
    fill_places(drafts, setting, vocab.places)
    drafts += extract_presence(view, speakers, setting)
    drafts += extract_flows(view, speakers)
    drafts += extract_legal(view)
    drafts += extract_statistics(view, speakers)
    drafts += _aliases(groups, view)
    for draft in drafts:
        if draft.source is None and draft.kind in ("event", "legal_action"):
            draft.source = speakers[
                draft.sentence
            ]  # who asserts it, for the store and the analysts
    facts = [to_fact(document, d, key) for d, key in _distinct(drafts)]
    mentions = _mentions(document.id, view, groups, places, commodities, gz, entity_hits)
    return lang, view, facts, mentions


def _sentence_indexes(view: DocView, offsets: list[int]) -> list[int]:
    """``view.sentence_at`` of each offset, without a method call per offset."""
    starts = view._starts
    return [max(0, bisect_right(starts, offset) - 1) for offset in offsets]


def _distinct(drafts: list[Draft]) -> list[tuple[Draft, str]]:
    """One draft per identical claim (a second sentence about the same seizure adds nothing),
    each with its ``fields_key`` (which the fact id reuses)."""
    seen: set[tuple[str, str, str]] = set()
    out = []
    for d in drafts:
        fields = fields_key(d)
        key = (d.kind, fields, d.polarity)
        if key not in seen:
            seen.add(key)
            out.append((d, fields))
    return out


def _place_headers(view: DocView, vocab: Vocabulary) -> None:
    """Carry the state of each section header ("SINALOA:") to the sentences below it."""
    state: str | None = None
    label: str | None = None
    for s in view.sentences:
        # "Sinaloa:" or "Estado de México:" written in ordinary case
        if (
            not s.is_header
            and s.intro
            and len(s.text.split()) <= 4
            and vocab.places.find_state(s.text.strip(" :-–")) is not None
        ):
            s.is_header, s.intro = True, False
        if s.is_header:
            found = vocab.places.find_state(s.text.strip(" :-–"))
            state, label = (found.code, found.label) if found else (None, None)
            continue
        s.header_state, s.header_label = state, label


def _commodities(hits: list[Hit], sentence_of: list[int], text: str) -> list[CommodityMention]:
    out = []
    for i, h in enumerate(hits):
        for p in h.payloads:
            if isinstance(p, CommodityEntry) and not any(
                isinstance(q, GroupEntry) for q in h.payloads
            ):
                out.append(
                    CommodityMention(
                        h.start,
                        h.end,
                        text[h.start : h.end],
                        p.commodity_id,
                        p.category,
                        sentence_of[i],
                    )
                )
                break
    return out


def _aliases(groups: list[GroupMention], view: DocView) -> list[Draft]:
    """One alias fact per distinct surface form that differs from the canonical name."""
    out: list[Draft] = []
    seen: set[tuple[str, str]] = set()
    for g in groups:
        alias, folded, same = _alias_form(g.alias, g.name)
        key = (g.group_id, folded)
        if not alias or key in seen or same:
            continue
        seen.add(key)
        out.append(
            Draft(
                "alias",
                {"group": g.name, "alias": alias},
                g.start,
                g.end,
                g.sentence,
                "aliases",
                confidence=0.8,
            )
        )
    return out


@lru_cache(maxsize=4096)
def _alias_form(surface: str, name: str) -> tuple[str, str, bool]:
    """The alias to report for ``surface`` (without a leading article the name lacks), its
    folded key and whether it folds to the canonical ``name``. Memoised: the same few
    group names recur in every document, and ``fold`` is slow."""
    alias = surface
    low = alias.lower()
    for art in _ARTICLES:
        if low.startswith(art) and not name.lower().startswith(art):
            alias = alias[len(art) :]
            break
    folded = fold(alias)
    return alias, folded, folded == fold(name)


def _mentions(
    doc_id: str,
    view: DocView,
    groups: list[GroupMention],
    places: list[PlaceMention],
    commodities: list[CommodityMention],
    gz: Gazetteer,
    hits: list[Hit],
) -> list[Mention]:
    out: list[Mention] = []
    for g in groups:
        out.append(
            Mention(
                doc_id,
                "group",
                g.start,
                g.end,
                view.text[g.start : g.end],
                g.group_id,
                g.sentence,
                {"alias": g.alias, "name": g.name},
            )
        )
    for p in places:
        out.append(
            Mention(
                doc_id,
                "place",
                p.start,
                p.end,
                p.surface,
                p.code,
                p.sentence,
                {"label": p.label, "kind": p.kind},
            )
        )
    for c in commodities:
        out.append(
            Mention(
                doc_id,
                "commodity",
                c.start,
                c.end,
                c.surface,
                c.commodity_id,
                c.sentence,
                {"category": c.category},
            )
        )
    for s in view.sentences:
        for d in s.dates:
            if d.value:
                out.append(
                    Mention(
                        doc_id,
                        "date",
                        d.start,
                        d.end,
                        d.text,
                        str(d.value),
                        s.index,
                        {"precision": d.precision},
                    )
                )
    taken = [(h.start, h.end) for h in hits]
    for person in find_people(view.text, taken):
        if person.role:
            out.append(
                Mention(
                    doc_id,
                    "person",
                    person.start,
                    person.end,
                    person.name,
                    fold(person.name),
                    view.sentence_at(person.start),
                    {"role": person.role},
                )
            )
    out.sort(key=lambda m: (m.start, m.kind))
    return out


def sentence_records(view: DocView) -> list[Sentence]:
    """The document's sentences as model records (offset views into its text)."""
    return [Sentence(view.doc_id, s.index, s.start, s.end, s.text) for s in view.sentences]
