"""The templates' example texts, for problems and for solutions, and the templates made of them.

One source (issue 12): `problems/_plantilla.md` and `solutions/_plantilla.md` (written by
«catalogo plantillas»), `catalogo nuevo`, the kit's solucion.md, the site's "copy this" snippet
and the rule that refuses a file still holding an example (CAT067) all read these texts, so
they cannot drift apart. Values that are examples but may well be the right answer (a theme,
a format, a number, `estado: idea`, `licencia: MIT`) are written in the templates as they are
and are not listed here: the rule never fires on them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from catalogo.model.join import JOIN_SECTION, SHARED_KEY
from catalogo.model.problem import REQUIRED_SECTIONS
from catalogo.model.solution import LESSONS_SECTION, SOLUTION_SECTIONS

PROBLEM_TEMPLATE = "problems/_plantilla.md"
SOLUTION_TEMPLATE = "solutions/_plantilla.md"
JOIN_TEMPLATE = "problems/_plantilla-adhesion.md"
# The problem the join template shares: one of the examples, of another comuna than the
# template's (Maipú).
TEMPLATE_SHARED_ID = "13128-001"
# The id the templates use: a real comuna's code with a number no problem is given by hand.
TEMPLATE_ID = "13119-999"


@dataclass(frozen=True, slots=True)
class Example:
    text: str  # what the template says
    hint: str  # what to write in its place, said to whoever fills the file in


# The transparency record (`transparencia`), the same in a problem and in a solution: each
# field's example says what to write, so a record copied from a template and left unfilled is
# refused (CAT067) like any other example text.
TRANSPARENCY_FIELDS: dict[str, Example] = {
    "proposito": Example(
        "Para qué se usa el sistema y qué problema resuelve",
        "Escriba para qué se usa el sistema y qué problema del municipio resuelve.",
    ),
    "unidad_responsable": Example(
        "Unidad municipal a cargo del sistema",
        "Escriba la unidad municipal a cargo del sistema, por ejemplo «Dirección de Salud Municipal».",
    ),
    "cargo_responsable": Example(
        "Cargo que responde por el sistema, no el nombre de una persona",
        "Escriba el cargo que responde por el sistema, por ejemplo «Jefatura de la OIRS» (un cargo, nunca el nombre de una persona).",
    ),
    "desarrollado_por": Example(
        "Equipo o proveedor que lo desarrolló",
        "Escriba quién desarrolló el sistema: el equipo, el proveedor o la unidad de informática.",
    ),
    "condiciones": Example(
        "Convenio, contrato o licencia con que se usa",
        "Escriba en qué condiciones se usa: convenio, contrato, costo, licencia del código y dónde corre.",
    ),
    "datos_utilizados": Example(
        "Qué datos usa el sistema",
        "Escriba qué datos usa el sistema y cuáles no, por ejemplo «Agenda de horas 2022-2025, sin diagnósticos».",
    ),
    "representatividad": Example(
        "Si los datos representan bien a las personas afectadas",
        "Escriba si los datos representan a todas las personas afectadas y quiénes quedan fuera o subrepresentados.",
    ),
    "informacion_a_personas": Example(
        "Cómo se informa a las personas que se usa IA",
        "Escriba cómo se entera una persona de que se usa IA en su caso, por ejemplo un aviso en el primer mensaje.",
    ),
    "impugnacion": Example(
        "Cómo puede una persona reclamar o pedir que una persona revise",
        "Escriba cómo puede una persona reclamar o pedir que una persona revise lo que el sistema propuso, y dónde.",
    ),
    "supervision_humana": Example(
        "Quién revisa los resultados del sistema y cada cuánto",
        "Escriba quién revisa lo que hace el sistema y cada cuánto, por ejemplo «El SOME confirma cada reasignación».",
    ),
    "evaluacion": Example(
        "Cómo se evaluó el sistema antes y durante su uso",
        "Escriba cómo se evaluó el sistema: con qué datos, en qué periodo y contra qué indicadores.",
    ),
    "resultados.indicador": Example(
        "Nombre exacto de un indicador del problema",
        "Escriba el nombre de uno de los indicadores del problema, escrito igual que en su `indicadores`.",
    ),
}

# Front matter: the dotted key (list items without their index) -> its example.
PROBLEM_FIELDS: dict[str, Example] = {
    "titulo": Example(
        "Título breve que describe el problema",
        "Escriba el problema en pocas palabras (de 10 a 120 caracteres), por ejemplo «Reclamos "
        "de la OIRS que se derivan a mano».",
    ),
    "resumen": Example(
        "Describa en dos o tres frases qué ocurre, a quién afecta y por qué importa resolverlo.",
        "Escriba en dos o tres frases (de 40 a 400 caracteres) qué ocurre en su comuna, a quién "
        "afecta y por qué importa resolverlo.",
    ),
    "area_responsable": Example(
        "Nombre de la unidad municipal",
        "Escriba el nombre de la unidad municipal dueña del problema, por ejemplo «OIRS» o "
        "«Dirección de Tránsito».",
    ),
    "poblacion_afectada.descripcion": Example(
        "Quiénes se ven afectados",
        "Escriba quiénes se ven afectados, por ejemplo «Vecinas y vecinos que hacen reclamos "
        "en la OIRS».",
    ),
    "datos.nombre": Example(
        "Nombre de la fuente de datos",
        "Escriba el nombre de la fuente de datos, por ejemplo «Registro de reclamos OIRS "
        "2023-2024», o deje la lista vacía (datos: []) si aún no la identifican.",
    ),
    "datos.volumen": Example(
        "Alrededor de 5.000 registros al año",
        "Escriba cuántos registros o documentos hay de verdad, o borre la línea si no lo sabe.",
    ),
    "datos.url": Example(
        "https://www.ejemplo.cl/datos",
        "Escriba la dirección https real de los datos, o borre la línea si no son públicos.",
    ),
    "indicadores": Example(
        "Indicador medible, por ejemplo: tiempo de respuesta baja de 15 a 5 días hábiles",
        "Escriba un indicador medible de su problema, con la cifra de la que parte y la meta, "
        "por ejemplo «Reclamos derivados en menos de 1 día hábil (hoy 4)».",
    ),
    "riesgos": Example(
        "Riesgo ético o legal y cómo se mitiga",
        "Escriba un riesgo ético o legal de este problema y cómo se mitiga, por ejemplo «Los "
        "reclamos tienen nombres: se anonimizan antes de entregarlos».",
    ),
    "indicadores.nombre": Example(
        "Nombre del indicador",
        "Escriba qué se mide, por ejemplo «Reclamos derivados a la unidad correcta en el primer "
        "intento».",
    ),
    "evaluacion_riesgo.motivo": Example(
        "Una frase que explique por qué tiene este nivel de riesgo",
        "Escriba en una frase por qué eligió ese nivel, por ejemplo «Propone a qué unidad "
        "derivar cada reclamo; una funcionaria confirma y no se decide nada sobre la persona».",
    ),
    "evaluacion_riesgo.supervision_humana": Example(
        "Quién revisa lo que propone el sistema y cómo",
        "Escriba quién revisa cada propuesta del sistema antes de que afecte a una persona, y "
        "cómo, por ejemplo «La dupla psicosocial revisa cada alerta y decide si contacta a la "
        "familia».",
    ),
    "proteccion_datos.evaluacion_impacto_url": Example(
        "https://www.ejemplo.cl/evaluacion-de-impacto.pdf",
        "Escriba la dirección https real de la evaluación de impacto, o ponga "
        "evaluacion_impacto: false y borre la línea.",
    ),
    "contacto.unidad": Example(
        "Unidad que responde consultas sobre el problema",
        "Escriba la unidad municipal que responde consultas, por ejemplo «OIRS Municipalidad "
        "de Maipú».",
    ),
    "contacto.correo": Example(
        "unidad@municipalidad.cl",
        "Escriba el correo institucional real de la unidad, por ejemplo oirs@maipu.cl.",
    ),
}

PROBLEM_FIELDS |= {f"transparencia.{key}": example for key, example in TRANSPARENCY_FIELDS.items()}

# Body: each section's example paragraph, by the section's title.
PROBLEM_BODY: dict[str, Example] = dict(
    zip(
        REQUIRED_SECTIONS,
        (
            Example(
                "Explique el problema con sus palabras: qué ocurre, desde cuándo, a quién afecta "
                "y qué consecuencias tiene.",
                "Reemplace el párrafo por el problema de su comuna: qué ocurre, desde cuándo, a "
                "quién afecta y qué consecuencias tiene.",
            ),
            Example(
                "Cómo se resuelve hoy: quiénes participan, qué herramientas usan, cuánto tiempo "
                "toma y dónde se traba.",
                "Reemplace el párrafo por cómo se resuelve hoy en su municipio: quiénes "
                "participan, con qué herramientas, cuánto tiempo toma y dónde se traba.",
            ),
            Example(
                "Qué tarea concreta podría hacer un modelo de lenguaje como LatamGPT u otra "
                "técnica de IA, con qué datos y qué decisión seguiría siendo humana.",
                "Reemplace el párrafo por la tarea concreta que podría hacer la IA en su caso, "
                "con qué datos, y qué decisión seguiría siendo de una persona.",
            ),
        ),
        strict=True,
    )
)

SOLUTION_FIELDS: dict[str, Example] = {
    "titulo": Example(
        "Nombre de la solución",
        "Escriba el nombre de la solución y qué hace (de 10 a 120 caracteres), por ejemplo "
        "«Derivador OIRS, propuesta automática de unidad para cada reclamo».",
    ),
    "equipo": Example(
        "Nombre del equipo",
        "Escriba el nombre de su equipo (sin nombres de personas).",
    ),
    "repositorio": Example(
        "https://github.com/su-equipo/su-repositorio",
        "Escriba la dirección https del repositorio de su código.",
    ),
    "demo": Example(
        "https://su-equipo.github.io/su-demo/",
        "Escriba la dirección https de su demostración, o borre la línea si no tienen una.",
    ),
    "evento": Example(
        "Nombre de la hackatón o del evento",
        "Escriba el nombre del evento donde nació la solución, o borre la línea.",
    ),
}
SOLUTION_FIELDS |= {f"transparencia.{key}": example for key, example in TRANSPARENCY_FIELDS.items()}

SOLUTION_BODY: dict[str, Example] = dict(
    zip(
        SOLUTION_SECTIONS,
        (
            Example(
                "Describa en pocas líneas qué hace la solución, para quién y qué problema del "
                "municipio resuelve.",
                "Reemplace el párrafo por lo que hace su solución, para quién y qué problema "
                "resuelve, en lenguaje simple.",
            ),
            Example(
                "Explique cómo funciona: qué modelos usa, dónde corre, qué datos recibe y cómo "
                "se protegen, y en qué punto revisa una persona.",
                "Reemplace el párrafo por cómo funciona su solución: modelos, dónde corre, qué "
                "datos recibe y cómo se protegen, y dónde revisa una persona.",
            ),
            Example(
                "Cuente qué midieron, con qué datos y contra qué indicador del problema, "
                "incluido lo que no funcionó.",
                "Reemplace el párrafo por lo que midieron, con qué datos y contra qué indicador "
                "del problema; si aún no hay resultados, dígalo.",
            ),
            Example(
                "Qué falta para un piloto o para usarla de forma regular.",
                "Reemplace el párrafo por lo que falta para un piloto o para usar la solución "
                "de forma regular.",
            ),
        ),
        strict=True,
    )
)
LESSONS_EXAMPLE = Example(
    "Qué aprendió el equipo y qué debería saber el próximo que intente este problema.",
    "Reemplace el párrafo por lo que aprendió su equipo y lo que debería saber el próximo.",
)

# A join: the fields it shares with a problem say the same; its own words are about the
# situation in the comuna that joins.
JOIN_FIELDS: dict[str, Example] = {
    key: PROBLEM_FIELDS[key]
    for key in (
        "poblacion_afectada.descripcion",
        "datos.nombre",
        "datos.volumen",
        "datos.url",
        "riesgos",
        "contacto.unidad",
        "contacto.correo",
    )
} | {
    "area_responsable": Example(
        "Unidad municipal que se hace cargo en su comuna",
        "Escriba la unidad de su municipio que se hace cargo del problema, por ejemplo "
        "«Dirección de Medio Ambiente, Aseo y Ornato».",
    ),
}
JOIN_BODY: dict[str, Example] = {
    JOIN_SECTION: Example(
        "Cuente cómo se vive el problema en su comuna: desde cuándo, dónde, a quiénes afecta, "
        "cómo se atiende hoy y qué tiene de distinto respecto de la comuna que lo documentó.",
        "Reemplace el párrafo por la situación en su comuna: desde cuándo, dónde, a quiénes "
        "afecta, cómo se atiende hoy y qué la hace distinta.",
    ),
}

# Every example, for the rule: the texts a value or a paragraph may not be made of.
ALL_EXAMPLES: tuple[Example, ...] = (
    *PROBLEM_FIELDS.values(),
    *PROBLEM_BODY.values(),
    *JOIN_FIELDS.values(),
    *JOIN_BODY.values(),
    *SOLUTION_FIELDS.values(),
    *SOLUTION_BODY.values(),
    LESSONS_EXAMPLE,
)


def _q(key: str, examples: dict[str, Example]) -> str:
    # A JSON string is a YAML scalar: the example is written exactly as it is read back.
    return json.dumps(examples[key].text, ensure_ascii=False)


def _body(examples: dict[str, Example]) -> str:
    return "".join(f"\n## {title}\n\n{example.text}\n" for title, example in examples.items())


def _transparency_block() -> str:
    """The commented `transparencia` block of the problem and solution templates."""
    lines = ["# transparencia:"]
    for key in TRANSPARENCY_FIELDS:
        if key == "resultados.indicador":
            lines += [
                "#   # Opcional: lo que se ha medido, con el nombre de un indicador del problema.",
                "#   resultados:",
                f"#     - indicador: {json.dumps(TRANSPARENCY_FIELDS[key].text, ensure_ascii=False)}",
                "#       valor: 75",
                "#       fecha: 2025-10-31",
            ]
        else:
            lines.append(
                f"#   {key}: {json.dumps(TRANSPARENCY_FIELDS[key].text, ensure_ascii=False)}"
            )
    lines += ["#   # Fecha de la última revisión de esta ficha.", "#   ultima_revision: 2025-11-01"]
    return "\n".join(lines) + "\n"


def _data_source(examples: dict[str, Example], *, with_url: bool = False) -> str:
    """One data source of the `datos` list, as the problem and join templates both show it;
    only the problem template adds the commented line for the data's public link."""
    f = examples
    text = f"""  - nombre: {_q("datos.nombre", f)}
    # csv, xlsx, pdf, papel, base-de-datos, api, sistema u otro.
    formato: xlsx
    # publico, interno o restringido.
    acceso: interno
    # true si contiene datos de personas (nombres, RUT, direcciones, salud...).
    datos_personales: false
    # Opcional: cuántos registros o documentos hay.
    volumen: {_q("datos.volumen", f)}
"""
    if with_url:
        text += f"""    # Opcional: enlace https a los datos, si son públicos.
    # url: {_q("datos.url", f)}
"""
    return text.removesuffix("\n")


def problem_template() -> str:
    """The text of problems/_plantilla.md."""
    f = PROBLEM_FIELDS
    return f"""---
# Plantilla para documentar un problema municipal.
# 1. Copie este archivo a problems/nombre-de-la-comuna/nombre-corto.md (minúsculas, sin tildes, palabras unidas con guiones).
# 2. Reemplace cada valor. Las líneas que empiezan con # son comentarios y puede borrarlas.
# 3. Revise con: catalogo validar problems/nombre-de-la-comuna/nombre-corto.md
# El detalle de cada campo está en la guía del marco de modelamiento del sitio.

# Código único de la comuna (CUT, ver schema/comunas.csv), guion y un correlativo de 3 dígitos.
id: "{TEMPLATE_ID}"
# Entre 10 y 120 caracteres.
titulo: {_q("titulo", f)}
# Nombre corto de la comuna (columna slug de schema/comunas.csv). Debe ser igual a la carpeta.
comuna: maipu
# De 1 a 3 temas de schema/temas.yml.
temas:
  - atencion-ciudadana
# propuesto, priorizado, en-hackaton, con-prototipo, en-piloto, implementado o archivado.
estado: propuesto
# Opcional: alta, media o baja.
prioridad: media
# Texto simple de 40 a 400 caracteres: qué pasa, a quién afecta y por qué importa.
resumen: >-
  {f["resumen"].text}
# Unidad municipal dueña del problema (por ejemplo OIRS, DIDECO, Dirección de Tránsito).
area_responsable: {_q("area_responsable", f)}
poblacion_afectada:
  descripcion: {_q("poblacion_afectada.descripcion", f)}
  # Opcional: número aproximado de personas (sin puntos).
  personas: 1000
# Una o más tareas de schema/tareas-ia.yml.
tareas_ia:
  - clasificacion-de-texto
# Fuentes de datos existentes. Puede quedar vacío: datos: []
datos:
{_data_source(f, with_url=True)}
# Uno o más indicadores medibles de éxito. Copie el bloque (desde el guion) para agregar otro.
indicadores:
  - nombre: {_q("indicadores.nombre", f)}
    # En qué se mide: "% de los reclamos", días hábiles, horas al mes, toneladas...
    unidad: "% de los casos"
    # Opcional: la cifra de hoy (sin puntos de miles; decimales con punto: 12.5) y la
    # fecha en que se midió, AAAA-MM-DD. Si escribe una, escriba también la otra.
    linea_base: 60
    fecha_linea_base: 2025-05-31
    # Opcional: la cifra que se quiere alcanzar.
    meta: 90
# Cuánto ocurre el problema y cuánto cuesta hoy. Obligatorio desde «priorizado».
impacto:
  # Cuántos casos hay en un periodo: dia, semana, mes o ano (día y año, sin tilde ni ñ).
  frecuencia:
    casos: 1000
    periodo: mes
  # Lo que cuesta hoy, como un rango aproximado: en pesos o en horas de trabajo.
  costo_actual:
    minimo: 100
    maximo: 200
    # pesos u horas (de trabajo).
    unidad: horas
    periodo: mes
# Consideraciones éticas y legales. Obligatorio si alguna fuente tiene datos_personales: true.
riesgos:
  - {_q("riesgos", f)}
# Solo si alguna fuente tiene datos_personales: true. Para usarlo, borre el «# » del comienzo de cada línea:
# proteccion_datos:
#   # Datos sensibles (schema/datos-sensibles.yml), por ejemplo [salud, ninos-ninas-adolescentes]; [] si no hay.
#   datos_sensibles: []
#   # Base legal (schema/bases-legales.yml); un municipio que actúa dentro de sus funciones usa funcion-publica.
#   base_legal: funcion-publica
#   # true si existe una evaluación de impacto en protección de datos, con su enlace https.
#   evaluacion_impacto: true
#   evaluacion_impacto_url: {_q("proteccion_datos.evaluacion_impacto_url", f)}
# Nivel de riesgo de la IA que se imagina, según el proyecto de ley de IA. Obligatorio desde «priorizado».
evaluacion_riesgo:
  # alto, limitado o sin-riesgo-evidente (schema/niveles-riesgo.yml). inaceptable no se admite.
  nivel: limitado
  motivo: {_q("evaluacion_riesgo.motivo", f)}
  # ¿Tomaría o apoyaría decisiones sobre personas? ninguna, apoya (decide una persona con su ayuda) o decide.
  decisiones_sobre_personas: ninguna
  # Obligatorio con apoya o decide (borre el «# » del comienzo):
  # supervision_humana: {_q("evaluacion_riesgo.supervision_humana", f)}
# Ficha de transparencia: obligatoria desde «en-piloto», y desde «con-prototipo» si el nivel es alto.
# Escriba cada campo en lenguaje simple, para vecinas y vecinos. Para usarla, borre el «# » del comienzo de cada línea:
{_transparency_block()}contacto:
  unidad: {_q("contacto.unidad", f)}
  # Correo institucional (no gmail, hotmail u otro correo personal).
  correo: {_q("contacto.correo", f)}
# Fecha en formato AAAA-MM-DD.
fecha_registro: 2025-06-12
# Opcionales:
# actualizado: 2025-07-01
# etiquetas: [reclamos, oirs]
# relacionados: ["13119-001"]
---
{_body(PROBLEM_BODY)}"""


def solution_template(problem_id: str = TEMPLATE_ID, *, comments: bool = True) -> str:
    """The text of solutions/_plantilla.md, for `problem_id`; without `comments`, the short
    form the site shows on each problem's page."""
    f = SOLUTION_FIELDS
    text = f"""---
# Plantilla para registrar la solución de un equipo a uno o más problemas del catálogo.
# 1. Copie este archivo a solutions/nombre-de-la-solucion.md (minúsculas, sin tildes, palabras unidas con guiones).
# 2. Reemplace cada valor y cada párrafo. Las líneas que empiezan con # son comentarios y puede borrarlas.
# 3. Revise con: catalogo validar solutions/nombre-de-la-solucion.md
# La guía «Trabajar en un problema» del sitio explica cada campo.

# Nombre de la solución y qué hace, entre 10 y 120 caracteres.
titulo: {_q("titulo", f)}
# Identificadores de los problemas que aborda (de 1 a 10), entre comillas.
problemas: ["{problem_id}"]
# Nombre del equipo. No liste personas.
equipo: {_q("equipo", f)}
# idea, prototipo, piloto, produccion o abandonada. Registrar una idea avisa que su equipo trabaja en el problema.
estado: idea
# Dirección https del código.
repositorio: {_q("repositorio", f)}
# Opcional: dirección https de una demostración que se pueda usar.
# demo: {_q("demo", f)}
# Opcional: modelos de IA que usa.
modelos: [LatamGPT]
# Opcional: hackatón o evento donde nació la solución.
# evento: {_q("evento", f)}
# Opcional: fecha de la solución, en formato AAAA-MM-DD.
# fecha: 2025-07-10
# Opcional: identificador SPDX de la licencia del código (MIT, Apache-2.0, GPL-3.0-only...).
licencia: MIT
# Ficha de transparencia: obligatoria con estado piloto o produccion. Escriba cada campo en
# lenguaje simple, para vecinas y vecinos. Para usarla, borre el «# » del comienzo de cada línea:
{_transparency_block()}# Con estado: abandonada, agregue al final la sección «## {LESSONS_SECTION}»: qué aprendió
# el equipo y qué debería saber el próximo que intente el problema.
---
{_body(SOLUTION_BODY)}"""
    if comments:
        return text
    front, _, body = text[4:].partition("\n---\n")
    kept = [line for line in front.split("\n") if line and not line.startswith("#")]
    return "---\n" + "\n".join(kept) + "\n---\n" + body


def join_template(shared: str = TEMPLATE_SHARED_ID) -> str:
    """The text of problems/_plantilla-adhesion.md: a comuna that joins problem `shared`."""
    f = JOIN_FIELDS
    return f"""---
# Plantilla para sumar su comuna a un problema que ya documentó otra comuna.
# 1. Copie este archivo a problems/nombre-de-su-comuna/nombre-corto.md (minúsculas, sin tildes, palabras unidas con guiones).
# 2. Reemplace cada valor. Las líneas que empiezan con # son comentarios y puede borrarlas.
# 3. Revise con: catalogo validar problems/nombre-de-su-comuna/nombre-corto.md
# El título, los temas, las tareas de IA y los indicadores son los del problema compartido:
# aquí va solo lo propio de su comuna. El detalle está en la guía del marco de modelamiento.

# Identificador del problema de otra comuna al que se suma (está en la página del problema).
{SHARED_KEY}: "{shared}"
# Id propio: CUT de SU comuna, guion y el siguiente correlativo de 3 dígitos de sus problemas.
id: "{TEMPLATE_ID}"
# Nombre corto de su comuna (columna slug de schema/comunas.csv). Debe ser igual a la carpeta.
comuna: maipu
# Unidad municipal que se hace cargo del problema en su comuna.
area_responsable: {_q("area_responsable", f)}
poblacion_afectada:
  descripcion: {_q("poblacion_afectada.descripcion", f)}
  # Opcional: número aproximado de personas afectadas en su comuna (sin puntos).
  personas: 1000
# Fuentes de datos de su comuna. Puede quedar vacío: datos: []
datos:
{_data_source(f)}
# Opcional, y obligatorio si alguna fuente tiene datos_personales: true.
riesgos:
  - {_q("riesgos", f)}
contacto:
  unidad: {_q("contacto.unidad", f)}
  # Correo institucional (no gmail, hotmail u otro correo personal).
  correo: {_q("contacto.correo", f)}
# Fecha en que su comuna se suma, en formato AAAA-MM-DD.
fecha_registro: 2025-06-12
# Opcionales:
# prioridad: media
# actualizado: 2025-07-01
---
{_body(JOIN_BODY)}"""
