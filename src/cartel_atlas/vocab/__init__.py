"""The domain vocabulary as data: places, groups, event types and cues, commodities,
source registry and baseline presence claims, loaded and validated from versioned files.

A new cartel or alias is a data change in ``vocab/data/``, never a code change.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cartel_atlas.vocab.claims import BaselineClaim, load_baseline
from cartel_atlas.vocab.commodities import Commodities, load_commodities
from cartel_atlas.vocab.events import EventTaxonomy, load_events
from cartel_atlas.vocab.groups import Groups, load_groups
from cartel_atlas.vocab.lexicon import Lexicon, load_lexicon
from cartel_atlas.vocab.places import Places, load_places
from cartel_atlas.vocab.sources import SourceRegistry, load_sources

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Vocabulary:
    """Everything the pipeline knows about the domain, validated at load."""

    places: Places
    groups: Groups
    events: EventTaxonomy
    lexicon: Lexicon
    commodities: Commodities
    sources: SourceRegistry
    baseline: tuple[BaselineClaim, ...]
    directory: Path


def load_vocabulary(directory: Path | None = None) -> Vocabulary:
    """Load and validate every vocabulary file in ``directory`` (default: bundled data)."""
    d = Path(directory) if directory else DATA_DIR
    return Vocabulary(
        places=load_places(d),
        groups=load_groups(d),
        events=load_events(d),
        lexicon=load_lexicon(d),
        commodities=load_commodities(d),
        sources=load_sources(d),
        baseline=tuple(load_baseline(d)),
        directory=d,
    )


@lru_cache(maxsize=4)
def get_vocabulary(directory: Path | None = None) -> Vocabulary:
    """The vocabulary, loaded once per process (per directory)."""
    return load_vocabulary(directory)


__all__ = ["DATA_DIR", "Vocabulary", "get_vocabulary", "load_vocabulary"]
