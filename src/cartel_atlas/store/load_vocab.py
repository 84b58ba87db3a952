"""Reference data into the store: the source registry and the baseline presence claims.

Each baseline claim becomes a small document (its statement, from its source) with one
``presence`` fact whose evidence is the whole statement, so the atlas answers "who is
where" before any news is ingested and every answer still points at a cited text.
Loading is idempotent; a claim edited or removed in the data file has its old fact
retracted (never deleted), so earlier states of the atlas stay readable.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from cartel_atlas.model import Document, Evidence, Fact, Sentence
from cartel_atlas.store import schema as t

if TYPE_CHECKING:
    from cartel_atlas.store.store import Store
    from cartel_atlas.vocab import Vocabulary
    from cartel_atlas.vocab.claims import BaselineClaim

BASELINE_FORMAT = "baseline"
BASELINE_COMPONENT = "baseline"


@dataclass(frozen=True, slots=True)
class _SourceRow:
    id: str
    name: str
    outlet_type: str
    reliability: str
    url: str | None
    country: str | None
    aliases: tuple[str, ...]


def baseline_version(vocab: Vocabulary) -> str:
    """The ``version:`` of the baseline data file (the claims' component version)."""
    from cartel_atlas.vocab.claims import BASELINE_FILE
    from cartel_atlas.vocab.files import read_yaml

    data = read_yaml(vocab.directory / BASELINE_FILE)
    version = data.get("version") if isinstance(data, dict) else None
    return "unversioned" if version is None else str(version)


def baseline_record(
    vocab: Vocabulary, claim: BaselineClaim, version: str
) -> tuple[Document, Sentence, Fact]:
    """The document, sentence and presence fact that stand for one baseline claim."""
    registry = vocab.sources
    known = registry.by_id.get(claim.source) or registry.match(claim.source)
    source_name = known.name if known else claim.source
    group = vocab.groups.get(claim.group)
    state = vocab.places.find_state(claim.place)
    text = claim.statement
    doc = Document(
        text=text,
        title=f"{group.name} in {claim.place} ({claim.as_of.isoformat()})",
        url=str(claim.source_url),
        publisher=source_name,
        published=claim.as_of,
        format=BASELINE_FORMAT,
        name=f"baseline:{claim.group}:{claim.place}:{claim.as_of.isoformat()}:"
        f"{known.id if known else claim.source}",
        meta={"source_id": known.id if known else None, "level": claim.level},
    )
    fields: dict[str, Any] = {
        "group": group.name,
        "group_id": claim.group,
        "place": claim.place,
        "state_code": state.code if state else None,
        "polarity": claim.polarity,
        "level": claim.level,
        "as_of": claim.as_of.isoformat(),
        "source": source_name,
    }
    fact = Fact(
        kind="presence",
        fields=fields,
        evidence=Evidence(
            doc_id=doc.id,
            start=0,
            end=len(text),
            sentence=text,
            component=BASELINE_COMPONENT,
            version=version,
        ),
        polarity=claim.polarity,
        confidence=1.0,
        source=source_name,
        valid_from=claim.as_of,
    )
    return doc, Sentence(doc.id, 0, 0, len(text), text), fact


def load_reference(store: Store, vocab: Vocabulary) -> dict[str, int]:
    """Load the source registry and every baseline claim; safe to run any number of times.

    Returns counts: ``sources`` (registry entries written), ``baseline_claims`` (in the
    data file), ``baseline_added``, ``baseline_unchanged`` and ``baseline_retracted``.
    """
    registry = vocab.sources
    sources = [
        _SourceRow(
            id=s.id,
            name=s.name,
            outlet_type=s.outlet_type,
            reliability=registry.reliability(s.id),
            url=str(s.url) if s.url else None,
            country=s.country,
            aliases=tuple(s.aliases),
        )
        for s in registry.by_id.values()
    ]
    written = store.upsert_sources(sources)

    version = baseline_version(vocab)
    records = [baseline_record(vocab, claim, version) for claim in vocab.baseline]
    new = [r for r in records if not store.has_document(r[0].id)]
    added = 0
    if new:
        run_id = store.start_run("init: baseline claims")
        for doc, sentence, fact in new:
            added += store.add_document(doc, [sentence], [], [fact], run_id=run_id)
        store.finish_run(run_id, "ok", {"documents": added})

    current = {r[0].id for r in records}
    retracted = 0
    for fid in _live_baseline_facts_outside(store, current):
        store.retract_fact(fid)
        retracted += 1
    return {
        "sources": written,
        "baseline_claims": len(records),
        "baseline_added": added,
        "baseline_unchanged": len(records) - added,
        "baseline_retracted": retracted,
    }


def _live_baseline_facts_outside(store: Store, doc_ids: set[str]) -> list[str]:
    """Ids of live baseline facts whose claim is no longer in the data file."""
    f, d = t.facts, t.documents
    q = (
        sa.select(f.c.id, f.c.doc_id)
        .join(d, d.c.id == f.c.doc_id)
        .where(d.c.format == BASELINE_FORMAT, f.c.retracted_at.is_(None))
    )
    with store.session() as session:
        return [fid for fid, doc_id in session.execute(q) if doc_id not in doc_ids]
