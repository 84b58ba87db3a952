"""PDF reports: text page by page, with each page's start offset kept.

Government and think-tank reports run to hundreds of pages, and a claim is only
checkable if the evidence says which page it is on, so ``Document.pages`` records
where every page starts in the joined text. Pages are extracted one at a time by a
generator (``iter_pages``), so a caller can show progress on long reports. A scan
without a text layer is rejected (``no_text_layer``) rather than stored empty.
pdfminer.six, when installed, is tried only if pypdf cannot open the file at all.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from cartel_atlas.model.document import Document
from cartel_atlas.model.records import Rejected
from cartel_atlas.sources.guards import excerpt, oversized
from cartel_atlas.sources.meta import Sidecar
from cartel_atlas.sources.text import make_document

Item = Document | Rejected
PAGE_SEPARATOR = "\n\n"

logging.getLogger("pypdf").setLevel(logging.ERROR)


@dataclass(frozen=True)
class PageText:
    """The text of one page (1-based ``number``); ``error`` set when it failed."""

    number: int
    text: str
    error: str | None = None


class PdfOpenError(Exception):
    """The file is not a PDF any reader can open."""


def open_pdf(stream: IO[bytes]) -> PdfReader:
    """A pypdf reader, decrypting files protected only by an empty user password."""
    try:
        reader = PdfReader(stream, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise PdfOpenError("the PDF is encrypted with a password")
        _ = len(reader.pages)  # forces the page tree to load: corrupt files fail here
    except PdfOpenError:
        raise
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        OSError,
        RecursionError,
        AssertionError,
    ) as exc:
        raise PdfOpenError(f"{type(exc).__name__}: {exc}") from exc
    return reader


def iter_pages(reader: PdfReader) -> Iterator[PageText]:
    """Text of each page in order; a page that fails is reported, not fatal."""
    for number, page in enumerate(reader.pages, start=1):
        try:
            text = page.extract_text() or ""
        except Exception as exc:  # pypdf raises many kinds on odd pages
            yield PageText(number, "", f"{type(exc).__name__}: {exc}")
            continue
        yield PageText(number, text.strip())


def _pdfminer_pages(stream: IO[bytes]) -> Iterator[PageText] | None:
    """Page texts with pdfminer.six, or None when it is not installed."""
    try:
        from pdfminer.high_level import extract_text
        from pdfminer.pdfpage import PDFPage
    except ImportError:
        return None

    def pages() -> Iterator[PageText]:
        stream.seek(0)
        count = sum(1 for _ in PDFPage.get_pages(stream))
        for i in range(count):
            stream.seek(0)
            yield PageText(i + 1, (extract_text(stream, page_numbers=[i]) or "").strip())

    return pages()


def _metadata(reader: PdfReader) -> dict[str, Any]:
    try:
        info = reader.metadata
    except Exception:  # a broken info dictionary must not cost the text
        return {}
    if not info:
        return {}
    out: dict[str, Any] = {}
    if info.title and str(info.title).strip():
        out["title"] = str(info.title).strip()
    if info.author and str(info.author).strip():
        out["author"] = str(info.author).strip()
    return out


def read_pdf_stream(
    stream: IO[bytes],
    uri: str,
    *,
    name: str | None,
    url: str | None = None,
    sidecar: Sidecar | None = None,
) -> Iterator[Item]:
    """One ``Document`` from a PDF, or ``malformed_pdf`` / ``no_text_layer``."""
    if sidecar is not None:
        yield from sidecar.problems
    head = stream.read(1024)
    stream.seek(0)
    if b"%PDF" not in head:
        yield Rejected(
            uri,
            "malformed_pdf",
            "not a PDF: the '%PDF' header is missing",
            payload=excerpt(head[:80]),
        )
        return
    guessed: dict[str, Any] = {}
    try:
        reader = open_pdf(stream)
        pages: Iterator[PageText] = iter_pages(reader)
        guessed = _metadata(reader)
        engine = "pypdf"
    except PdfOpenError as exc:
        fallback = _pdfminer_pages(stream)
        if fallback is None:
            yield Rejected(
                uri, "malformed_pdf", f"the PDF cannot be opened: {exc}", payload=excerpt(head[:80])
            )
            return
        pages, engine = fallback, "pdfminer"
    parts: list[str] = []
    starts: list[tuple[int, int]] = []
    offset = 0
    total = 0
    empty: list[int] = []
    try:
        for page in pages:
            total = page.number
            if page.error:
                yield Rejected(
                    uri,
                    "malformed_pdf",
                    f"text of page {page.number} could not be extracted: {page.error}",
                    locator=f"page {page.number}",
                )
                continue
            if not page.text:
                empty.append(page.number)
                continue
            if parts:
                offset += len(PAGE_SEPARATOR)
            starts.append((offset, page.number))
            parts.append(page.text)
            offset += len(page.text)
    except Exception as exc:  # the page tree itself broke mid-way
        yield Rejected(
            uri,
            "malformed_pdf",
            f"reading stopped after page {total}: {exc}",
            locator=f"page {total + 1}",
        )
    if total == 0:
        yield Rejected(uri, "malformed_pdf", "the PDF has no pages")
        return
    if not parts:
        yield Rejected(
            uri,
            "no_text_layer",
            f"none of its {total} page{'s' if total != 1 else ''} has a text layer "
            "(a scanned document?); run OCR on it first",
        )
        return
    if url:
        guessed["url"] = url
    guessed["pages"] = tuple(starts)
    yield make_document(
        PAGE_SEPARATOR.join(parts),
        uri=uri,
        name=name,
        fmt="pdf",
        sidecar=sidecar,
        guessed=guessed,
        meta={"page_count": total, "pages_without_text": empty, "pdf_engine": engine},
    )


def read_pdf_file(
    path: Path, uri: str, *, name: str | None, limit: int, sidecar: Sidecar | None = None
) -> Iterator[Item]:
    """A PDF on disk, read lazily from the file (large reports stay out of memory)."""
    too_big = oversized(uri, path.stat().st_size, limit)
    if too_big:
        yield too_big
        return
    with open(path, "rb") as stream:
        yield from read_pdf_stream(stream, uri, name=name, sidecar=sidecar)


def read_pdf_bytes(
    data: bytes, uri: str, *, name: str | None, limit: int, url: str | None = None
) -> Iterator[Item]:
    """A PDF already in memory (fetched from a URL)."""
    too_big = oversized(uri, len(data), limit)
    if too_big:
        yield too_big
        return
    yield from read_pdf_stream(io.BytesIO(data), uri, name=name, url=url)
