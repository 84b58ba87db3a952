"""One exception hierarchy with user-facing messages.

Every error the user can cause (bad input, bad configuration, bad vocabulary) is an
``AtlasError``; the CLI prints its message on one line and exits non-zero instead of
showing a traceback. Each layer has its own subclass so callers can catch narrowly.
"""

from __future__ import annotations


class AtlasError(Exception):
    """Root of every error cartel-atlas raises on purpose.

    ``code`` is a short stable identifier (e.g. ``"V001"``) that documentation and
    tests can refer to without depending on the wording of the message.
    """

    code = "A000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class ConfigError(AtlasError):
    """A setting is missing, malformed or unsafe."""

    code = "C000"


class VocabError(AtlasError):
    """A vocabulary data file is invalid; the message names file, line and field."""

    code = "V000"

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
        code: str | None = None,
    ) -> None:
        where = ""
        if file:
            where = file
            if line:
                where += f":{line}"
            if field:
                where += f" field '{field}'"
            where += ": "
        super().__init__(where + message, code=code)
        self.detail = message
        self.file = file
        self.line = line
        self.field = field


class SourceError(AtlasError):
    """An input could not be read; the message names the file, URL or row and why."""

    code = "S000"

    def __init__(
        self,
        message: str,
        *,
        uri: str | None = None,
        code: str | None = None,
        reason: str | None = None,
    ) -> None:
        super().__init__(f"{uri}: {message}" if uri else message, code=code)
        self.uri = uri
        self.reason = reason or message


class ExtractError(AtlasError):
    """Extraction could not run on a document."""

    code = "X000"


class StoreError(AtlasError):
    """The evidence store is unreachable, out of date or refused a write."""

    code = "D000"


class AnalyzeError(AtlasError):
    """An analysis was asked something it cannot answer (unknown group, bad date...)."""

    code = "N000"


class NotFoundError(AtlasError):
    """A named thing (group, place, document, site) does not exist."""

    code = "N404"
