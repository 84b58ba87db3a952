"""The extraction quality gate: score a corpus against its answer key and pinned floors.

    python -m cartel_atlas.serve.cli.eval_cmd --corpus DIR --scorer PATH --baseline FILE

Runs extraction over ``DIR`` (``*.txt`` with ``.meta.json`` sidecars), runs the external
scorer (``python3 SCORER DIR/gold.jsonl PRED --by-language DIR``), prints its table and
exits 1 when any pinned number falls below its floor. The floors live in the baseline
file and only ever go up. Checks are a list of named numbers read from the scorer's JSON,
so further metrics (deduplication, speed...) can be added as more entries.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from cartel_atlas.errors import AtlasError, ConfigError, SourceError
from cartel_atlas.serve.cli.common import console, err_console
from cartel_atlas.serve.cli.extract_cmd import text_files, write_facts

Scores = dict[str, Any]


@dataclass(frozen=True)
class Check:
    """One gated number: its name in the baseline file and how to read it from scores."""

    name: str
    read: Callable[[Scores], float | None]
    needs_samples: bool = False
    """Only measured when the sample reports' answer key is given."""


def _micro(lang: str) -> Callable[[Scores], float | None]:
    return lambda s: s.get(lang, {}).get("micro", {}).get("f1")


def _kind(kind: str) -> Callable[[Scores], float | None]:
    return lambda s: s.get("all", {}).get("kinds", {}).get(kind, {}).get("f1")


def _samples_micro(lang: str) -> Callable[[Scores], float | None]:
    """Micro F1 on the bundled sample reports, scored against their independent key."""
    return lambda s: s.get("samples", {}).get(lang, {}).get("micro", {}).get("f1")


_dedup_scores: dict[str, float] = {}


def _dedup(metric: str) -> Callable[[Scores], float | None]:
    """Incident merge quality on the labelled pair set (``analyze.dedup_eval``), run once."""

    def read(_scores: Scores) -> float | None:
        if not _dedup_scores:
            from cartel_atlas.analyze.dedup_eval import evaluate as dedup_evaluate

            score = dedup_evaluate()
            _dedup_scores.update(precision=score.precision, recall=score.recall)
        return _dedup_scores.get(metric)

    return read


CHECKS: list[Check] = [
    Check("micro_f1.all", _micro("all")),
    Check("micro_f1.en", _micro("en")),
    Check("micro_f1.es", _micro("es")),
    Check("f1.presence", _kind("presence")),
    Check("f1.event", _kind("event")),
    Check("f1.flow", _kind("flow")),
    Check("samples.micro_f1.all", _samples_micro("all"), needs_samples=True),
    Check("samples.micro_f1.en", _samples_micro("en"), needs_samples=True),
    Check("samples.micro_f1.es", _samples_micro("es"), needs_samples=True),
    Check("dedup_precision", _dedup("precision")),
    Check("dedup_recall", _dedup("recall")),
]
"""The gated numbers; extend this list to gate more metrics from the same command."""


@dataclass(frozen=True)
class Outcome:
    """A check's result: the value reached and the floor it had to reach."""

    name: str
    value: float | None
    floor: float

    @property
    def ok(self) -> bool:
        return self.value is not None and self.value + 1e-9 >= self.floor


def load_floors(path: Path) -> dict[str, float]:
    """Floors from the baseline JSON file (``{"floors": {name: value}}``)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError("baseline file not found", code="C010") from exc
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: unreadable baseline ({exc})", code="C011") from exc
    floors = data.get("floors") if isinstance(data, dict) else None
    if not isinstance(floors, dict) or not all(isinstance(v, int | float) for v in floors.values()):
        raise ConfigError(f'{path}: expected {{"floors": {{name: number}}}}', code="C012")
    return {str(k): float(v) for k, v in floors.items()}


def run_scorer(scorer: Path, gold: Path, pred: Path, corpus: Path) -> tuple[str, Scores]:
    """The scorer's printed table and its JSON numbers."""
    base = [sys.executable if scorer.suffix == ".py" else str(scorer)]
    args = [str(scorer), str(gold), str(pred), "--by-language", str(corpus)]
    cmd = base + args if scorer.suffix == ".py" else [str(scorer), *args[1:]]
    table = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=600)
    as_json = subprocess.run(
        [*cmd, "--json"], capture_output=True, text=True, check=False, timeout=600
    )
    if table.returncode != 0 or as_json.returncode != 0:
        raise SourceError(
            f"scorer failed: {(table.stderr or as_json.stderr).strip()[:300]}",
            uri=str(scorer),
            code="S010",
        )
    try:
        return table.stdout, json.loads(as_json.stdout)
    except json.JSONDecodeError as exc:
        raise SourceError(
            "scorer did not print JSON with --json", uri=str(scorer), code="S011"
        ) from exc


def evaluate(
    corpus: Path,
    scorer: Path,
    baseline: Path,
    checks: list[Check] | None = None,
    *,
    progress: bool = True,
    samples_gold: Path | None = None,
) -> tuple[str, list[Outcome]]:
    """Extract ``corpus``, score it and compare with the floors."""
    for p, what in ((corpus, "corpus directory"), (scorer, "scorer")):
        if not p.exists():
            raise SourceError(f"{what} not found", uri=str(p), code="S001")
    gold = corpus / "gold.jsonl"
    if not gold.exists():
        raise SourceError("answer key gold.jsonl not found", uri=str(gold), code="S001")
    floors = load_floors(baseline)
    with tempfile.TemporaryDirectory(prefix="atlas-eval-") as tmp:
        pred = Path(tmp) / "pred.jsonl"
        write_facts(text_files([corpus]), pred, progress=progress)
        table, scores = run_scorer(scorer, gold, pred, corpus)
        if samples_gold is not None:
            # a second, independent measure: text the extractor was not tuned on
            from cartel_atlas.samples import SAMPLES_DIR

            if not samples_gold.exists():
                raise SourceError("answer key not found", uri=str(samples_gold), code="S001")
            pred = Path(tmp) / "samples.jsonl"
            write_facts(text_files([SAMPLES_DIR]), pred, progress=progress)
            samples_table, scores["samples"] = run_scorer(scorer, samples_gold, pred, SAMPLES_DIR)
            table += "\n\nsample reports (independent answer key)\n" + samples_table
    outcomes = [
        Outcome(c.name, c.read(scores), floors[c.name])
        for c in checks or CHECKS
        if c.name in floors and (samples_gold is not None or not c.needs_samples)
    ]
    return table, outcomes


app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


@app.command()
def main(
    corpus: Annotated[Path, typer.Option(help="Corpus directory with gold.jsonl.")],
    scorer: Annotated[Path, typer.Option(help="Path of the scorer script (score.py).")],
    baseline: Annotated[Path, typer.Option(help="JSON file with the pinned floors.")] = Path(
        "tests/eval_baseline.json"
    ),
    samples_gold: Annotated[
        Path | None,
        typer.Option(help="Answer key of the bundled sample reports, scored as well."),
    ] = None,
) -> None:
    """Score extraction on a corpus; exit 1 when a number falls below its floor."""
    try:
        table, outcomes = evaluate(corpus, scorer, baseline, samples_gold=samples_gold)
    except AtlasError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    console.print(table, highlight=False, markup=False)
    failed = [o for o in outcomes if not o.ok]
    for o in outcomes:
        mark = "[green]ok[/]" if o.ok else "[bold red]BELOW[/]"
        value = "n/a" if o.value is None else f"{o.value:.3f}"
        console.print(f"{mark} {o.name:<22} {value} (floor {o.floor:.3f})")
    if failed:
        err_console.print(f"below the floor: {', '.join(o.name for o in failed)}")
        raise typer.Exit(1)


if __name__ == "__main__":
    app()
