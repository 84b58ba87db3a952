"""Inputs of an ingest: command-line arguments expanded to files, URLs and ``-``.

A directory is expanded here, file by file (recursive, sorted, skipping hidden files and
``*.meta.json`` sidecars, as the readers do), so the progress bar knows its total and an
input that cannot be opened costs only itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cartel_atlas.errors import SourceError
from cartel_atlas.model import Rejected

if TYPE_CHECKING:
    from cartel_atlas.store.ingest import Ingestor

SIDECAR_SUFFIX = ".meta.json"
_CODE = re.compile(r"^[a-z][a-z_]{1,31}$")


def is_url(uri: str) -> bool:
    """Whether ``uri`` is fetched over HTTP rather than read from disk."""
    return uri.lower().startswith(("http://", "https://"))


def walk(root: Path) -> list[Path]:
    """The documents under a directory: recursive, sorted, no hidden files, no sidecars."""
    found = []
    for path in root.rglob("*"):
        rel = path.relative_to(root).parts
        if any(part.startswith(".") for part in rel):
            continue
        if path.name.endswith(SIDECAR_SUFFIX) or not path.is_file():
            continue
        found.append(path)
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def expand_inputs(uris: Sequence[str]) -> list[str]:
    """Every input to read, in order: directories become their files."""
    out: list[str] = []
    for uri in uris:
        if uri == "-" or is_url(uri):
            out.append(uri)
            continue
        path = Path(uri).expanduser()
        if path.is_dir():
            out.extend(str(p) for p in walk(path))
        else:
            out.append(str(path))
    return out


def missing_paths(uris: Sequence[str]) -> list[str]:
    """Local paths among ``uris`` that do not exist (a typo on the command line)."""
    return [u for u in uris if u != "-" and not is_url(u) and not Path(u).expanduser().exists()]


def rejected_from(uri: str, exc: SourceError) -> Rejected:
    """A quarantine entry for an input the readers could not open at all."""
    code = exc.reason if isinstance(exc.reason, str) and _CODE.match(exc.reason) else "unreadable"
    return Rejected(uri, code, exc.message)


def read_input(uri: str, ingestor: Ingestor) -> Iterator[Any]:
    """The items of one input; an input that cannot be opened becomes one ``Rejected``."""
    from cartel_atlas import sources

    try:
        yield from sources.read(
            uri,
            format=ingestor.fmt,
            settings=ingestor.settings,
            allow_private=ingestor.allow_private,
        )
    except SourceError as exc:
        yield rejected_from(uri, exc)
