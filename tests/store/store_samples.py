"""A hand-built document with the sentences, mentions and facts extraction would produce."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from cartel_atlas.model import Document, Evidence, Fact, Mention, Sentence

TEXT = (
    "Hombres armados atribuidos al Cártel de Sinaloa emboscaron a policías estatales en "
    "Culiacán el 3 de marzo de 2024. Según la fiscalía del estado, dos agentes murieron."
)


@dataclass(frozen=True)
class Sample:
    """A document with the sentences, mentions and facts extraction would produce."""

    doc: Document
    sentences: list[Sentence]
    mentions: list[Mention]
    facts: list[Fact]


def make_sample(text: str = TEXT, **doc_fields: object) -> Sample:
    """Build a sample whose offsets are computed from ``text`` itself."""
    doc = Document(
        text=text,
        title="Emboscada en Culiacán",
        url="https://example.org/noticias/emboscada-culiacan",
        publisher="Diario de Prueba",
        author="Redacción",
        published=date(2024, 3, 4),
        language="es",
        licence="CC-BY-4.0",
        format="html",
        name="emboscada-culiacan",
        pages=((0, 1),),
        meta={"section": "seguridad", "tags": ["sinaloa", "policía"]},
        **doc_fields,  # type: ignore[arg-type]
    )
    cut = text.index(". ") + 1
    sentences = [
        Sentence(doc.id, 0, 0, cut, text[:cut]),
        Sentence(doc.id, 1, cut + 1, len(text), text[cut + 1 :]),
    ]
    g = text.index("Cártel de Sinaloa")
    c = text.index("Culiacán")
    mentions = [
        Mention(doc.id, "group", g, g + 17, "Cártel de Sinaloa", "sinaloa", 0, {"via": "alias"}),
        Mention(doc.id, "place", c, c + 8, "Culiacán", "25006", 0),
    ]
    ev = Evidence(doc.id, 0, cut, text[:cut], "presence", "1.0", page=1)
    facts = [
        Fact(
            kind="presence",
            fields={
                "group": "Sinaloa Cartel",
                "group_id": "sinaloa",
                "place": "Sinaloa/Culiacán",
                "state_code": "25",
            },
            evidence=ev,
            polarity="hedged",
            confidence=0.8,
            source=None,
            valid_from=date(2024, 3, 3),
            valid_to=date(2024, 3, 3),
            recorded_at=datetime(2024, 3, 5, 12, 0, tzinfo=UTC),
        ),
        Fact(
            kind="event",
            fields={
                "event_type": "armed_attack",
                "place": "Sinaloa/Culiacán",
                "killed": 2,
                "date": "2024-03-03",
                "state_code": "25",
                "group_id": "sinaloa",
            },
            evidence=Evidence(doc.id, 0, len(text), text, "events", "1.0", page=1),
            polarity="asserted",
            confidence=0.7,
            source="Fiscalía General del Estado de Sinaloa",
            valid_from=date(2024, 3, 3),
            valid_to=date(2024, 3, 3),
            recorded_at=datetime(2024, 3, 5, 12, 0, tzinfo=UTC),
        ),
    ]
    return Sample(doc, sentences, mentions, facts)
