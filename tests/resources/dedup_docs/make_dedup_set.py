# ruff: noqa: E501 -- one event or sentence per line reads best in these data tables
"""Write the labelled deduplication set: short invented reports and the pairs between them.

    python tests/resources/dedup_docs/make_dedup_set.py

Deterministic: the same code writes the same files. Every event, outlet and report here is
invented for testing (see README.md in this folder); the reports imitate how Spanish and
English outlets word the same event differently (date forms, places at municipality or
state level, rounded or revised death tolls, a group or its faction, a synonymous type).

Output: ``<id>.txt`` + ``<id>.meta.json`` per report (the sidecar also carries the event
the report describes, as the answer key for a run without extraction) and
``../dedup_pairs.jsonl``: one ``{"a", "b", "same", "family", "kind"}`` line per pair.
Pairs are every two reports of one event (same), every two reports of different events
of one family of look-alike events (hard negatives: same type and state days apart, same
place and date with another type, the same group in another city...), and a few pairs
across families.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAIRS = HERE.parent / "dedup_pairs.jsonl"

MONTHS_ES = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
DAYS_ES = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]
DAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUM_ES = {2: "dos", 3: "tres", 4: "cuatro", 5: "cinco", 6: "seis", 7: "siete", 8: "ocho"}
NUM_EN = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}

GROUPS = {
    "Sinaloa Cartel": ("el Cártel de Sinaloa", "the Sinaloa Cartel"),
    "Los Chapitos": ("la facción de Los Chapitos", "the Los Chapitos faction"),
    "La Mayiza": ("la facción de La Mayiza", "the La Mayiza faction"),
    "Jalisco New Generation Cartel": (
        "el Cártel Jalisco Nueva Generación (CJNG)",
        "the Jalisco New Generation Cartel (CJNG)",
    ),
    "Santa Rosa de Lima Cartel": (
        "el Cártel de Santa Rosa de Lima",
        "the Santa Rosa de Lima Cartel",
    ),
    "Northeast Cartel": ("el Cártel del Noreste", "the Northeast Cartel"),
    "Los Ardillos": ("Los Ardillos", "Los Ardillos"),
    "La Familia Michoacana": ("La Familia Michoacana", "La Familia Michoacana"),
}

OUTLETS_ES = [
    "Diario del Pacífico Norte",
    "El Noticiero del Bajío",
    "Gaceta de la Frontera",
    "La Voz Serrana",
    "Crónica Regional del Sur",
    "Periódico El Vigía Costero",
]
OUTLETS_EN = ["Northern Wire Service", "Valley Courier", "Border Bulletin", "Gulf Coast Ledger"]


@dataclass(frozen=True)
class Event:
    """An invented event: what every report of it is about."""

    id: str
    family: str
    type: str
    day: date
    muni: str | None
    state: str
    actor: str | None = None
    killed: int | None = None


@dataclass(frozen=True)
class Report:
    """One outlet's wording of an event."""

    event: str
    lang: str
    date_form: str = "full"  # full | relative | weekday | month
    level: str = "muni"  # muni | state
    killed: int | None = None  # a revised toll (None: the event's)
    actor: str | None = "event"  # "event": the event's actor; None: not named; else a group
    type: str | None = None  # a synonymous type chosen by this outlet
    style: int = 0
    lag: int = 1  # days between the event and publication
    extra: dict[str, str] = field(default_factory=dict)


EVENTS = [
    Event(
        "a1",
        "sinaloa-homicides",
        "homicide",
        date(2024, 3, 3),
        "Culiacán",
        "Sinaloa",
        "Los Chapitos",
        4,
    ),
    Event(
        "a2",
        "sinaloa-homicides",
        "homicide",
        date(2024, 3, 8),
        "Culiacán",
        "Sinaloa",
        "La Mayiza",
        3,
    ),
    Event("a3", "sinaloa-homicides", "homicide", date(2024, 3, 3), "Navolato", "Sinaloa", None, 2),
    Event(
        "b1",
        "guanajuato-massacres",
        "massacre",
        date(2023, 7, 12),
        "Irapuato",
        "Guanajuato",
        "Santa Rosa de Lima Cartel",
        26,
    ),
    Event(
        "b2", "guanajuato-massacres", "massacre", date(2023, 7, 12), "Celaya", "Guanajuato", None, 8
    ),
    Event(
        "b3",
        "guanajuato-massacres",
        "drug_seizure",
        date(2023, 7, 12),
        "Irapuato",
        "Guanajuato",
        None,
        None,
    ),
    Event(
        "c1",
        "michoacan-ambushes",
        "attack_on_security_forces",
        date(2024, 5, 20),
        "Aguililla",
        "Michoacán",
        "Jalisco New Generation Cartel",
        7,
    ),
    Event(
        "c2",
        "michoacan-ambushes",
        "attack_on_security_forces",
        date(2024, 5, 21),
        "Apatzingán",
        "Michoacán",
        "Jalisco New Generation Cartel",
        2,
    ),
    Event(
        "d1",
        "tamaulipas-kidnappings",
        "kidnapping",
        date(2024, 2, 10),
        "Reynosa",
        "Tamaulipas",
        "Northeast Cartel",
        None,
    ),
    Event(
        "d2",
        "tamaulipas-kidnappings",
        "kidnapping",
        date(2024, 2, 20),
        "Reynosa",
        "Tamaulipas",
        None,
        None,
    ),
    Event(
        "e1",
        "jalisco-arrests",
        "arrest",
        date(2024, 9, 5),
        "Zapopan",
        "Jalisco",
        "Jalisco New Generation Cartel",
        None,
    ),
    Event(
        "e2",
        "jalisco-arrests",
        "arrest",
        date(2024, 9, 5),
        "Tlaquepaque",
        "Jalisco",
        "Jalisco New Generation Cartel",
        None,
    ),
    Event(
        "e3", "jalisco-arrests", "arms_seizure", date(2024, 9, 5), "Zapopan", "Jalisco", None, None
    ),
    Event(
        "f1",
        "chiapas-clashes",
        "armed_clash",
        date(2024, 6, 15),
        "Frontera Comalapa",
        "Chiapas",
        "Sinaloa Cartel",
        11,
    ),
    Event(
        "f2",
        "chiapas-clashes",
        "armed_clash",
        date(2024, 6, 16),
        "Chicomuselo",
        "Chiapas",
        "Jalisco New Generation Cartel",
        4,
    ),
    Event(
        "g1",
        "guerrero-officials",
        "attack_on_official",
        date(2024, 6, 3),
        "Chilpancingo de los Bravo",
        "Guerrero",
        "Los Ardillos",
        1,
    ),
    Event(
        "g2",
        "guerrero-officials",
        "attack_on_official",
        date(2024, 6, 27),
        "Chilpancingo de los Bravo",
        "Guerrero",
        None,
        1,
    ),
    Event(
        "h1",
        "puebla-fuel",
        "fuel_theft",
        date(2024, 4, 10),
        "San Martín Texmelucan",
        "Puebla",
        None,
        None,
    ),
    Event(
        "h2",
        "puebla-fuel",
        "fuel_theft",
        date(2024, 4, 25),
        "San Martín Texmelucan",
        "Puebla",
        None,
        None,
    ),
    Event(
        "i1",
        "zacatecas-missing",
        "kidnapping",
        date(2024, 1, 15),
        "Fresnillo",
        "Zacatecas",
        None,
        None,
    ),
    Event(
        "i2", "zacatecas-missing", "homicide", date(2024, 1, 15), "Fresnillo", "Zacatecas", None, 3
    ),
    Event(
        "j1", "sonora-seizures", "drug_seizure", date(2024, 8, 1), "Nogales", "Sonora", None, None
    ),
    Event(
        "j2", "sonora-seizures", "drug_seizure", date(2024, 8, 9), "Nogales", "Sonora", None, None
    ),
    Event(
        "k1", "acapulco-killings", "massacre", date(2024, 10, 5), "Acapulco", "Guerrero", None, 10
    ),
    Event(
        "k2", "acapulco-killings", "homicide", date(2024, 10, 5), "Acapulco", "Guerrero", None, 2
    ),
    Event(
        "l1",
        "michoacan-lfm",
        "armed_clash",
        date(2024, 11, 2),
        "Zitácuaro",
        "Michoacán",
        "La Familia Michoacana",
        6,
    ),
    Event(
        "l2",
        "michoacan-lfm",
        "armed_clash",
        date(2024, 11, 2),
        "Tuzantla",
        "Michoacán",
        "La Familia Michoacana",
        5,
    ),
]

REPORTS = [
    Report("a1", "es"),
    Report("a1", "en", date_form="weekday", actor="Sinaloa Cartel"),
    Report("a1", "es", level="state", killed=5, actor=None, style=1, date_form="relative", lag=2),
    Report("a1", "en", date_form="relative", style=1),
    Report("a2", "es", style=1),
    Report("a2", "en", date_form="weekday", killed=3),
    Report("a3", "es", date_form="relative"),
    Report("a3", "en", style=1),
    Report("b1", "es"),
    Report("b1", "en", killed=27, actor=None),
    Report("b1", "es", type="homicide", style=1, killed=26, date_form="weekday"),
    Report("b2", "es", style=1, date_form="relative"),
    Report("b2", "en", style=1),
    Report("b3", "es"),
    Report("b3", "en", date_form="weekday"),
    Report("c1", "es"),
    Report("c1", "en", date_form="weekday", killed=8),
    Report("c1", "es", type="armed_clash", style=1, level="state"),
    Report("c2", "es", style=1, date_form="relative"),
    Report("c2", "en"),
    Report("d1", "es"),
    Report("d1", "en", date_form="relative"),
    Report("d1", "es", style=1, actor=None, level="state"),
    Report("d2", "es", date_form="relative"),
    Report("d2", "en", style=1),
    Report("e1", "es"),
    Report("e1", "en", date_form="weekday"),
    Report("e1", "es", style=1, lag=2),
    Report("e2", "es", style=1),
    Report("e2", "en"),
    Report("e3", "es"),
    Report("e3", "en", date_form="relative"),
    Report("f1", "es"),
    Report("f1", "en", killed=12, date_form="weekday"),
    Report("f1", "es", style=1, level="state", killed=11, date_form="relative"),
    Report("f2", "es", style=1),
    Report("f2", "en", date_form="relative"),
    Report("g1", "es"),
    Report("g1", "en", type="homicide", date_form="weekday"),
    Report("g1", "es", style=1, date_form="relative", lag=3),
    Report("g2", "es", style=1),
    Report("g2", "en"),
    Report("h1", "es"),
    Report("h1", "es", style=1, date_form="relative"),
    Report("h1", "en"),
    Report("h2", "es", date_form="weekday"),
    Report("h2", "en", style=1),
    Report("i1", "es", type="disappearance"),
    Report("i1", "en"),
    Report("i1", "es", style=1),
    Report("i2", "es"),
    Report("i2", "en", date_form="weekday"),
    Report("j1", "es"),
    Report("j1", "en", date_form="relative"),
    Report("j1", "es", style=1),
    Report("j2", "es", style=1, date_form="weekday"),
    Report("j2", "en"),
    Report("k1", "es"),
    Report("k1", "en", killed=11),
    Report("k1", "es", style=1, killed=13, date_form="relative"),
    Report("k2", "es", style=1),
    Report("k2", "en", date_form="weekday"),
    Report("l1", "es"),
    Report("l1", "en", killed=6, date_form="weekday"),
    Report("l2", "es", style=1),
    Report("l2", "en", date_form="relative"),
]

CROSS_FAMILY = [
    ("a1", "k2"),
    ("b1", "k1"),
    ("c1", "f1"),
    ("d1", "i1"),
    ("e1", "j1"),
    ("g1", "a3"),
    ("h1", "j2"),
    ("l1", "f2"),
    ("c2", "l2"),
    ("b2", "a2"),
]


# ----------------------------------------------------------------------------- wording


def _date_es(e: Event, r: Report, published: date) -> str:
    d = e.day
    if r.date_form == "relative":
        return f"el pasado {d.day} de {MONTHS_ES[d.month - 1]}"
    if r.date_form == "weekday":
        return f"el {DAYS_ES[d.weekday()]} {d.day} de {MONTHS_ES[d.month - 1]}"
    if r.date_form == "month":
        return f"en {MONTHS_ES[d.month - 1]} de {d.year}"
    return f"el {d.day} de {MONTHS_ES[d.month - 1]} de {d.year}"


def _date_en(e: Event, r: Report, published: date) -> str:
    d = e.day
    if r.date_form == "relative":
        return f"on {MONTHS_EN[d.month - 1]} {d.day}"
    if r.date_form == "weekday":
        return f"on {DAYS_EN[d.weekday()]}"
    if r.date_form == "month":
        return f"in {MONTHS_EN[d.month - 1]} {d.year}"
    return f"on {MONTHS_EN[d.month - 1]} {d.day}, {d.year}"


def _place_es(e: Event, r: Report) -> str:
    if r.level == "state" or not e.muni:
        return f"en el estado de {e.state}"
    return f"en {e.muni}, {e.state}"


def _place_en(e: Event, r: Report) -> str:
    if r.level == "state" or not e.muni:
        return f"in the state of {e.state}"
    return f"in {e.muni}, {e.state} state"


def _n_es(n: int) -> str:
    return NUM_ES.get(n, str(n))


def _n_en(n: int) -> str:
    return NUM_EN.get(n, str(n))


def _actor(e: Event, r: Report) -> str | None:
    return e.actor if r.actor == "event" else r.actor


def text_es(e: Event, r: Report, published: date) -> tuple[str, str]:
    """(title, body) of a Spanish report."""
    t = r.type or e.type
    when, where = _date_es(e, r, published), _place_es(e, r)
    n = r.killed if r.killed is not None else e.killed
    actor = _actor(e, r)
    who = GROUPS[actor][0] if actor else ""
    to_who = "al " + who[3:] if who.startswith("el ") else "a " + who
    blame = f" La fiscalía estatal atribuyó el ataque {to_who}." if actor else ""
    link = f" Las autoridades vinculan al detenido con {who}." if actor else ""
    s = r.style
    if t == "homicide":
        title = f"Asesinan a {_n_es(n or 1)} personas" if (n or 1) > 1 else "Asesinan a un hombre"
        body = (
            f"{_n_es(n or 1).capitalize()} personas fueron asesinadas a balazos {when} {where}."
            if s == 0
            else f"Hombres armados mataron a {_n_es(n or 1)} personas {when} {where}, informaron autoridades locales."
        )
        return title, body + blame
    if t == "massacre":
        body = (
            f"Una masacre {when} {where} dejó {n} personas muertas, según la fiscalía del estado."
            if s == 0
            else f"Sujetos armados irrumpieron en un bar {when} {where} y perpetraron una matanza en la que murieron {_n_es(n or 0)} personas."
        )
        return "Masacre en " + (e.muni or e.state), body + blame
    if t == "attack_on_security_forces":
        body = (
            f"Una emboscada contra militares {when} {where} dejó {_n_es(n or 0)} soldados muertos."
            if s == 0
            else f"Elementos de la policía estatal fueron emboscados {when} {where}; {_n_es(n or 0)} agentes murieron en el ataque."
        )
        return "Emboscada en " + (e.muni or e.state), body + blame
    if t == "armed_clash":
        body = (
            f"Un enfrentamiento armado entre grupos criminales {when} {where} dejó {_n_es(n or 0)} muertos."
            if s == 0
            else f"Se registró un enfrentamiento {when} {where} entre civiles armados y militares; murieron {_n_es(n or 0)} personas."
        )
        return "Enfrentamiento en " + (e.muni or e.state), body + blame
    if t == "kidnapping":
        body = (
            f"Un grupo armado secuestró a cinco trabajadores {when} {where}."
            if s == 0
            else f"Cinco personas fueron privadas de la libertad {when} {where}, denunciaron sus familiares."
        )
        return "Secuestro en " + (e.muni or e.state), body + blame
    if t == "disappearance":
        body = f"Colectivos de búsqueda reportaron la desaparición de cinco jóvenes {when} {where}."
        return "Desaparecen jóvenes en " + (e.muni or e.state), body + blame
    if t == "arrest":
        body = (
            f"Elementos del Ejército detuvieron a un presunto jefe de plaza {when} {where}."
            if s == 0
            else f"Fue capturado {when} {where} un hombre señalado como operador regional."
        )
        return "Detienen a presunto jefe de plaza", body + link
    if t == "arms_seizure":
        body = f"En un cateo {when} {where}, las autoridades aseguraron doce fusiles de asalto y cartuchos."
        return "Aseguran armas en " + (e.muni or e.state), body
    if t == "drug_seizure":
        body = (
            f"Las autoridades aseguraron 300 kilos de metanfetamina {when} {where}."
            if s == 0
            else f"Fue asegurado un cargamento de pastillas de fentanilo {when} {where}, informó la Guardia Nacional."
        )
        return "Aseguran droga en " + (e.muni or e.state), body
    if t == "fuel_theft":
        body = (
            f"Personal de la Guardia Nacional localizó una toma clandestina {when} {where}."
            if s == 0
            else f"Fueron asegurados 20 mil litros de hidrocarburo robado {when} {where}."
        )
        return "Huachicol en " + (e.muni or e.state), body
    if t == "attack_on_official":
        body = (
            f"Un regidor fue asesinado a balazos {when} {where}, en un atentado contra el cabildo."
            if s == 0
            else f"Asesinan a regidor {when} {where}; el atentado ocurrió frente a su domicilio."
        )
        return "Atentado contra regidor", body + blame
    raise ValueError(t)


def text_en(e: Event, r: Report, published: date) -> tuple[str, str]:
    """(title, body) of an English report."""
    t = r.type or e.type
    when, where = _date_en(e, r, published), _place_en(e, r)
    n = r.killed if r.killed is not None else e.killed
    actor = _actor(e, r)
    blame = f" Officials blamed {GROUPS[actor][1]}." if actor else ""
    link = f" Prosecutors said the suspect works for {GROUPS[actor][1]}." if actor else ""
    s = r.style
    if t == "homicide":
        body = (
            f"{_n_en(n or 1).capitalize()} people were shot dead {when} {where}, authorities said."
            if s == 0
            else f"Gunmen killed {_n_en(n or 1)} people {when} {where}, local officials said."
        )
        return f"{_n_en(n or 1).capitalize()} killed in {e.muni or e.state}", body + blame
    if t == "massacre":
        body = f"A massacre {where} {when} left {n} people dead, state prosecutors said."
        return f"{n} dead in {e.muni or e.state} massacre", body + blame
    if t == "attack_on_security_forces":
        body = f"Gunmen ambushed an army patrol {where} {when}, killing {_n_en(n or 0)} soldiers."
        return f"Soldiers killed in {e.muni or e.state} ambush", body + blame
    if t == "armed_clash":
        body = f"A gun battle between rival gangs {where} {when} left {_n_en(n or 0)} people dead."
        return f"Clash in {e.muni or e.state}", body + blame
    if t == "kidnapping":
        body = (
            f"Five workers were kidnapped by armed men {where} {when}, relatives said."
            if s == 0
            else f"Armed men abducted five people {where} {when}."
        )
        return f"Kidnapping in {e.muni or e.state}", body + blame
    if t == "arrest":
        body = f"Soldiers arrested a suspected regional boss {where} {when}."
        return "Suspected cartel boss arrested", body + link
    if t == "arms_seizure":
        body = f"Troops seized twelve assault rifles and ammunition during a raid {where} {when}."
        return f"Weapons seized in {e.muni or e.state}", body
    if t == "drug_seizure":
        body = f"Authorities seized 300 kilograms of methamphetamine {where} {when}."
        return f"Drug seizure in {e.muni or e.state}", body
    if t == "fuel_theft":
        body = f"National Guard troops found an illegal fuel tap on a pipeline {where} {when}."
        return f"Fuel theft in {e.muni or e.state}", body
    if t == "homicide" or t == "attack_on_official":
        body = f"A town councillor was shot dead {where} {when}."
        return "Councillor killed", body + blame
    raise ValueError(t)


def main(out_dir: Path = HERE, pairs_path: Path = PAIRS) -> None:
    """Write every report into ``out_dir`` and the labelled pairs into ``pairs_path``."""
    events = {e.id: e for e in EVENTS}
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.txt"):
        old.unlink()
    for old in out_dir.glob("*.meta.json"):
        old.unlink()
    by_event: dict[str, list[str]] = {}
    for n, r in enumerate(REPORTS):
        e = events[r.event]
        doc_id = f"{r.event}-{sum(1 for x in REPORTS[:n] if x.event == r.event) + 1}-{r.lang}"
        published = e.day + timedelta(days=r.lag)
        outlets = OUTLETS_ES if r.lang == "es" else OUTLETS_EN
        outlet = outlets[n % len(outlets)]
        title, body = (text_es if r.lang == "es" else text_en)(e, r, published)
        (out_dir / f"{doc_id}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        t = r.type or e.type
        killed = r.killed if r.killed is not None else e.killed
        meta = {
            "title": title,
            "publisher": outlet,
            "published": published.isoformat(),
            "language": r.lang,
            "licence": "CC BY 4.0, cartel-atlas test text (invented event)",
            "event": {
                "event_type": t,
                "date": e.day.isoformat(),
                "place": e.state if (r.level == "state" or not e.muni) else f"{e.state}/{e.muni}",
                "actor": _actor(e, r),
                "killed": killed if t not in ("kidnapping", "disappearance", "arrest") else None,
            },
        }
        (out_dir / f"{doc_id}.meta.json").write_text(
            json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        by_event.setdefault(r.event, []).append(doc_id)
    pairs = []
    for docs in by_event.values():
        for a, b in itertools.combinations(docs, 2):
            fam = events[a.split("-")[0]].family
            pairs.append({"a": a, "b": b, "same": True, "family": fam, "kind": "same_event"})
    families: dict[str, list[str]] = {}
    for e in EVENTS:
        families.setdefault(e.family, []).append(e.id)
    for fam, ids in families.items():
        for x, y in itertools.combinations(ids, 2):
            for a in by_event[x]:
                for b in by_event[y]:
                    kind = _negative_kind(events[x], events[y])
                    pairs.append({"a": a, "b": b, "same": False, "family": fam, "kind": kind})
    for x, y in CROSS_FAMILY:
        pairs.append(
            {
                "a": by_event[x][0],
                "b": by_event[y][-1],
                "same": False,
                "family": "cross",
                "kind": "other_family",
            }
        )
    pairs_path.write_text(
        "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pairs), encoding="utf-8"
    )
    same = sum(p["same"] for p in pairs)
    print(
        f"{len(REPORTS)} reports, {len(pairs)} pairs ({same} same, {len(pairs) - same} different)"
    )


def _negative_kind(x: Event, y: Event) -> str:
    if x.type != y.type and x.muni == y.muni and x.day == y.day:
        return "same_place_date_other_type"
    if x.muni == y.muni:
        return "same_place_days_apart"
    if x.actor and x.actor == y.actor:
        return "same_group_other_city"
    return "same_state_other_city"


if __name__ == "__main__":
    main()
