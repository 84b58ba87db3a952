"""How well incidents merge: pairwise precision and recall on a labelled set of reports.

Each line of the pairs file names two report documents and whether they describe the
same real event. The reports run through the whole pipeline -- extraction, a real
(temporary SQLite) store, deduplication -- and a pair counts as merged when some event
fact of one report and some event fact of the other share an incident. A report the
extractor gets no event from simply cannot merge: extraction misses count against
recall, as they would in use.

``mode="answer_key"`` instead takes each report's event from its sidecar
(``meta["event"]``), to measure the merge rules alone.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from cartel_atlas.analyze.incidents import build_incidents
from cartel_atlas.errors import SourceError
from cartel_atlas.model import Document, Evidence, Fact, Sentence
from cartel_atlas.store import Store
from cartel_atlas.vocab import Vocabulary, get_vocabulary

Mode = Literal["pipeline", "answer_key"]

DEFAULT_PAIRS = Path("tests/resources/dedup_pairs.jsonl")
"""The project's labelled set, relative to the repository root."""


@dataclass(frozen=True)
class DedupScore:
    """Pairwise merge quality over a labelled pair set."""

    precision: float
    recall: float
    f1: float
    n_pairs: int
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    true_negative: int = 0
    reports_without_event: tuple[str, ...] = ()
    errors: tuple[dict[str, Any], ...] = field(default=())
    """The wrongly decided pairs, for inspection."""


def default_pairs_path() -> Path:
    """The labelled set: from the working directory, else beside the source checkout."""
    if DEFAULT_PAIRS.exists():
        return DEFAULT_PAIRS
    return Path(__file__).resolve().parents[3] / DEFAULT_PAIRS


def read_pairs(path: Path) -> list[dict[str, Any]]:
    """The labelled pairs; a malformed line is a ``SourceError`` naming it."""
    if not path.is_file():
        raise SourceError("pair file not found", uri=str(path), code="S001")
    pairs = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            pairs.append({"a": str(item["a"]), "b": str(item["b"]), **item})
            if not isinstance(item["same"], bool):
                raise TypeError("'same' must be true or false")
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise SourceError(f"line {n}: {exc}", uri=str(path), code="S012") from exc
    return pairs


def load_report(docs_dir: Path, name: str) -> tuple[Document, dict[str, Any]]:
    """A report document and its sidecar metadata."""
    text_path = docs_dir / f"{name}.txt"
    if not text_path.is_file():
        raise SourceError("report named in the pair file not found", uri=str(text_path))
    meta_path = docs_dir / f"{name}.meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
    published = meta.get("published")
    doc = Document(
        text=text_path.read_text(encoding="utf-8"),
        title=meta.get("title"),
        publisher=meta.get("publisher"),
        published=date.fromisoformat(published) if published else None,
        language=meta.get("language"),
        name=name,
    )
    return doc, meta


def _answer_key(doc: Document, meta: dict[str, Any]) -> tuple[list[Sentence], list[Fact]]:
    text = doc.text
    sentence = Sentence(doc.id, 0, 0, len(text), text)
    event = meta.get("event")
    if not event:
        return [sentence], []
    ev = Evidence(doc.id, 0, len(text), text, "answer_key", "1")
    return [sentence], [Fact(kind="event", fields=dict(event), evidence=ev)]


def _store_reports(
    store: Store, docs: list[tuple[Document, dict[str, Any]]], mode: Mode, vocab: Vocabulary
) -> None:
    if mode == "pipeline":
        from cartel_atlas.extract import run

        for doc, _meta in docs:
            ex = run(doc, vocab)
            store.add_document(ex.document, ex.sentences, ex.mentions, ex.facts)
    else:
        for doc, meta in docs:
            sentences, facts = _answer_key(doc, meta)
            store.add_document(doc, sentences, [], facts)


def evaluate(
    pairs_path: Path | str | None = None,
    *,
    docs_dir: Path | str | None = None,
    mode: Mode = "pipeline",
    vocab: Vocabulary | None = None,
) -> DedupScore:
    """Score merging on the labelled pairs (default: the project's set).

    ``docs_dir`` holds ``NAME.txt`` (+ ``NAME.meta.json``) for every name in the pairs
    file; default: the ``dedup_docs`` folder beside it.
    """
    path = Path(pairs_path) if pairs_path else default_pairs_path()
    docs_path = Path(docs_dir) if docs_dir else path.parent / "dedup_docs"
    vocab = vocab or get_vocabulary()
    pairs = read_pairs(path)
    names = sorted({p["a"] for p in pairs} | {p["b"] for p in pairs})
    docs = [load_report(docs_path, n) for n in names]
    name_of = {doc.id: doc.name for doc, _ in docs}
    with (
        tempfile.TemporaryDirectory(prefix="atlas-dedup-") as tmp,
        Store.open(f"sqlite:///{Path(tmp) / 'dedup.sqlite'}") as store,
    ):
        _store_reports(store, docs, mode, vocab)
        incidents = build_incidents(store, vocab)
        with_event = {name_of.get(f.doc_id) for f in store.facts(kind="event")}
    of: dict[str | None, set[str]] = {}
    for inc in incidents:
        for r in inc.reports:
            of.setdefault(name_of.get(r.doc_id), set()).add(inc.id)
    tp = fp = fn = tn = 0
    errors = []
    for p in pairs:
        merged = bool(of.get(p["a"], set()) & of.get(p["b"], set()))
        if merged and p["same"]:
            tp += 1
        elif merged:
            fp += 1
        elif p["same"]:
            fn += 1
        else:
            tn += 1
        if merged != p["same"]:
            errors.append({**p, "merged": merged})
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return DedupScore(
        precision=precision,
        recall=recall,
        f1=f1,
        n_pairs=len(pairs),
        true_positive=tp,
        false_positive=fp,
        false_negative=fn,
        true_negative=tn,
        reports_without_event=tuple(n for n in names if n not in with_event),
        errors=tuple(errors),
    )


__all__ = ["DedupScore", "default_pairs_path", "evaluate", "read_pairs"]
