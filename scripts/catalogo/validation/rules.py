"""The rule table: every code the validator can emit, with its Spanish title and explanation.

Codes are stable: a published code never changes meaning. The site's error reference and
`catalogo reglas` are generated from this table, so it is the only place to edit.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalogo.core.codes import Code
from catalogo.validation.diagnostics import Diagnostic, Severity


@dataclass(frozen=True, slots=True)
class Rule:
    code: Code
    group: str
    title: str
    explanation: str
    hint: str
    severity: Severity = Severity.ERROR

    def at(self, file: str, line: int, column: int, message: str, hint: str | None = None):
        return Diagnostic(
            file=file,
            line=line,
            column=column,
            code=self.code,
            severity=self.severity,
            message=shorten_quotes(message),
            hint=shorten_quotes(self.hint if hint is None else hint),
        )


QUOTE_LIMIT = 80


def shorten_quotes(text: str) -> str:
    """Messages quote what was written «like this»; a quote longer than QUOTE_LIMIT characters
    (a value of 200 KB, say) is cut, so that a finding stays one readable line."""
    if len(text) <= QUOTE_LIMIT * 2:
        return text
    parts, position = [], 0
    while (start := text.find("«", position)) >= 0:
        end = text.find("»", start + 1)
        end = len(text) if end < 0 else end
        quoted = text[start + 1 : end]
        if len(quoted) > QUOTE_LIMIT:
            quoted = quoted[:QUOTE_LIMIT] + "…"
        parts += (text[position:start], "«", quoted)
        position = end
    parts.append(text[position:])
    return "".join(parts)


GROUPS = {
    "lectura": "Lectura del archivo",
    "ruta": "Nombres y carpetas",
    "campos": "Campos del encabezado",
    "cuerpo": "Texto del problema",
    "privacidad": "Datos personales",
    "catalogo": "Coherencia del catálogo",
    "responsable": "IA responsable",
}

_RULES = [
    # Reading the file: these protect the rest of the checks from unreadable input.
    Rule(
        Code.NOT_UTF8,
        "lectura",
        "El archivo no está en UTF-8",
        "El archivo contiene bytes que no son UTF-8, típicamente porque se guardó como Latin-1 "
        "o Windows-1252 (por ejemplo desde Word o el Bloc de notas antiguo). Las tildes y la ñ "
        "se verían mal en el sitio.",
        "Guarde el archivo con codificación UTF-8 (en el editor: Guardar como → Codificación: "
        "UTF-8) y revise las tildes y eñes.",
    ),
    Rule(
        Code.BYTE_ORDER_MARK,
        "lectura",
        "El archivo empieza con una marca BOM",
        "Algunos editores de Windows agregan una marca invisible (BOM) al comienzo del archivo. "
        "Impide reconocer el encabezado `---` de la línea 1.",
        "Guarde el archivo como «UTF-8» sin BOM (no «UTF-8 con BOM»).",
    ),
    Rule(
        Code.NULL_BYTES,
        "lectura",
        "El archivo contiene caracteres nulos",
        "El archivo tiene bytes nulos: no es un texto sino un archivo binario o dañado.",
        "Copie el texto a un archivo nuevo de texto plano (.md) y vuelva a guardarlo.",
    ),
    Rule(
        Code.TOO_LARGE,
        "lectura",
        "El archivo es demasiado grande",
        "Un problema o una solución se describe en pocas páginas; un archivo tan grande suele "
        "ser un error (un documento pegado entero, una imagen incrustada).",
        "Resuma el texto y enlace los documentos largos en vez de pegarlos.",
    ),
    Rule(
        Code.NO_FRONT_MATTER,
        "lectura",
        "Falta el encabezado al comienzo del archivo",
        "Los datos del problema van en un encabezado YAML que empieza en la línea 1 con `---`.",
        "Escriba `---` solo en la primera línea, luego los campos, y cierre con otra línea `---`.",
    ),
    Rule(
        Code.FRONT_MATTER_NOT_CLOSED,
        "lectura",
        "El encabezado no está cerrado",
        "El encabezado YAML que abre `---` en la línea 1 debe cerrarse con otra línea que "
        "contenga solo `---`, antes del texto del problema.",
        "Agregue una línea con solo `---` después del último campo.",
    ),
    Rule(
        Code.INVALID_YAML,
        "lectura",
        "El encabezado no es YAML válido",
        "El encabezado tiene un error de sintaxis YAML: una sangría que no cuadra, un tabulador, "
        "dos puntos dentro de un texto sin comillas o comillas sin cerrar.",
        "Revise la línea indicada: use espacios (no tabuladores) y ponga entre comillas los "
        "textos que contienen `: ` o empiezan con un signo.",
    ),
    Rule(
        Code.FRONT_MATTER_NOT_MAPPING,
        "lectura",
        "El encabezado no es una lista de campos",
        "El encabezado debe ser una lista de campos `clave: valor`, uno por línea.",
        "Escriba cada campo como `clave: valor`, empezando por `id:`.",
    ),
    Rule(
        Code.DUPLICATE_KEY,
        "lectura",
        "Campo repetido",
        "El mismo campo aparece dos veces en un mismo nivel. YAML se quedaría en silencio con el "
        "último valor y el primero se perdería.",
        "Deje el campo una sola vez, con el valor correcto.",
    ),
    Rule(
        Code.YAML_ANCHOR,
        "lectura",
        "Anclas o alias YAML no permitidos",
        "Las anclas (`&nombre`) y alias (`*nombre`) de YAML permiten repetir bloques y se usan "
        "para ataques que agotan la memoria. El catálogo no los acepta.",
        "Escriba el valor completo en cada lugar en vez de usar `&` o `*`.",
    ),
    Rule(
        Code.UNREADABLE,
        "lectura",
        "No se pudo leer el archivo",
        "El archivo no se puede abrir (permisos, enlace simbólico o no es un archivo normal).",
        "Reemplácelo por un archivo de texto normal dentro del repositorio.",
    ),
    Rule(
        Code.YAML_VALUE_NOT_ALLOWED,
        "lectura",
        "Valor YAML no admitido",
        "El encabezado usa una etiqueta YAML (`!!python`, `!!binary`...) o una clave que no es "
        "un texto simple. Solo se aceptan textos, números, true/false, listas y campos.",
        "Quite la etiqueta que empieza con `!` y escriba el valor como texto.",
    ),
    Rule(
        Code.INVISIBLE_CHARACTER,
        "lectura",
        "Carácter invisible o de control",
        "El texto tiene un carácter que no se ve: un espacio de ancho cero, un guion suave, una "
        "marca de dirección del texto, una tabulación vertical (el salto de línea de Word) o un "
        "carácter de control. Suelen llegar al copiar desde Word o un PDF, y pueden esconder o "
        "invertir texto, romper el canal de novedades o alterar la terminal de quien revisa.",
        "Borre el carácter (en el editor web de GitHub se ve como un punto rojo) o vuelva a "
        "escribir esa parte del texto; al pegar, use «Pegar como texto sin formato».",
    ),
    # Names and folders.
    Rule(
        Code.FOLDER_NOT_COMUNA,
        "ruta",
        "La carpeta no coincide con la comuna",
        "Cada problema vive en `problems/<comuna>/`, y la carpeta debe ser la misma comuna que "
        "indica el campo `comuna`.",
        "Mueva el archivo a la carpeta de su comuna o corrija el campo `comuna`.",
    ),
    Rule(
        Code.INVALID_NAME,
        "ruta",
        "Nombre de archivo o carpeta no válido",
        "Los nombres de archivos y carpetas van en minúsculas, sin tildes ni eñes ni espacios, "
        "con las palabras unidas por guiones, y los archivos terminan en `.md` "
        "(por ejemplo `problems/nunoa/reclamos-de-aseo.md`).",
        "Renombre usando solo a-z, 0-9 y guiones, por ejemplo `reclamos-de-aseo.md`.",
    ),
    Rule(
        Code.MISPLACED_FILE,
        "ruta",
        "Archivo fuera de lugar",
        "En `problems/` solo van carpetas de comunas con archivos `.md`, y en `solutions/` solo "
        "archivos `.md`. Otros archivos (un .txt, un .docx, una carpeta anidada) no se "
        "publicarían y suelen ser un error al subir.",
        "Borre el archivo o muévalo a su lugar: `problems/<comuna>/<nombre>.md`.",
    ),
    Rule(
        Code.RESERVED_NAME,
        "ruta",
        "Nombre reservado",
        "El sitio usa ese nombre para una página propia (por ejemplo `index`, la portada de "
        "cada sección): un archivo con ese nombre la reemplazaría.",
        "Use un nombre que describa el problema o la solución, por ejemplo `asistente-oirs.md`.",
    ),
    # Front matter fields.
    Rule(
        Code.MISSING_FIELD,
        "campos",
        "Falta un campo obligatorio",
        "El campo es obligatorio y no está, o está vacío.",
        "Agregue el campo con su valor; la plantilla `problems/_plantilla.md` muestra todos.",
    ),
    Rule(
        Code.UNKNOWN_FIELD,
        "campos",
        "Campo desconocido",
        "El campo no existe en el formato. Suele ser un error de tipeo o una tilde de más "
        "(las claves van sin tildes: `titulo`, no `título`).",
        "Corrija el nombre del campo o bórrelo.",
    ),
    Rule(
        Code.WRONG_TYPE,
        "campos",
        "Tipo de valor incorrecto",
        "El valor no es del tipo esperado: un texto donde va una lista, un número donde va "
        "texto, `sí` donde va `true`.",
        "Escriba el valor como muestra la plantilla: textos, listas con guiones, true o false.",
    ),
    Rule(
        Code.VALUE_NOT_ALLOWED,
        "campos",
        "Valor no permitido",
        "El campo solo acepta valores de una lista cerrada (estado, prioridad, formato, acceso).",
        "Use uno de los valores indicados en el mensaje.",
    ),
    Rule(
        Code.LENGTH,
        "campos",
        "Largo fuera de rango",
        "El texto o la lista es más corto o más largo de lo permitido (por ejemplo, el título "
        "tiene entre 10 y 120 caracteres y el resumen entre 40 y 400).",
        "Ajuste el largo al rango indicado en el mensaje.",
    ),
    Rule(
        Code.INVALID_DATE,
        "campos",
        "Fecha no válida",
        "Las fechas se escriben en formato AAAA-MM-DD (año, mes, día), por ejemplo 2025-06-12.",
        "Escriba la fecha como AAAA-MM-DD, por ejemplo 2025-06-12.",
    ),
    Rule(
        Code.INVALID_URL,
        "campos",
        "Enlace no válido",
        "Los enlaces deben ser direcciones web completas y seguras, que empiecen con `https://`.",
        "Escriba la dirección completa, empezando con https://.",
    ),
    Rule(
        Code.MALFORMED_ID,
        "campos",
        "Identificador mal formado",
        "El `id` de un problema es el código de la comuna (CUT, 5 dígitos), un guion y un "
        'correlativo de 3 dígitos, entre comillas: "13119-001".',
        'Escriba el id como "CUT-NNN", por ejemplo "13119-001".',
    ),
    Rule(
        Code.ID_NOT_OF_COMUNA,
        "campos",
        "El identificador no corresponde a la comuna",
        "Los 5 primeros dígitos del `id` deben ser el código CUT de la comuna del problema.",
        "Use el CUT de la comuna (ver `schema/comunas.csv`) al inicio del id.",
    ),
    Rule(
        Code.UNKNOWN_COMUNA,
        "campos",
        "Comuna desconocida",
        "La comuna no está en el registro oficial de 346 comunas (`schema/comunas.csv`). "
        "Se escribe con su nombre corto: minúsculas, sin tildes, con guiones (`quinta-normal`).",
        "Use el nombre corto de la comuna tal como aparece en la columna `slug` de "
        "`schema/comunas.csv`.",
    ),
    Rule(
        Code.UNKNOWN_THEME,
        "campos",
        "Tema desconocido",
        "Los temas se eligen de la lista `schema/temas.yml`.",
        "Use uno de los temas de `schema/temas.yml`.",
    ),
    Rule(
        Code.UNKNOWN_AI_TASK,
        "campos",
        "Tarea de IA desconocida",
        "Las tareas de IA se eligen de la lista `schema/tareas-ia.yml`.",
        "Use una de las tareas de `schema/tareas-ia.yml`.",
    ),
    Rule(
        Code.CONTACT_EMAIL,
        "campos",
        "Correo de contacto no válido o personal",
        "El contacto debe ser un correo institucional válido. Los correos personales (gmail, "
        "hotmail y similares) no se publican: son datos personales y cambian con las personas.",
        "Use el correo de la unidad municipal, por ejemplo oirs@municipalidad.cl.",
    ),
    Rule(
        Code.MISSING_PERSONAL_DATA_RISKS,
        "campos",
        "Faltan los riesgos de usar datos personales",
        "Si alguna fuente de datos contiene datos personales, el problema debe describir en "
        "`riesgos` las consideraciones éticas y legales (anonimización, Ley 19.628, sesgos).",
        "Agregue al menos un riesgo en `riesgos` y cómo se mitiga.",
    ),
    Rule(
        Code.DATES_OUT_OF_ORDER,
        "campos",
        "Fechas en desorden",
        "La fecha de actualización no puede ser anterior a la fecha de registro.",
        "Corrija `actualizado` o `fecha_registro`.",
    ),
    Rule(
        Code.MALFORMED_TAG,
        "campos",
        "Etiqueta mal escrita",
        "Las etiquetas van en minúsculas, sin tildes, con palabras unidas por guiones.",
        "Escriba la etiqueta como `reclamos-de-aseo`.",
    ),
    Rule(
        Code.UNKNOWN_LICENCE,
        "campos",
        "Licencia desconocida",
        "La licencia de una solución se indica con su identificador SPDX (MIT, Apache-2.0, "
        "GPL-3.0-only, CC-BY-4.0...).",
        "Use un identificador de https://spdx.org/licenses/, por ejemplo MIT.",
    ),
    Rule(
        Code.REPEATED_ITEM,
        "campos",
        "Elemento repetido en una lista",
        "La misma entrada aparece dos veces en una lista (temas, tareas, etiquetas, problemas).",
        "Deje cada entrada una sola vez.",
    ),
    Rule(
        Code.NUMBER_OUT_OF_RANGE,
        "campos",
        "Número fuera de rango",
        "El número no puede ser negativo ni tener más de 18 cifras (un número tan largo suele "
        "ser un error de tipeo o un texto pegado).",
        "Escriba un número entero mayor o igual a cero, sin puntos.",
    ),
    Rule(
        Code.TITLE_WITHOUT_LETTERS,
        "campos",
        "Título sin letras",
        "Un título se lee en listas, buscadores y el canal de novedades: necesita palabras, no "
        "solo números, signos o espacios.",
        "Escriba en pocas palabras de qué se trata, por ejemplo «Reclamos de aseo sin clasificar».",
    ),
    Rule(
        Code.TYPOGRAPHIC_QUOTES,
        "campos",
        "Valor entre comillas tipográficas",
        "El valor está entre comillas tipográficas (“…”, ‘…’ o «…»), como las ponen Word o el "
        'teléfono. YAML solo reconoce las comillas rectas ("…"); las tipográficas quedan como '
        "parte del texto y se publicarían.",
        'Borre las comillas; si el texto las necesita, use comillas rectas: "…".',
        Severity.WARNING,
    ),
    Rule(
        Code.FUTURE_DATE,
        "campos",
        "Fecha posterior a hoy",
        "Una fecha de registro, de actualización o de una solución dice lo que ya ocurrió: no "
        "puede ser posterior al día en que se revisa el archivo. Suele ser un error de tipeo "
        "en el año, o el mes y el día intercambiados.",
        "Revise la fecha y escríbala como AAAA-MM-DD, por ejemplo 2025-06-12.",
        Severity.WARNING,
    ),
    # The Markdown body.
    Rule(
        Code.MISSING_SECTION,
        "cuerpo",
        "Falta una sección obligatoria",
        "El texto de un problema tiene tres secciones obligatorias, en este orden: "
        "`## Descripción del problema`, `## Situación actual` y `## Cómo podría ayudar la IA`. "
        "El de una solución tiene cuatro: `## Qué hace`, `## Cómo funciona`, `## Resultados` y "
        "`## Próximos pasos`, y si su estado es `abandonada`, al final `## Lecciones aprendidas`.",
        "Agregue la sección con un título de nivel 2 (`## `).",
    ),
    Rule(
        Code.SECTIONS_OUT_OF_ORDER,
        "cuerpo",
        "Secciones en desorden",
        "Las secciones obligatorias deben ir en el orden del marco: descripción, situación "
        "actual y cómo podría ayudar la IA; en una solución, qué hace, cómo funciona, "
        "resultados y próximos pasos.",
        "Mueva la sección a su lugar.",
    ),
    Rule(
        Code.HTML,
        "cuerpo",
        "HTML no permitido",
        "El catálogo publica texto de muchas fuentes: el HTML directo se bloquea porque puede "
        "esconder código o romper el sitio. Markdown alcanza para dar formato.",
        "Use Markdown: **negrita**, _cursiva_, listas con `-` y enlaces `[texto](https://...)`.",
    ),
    Rule(
        Code.DANGEROUS_LINK,
        "cuerpo",
        "Enlace peligroso",
        "Los enlaces `javascript:`, `vbscript:` o `data:` pueden ejecutar código en el navegador "
        "de quien visita el sitio.",
        "Enlace solo a direcciones https://.",
    ),
    Rule(
        Code.EMPTY_SECTION,
        "cuerpo",
        "Sección vacía",
        "Una sección obligatoria no tiene texto. Un problema o una solución se entiende mejor "
        "con al menos un párrafo en cada sección.",
        "Escriba al menos un párrafo en la sección.",
        Severity.WARNING,
    ),
    Rule(
        Code.NESTED_TOO_DEEP,
        "cuerpo",
        "Texto anidado en exceso",
        "El texto tiene listas o citas metidas unas dentro de otras en demasiados niveles. Lo "
        "que queda más adentro no se puede revisar ni mostrar bien, y es una forma de esconder "
        "contenido al validador.",
        "Use a lo más tres o cuatro niveles de listas o citas; separe el resto en párrafos.",
    ),
    Rule(
        Code.BODY_TOO_LONG,
        "cuerpo",
        "Texto demasiado largo o con demasiado formato",
        "El texto de un problema o una solución tiene a lo más 2.000 líneas y 5.000 marcas de "
        "formato de Markdown (corchetes, asteriscos, guiones bajos, acentos graves, `<`, `&`, `|`"
        "...). Un problema se cuenta en unas pocas páginas; un texto mucho más largo suele ser un "
        "documento pegado entero, y uno hecho para hacer lento el sitio que lo publica.",
        "Resuma el texto en párrafos y enlace los documentos largos en vez de pegarlos.",
    ),
    Rule(
        Code.SECTION_HEADING_SPELLING,
        "cuerpo",
        "Título de sección mal escrito",
        "El título de una sección obligatoria se reconoce, pero está escrito distinto: sin "
        "tildes, con otras mayúsculas o con dos puntos al final. El sitio lo muestra tal como "
        "está escrito.",
        "Escriba el título exactamente como en la plantilla, por ejemplo «## Situación actual».",
        Severity.WARNING,
    ),
    Rule(
        Code.TEMPLATE_TEXT,
        "cuerpo",
        "Texto de ejemplo de la plantilla",
        "Un valor del encabezado o un párrafo del texto sigue siendo el ejemplo de la plantilla "
        "(«Título breve que describe el problema», «Nombre de la solución», "
        "`unidad@municipalidad.cl`...), solo o repetido, aunque cambien las mayúsculas, las "
        "tildes o la puntuación. Un archivo así no describe nada todavía y no se publica. Los "
        "valores que pueden ser la respuesta correcta (un tema, un formato, una cifra, "
        "`estado: idea`) no se revisan.",
        "Reemplace el texto de ejemplo por el suyo; el mensaje dice qué escribir en cada lugar.",
    ),
    # Citizens' personal data.
    Rule(
        Code.RUT,
        "privacidad",
        "RUT de una persona",
        "El texto contiene un RUT válido de persona natural. Los datos personales de la "
        "ciudadanía no se publican (Ley 19.628). Los RUT de instituciones (50.000.000 o más) "
        "se aceptan.",
        "Borre el RUT o reemplácelo por una descripción general.",
    ),
    Rule(
        Code.PHONE_NUMBER,
        "privacidad",
        "Número de teléfono",
        "El texto contiene un número de teléfono chileno. Los teléfonos de personas no se "
        "publican; el contacto del problema es el correo institucional.",
        "Borre el número; use el campo `contacto` para el correo de la unidad.",
    ),
    Rule(
        Code.EMAIL_OUTSIDE_CONTACT,
        "privacidad",
        "Correo electrónico fuera del contacto",
        "El texto contiene una dirección de correo. Los correos solo van en `contacto.correo`, "
        "para no publicar por error datos de personas.",
        "Borre el correo del texto; el de la unidad va en `contacto.correo`.",
    ),
    # Cross-file consistency.
    Rule(
        Code.DUPLICATE_ID,
        "catalogo",
        "Identificador repetido",
        "Dos problemas tienen el mismo `id`. Cada problema tiene un id único en todo el catálogo.",
        "Use el siguiente correlativo libre de la comuna.",
    ),
    Rule(
        Code.UNKNOWN_RELATED_PROBLEM,
        "catalogo",
        "Problema relacionado inexistente",
        "Un id en `relacionados` no corresponde a ningún problema del catálogo, o es el mismo "
        "problema.",
        "Corrija el id o bórrelo de `relacionados`.",
    ),
    Rule(
        Code.UNKNOWN_SOLVED_PROBLEM,
        "catalogo",
        "La solución apunta a un problema inexistente",
        "Un id en `problemas` de una solución no corresponde a ningún problema del catálogo.",
        "Corrija el id; debe existir en `problems/`.",
    ),
    Rule(
        Code.UNKNOWN_EVENT_REFERENCE,
        "catalogo",
        "Un evento menciona un problema o una solución inexistente",
        "En `eventos.yml`, cada id de `problemas` debe ser el de un problema del catálogo y "
        "cada nombre de `soluciones`, el de un archivo de `solutions/` (sin «.md»).",
        "Corrija el id o el nombre, o bórrelo de la lista del evento.",
    ),
    # The validator's own faults.
    Rule(
        Code.INTERNAL,
        "lectura",
        "Falla interna del validador",
        "El validador tuvo un error inesperado al revisar este archivo. No es culpa de quien lo "
        "escribió: el resto del catálogo se revisó igual.",
        "Avise al equipo del catálogo (abra un issue con el archivo y este mensaje).",
    ),
    # Comunas that join a problem of another comuna: a file with `comparte`.
    Rule(
        Code.JOIN_UNKNOWN_PROBLEM,
        "catalogo",
        "La adhesión comparte un problema inexistente",
        "Un archivo con `comparte` suma su comuna a un problema del catálogo; el id que escribe "
        "no corresponde a ningún problema.",
        "Copie el id desde la página del problema (por ejemplo «13128-001») o use el botón "
        "«Sumarse a este problema» de esa página.",
    ),
    Rule(
        Code.JOIN_OF_A_JOIN,
        "catalogo",
        "La adhesión comparte otra adhesión",
        "`comparte` debe nombrar el problema completo, el que tiene título, temas y tareas de "
        "IA, y no la adhesión de otra comuna a ese problema.",
        "Escriba en `comparte` el id del problema que esa otra adhesión comparte.",
    ),
    Rule(
        Code.JOIN_SAME_COMUNA,
        "catalogo",
        "La adhesión comparte un problema de su propia comuna",
        "Una comuna se suma a problemas que documentó otra comuna; un problema propio ya es "
        "suyo y no necesita adhesión.",
        "Corrija el id de `comparte`, o mueva el archivo a la carpeta de la comuna que se suma.",
    ),
    Rule(
        Code.JOIN_REPEATED,
        "catalogo",
        "La comuna se suma dos veces al mismo problema",
        "Cada comuna tiene una sola adhesión por problema, con su población, datos y contacto.",
        "Junte lo que dicen los dos archivos en uno y borre el otro.",
    ),
    Rule(
        Code.JOIN_INHERITED_FIELD,
        "campos",
        "La adhesión escribe temas o tareas de IA",
        "Los temas y las tareas de IA son del problema compartido y valen para todas las "
        "comunas que se suman; una adhesión no los repite ni los cambia.",
        "Borre el campo. Si la comuna ve otro tema o tarea, propóngalo en el problema "
        "compartido (botón «Comentar» de su página).",
    ),
    # Responsible AI (issue 14). The fields are the municipality's declaration, following the
    # references the guide links to; these rules check that they are complete and coherent,
    # not that they are legally right.
    Rule(
        Code.INDICATOR_AS_TEXT_PROPOSED,
        "responsable",
        "Indicador escrito como texto, sin línea base",
        "Un indicador se mide: con su nombre, su unidad, la cifra de hoy (línea base, con la "
        "fecha en que se midió) y la meta, un equipo puede saber si su prototipo mejora algo. "
        "En «propuesto» un texto todavía se acepta; desde «priorizado» es un error.",
        "Escríbalo con subcampos: `- nombre: Días de espera` y debajo, con dos espacios más de "
        "sangría, `unidad: días`, `linea_base: 20`, `fecha_linea_base: 2025-03-31` y "
        "`meta: 5`.",
        Severity.WARNING,
    ),
    Rule(
        Code.INDICATOR_AS_TEXT,
        "responsable",
        "Indicador sin línea base en un problema priorizado",
        "Desde «priorizado» cada indicador tiene nombre, unidad, línea base con su fecha y "
        "meta: es con lo que se medirá un prototipo o un piloto.",
        "Escríbalo con subcampos: `- nombre: Días de espera` y debajo, con dos espacios más de "
        "sangría, `unidad: días`, `linea_base: 20`, `fecha_linea_base: 2025-03-31` y "
        "`meta: 5`.",
    ),
    Rule(
        Code.BASELINE_WITHOUT_DATE,
        "responsable",
        "Línea base sin fecha",
        "Una línea base vale en una fecha: la cifra de hoy cambia, y sin la fecha no se puede "
        "comparar con lo que mida un piloto.",
        "Escriba `linea_base` (la cifra) y `fecha_linea_base` (AAAA-MM-DD) juntas, o borre "
        "ambas si aún no se mide.",
    ),
    Rule(
        Code.REQUIRED_FROM_STAGE,
        "responsable",
        "Falta un dato que la etapa pide",
        "Cada etapa pide más: desde «priorizado», el impacto, cuántas personas afecta, la "
        "evaluación de riesgo y, si hay datos personales, su protección; desde «en-piloto» "
        "(desde «con-prototipo» si el riesgo es alto), y en una solución en «piloto» o "
        "«produccion», la ficha de transparencia algorítmica.",
        "Agregue el campo que falta; la plantilla muestra cómo se escribe. Si el problema aún "
        "no llega a esa etapa, corrija `estado`.",
    ),
    Rule(
        Code.REQUIRED_LATER,
        "responsable",
        "Falta un dato que se pedirá al priorizar",
        "Un problema propuesto puede publicarse incompleto, pero la evaluación de riesgo y, si "
        "hay datos personales, su protección se pedirán en cuanto pase a «priorizado». "
        "Escribirlas desde el principio ayuda a la revisión.",
        "Agregue el campo que falta; la plantilla muestra cómo se escribe.",
        Severity.WARNING,
    ),
    Rule(
        Code.UNACCEPTABLE_RISK,
        "responsable",
        "Riesgo inaceptable",
        "El proyecto de ley de IA (boletín 16821-19), como el reglamento europeo, prohíbe los "
        "sistemas de riesgo inaceptable: manipular a las personas sin que lo noten, aprovechar "
        "su vulnerabilidad, asignarles un puntaje social o identificarlas por sus rasgos "
        "biométricos en tiempo real en lugares públicos. El catálogo no los recibe.",
        "Replantee el problema para que la IA no haga eso (por ejemplo, que apoye a una persona "
        "en vez de calificar a los vecinos) y declare el nivel que corresponda, o retire el "
        "problema.",
    ),
    Rule(
        Code.OVERSIGHT_MISSING,
        "responsable",
        "Decisiones sobre personas sin supervisión humana",
        "Un sistema que toma o apoya decisiones sobre personas es un sistema de decisión "
        "automatizada, en el sentido del Consejo para la Transparencia: debe decir quién revisa "
        "lo que propone y cómo se corrige.",
        "Agregue `supervision_humana` en `evaluacion_riesgo`, por ejemplo «Una asistente social "
        "revisa cada alerta antes de contactar a la familia».",
    ),
    Rule(
        Code.IMPACT_ASSESSMENT_WITHOUT_LINK,
        "responsable",
        "Evaluación de impacto sin enlace",
        "Si existe una evaluación de impacto en protección de datos, el catálogo la enlaza para "
        "que cualquiera pueda leerla.",
        "Agregue `evaluacion_impacto_url` con la dirección https de la evaluación, o escriba "
        "`evaluacion_impacto: false` si aún no existe.",
    ),
    Rule(
        Code.RESULT_UNKNOWN_INDICATOR,
        "responsable",
        "Resultado de un indicador que no existe",
        "Cada resultado de la ficha de transparencia se compara con un indicador del problema "
        "(su línea base y su meta); por eso nombra uno de ellos, tal como está escrito.",
        "Copie en `indicador` el `nombre` exacto de uno de los indicadores del problema.",
    ),
    Rule(
        Code.DATA_PROTECTION_WITHOUT_PERSONAL_DATA,
        "responsable",
        "Protección de datos sin datos personales",
        "`proteccion_datos` describe cómo se tratan los datos personales de las fuentes; si "
        "ninguna fuente los tiene, una de las dos declaraciones está mal.",
        "Marque `datos_personales: true` en la fuente que los tiene, o borre `proteccion_datos`.",
        Severity.WARNING,
    ),
    Rule(
        Code.RECORD_OUT_OF_DATE,
        "responsable",
        "Ficha de transparencia sin revisar hace más de un año",
        "Un sistema en uso cambia: sus datos, su desempeño y quién responde por él. Los "
        "registros de algoritmos que sigue la ficha piden revisarla al menos una vez al año.",
        "Revise la ficha con la unidad responsable, corrija lo que cambió y actualice "
        "`ultima_revision` con la fecha de hoy.",
        Severity.WARNING,
    ),
]

# In code order, so that listings read CAT001 to CAT099 whatever order the table was written in.
RULES: dict[Code, Rule] = {rule.code: rule for rule in sorted(_RULES, key=lambda rule: rule.code)}
