"""Reference data: the source registry and the baseline claims, loaded idempotently."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import yaml

from cartel_atlas.store import Store, load_reference
from cartel_atlas.vocab import get_vocabulary


def test_load_reference_stores_sources_and_one_presence_fact_per_claim(store: Store) -> None:
    vocab = get_vocabulary()
    loaded = load_reference(store, vocab)

    claims = vocab.baseline
    assert loaded["baseline_claims"] == len(claims)
    assert loaded["baseline_added"] == len({c.statement for c in claims})
    assert loaded["sources"] == len(vocab.sources.by_id)
    counts = store.counts()
    assert counts["sources"] == len(vocab.sources.by_id)
    assert counts["facts.presence"] == loaded["baseline_added"]

    claim = claims[0]
    facts = [
        f
        for f in store.facts(kind="presence", group=claim.group)
        if f.evidence.sentence == claim.statement
    ]
    assert len(facts) == 1
    fact = facts[0]
    assert fact.fields["group"] == vocab.groups.get(claim.group).name
    assert fact.fields["group_id"] == claim.group
    assert fact.fields["place"] == claim.place
    assert fact.fields["as_of"] == claim.as_of.isoformat()
    assert fact.polarity == claim.polarity
    assert fact.valid_from == claim.as_of
    assert fact.evidence.component == "baseline"
    assert (fact.evidence.start, fact.evidence.end) == (0, len(claim.statement))
    assert fact.doc_url == str(claim.source_url)
    assert fact.doc_published == claim.as_of
    state = vocab.places.find_state(claim.place)
    assert state is not None
    assert store.facts(kind="presence", state_code=state.code)
    doc = store.get_document(fact.doc_id)
    assert doc.format == "baseline"
    assert doc.text == claim.statement


def test_loading_reference_data_twice_adds_nothing(store: Store) -> None:
    vocab = get_vocabulary()
    load_reference(store, vocab)
    before = store.counts()
    again = load_reference(store, vocab)
    assert again["baseline_added"] == 0
    assert again["baseline_retracted"] == 0
    assert store.counts() == before


def test_a_reworded_claim_replaces_the_old_fact_which_stays_readable_as_of_before(
    store: Store, tmp_path: Path
) -> None:
    from cartel_atlas.vocab import DATA_DIR, load_vocabulary

    load_reference(store, get_vocabulary())
    before = store.counts()
    loaded_at = datetime.now(UTC)

    edited = tmp_path / "vocab"
    shutil.copytree(DATA_DIR, edited)
    path = edited / "baseline_presence.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    old = data["claims"][-1]["statement"]
    data["claims"][-1]["statement"] = old + " (restated)"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    result = load_reference(store, load_vocabulary(edited))
    assert result["baseline_added"] == 1
    assert result["baseline_retracted"] == 1
    assert store.counts()["facts.presence"] == before["facts.presence"]
    now = {f.evidence.sentence for f in store.facts(kind="presence")}
    assert old + " (restated)" in now
    assert old not in now
    then = {f.evidence.sentence for f in store.facts(kind="presence", recorded_before=loaded_at)}
    assert old in then
