"""Database failures turned into ``StoreError`` messages a user can act on.

Every message names the database URL (password hidden) and, where we know it, the fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import exc as sa_exc

from cartel_atlas.errors import StoreError

_MISSING_TABLE = ("no such table", "undefinedtable")
_MISSING_DB = ("invalidcatalogname", "unable to open database file")


def _orig(err: sa_exc.SQLAlchemyError) -> str:
    orig = getattr(err, "orig", None)
    text = f"{type(orig).__name__}: {orig}" if orig is not None else str(err)
    return " ".join(text.split())


def describe(err: sa_exc.SQLAlchemyError, where: str) -> StoreError:
    """A ``StoreError`` for ``err`` raised while talking to the database at ``where``."""
    detail = _orig(err)
    low = detail.lower()
    if isinstance(err, sa_exc.IntegrityError):
        return StoreError(f"{where} refused the write: {detail}", code="D003")
    if any(m in low for m in _MISSING_DB) or ("database" in low and "does not exist" in low):
        return StoreError(
            f"database {where} does not exist or cannot be opened; create it with "
            f"`cartel-atlas init --database URL` ({detail})",
            code="D002",
        )
    if any(m in low for m in _MISSING_TABLE):
        return StoreError(
            f"database {where} is not initialised or out of date; run "
            f"`cartel-atlas db upgrade` ({detail})",
            code="D004",
        )
    if isinstance(err, sa_exc.OperationalError | sa_exc.InterfaceError):
        return StoreError(f"cannot use the database {where}: {detail}", code="D002")
    return StoreError(f"database error on {where}: {detail}", code="D000")


@contextmanager
def translated(where: str) -> Iterator[None]:
    """Re-raise SQLAlchemy errors inside the block as ``StoreError`` naming ``where``."""
    try:
        yield
    except sa_exc.SQLAlchemyError as err:
        raise describe(err, where) from err
