"""Saved or fetched HTML pages: the article text without menus, ads and comments.

trafilatura finds the main text and the page metadata (title, author, site name,
publication date, canonical URL). Extracting from a page that holds only navigation
yields nothing, and that is reported as ``malformed_html`` instead of storing a
document made of menu labels.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from cartel_atlas.model.document import Document
from cartel_atlas.model.records import Rejected
from cartel_atlas.sources.guards import excerpt, text_or_rejected
from cartel_atlas.sources.meta import Sidecar, parse_date
from cartel_atlas.sources.text import make_document

Item = Document | Rejected

_LANG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_].*)?$")
_BREAK = "\ue000"  # private-use marker for block ends while whitespace is collapsed
_DROP = ("script", "style", "noscript", "template", "head")

logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


def strip_html(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed summary), paragraphs on their own lines."""
    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for bad in list(root.iter(*_DROP)):
        bad.drop_tree()
    for block in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "h4", "tr"):
        block.tail = _BREAK + (block.tail or "")
    flat = re.sub(r"\s+", " ", root.text_content())  # source line wraps are not breaks
    lines = (ln.strip() for ln in flat.split(_BREAK))
    return "\n".join(ln for ln in lines if ln)


def _page_language(html: str) -> str | None:
    """The language the page declares (``<html lang>``), as a two-letter code."""
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    declared = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not declared:
        for meta in root.iter("meta"):
            if (meta.get("http-equiv") or "").lower() == "content-language":
                declared = meta.get("content")
                break
    match = _LANG.match((declared or "").strip())
    return match.group(1).lower() if match else None


# not "form": ASP.NET sites wrap the whole page in one
_CHROME = ("nav", "header", "footer", "aside", "menu", "a", "button", "select")
MIN_BODY_WORDS = 3


def _body_words(html: str) -> int:
    """Words of the page outside links, menus, headers and footers.

    When nothing else is there, trafilatura falls back to returning the menu labels;
    such a page has no article to read.
    """
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return 0
    for bad in list(root.iter(*_DROP, *_CHROME)):
        if bad.getparent() is not None:
            bad.drop_tree()
    return len(root.text_content().split())


def extract(html: str, url: str | None = None) -> dict[str, Any] | None:
    """trafilatura's main text and metadata of a page, or None when it finds no text."""
    if _body_words(html) < MIN_BODY_WORDS:
        return None
    result = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True
    )
    if result is None:
        return None
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    if not (data.get("text") or "").strip():
        return None
    return data


def read_html_text(
    html: str,
    uri: str,
    *,
    name: str | None,
    url: str | None = None,
    encoding: str = "utf-8",
    sidecar: Sidecar | None = None,
) -> Iterator[Item]:
    """One ``Document`` from an HTML page's text, or ``malformed_html`` saying why not."""
    try:
        data = extract(html, url)
    except Exception as exc:  # trafilatura/lxml raise many kinds on bad markup
        yield Rejected(
            uri, "malformed_html", f"the HTML could not be parsed: {exc}", payload=excerpt(html)
        )
        return
    if data is None:
        yield Rejected(
            uri,
            "malformed_html",
            "no main text found in the page (only navigation, scripts or boilerplate, "
            "or not HTML at all)",
            payload=excerpt(html),
        )
        return
    guessed: dict[str, Any] = {
        "title": data.get("title") or None,
        "author": data.get("author") or None,
        "publisher": data.get("sitename") or None,
        "published": parse_date(data.get("date")),
        "language": data.get("language") or _page_language(html),
        "url": data.get("url") or url,
    }
    guessed = {k: v for k, v in guessed.items() if v is not None}
    meta: dict[str, Any] = {"encoding": encoding}
    if data.get("description"):
        meta["description"] = data["description"]
    if data.get("hostname"):
        meta["hostname"] = data["hostname"]
    yield make_document(
        data["text"], uri=uri, name=name, fmt="html", sidecar=sidecar, guessed=guessed, meta=meta
    )


def read_html_bytes(
    data: bytes,
    uri: str,
    *,
    name: str | None,
    limit: int,
    url: str | None = None,
    sidecar: Sidecar | None = None,
) -> Iterator[Item]:
    """One ``Document`` from the bytes of a saved or fetched page, or why not."""
    if sidecar is not None:
        yield from sidecar.problems
    decoded = text_or_rejected(uri, data, limit)
    if isinstance(decoded, Rejected):
        yield decoded
        return
    html, encoding = decoded
    yield from read_html_text(html, uri, name=name, url=url, encoding=encoding, sidecar=sidecar)
