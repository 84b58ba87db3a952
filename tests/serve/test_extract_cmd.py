"""`cartel-atlas extract` and `cartel-atlas explain` on files written for the test."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cartel_atlas.extract import run
from cartel_atlas.serve.cli.app import app
from cartel_atlas.serve.cli.extract_cmd import load_document

REPORT = (
    "El 9 de julio de 2024, elementos del Ejército detuvieron a tres personas y "
    "aseguraron dos fusiles en Tecate, Baja California.\n"
)


def _corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus" / "nested"
    d.mkdir(parents=True)
    (d / "tecate.txt").write_text(REPORT, encoding="utf-8")
    (d / "tecate.meta.json").write_text(
        json.dumps({"published": "2024-07-10", "language": "es"}), encoding="utf-8"
    )
    return tmp_path / "corpus"


def test_extract_cmd_writes_facts_for_a_directory(tmp_path: Path) -> None:
    out = tmp_path / "facts.jsonl"
    result = CliRunner().invoke(app, ["extract", str(_corpus(tmp_path)), "--jsonl", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {(r["doc"], r["event_type"]) for r in rows} == {
        ("tecate", "arrest"),
        ("tecate", "arms_seizure"),
    }
    assert all(r["place"] == "Baja California/Tecate" and r["date"] == "2024-07-09" for r in rows)
    assert all({"evidence", "start", "end", "component", "confidence"} <= set(r) for r in rows)


def test_extract_cmd_missing_path_is_one_clear_line(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = CliRunner().invoke(
        app, ["extract", str(missing), "--jsonl", str(tmp_path / "o.jsonl")]
    )
    assert result.exit_code == 2
    assert "no such file or directory" in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_extract_cmd_unreadable_file_is_one_clear_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00bad")
    result = CliRunner().invoke(app, ["extract", str(bad), "--jsonl", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2
    assert "not valid UTF-8" in result.output
    assert "Traceback" not in result.output


def test_explain_cmd_shows_text_and_fact_table(tmp_path: Path) -> None:
    doc = _corpus(tmp_path) / "nested" / "tecate.txt"
    result = CliRunner().invoke(app, ["explain", str(doc)])
    assert result.exit_code == 0, result.output
    assert "Tecate" in result.output
    assert "arms_seizure" in result.output
    assert "arrest" in result.output
    assert "2 facts in tecate" in result.output


def test_explain_cmd_missing_document(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["explain", str(tmp_path / "none.txt")])
    assert result.exit_code == 2
    assert "no such file or directory" in result.output


def test_explain_cmd_a_stored_document_by_name(tmp_path: Path) -> None:
    from cartel_atlas.store import Store

    url = f"sqlite:///{tmp_path / 'atlas.sqlite'}"
    doc = load_document(_corpus(tmp_path) / "nested" / "tecate.txt")
    ex = run(doc)
    with Store.open(url) as store:
        store.add_document(ex.document, ex.sentences, ex.mentions, ex.facts)
    result = CliRunner().invoke(app, ["explain", "tecate", "--database", url])
    assert result.exit_code == 0, result.output
    assert "2 facts in tecate" in result.output


def test_explain_cmd_unknown_stored_document(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'atlas.sqlite'}"
    result = CliRunner().invoke(app, ["explain", "no-such-doc", "--database", url])
    assert result.exit_code == 2
    assert "no document with id or name" in result.output


def test_explain_cmd_shows_the_stored_facts_unless_fresh(tmp_path: Path) -> None:
    """A stored document is explained by what the store holds (here one fact of two);
    --fresh extracts its text again."""
    from cartel_atlas.store import Store

    url = f"sqlite:///{tmp_path / 'atlas.sqlite'}"
    doc = load_document(_corpus(tmp_path) / "nested" / "tecate.txt")
    ex = run(doc)
    kept = [f for f in ex.facts if f.fields.get("event_type") == "arrest"]
    with Store.open(url) as store:
        store.add_document(ex.document, ex.sentences, ex.mentions, kept)
    stored = CliRunner().invoke(app, ["explain", "tecate", "--database", url])
    assert stored.exit_code == 0, stored.output
    assert "1 facts in tecate" in stored.output
    assert "arms_seizure" not in stored.output
    fresh = CliRunner().invoke(app, ["explain", "tecate", "--fresh", "--database", url])
    assert fresh.exit_code == 0, fresh.output
    assert "2 facts in tecate" in fresh.output
    assert "arms_seizure" in fresh.output
