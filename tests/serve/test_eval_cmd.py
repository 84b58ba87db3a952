"""The quality gate on a tiny corpus, scored by the real evaluation script."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cartel_atlas.serve.cli.eval_cmd import CHECKS, Check, app, evaluate

SCORER = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "score.py"

pytestmark = pytest.mark.skipif(
    not SCORER.exists(), reason="the shared evaluation scorer is not on this machine"
)


def _corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "a.txt").write_text(
        "El 9 de julio de 2024, policías detuvieron a dos personas en Ensenada, Baja California.\n",
        encoding="utf-8",
    )
    (d / "a.meta.json").write_text(
        json.dumps({"published": "2024-07-10", "language": "es"}), encoding="utf-8"
    )
    (d / "b.txt").write_text(
        "Los Zetas Cartel operates in Nuevo Laredo, Tamaulipas.\n", encoding="utf-8"
    )
    (d / "b.meta.json").write_text(
        json.dumps({"published": "2024-07-10", "language": "en"}), encoding="utf-8"
    )
    gold = [
        {
            "doc": "a",
            "kind": "event",
            "event_type": "arrest",
            "date": "2024-07-09",
            "place": "Baja California/Ensenada",
            "actor": None,
            "victims": None,
            "killed": None,
            "wounded": None,
            "evidence": "detuvieron a dos personas",
        },
        {
            "doc": "b",
            "kind": "presence",
            "group": "Los Zetas",
            "place": "Tamaulipas",
            "polarity": "asserted",
            "as_of": None,
            "source": None,
            "evidence": "operates in",
        },
        {
            "doc": "b",
            "kind": "alias",
            "group": "Los Zetas",
            "alias": "Los Zetas Cartel",
            "evidence": "Los Zetas Cartel",
        },
    ]
    (d / "gold.jsonl").write_text("\n".join(json.dumps(g) for g in gold) + "\n", encoding="utf-8")
    return d


def _baseline(tmp_path: Path, floor: float) -> Path:
    p = tmp_path / "baseline.json"
    p.write_text(json.dumps({"floors": {c.name: floor for c in CHECKS}}), encoding="utf-8")
    return p


def test_eval_cmd_passes_above_the_floors(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    result = CliRunner().invoke(
        app,
        [
            "--corpus",
            str(corpus),
            "--scorer",
            str(SCORER),
            "--baseline",
            str(_baseline(tmp_path, 0.5)),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "micro" in result.output
    assert "ok micro_f1.all" in result.output


def test_eval_cmd_fails_below_a_floor(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    result = CliRunner().invoke(
        app,
        [
            "--corpus",
            str(corpus),
            "--scorer",
            str(SCORER),
            "--baseline",
            str(_baseline(tmp_path, 1.01)),
        ],
    )
    assert result.exit_code == 1
    assert "BELOW" in result.output


def test_eval_checks_are_extensible(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    baseline = tmp_path / "b.json"
    baseline.write_text(json.dumps({"floors": {"f1.alias": 0.9}}), encoding="utf-8")
    extra = [Check("f1.alias", lambda s: s["all"]["kinds"]["alias"]["f1"])]
    _, outcomes = evaluate(corpus, SCORER, baseline, extra, progress=False)
    assert [(o.name, o.value, o.ok) for o in outcomes] == [("f1.alias", 1.0, True)]


def test_eval_cmd_missing_corpus_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "--corpus",
            str(tmp_path / "none"),
            "--scorer",
            str(SCORER),
            "--baseline",
            str(_baseline(tmp_path, 0)),
        ],
    )
    assert result.exit_code == 2
    assert "corpus directory not found" in result.output
