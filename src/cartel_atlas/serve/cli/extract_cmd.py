"""`cartel-atlas extract` and `cartel-atlas explain`: facts from text files, with evidence.

``extract`` reads ``.txt`` files (or directories of them, recursively); a ``NAME.meta.json``
beside ``NAME.txt`` supplies ``published`` and ``language``. Facts are written as JSON Lines
in the evaluation's exchange format (``doc`` = file name without ``.txt``).
``explain`` shows one document with the evidence of every fact highlighted, then a table.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from rich.text import Text

from cartel_atlas.errors import AtlasError, SourceError
from cartel_atlas.extract import Extraction, run
from cartel_atlas.extract.export import records, write_jsonl
from cartel_atlas.model import Document
from cartel_atlas.serve.cli.common import DatabaseOption, console, err_console
from cartel_atlas.vocab import get_vocabulary

KIND_STYLES = {
    "event": "bold red",
    "presence": "bold green",
    "presence_count": "green",
    "flow": "bold magenta",
    "legal_action": "bold yellow",
    "statistic": "cyan",
    "alias": "blue",
}


def text_files(paths: list[Path]) -> list[Path]:
    """The ``.txt`` files named by ``paths`` (directories searched recursively)."""
    out: list[Path] = []
    for p in paths:
        if not p.exists():
            raise SourceError("no such file or directory", uri=str(p), code="S001")
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*.txt") if f.is_file()))
        elif p.suffix.lower() == ".txt":
            out.append(p)
        else:
            raise SourceError("not a .txt file or a directory", uri=str(p), code="S002")
    return out


def _meta(path: Path) -> dict[str, Any]:
    meta_path = path.with_name(path.stem + ".meta.json")
    if not meta_path.exists():
        return {}
    try:
        data = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceError(f"unreadable metadata: {exc}", uri=str(meta_path), code="S003") from exc
    if not isinstance(data, dict):
        raise SourceError("metadata is not a JSON object", uri=str(meta_path), code="S003")
    return data


def load_document(path: Path) -> Document:
    """A ``Document`` from a text file and its optional ``.meta.json`` sidecar."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError("not valid UTF-8 text", uri=str(path), code="S004") from exc
    except OSError as exc:
        raise SourceError(
            f"cannot read file ({exc.strerror or exc})", uri=str(path), code="S005"
        ) from exc
    meta = _meta(path)
    published = None
    if meta.get("published"):
        try:
            published = date.fromisoformat(str(meta["published"])[:10])
        except ValueError as exc:
            raise SourceError(
                f"'published' is not an ISO date: {meta['published']!r}",
                uri=str(path.with_name(path.stem + ".meta.json")),
                code="S003",
            ) from exc
    return Document(
        text=text,
        name=path.stem,
        title=meta.get("title"),
        url=meta.get("source_url"),
        publisher=meta.get("publisher"),
        published=published,
        language=meta.get("language"),
        licence=meta.get("licence"),
    )


def extract_files(files: list[Path], *, progress: bool = True) -> Iterator[tuple[Path, Extraction]]:
    """Run extraction on every file, with a progress bar on stderr."""
    vocab = get_vocabulary()
    if not progress:
        for f in files:
            yield f, run(load_document(f), vocab)
        return
    with Progress(
        TextColumn("[bold]extract"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task("", total=len(files))
        for f in files:
            bar.update(task, description=f.name)
            yield f, run(load_document(f), vocab)
            bar.advance(task)


def write_facts(files: list[Path], out: Path, *, progress: bool = True) -> tuple[int, int]:
    """Extract ``files`` into the JSON Lines file ``out``; returns (documents, facts)."""
    n_docs = n_facts = 0
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", encoding="utf-8") as fh:
            for f, ex in extract_files(files, progress=progress):
                n_docs += 1
                n_facts += write_jsonl(records(ex.facts, f.stem), fh)
    except OSError as exc:
        raise SourceError(
            f"cannot write output ({exc.strerror or exc})", uri=str(out), code="S006"
        ) from exc
    return n_docs, n_facts


def _fail(exc: AtlasError) -> typer.Exit:
    err_console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
    return typer.Exit(2)


def extract(
    paths: Annotated[
        list[Path], typer.Argument(help=".txt files or directories of them.", show_default=False)
    ],
    jsonl: Annotated[Path, typer.Option("--jsonl", help="Write facts here as JSON Lines.")],
) -> None:
    """Extract facts (with evidence offsets) from text files into a JSON Lines file."""
    try:
        files = text_files(paths)
        n_docs, n_facts = write_facts(files, jsonl)
    except AtlasError as exc:
        raise _fail(exc) from None
    err_console.print(f"{n_facts} facts from {n_docs} documents -> {jsonl}", highlight=False)


def _key_fields(rec: dict[str, Any]) -> str:
    skip = {
        "doc",
        "kind",
        "evidence",
        "start",
        "end",
        "component",
        "confidence",
        "id",
        "polarity",
        "source",
        "page",
    }
    parts = []
    for k, v in rec.items():
        if k in skip or v is None or v == []:
            continue
        parts.append(f"{k}={', '.join(map(str, v)) if isinstance(v, list) else v}")
    return "; ".join(parts)


def render_explanation(ex: Extraction, name: str) -> tuple[Text, Table]:
    """The document text with fact evidence coloured, and the table of facts."""
    text = Text(ex.document.text)
    recs = records(ex.facts, name)
    for rec in sorted(recs, key=lambda r: r["end"] - r["start"], reverse=True):
        text.stylize(KIND_STYLES.get(rec["kind"], "bold"), rec["start"], rec["end"])
    for m in ex.mentions:
        if m.kind in ("group", "place"):
            text.stylize("underline", m.start, m.end)
    table = Table(title=f"{len(recs)} facts in {name} ({ex.language})", show_lines=False)
    for col in ("#", "kind", "fields", "polarity", "source", "conf.", "evidence"):
        table.add_column(col, overflow="fold")
    for i, rec in enumerate(recs, 1):
        table.add_row(
            str(i),
            Text(rec["kind"], style=KIND_STYLES.get(rec["kind"], "")),
            _key_fields(rec),
            str(rec.get("polarity") or "asserted"),
            str(rec.get("source") or "-"),
            f"{rec['confidence']:.2f}",
            f"{rec['start']}-{rec['end']}",
        )
    return text, table


def _stored_extraction(ref: str, database: str | None, fresh: bool) -> tuple[Extraction, str]:
    """What the store holds for a document: its sentences, mentions and current facts
    (with ``fresh``, what the extractor of this version finds in its text instead)."""
    from cartel_atlas.store import Store

    with Store.open(database) as store:
        document = store.get_document(ref)
        name = document.name or document.id
        if fresh:
            return run(document, get_vocabulary()), name
        facts = [f.to_fact() for f in store.facts(doc_id=document.id)]
        return (
            Extraction(
                document,
                document.language or "",
                store.sentences(document.id),
                store.mentions(document.id),
                facts,
            ),
            name,
        )


def explain(
    doc: Annotated[
        str,
        typer.Argument(
            help="A .txt document (with optional .meta.json), or the id or name of a "
            "stored document.",
            show_default=False,
        ),
    ],
    fresh: Annotated[
        bool,
        typer.Option(
            "--fresh",
            help="For a stored document, extract its text again with this version instead "
            "of showing the facts the store holds.",
        ),
    ] = False,
    database: DatabaseOption = None,
) -> None:
    """Show a document with the evidence of each extracted fact highlighted.

    A file is extracted on the spot; a stored document shows the facts the store holds
    for it (what the atlas uses), unless --fresh.
    """
    try:
        path = Path(doc)
        if path.exists() or path.suffix.lower() == ".txt":
            files = text_files([path])
            if not files:
                raise SourceError("no .txt file found", uri=doc, code="S001")
            document, name = load_document(files[0]), files[0].stem
            ex = run(document, get_vocabulary())
        else:
            ex, name = _stored_extraction(doc, database, fresh)
    except AtlasError as exc:
        raise _fail(exc) from None
    text, table = render_explanation(ex, name)
    console.print(text)
    console.print(table)
