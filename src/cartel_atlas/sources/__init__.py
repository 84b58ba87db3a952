"""Source readers: every input an analyst feeds in, as documents, facts or counts.

``read(uri)`` takes a file, a directory (recursive, sorted; hidden files and
``*.meta.json`` sidecars skipped), ``-`` for standard input, or an http(s) URL, works
out the format (``detect_format``; ``format=`` overrides) and yields ``Item``s. Bad
content never raises: it comes out as ``Rejected`` with a stable reason code, and the
good items of the same input still come out. Only an input that cannot be opened at
all (a path that does not exist) raises ``SourceError``.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from cartel_atlas.errors import SourceError
from cartel_atlas.model.document import Document
from cartel_atlas.model.records import OfficialCount, Prepared, Rejected
from cartel_atlas.settings import Settings, get_settings
from cartel_atlas.sources import acled, feed, html, pdf, sesnsp, stix, text
from cartel_atlas.sources.csvlines import first_line
from cartel_atlas.sources.guards import binary_signature, decode
from cartel_atlas.sources.meta import Sidecar, is_sidecar, read_sidecar
from cartel_atlas.sources.url import CONTENT_TYPES, FetchError, FetchResult, fetch, media_type

Item = Document | Prepared | OfficialCount | Rejected

FORMATS = ("text", "markdown", "html", "pdf", "feed", "sesnsp", "acled", "stix")
"""Formats ``read`` understands; ``detect_format`` may also answer 'url' or 'unknown'."""

HEAD_BYTES = 8192
_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".json": "stix",
}
_BUNDLE = re.compile(rb'"type"\s*:\s*"bundle"')
_STIX_OBJECT = re.compile(rb'"spec_version"\s*:\s*"2\.1"')


def _sniff_csv(head: bytes) -> str | None:
    header = first_line(head)
    if not header or len(header) < 5:
        return None
    if sesnsp.looks_like_sesnsp(header):
        return "sesnsp"
    if acled.looks_like_acled(header):
        return "acled"
    return None


def _sniff(head: bytes) -> str | None:
    """Format from content alone, for inputs without a telling name or type."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"%pdf"):
        return "pdf"
    window = start[:2048]
    if start.startswith((b"<?xml", b"<rss", b"<feed")):
        if b"<rss" in window or b"<feed" in window or b"<rdf:rdf" in window:
            return "feed"
        if b"<html" in window:
            return "html"
    if start.startswith((b"<!doctype html", b"<html")) or b"<html" in window[:512]:
        return "html"
    if start.startswith((b"{", b"[")) and (_BUNDLE.search(head) or _STIX_OBJECT.search(head)):
        return "stix"
    return _sniff_csv(head)


def detect_format(uri: str, head: bytes, *, content_type: str | None = None) -> str:
    """The format of an input from its URI, first bytes and (for URLs) content type.

    Returns one of ``FORMATS``, ``'url'`` for an http(s) URI not fetched yet (empty
    ``head``), or ``'unknown'``. Content signatures (``%PDF``, a feed root, a STIX
    bundle) win over a misleading extension; ``.txt``/``.md`` stay text.
    """
    if re.match(r"^https?://", uri, re.IGNORECASE) and not head:
        return "url"
    sniffed = _sniff(head)
    if sniffed == "pdf":
        return "pdf"
    family = CONTENT_TYPES.get(media_type(content_type)) if content_type else None
    if family == "csv":
        return _sniff_csv(head) or "unknown"
    if family in ("html", "pdf", "stix"):
        return family
    if family == "feed":
        return "html" if sniffed == "html" else "feed"
    path = uri.split("?", 1)[0].split("#", 1)[0]
    suffix = Path(path).suffix.lower()
    by_name = _EXTENSIONS.get(suffix)
    if by_name in ("text", "markdown") and family is None:
        return by_name
    if suffix == ".csv":
        return _sniff_csv(head) or "unknown"
    if sniffed:
        return sniffed
    if by_name:
        return by_name
    if binary_signature(head):
        return "unknown"
    if family in ("text", "markdown"):
        return family
    if not head.strip() or decode(head[: HEAD_BYTES - 4]) is not None:
        return "markdown" if suffix in (".md", ".markdown") else "text"
    return "unknown"


def read(
    uri: str,
    *,
    format: str | None = None,  # the public keyword is 'format'
    settings: Settings | None = None,
    allow_private: bool = False,
) -> Iterator[Item]:
    """Everything in ``uri`` as documents, prepared facts, official counts or rejections.

    ``allow_private`` lets URLs reach private and loopback addresses (sources on the
    analyst's own network, and tests). Raises ``SourceError`` at once, before any
    item, when ``uri`` does not exist or ``format`` is not one of ``FORMATS``.
    """
    cfg = settings or get_settings()
    if format is not None and format not in FORMATS:
        raise SourceError(
            f"unknown format '{format}' (choose from {', '.join(FORMATS)})",
            uri=uri,
            code="S002",
            reason="unsupported_format",
        )
    if uri == "-":
        return _read_stdin(format, cfg)
    if re.match(r"^https?://", uri, re.IGNORECASE):
        return _read_url(uri, format, cfg, allow_private)
    path = Path(uri.removeprefix("file://"))
    if not path.exists():
        raise SourceError("no such file or directory", uri=uri, code="S001", reason="not_found")
    if path.is_dir():
        return _read_dir(path, format, cfg)
    if not path.is_file():
        raise SourceError("not a regular file", uri=uri, code="S003", reason="not_a_file")
    try:
        with open(path, "rb"):
            pass
    except OSError as exc:
        raise SourceError(
            f"cannot be opened: {exc.strerror}", uri=uri, code="S004", reason="unreadable"
        ) from exc
    return _read_file(path, str(path), format, cfg)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _read_dir(root: Path, fmt: str | None, cfg: Settings) -> Iterator[Item]:
    files = sorted(
        p for p in root.rglob("*") if p.is_file() and not _hidden(p, root) and not is_sidecar(p)
    )
    for path in files:
        try:
            yield from _read_file(path, str(path), fmt, cfg)
        except OSError as exc:
            yield Rejected(str(path), "unreadable", f"cannot be read: {exc.strerror or exc}")


def _read_file(path: Path, uri: str, fmt: str | None, cfg: Settings) -> Iterator[Item]:
    with open(path, "rb") as f:
        head = f.read(HEAD_BYTES)
    if not head.strip():
        yield Rejected(uri, "empty", "the file is empty or holds only whitespace")
        return
    kind = fmt or detect_format(uri, head)
    limit = cfg.max_document_bytes
    name = path.stem
    if kind in ("sesnsp", "acled"):
        with open(path, "rb") as lines:
            reader = sesnsp.read_sesnsp_lines if kind == "sesnsp" else acled.read_acled_lines
            yield from reader(lines, uri)
        return
    if kind == "pdf":
        yield from pdf.read_pdf_file(path, uri, name=name, limit=limit, sidecar=read_sidecar(path))
        return
    if kind == "unknown":
        yield _unsupported(uri, head)
        return
    size = path.stat().st_size
    if size > limit:  # checked before reading the whole file
        yield Rejected(
            uri,
            "oversized",
            f"{size:,} bytes is more than the limit of "
            f"{limit:,} bytes (raise CARTEL_ATLAS_MAX_DOCUMENT_BYTES to accept it)",
        )
        return
    yield from _read_bytes(path.read_bytes(), uri, kind, name, cfg, sidecar=read_sidecar(path))


def _unsupported(uri: str, head: bytes) -> Rejected:
    kind = binary_signature(head)
    what = f"a {kind}" if kind else "not a format cartel-atlas reads"
    return Rejected(
        uri,
        "unsupported_format",
        f"{what}; readable: text, Markdown, HTML, PDF, RSS/Atom, SESNSP CSV, "
        "ACLED CSV, STIX 2.1 JSON",
        payload=None,
    )


def _read_bytes(
    data: bytes,
    uri: str,
    kind: str,
    name: str | None,
    cfg: Settings,
    *,
    url: str | None = None,
    sidecar: Sidecar | None = None,
) -> Iterator[Item]:
    limit = cfg.max_document_bytes
    if kind in ("text", "markdown"):
        yield from text.read_text_bytes(
            data, uri, name=name, limit=limit, markdown=kind == "markdown", sidecar=sidecar
        )
    elif kind == "html":
        yield from html.read_html_bytes(data, uri, name=name, limit=limit, url=url, sidecar=sidecar)
    elif kind == "pdf":
        if sidecar is not None:
            yield from sidecar.problems
        yield from pdf.read_pdf_bytes(data, uri, name=name, limit=limit, url=url)
    elif kind == "feed":
        yield from feed.read_feed_bytes(data, uri, limit=limit, feed_url=url or uri)
    elif kind == "stix":
        yield from stix.read_stix_bytes(data, uri, limit=limit)
    elif kind == "sesnsp":
        yield from sesnsp.read_sesnsp_lines(io.BytesIO(data), uri)
    elif kind == "acled":
        yield from acled.read_acled_lines(io.BytesIO(data), uri)
    else:
        yield _unsupported(uri, data[:HEAD_BYTES])


def _read_stdin(fmt: str | None, cfg: Settings) -> Iterator[Item]:
    data = sys.stdin.buffer.read(cfg.max_document_bytes + 1)
    if not data.strip():
        yield Rejected("-", "empty", "standard input is empty")
        return
    kind = fmt or detect_format("-", data[:HEAD_BYTES])
    yield from _read_bytes(data, "-", kind, "stdin", cfg)


def _read_url(uri: str, fmt: str | None, cfg: Settings, allow_private: bool) -> Iterator[Item]:
    try:
        result = fetch(uri, allow_private=allow_private, settings=cfg)
    except FetchError as exc:
        yield Rejected(uri, exc.reason, exc.message, payload=None)
        return
    yield from read_fetched(result, format=fmt, settings=cfg)


def read_fetched(
    result: FetchResult,
    *,
    format: str | None = None,  # same keyword as read()
    settings: Settings | None = None,
) -> Iterator[Item]:
    """Items of an already fetched response (used by ``read`` and by feed watching,
    which fetches with its own ETag/Last-Modified first)."""
    cfg = settings or get_settings()
    uri = result.url
    if not result.body.strip():
        yield Rejected(uri, "empty", f"the server sent an empty body (HTTP {result.status})")
        return
    kind = format or detect_format(
        result.final_url, result.body[:HEAD_BYTES], content_type=result.content_type
    )
    fetched = {
        "fetched_url": result.final_url,
        "etag": result.etag,
        "last_modified": result.last_modified,
    }
    for item in _read_bytes(result.body, uri, kind, None, cfg, url=result.final_url):
        if isinstance(item, Document) and kind != "feed":
            item = replace(item, url=item.url or result.final_url, meta={**item.meta, **fetched})
        yield item


__all__ = [
    "FORMATS",
    "FetchError",
    "FetchResult",
    "Item",
    "detect_format",
    "fetch",
    "read",
    "read_fetched",
]
