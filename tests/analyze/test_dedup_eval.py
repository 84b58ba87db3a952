"""The labelled deduplication set and its pairwise precision/recall through the pipeline."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from cartel_atlas.analyze.dedup_eval import evaluate, read_pairs
from cartel_atlas.errors import SourceError

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "tests" / "resources"
PAIRS = RESOURCES / "dedup_pairs.jsonl"
DOCS = RESOURCES / "dedup_docs"


def test_labelled_set_has_150_pairs_in_both_languages_with_every_kind_of_hard_negative() -> None:
    pairs = read_pairs(PAIRS)
    assert len(pairs) >= 150
    kinds = Counter(p["kind"] for p in pairs)
    for kind in (
        "same_event",
        "same_place_days_apart",
        "same_place_date_other_type",
        "same_group_other_city",
        "same_state_other_city",
    ):
        assert kinds[kind] >= 10, kind
    names = {p["a"] for p in pairs} | {p["b"] for p in pairs}
    assert all((DOCS / f"{n}.txt").is_file() for n in names)
    languages = Counter(
        json.loads((DOCS / f"{n}.meta.json").read_text())["language"] for n in names
    )
    assert languages["es"] >= 20
    assert languages["en"] >= 20
    cross_language = [p for p in pairs if p["same"] and p["a"][-2:] != p["b"][-2:]]
    assert len(cross_language) >= 20


def test_committed_reports_are_what_the_generator_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = importlib.util.spec_from_file_location("make_dedup_set", DOCS / "make_dedup_set.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "make_dedup_set", module)  # dataclasses look it up
    spec.loader.exec_module(module)
    module.main(tmp_path / "docs", tmp_path / "pairs.jsonl")
    assert (tmp_path / "pairs.jsonl").read_text() == PAIRS.read_text()
    for made in sorted((tmp_path / "docs").iterdir()):
        assert made.read_text() == (DOCS / made.name).read_text(), made.name


@pytest.mark.slow
def test_merging_through_real_extraction_reaches_090_precision_and_recall() -> None:
    score = evaluate(PAIRS)
    assert score.n_pairs >= 150
    assert score.precision >= 0.90, score.errors
    assert score.recall >= 0.90, score.errors
    assert score.true_positive + score.false_negative == sum(p["same"] for p in read_pairs(PAIRS))


def test_merge_rules_alone_decide_every_answer_key_pair() -> None:
    score = evaluate(PAIRS, mode="answer_key")
    assert score.precision >= 0.95
    assert score.recall >= 0.95
    assert score.reports_without_event == ()


def _write(docs: Path, name: str, text: str, event: dict[str, object]) -> None:
    (docs / f"{name}.txt").write_text(text, encoding="utf-8")
    meta = {
        "publisher": f"Outlet {name}",
        "published": "2024-03-04",
        "language": "es",
        "event": event,
    }
    (docs / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")


def test_scores_count_each_pair_once(tmp_path: Path) -> None:
    docs = tmp_path / "dedup_docs"
    docs.mkdir()
    base = {
        "event_type": "homicide",
        "date": "2024-03-03",
        "place": "Sinaloa/Culiacán",
        "actor": None,
        "killed": 4,
    }
    _write(docs, "x", "Nota x", base)
    _write(docs, "y", "Nota y", dict(base, killed=5))
    _write(docs, "z", "Nota z", dict(base, date="2024-03-20"))
    _write(docs, "w", "Nota w", dict(base, place="Sonora/Cajeme"))
    lines = [
        {"a": "x", "b": "y", "same": True},  # merged: true positive
        {"a": "x", "b": "z", "same": True},  # not merged: false negative
        {"a": "y", "b": "z", "same": False},  # not merged: true negative
        {"a": "x", "b": "w", "same": False},  # not merged: true negative
    ]
    path = tmp_path / "pairs.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    score = evaluate(path, mode="answer_key")
    assert (score.true_positive, score.false_negative, score.true_negative) == (1, 1, 2)
    assert score.false_positive == 0
    assert score.precision == 1.0
    assert score.recall == 0.5
    assert [e["b"] for e in score.errors] == ["z"]


def test_malformed_pair_line_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "pairs.jsonl"
    path.write_text('{"a": "x", "b": "y", "same": true}\n{"a": "x"}\n', encoding="utf-8")
    with pytest.raises(SourceError, match="line 2"):
        read_pairs(path)
