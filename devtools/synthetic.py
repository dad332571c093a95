"""A synthetic catalogue of valid problems over every comuna, for benchmarks and tests.

The text varies from problem to problem (sampled from word banks with a fixed seed), so
that measurements of parsing, search and similarity are not flattered by one repeated text.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from catalogo.core.words import slugify
from catalogo.loading.writer import document
from catalogo.model.responsible import record_required
from catalogo.model.vocabularies import Vocabularies

_SUBJECTS = [
    "reclamos de aseo",
    "solicitudes de poda",
    "permisos de circulación",
    "patentes comerciales",
    "horas médicas en el CESFAM",
    "becas municipales",
    "subsidios de agua potable",
    "denuncias de microbasurales",
    "solicitudes de transparencia",
    "permisos de edificación",
    "actas del concejo",
    "ordenanzas municipales",
    "alertas de incendio",
    "rutas de recolección",
    "consultas en la OIRS",
    "inscripciones en talleres",
    "entregas de ayuda social",
    "postulaciones a fondos concursables",
    "reportes de luminarias",
    "baches en calzadas",
    "atenciones del registro social de hogares",
    "licencias de conducir",
    "ferias libres",
    "asistencia escolar",
    "listas de espera dental",
    "operativos veterinarios",
    "emergencias por lluvias",
    "podas de arbolado urbano",
    "multas de tránsito",
]
_VERBS = [
    "Clasificación",
    "Priorización",
    "Resumen",
    "Seguimiento",
    "Respuesta",
    "Derivación",
    "Búsqueda",
    "Predicción",
    "Detección",
    "Ordenamiento",
    "Digitalización",
    "Análisis",
]
_QUALIFIERS = [
    "con demoras",
    "acumuladas",
    "dispersas en planillas",
    "sin trazabilidad",
    "en temporada alta",
    "en sectores rurales",
    "en papel",
    "en distintos sistemas",
    "con alta demanda",
    "que llegan por varios canales",
]
_UNITS = [
    "OIRS",
    "DIDECO",
    "Dirección de Tránsito",
    "Dirección de Obras Municipales",
    "Departamento de Salud",
    "Departamento de Educación",
    "Dirección de Medio Ambiente, Aseo y Ornato",
    "Seguridad Pública",
    "Secretaría Municipal",
    "Oficina de Emergencias",
    "SECPLA",
    "Fomento Productivo",
]
_SENTENCES = [
    "Cada semana llegan {n} casos nuevos de {s} y el equipo los revisa uno por uno.",
    "La información de {s} está repartida entre planillas, correos y carpetas físicas.",
    "Los vecinos de {place} esperan en promedio {d} días hábiles por una respuesta.",
    "En {place} el problema se concentra en los meses de {month}.",
    "El personal de {unit} dedica buena parte de su jornada a ordenar {s}.",
    "No existe un registro único que permita saber cuántos casos de {s} siguen abiertos.",
    "Las personas mayores tienen dificultades para entender los requisitos de {s}.",
    "Un modelo de lenguaje podría leer {s} y proponer una categoría para revisión humana.",
    "LatamGPT podría redactar borradores de respuesta que {unit} revisa antes de enviar.",
    "Con datos históricos se podría anticipar la demanda de {s} en {month}.",
    "Un buscador semántico ayudaría a encontrar antecedentes de {s} en segundos.",
    "La decisión final seguiría en manos de funcionarias y funcionarios de {unit}.",
    "El volumen de {s} creció cerca de un {p} por ciento el último año.",
    "Parte de los casos de {s} se repiten porque nadie confirma su recepción.",
    "Los datos de {s} contienen información personal que debe anonimizarse.",
]
_SOURCE_KINDS = ["Registro", "Planilla", "Base de datos", "Archivo histórico", "Formularios"]
_WHO = [
    "hacen trámites en el municipio",
    "viven en sectores alejados",
    "usan los servicios de salud",
    "esperan respuesta a una solicitud",
    "trabajan en el comercio local",
]
_MEASURES = [
    "Tiempo de respuesta",
    "Casos pendientes",
    "Reclamos repetidos",
    "Tiempo de tramitación",
]
_UNITS_OF_MEASURE = [
    ("días hábiles", 4, 40),
    ("% de los casos", 20, 95),
    ("horas al mes", 10, 300),
    ("casos pendientes", 50, 2000),
]
_RISK_REASONS = {
    "alto": "Apoya decisiones sobre el acceso de personas a un servicio municipal",
    "limitado": "Genera textos o propuestas que revisa una persona antes de usarlos",
    "sin-riesgo-evidente": "Trabaja con datos agregados y no afecta a personas concretas",
}
_OVERSIGHT = [
    "Una funcionaria revisa cada propuesta del sistema antes de aplicarla",
    "El equipo de la unidad confirma cada caso y puede corregir la propuesta",
]
_RECORD_TEXTS = {
    "proposito": "Ordenar y responder {s} con menos demora",
    "unidad_responsable": "{unit}",
    "cargo_responsable": "Jefatura de {unit}",
    "desarrollado_por": "Equipo de la hackatón junto con la unidad de informática",
    "condiciones": "Convenio de colaboración sin costo; código abierto con licencia MIT",
    "datos_utilizados": "Registros de {s} de los últimos tres años, anonimizados",
    "representatividad": "Los registros cubren a quienes hicieron el trámite; faltan quienes no lo hacen en línea",
    "informacion_a_personas": "Un aviso en cada respuesta dice que se usa un sistema automático",
    "impugnacion": "Se puede reclamar en la OIRS y una persona revisa el caso",
    "supervision_humana": "{unit} revisa cada semana una muestra de los casos",
    "evaluacion": "Piloto de tres meses comparado con el mismo periodo del año anterior",
}
_RISKS = [
    "Anonimizar los datos antes de usarlos y revisar sesgos del modelo por sector",
    "Una persona revisa cada decisión propuesta por el sistema antes de aplicarla",
    "Cumplir la Ley 19.628 y la Ley 21.719 de protección de datos personales",
    "Explicar a la comunidad cómo se usa la IA y cómo reclamar una decisión",
]
_MONTHS = [
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
_PLACES = [
    "el sector norte",
    "el centro",
    "las villas del sur",
    "los cerros",
    "la zona rural",
    "el borde costero",
    "las poblaciones antiguas",
    "los nuevos condominios",
]


def _paragraph(rng: random.Random, subject: str, unit: str, sentences: int) -> str:
    picked = rng.sample(_SENTENCES, sentences)
    return " ".join(
        sentence.format(
            n=rng.randint(20, 900),
            s=subject,
            place=rng.choice(_PLACES),
            d=rng.randint(2, 40),
            month=rng.choice(_MONTHS),
            unit=unit,
            p=rng.randint(5, 60),
        )
        for sentence in picked
    )


def _source(rng: random.Random, vocabularies: Vocabularies, subject: str, personal: bool) -> dict:
    source = {
        "nombre": f"{rng.choice(_SOURCE_KINDS)} de {subject}",
        "formato": rng.choice(sorted(vocabularies.data_formats)),
        "acceso": rng.choice(sorted(vocabularies.data_access)),
        "datos_personales": personal,
        "volumen": f"Cerca de {rng.randint(1, 90)} mil registros desde {rng.randint(2012, 2023)}",
    }
    if source["acceso"] == "publico":
        source["url"] = f"https://datos.example.cl/{slugify(subject)}/{rng.randint(1, 999)}"
    return source


def _indicator(rng: random.Random, subject: str, measured: date) -> dict:
    """An indicator as an object, most with a baseline and its date."""
    unit, low, high = rng.choice(_UNITS_OF_MEASURE)
    name = f"{rng.choice(_MEASURES)} de {subject}"
    item: dict = {"nombre": name, "unidad": unit}
    if rng.random() < 0.75:
        item["linea_base"] = rng.randint(low, high)
        item["fecha_linea_base"] = measured
    item["meta"] = rng.randint(low, high)
    return item


def _impact(rng: random.Random, vocabularies: Vocabularies) -> dict:
    unit = rng.choice(sorted(vocabularies.cost_units))
    # From a million pesos a month to hundreds of millions a year, as municipal costs run.
    low = rng.randint(1, 400) * 1_000_000 if unit == "pesos" else rng.randint(10, 900)
    return {
        "frecuencia": {
            "casos": rng.randint(10, 20_000),
            "periodo": rng.choice(sorted(vocabularies.periods)),
        },
        "costo_actual": {
            "minimo": low,
            "maximo": low + max(1, low * rng.randint(1, 5) // 10),
            "unidad": unit,
            "periodo": rng.choice(sorted(vocabularies.periods)),
        },
    }


def _risk(rng: random.Random, level: str) -> dict:
    roles = {
        "alto": ["apoya", "apoya", "decide"],
        "limitado": ["ninguna", "ninguna", "ninguna", "apoya"],
    }
    role = rng.choice(roles.get(level, ["ninguna"]))
    risk = {"nivel": level, "motivo": _RISK_REASONS[level], "decisiones_sobre_personas": role}
    if role != "ninguna":
        risk["supervision_humana"] = rng.choice(_OVERSIGHT)
    return risk


def _data_protection(rng: random.Random, vocabularies: Vocabularies, slug: str) -> dict:
    sensitive = sorted(vocabularies.sensitive_data)
    protection: dict = {
        "datos_sensibles": rng.sample(sensitive, rng.randint(1, 2)) if rng.random() < 0.3 else [],
        "base_legal": "funcion-publica"
        if rng.random() < 0.7
        else rng.choice(sorted(vocabularies.legal_bases)),
        "evaluacion_impacto": rng.random() < 0.3,
    }
    if protection["evaluacion_impacto"]:
        protection["evaluacion_impacto_url"] = f"https://datos.example.cl/eipd/{slug}.pdf"
    return protection


def _record(rng: random.Random, subject: str, unit: str, indicators: list) -> dict:
    """A transparency record reviewed in the last months: a record in use is reviewed every
    year (CAT057), so its dates follow today's, whatever day the catalogue is written."""
    record = {key: text.format(s=subject, unit=unit) for key, text in _RECORD_TEXTS.items()}
    reviewed = date.today() - timedelta(days=rng.randint(1, 200))
    named = [item["nombre"] for item in indicators]
    if rng.random() < 0.7:
        record["resultados"] = [
            {
                "indicador": name,
                "valor": rng.randint(1, 95),
                "fecha": reviewed - timedelta(days=rng.randint(1, 60)),
            }
            for name in rng.sample(named, rng.randint(1, len(named)))
        ]
    record["ultima_revision"] = reviewed
    return record


def problem_text(
    rng: random.Random, vocabularies: Vocabularies, comuna: str, number: int
) -> tuple[str, str]:
    """(file slug, file text) of one valid synthetic problem, sized like the real examples."""
    info = vocabularies.comunas[comuna]
    subject, unit = rng.choice(_SUBJECTS), rng.choice(_UNITS)
    title = f"{rng.choice(_VERBS)} de {subject} {rng.choice(_QUALIFIERS)}"
    registered = date(2025, 6, 5) + timedelta(days=rng.randint(0, 170))
    sources = [
        _source(rng, vocabularies, rng.choice(_SUBJECTS), rng.random() < 0.4)
        for _ in range(rng.randint(1, 3))
    ]
    personal = any(source["datos_personales"] for source in sources)
    state = rng.choice(sorted(vocabularies.problem_states))
    # Every problem is framed completely, proposals too: the catalogue is valid without a single
    # warning (tests compare its findings), and the bench measures every field.
    indicators: list[dict] = []
    for _ in range(rng.randint(1, 3)):
        item = _indicator(rng, subject, registered - timedelta(days=rng.randint(0, 90)))
        if all(item["nombre"] != other["nombre"] for other in indicators):
            indicators.append(item)
    data = {
        "id": f"{info.cut}-{number:03d}",
        "titulo": title[:120],
        "comuna": comuna,
        "temas": rng.sample(sorted(vocabularies.themes), rng.randint(1, 3)),
        "estado": state,
        "prioridad": rng.choice(sorted(vocabularies.priorities)),
        "resumen": _paragraph(rng, subject, unit, 3)[:400].rsplit(" ", 1)[0] + ".",
        "area_responsable": unit,
        "poblacion_afectada": {
            "descripcion": f"Vecinas y vecinos de {info.name} que {rng.choice(_WHO)}",
            "personas": rng.randint(100, 90000),
        },
        "tareas_ia": rng.sample(sorted(vocabularies.ai_tasks), rng.randint(1, 3)),
        "datos": sources,
        "indicadores": indicators,
        "riesgos": rng.sample(_RISKS, rng.randint(1, 3))
        if personal
        else rng.sample(_RISKS, rng.randint(0, 1)),
        "contacto": {"unidad": unit, "correo": f"contacto@{comuna}.municipalidad.example"},
        "fecha_registro": registered,
        "actualizado": registered + timedelta(days=rng.randint(0, 60)),
        "etiquetas": sorted(
            {slugify(subject), rng.choice(["piloto", "datos-abiertos", "hackaton", "lenguaje"])}
        ),
        "ejemplo": True,
    }
    level = rng.choices(["alto", "limitado", "sin-riesgo-evidente"], weights=(1, 5, 4))[0]
    additions: dict = {"impacto": _impact(rng, vocabularies)}
    if personal:
        additions["proteccion_datos"] = _data_protection(rng, vocabularies, slugify(title))
    additions["evaluacion_riesgo"] = _risk(rng, level)
    if record_required(state, level):
        additions["transparencia"] = _record(rng, subject, unit, indicators)
    # In the order of the template: after indicators, impact; after risks, the rest.
    data = {
        **{key: data[key] for key in list(data)[: list(data).index("riesgos")]},
        **({"impacto": additions.pop("impacto")} if "impacto" in additions else {}),
        "riesgos": data["riesgos"],
        **additions,
        **{key: data[key] for key in list(data)[list(data).index("riesgos") + 1 :]},
    }
    body = "\n\n".join(
        f"## {heading}\n\n{_paragraph(rng, subject, unit, rng.randint(3, 5))}\n\n"
        f"{_paragraph(rng, subject, unit, rng.randint(2, 4))}"
        for heading in ("Descripción del problema", "Situación actual", "Cómo podría ayudar la IA")
    )
    slug = f"{slugify(title)[:60].rstrip('-')}-{number:03d}"
    return slug, document(data, body)


# The share of problems other comunas join, and how many join each one.
JOINED_SHARE = 0.1
JOINERS = (1, 3)


def join_text(
    rng: random.Random, vocabularies: Vocabularies, comuna: str, number: int, shared: str
) -> str:
    """The file of a valid synthetic join: comuna `comuna` joins problem `shared`."""
    info = vocabularies.comunas[comuna]
    subject, unit = rng.choice(_SUBJECTS), rng.choice(_UNITS)
    sources = [
        _source(rng, vocabularies, rng.choice(_SUBJECTS), rng.random() < 0.3)
        for _ in range(rng.randint(0, 2))
    ]
    data: dict = {
        "comparte": shared,
        "id": f"{info.cut}-{number:03d}",
        "comuna": comuna,
        "area_responsable": unit,
        "poblacion_afectada": {
            "descripcion": f"Vecinas y vecinos de {info.name} que {rng.choice(_WHO)}",
            "personas": rng.randint(100, 90000),
        },
        "datos": sources,
    }
    if any(source["datos_personales"] for source in sources):
        data["riesgos"] = rng.sample(_RISKS, rng.randint(1, 2))
    data["contacto"] = {"unidad": unit, "correo": f"contacto@{comuna}.municipalidad.example"}
    data["fecha_registro"] = date(2025, 12, 1) + timedelta(days=rng.randint(0, 30))
    data["ejemplo"] = True
    body = f"## Situación en la comuna\n\n{_paragraph(rng, subject, unit, rng.randint(2, 4))}"
    return document(data, body)


def write_catalogue(root: Path, vocabularies: Vocabularies, count: int, seed: int = 2025) -> int:
    """Write `count` problems spread over every comuna under root/problems, and joins of other
    comunas to about JOINED_SHARE of them (JOINERS comunas each); returns count, the problems.
    The joins draw from a random generator of their own: the problems are the same as a
    catalogue without joins would have."""
    rng = random.Random(seed)
    comunas = sorted(vocabularies.comunas)
    numbers: dict[str, int] = defaultdict(int)
    written: list[tuple[str, str, str]] = []  # (comuna, id, slug)
    for index in range(count):
        comuna = comunas[index % len(comunas)]
        numbers[comuna] += 1
        slug, text = problem_text(rng, vocabularies, comuna, numbers[comuna])
        folder = root / "problems" / comuna
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{slug}.md").write_text(text, encoding="utf-8")
        written.append((comuna, f"{vocabularies.comunas[comuna].cut}-{numbers[comuna]:03d}", slug))
    joins = random.Random(seed + 1)
    for comuna, problem_id, slug in written:
        if joins.random() >= JOINED_SHARE:
            continue
        others = [c for c in joins.sample(comunas, JOINERS[1] + 1) if c != comuna]
        for other in others[: joins.randint(*JOINERS)]:
            numbers[other] += 1
            folder = root / "problems" / other
            folder.mkdir(parents=True, exist_ok=True)
            text = join_text(joins, vocabularies, other, numbers[other], problem_id)
            (folder / f"{slug}-en-{other}.md").write_text(text, encoding="utf-8")
    (root / "solutions").mkdir(parents=True, exist_ok=True)
    return count
