"""Fetching a URL safely: address guard, redirects, size limit, content type, caching.

The atlas is meant to be run by analysts on their own machines and on shared servers,
fed with URLs from feeds and colleagues. A URL that resolves to a private or cloud
metadata address (``169.254.169.254``) would let an input read internal services, so
every address the host resolves to is checked, and checked again at each redirect hop
(redirects are followed by hand for that reason). Bodies are streamed and abandoned
past ``max_document_bytes``; proxies from the environment are ignored so the guard
sees the real destination.

Known limit: the host is resolved for the check and again by the HTTP client, so a
DNS server that answers differently within milliseconds (DNS rebinding) is not caught.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass, field
from urllib.parse import urljoin

import httpx

from cartel_atlas.errors import SourceError
from cartel_atlas.settings import Settings, get_settings

USER_AGENT = "cartel-atlas/0.1 (+https://github.com/cartel-atlas/cartel-atlas)"
REDIRECTS = (301, 302, 303, 307, 308)

CONTENT_TYPES: dict[str, str] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "markdown",
    "application/pdf": "pdf",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
    "application/json": "stix",
    "application/stix+json": "stix",
    "text/csv": "csv",
    "application/csv": "csv",
}
"""Media types we accept, with the reader family each one suggests."""

IP = ipaddress.IPv4Address | ipaddress.IPv6Address


class FetchError(SourceError):
    """A URL could not be fetched; ``reason`` is the ``Rejected`` reason code."""

    code = "S030"

    def __init__(self, message: str, *, uri: str, reason: str, status: int | None = None):
        super().__init__(message, uri=uri, reason=reason)
        self.status = status


@dataclass(frozen=True)
class FetchResult:
    """What a fetch returned; ``status`` 304 means unchanged (``body`` is empty)."""

    url: str
    final_url: str
    status: int
    content_type: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        """True when the server answered 304 to a conditional request."""
        return self.status == 304


def blocked_reason(address: str) -> str | None:
    """Why connecting to ``address`` is refused by default, or None if it is public."""
    ip: IP = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            inner = blocked_reason(str(embedded))
            return f"{inner} (inside IPv6 {ip})" if inner else None
    checks = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
        ("not globally routable", not ip.is_global),
    )
    for name, hit in checks:
        if hit:
            return f"{ip} is a {name} address"
    return None


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (an IP literal resolves to itself)."""
    literal = host.strip("[]")
    try:
        ipaddress.ip_address(literal.split("%", 1)[0])
        return [literal]
    except ValueError:
        pass
    infos = socket.getaddrinfo(literal, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def check_address(url: str, *, allow_private: bool = False) -> None:
    """Refuse non-HTTP schemes, and hosts resolving to non-public addresses unless
    ``allow_private``; raises ``FetchError``."""
    parsed = httpx.URL(url)
    if parsed.scheme not in ("http", "https"):
        raise FetchError(
            f"only http and https URLs can be fetched, not '{parsed.scheme}'",
            uri=url,
            reason="fetch_failed",
        )
    if not parsed.host:
        raise FetchError("the URL has no host", uri=url, reason="fetch_failed")
    if allow_private:
        return
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        addresses = resolve(parsed.host, port)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(
            f"cannot resolve host '{parsed.host}': {exc}", uri=url, reason="fetch_failed"
        ) from exc
    for address in addresses:
        why = blocked_reason(address)
        if why:
            raise FetchError(
                f"refused: host '{parsed.host}' resolves to {why} "
                "(use --allow-private for sources on your own network)",
                uri=url,
                reason="blocked_address",
            )


def media_type(content_type: str | None) -> str:
    """'text/html; charset=utf-8' -> 'text/html'."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def fetch(
    url: str,
    *,
    allow_private: bool = False,
    settings: Settings | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    accept: frozenset[str] | None = None,
    transport: httpx.BaseTransport | None = None,
) -> FetchResult:
    """GET ``url`` with the guard re-checked at every redirect, a timeout, a streamed
    size limit and a content-type check. ``etag``/``last_modified`` make the request
    conditional (a 304 answer gives ``not_modified``). ``accept`` narrows the media
    types allowed (default: every type in ``CONTENT_TYPES``). ``transport`` replaces
    the network layer (tests use ``httpx.MockTransport`` to play a public host).

    Raises ``FetchError`` whose ``reason`` is one of ``fetch_failed``,
    ``blocked_address``, ``too_many_redirects``, ``oversized``, ``bad_content_type``.
    """
    cfg = settings or get_settings()
    headers = {"User-Agent": USER_AGENT, "Accept": "*/*"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current = url
    with httpx.Client(
        timeout=cfg.http_timeout,
        follow_redirects=False,
        trust_env=False,
        headers=headers,
        transport=transport,
    ) as client:
        for _hop in range(cfg.http_max_redirects + 1):
            check_address(current, allow_private=allow_private)
            result = _get(client, url, current, cfg.max_document_bytes, accept)
            if isinstance(result, FetchResult):
                return result
            current = result
        raise FetchError(
            f"more than {cfg.http_max_redirects} redirects (last to {current})",
            uri=url,
            reason="too_many_redirects",
        )


def _get(
    client: httpx.Client, url: str, current: str, limit: int, accept: frozenset[str] | None
) -> FetchResult | str:
    """One request: a result, or the absolute URL a redirect points to."""
    try:
        with client.stream("GET", current) as resp:
            if resp.status_code in REDIRECTS:
                location = resp.headers.get("location")
                if not location:
                    raise FetchError(
                        f"HTTP {resp.status_code} redirect without a Location",
                        uri=url,
                        reason="fetch_failed",
                        status=resp.status_code,
                    )
                return urljoin(current, location)
            if resp.status_code == 304:
                return _result(url, current, resp, b"")
            if resp.status_code >= 400 or resp.status_code < 200:
                raise FetchError(
                    f"HTTP {resp.status_code} from {current}",
                    uri=url,
                    reason="fetch_failed",
                    status=resp.status_code,
                )
            declared = resp.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise _too_big(url, int(declared), limit)
            body = bytearray()
            for chunk in resp.iter_bytes():
                body.extend(chunk)
                if len(body) > limit:
                    raise _too_big(url, len(body), limit, streamed=True)
            result = _result(url, current, resp, bytes(body))
    except httpx.HTTPError as exc:
        raise FetchError(
            f"{type(exc).__name__}: {exc or 'request failed'}", uri=url, reason="fetch_failed"
        ) from exc
    _check_type(result, accept)
    return result


def _too_big(url: str, size: int, limit: int, streamed: bool = False) -> FetchError:
    what = f"more than {limit:,} bytes" if streamed else f"{size:,} bytes"
    return FetchError(
        f"response is {what}, over the limit of {limit:,} bytes (CARTEL_ATLAS_MAX_DOCUMENT_BYTES)",
        uri=url,
        reason="oversized",
    )


def _result(url: str, current: str, resp: httpx.Response, body: bytes) -> FetchResult:
    return FetchResult(
        url=url,
        final_url=current,
        status=resp.status_code,
        content_type=resp.headers.get("content-type", ""),
        headers=dict(resp.headers),
        body=body,
        etag=resp.headers.get("etag"),
        last_modified=resp.headers.get("last-modified"),
    )


def _check_type(result: FetchResult, accept: frozenset[str] | None) -> None:
    kind = media_type(result.content_type)
    allowed = accept if accept is not None else frozenset(CONTENT_TYPES)
    if kind in allowed:
        return
    if (
        kind in ("", "application/octet-stream")
        and result.body.startswith(b"%PDF")
        and ("application/pdf" in allowed)
    ):
        return  # many servers send PDFs as octet-stream; the bytes say what they are
    raise FetchError(
        f"content type '{kind or 'none'}' is not one we read "
        f"(accepted: {', '.join(sorted(allowed))})",
        uri=result.url,
        reason="bad_content_type",
        status=result.status,
    )
