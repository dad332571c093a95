"""Say the loading layer's hygiene findings in Spanish."""

from __future__ import annotations

from catalogo.core.codes import Code
from catalogo.loading.reader import ReadIssue
from catalogo.loading.yaml_tree import MAX_INT_DIGITS
from catalogo.validation.checks.file_context import FileContext, Findings

# libyaml's problem texts, most frequent first, with what they usually mean to a person
# editing in a web form, and what to do about it there (each broken line gets its own hint).
_YAML_PROBLEMS = [
    (
        "mapping values are not allowed",
        "hay dos puntos («: ») dentro de un valor sin comillas, o la sangría no cuadra",
        'Si el valor tiene «: », póngalo entero entre comillas rectas, por ejemplo titulo: "Actas: '
        'resumen de las sesiones"; si no, dele la misma sangría que a las líneas de su nivel.',
    ),
    (
        "found character that cannot start any token",
        "hay un carácter que no puede iniciar un valor (un tabulador, `@` o `` ` ``)",
        'Ponga el valor entero entre comillas rectas ("…") o borre ese carácter.',
    ),
    (
        "tab character",
        "hay un tabulador; la sangría debe hacerse con espacios",
        "Reemplace el tabulador por espacios: dos por cada nivel.",
    ),
    (
        "could not find expected ':'",
        "falta «: » después de una clave, o un texto quedó partido",
        "Escriba la clave, «: » y el valor; si un texto largo sigue en la línea siguiente, "
        "póngalo entero entre comillas rectas.",
    ),
    (
        "did not find expected key",
        "la sangría de esta línea no coincide con la de sus vecinas",
        "Empiece esta línea con la misma cantidad de espacios que los campos de su mismo nivel.",
    ),
    (
        "did not find expected '-' indicator",
        "un elemento de lista no empieza con «- » o su sangría no coincide",
        "Empiece cada elemento de la lista con «- », con la misma sangría que los demás.",
    ),
    (
        "did not find expected ',' or ']'",
        "falta cerrar una lista entre corchetes `[ ]`",
        "Cierre la lista con «]», o escriba un elemento por línea, cada uno con «- ».",
    ),
    (
        "did not find expected ',' or '}'",
        "falta cerrar un grupo entre llaves `{ }`",
        "Cierre el grupo con «}», o escriba un campo por línea, con sangría.",
    ),
    (
        "found unexpected end of stream",
        "hay comillas sin cerrar",
        "Cierre las comillas al final del valor, con las mismas con que lo abrió.",
    ),
    (
        "found unknown escape character",
        "hay una barra invertida `\\` dentro de comillas dobles",
        "Use comillas simples ('…') para ese valor, o escriba la barra dos veces (\\\\).",
    ),
    (
        "block sequence entries are not allowed",
        "hay un elemento de lista («- ») donde se esperaba un valor",
        "Ponga la lista en las líneas siguientes, cada elemento con «- » y dos espacios de "
        "sangría, o ponga el texto entre comillas rectas.",
    ),
    (
        "did not find expected node content",
        "falta un valor",
        "Escriba el valor después de «: », o borre la línea si el campo es opcional.",
    ),
    (
        "did not find expected comment or line break",
        "hay texto sobrante después de un valor",
        "Ponga el valor entero entre comillas rectas, o borre lo que sigue a las comillas que "
        "lo cierran.",
    ),
    (
        "expected a single document",
        "hay un segundo documento YAML (una línea `---` o `...`)",
        "Borre esa línea: el encabezado se abre y se cierra con una sola línea `---`.",
    ),
    (
        "exceeded maximum nesting depth",
        "hay demasiados niveles de listas o campos anidados",
        "Ningún campo del catálogo anida más de dos niveles: simplifique esa parte.",
    ),
]
_TAB = next(problem for problem in _YAML_PROBLEMS if problem[0] == "tab character")


def _yaml_message(detail: str, character: str = "") -> tuple[str, str | None]:
    """The message and, when the cause is known, the hint for that cause (None: the rule's)."""
    if character == "\t":
        return f"El encabezado no se puede leer: {_TAB[1]}.", _TAB[2]
    if detail.startswith("control"):
        code = detail.partition(":")[2]
        what = f" (U+{code})" if code else ""
        return (
            f"El encabezado contiene un carácter de control invisible{what}, típico de texto "
            "copiado desde Word o un PDF."
        ), None
    for english, spanish, hint in _YAML_PROBLEMS:
        if english in detail:
            return f"El encabezado no se puede leer: {spanish}.", hint
    return "El encabezado no se puede leer: revise la sintaxis YAML cerca de esta línea.", None


_UNSUPPORTED = {
    "clave": "Una clave debe ser un texto simple, no una lista ni un grupo de campos.",
    "anidamiento": "Hay demasiados niveles de listas o campos anidados.",
}


def _message(issue: ReadIssue) -> tuple[str, str, str | None]:
    detail = issue.detail
    match issue.kind:
        case "too_large":
            return (
                Code.TOO_LARGE,
                f"El archivo pesa {detail['size'] // 1024} KB; el máximo es {detail['max'] // 1024} KB.",
                None,
            )
        case "not_utf8" if detail.get("utf16"):
            return (
                Code.NOT_UTF8,
                "El archivo está guardado en UTF-16 («Unicode» de Windows), no en UTF-8.",
                None,
            )
        case "not_utf8":
            return (
                Code.NOT_UTF8,
                f"Hay un byte que no es UTF-8 (0x{detail['byte']:02X}); el archivo parece guardado "
                "como Latin-1 o Windows-1252.",
                None,
            )
        case "nul":
            return (
                Code.NULL_BYTES,
                "El archivo contiene caracteres nulos: parece un archivo binario.",
                None,
            )
        case "bom":
            return Code.BYTE_ORDER_MARK, "El archivo empieza con una marca BOM invisible.", None
        case "no_front_matter":
            return (
                Code.NO_FRONT_MATTER,
                "La primera línea debe ser `---`, que abre el encabezado.",
                None,
            )
        case "unclosed":
            return (
                Code.FRONT_MATTER_NOT_CLOSED,
                "El encabezado que abre `---` en la línea 1 no se cierra con otra línea `---`.",
                None,
            )
        case "yaml_syntax":
            return (
                Code.INVALID_YAML,
                *_yaml_message(detail["detail"], detail.get("character", "")),
            )
        case "unread":
            return (
                Code.INVALID_YAML,
                "El encabezado no se revisó desde esta línea: las anteriores tienen demasiados "
                "errores de sintaxis.",
                "Corrija los errores anteriores y vuelva a revisar el archivo.",
            )
        case "not_mapping" if detail.get("empty"):
            return Code.FRONT_MATTER_NOT_MAPPING, "El encabezado está vacío.", None
        case "not_mapping":
            return (
                Code.FRONT_MATTER_NOT_MAPPING,
                "El encabezado debe ser una lista de campos `clave: valor`.",
                None,
            )
        case "duplicate_key":
            return (
                Code.DUPLICATE_KEY,
                f"El campo `{detail['detail']}` está repetido; ya aparece en la línea "
                f"{detail['first_line']}.",
                None,
            )
        case "long_number":
            return (
                Code.NUMBER_OUT_OF_RANGE,
                f"El número tiene {detail['detail']} cifras; ningún campo admite más de "
                f"{MAX_INT_DIGITS}.",
                "Escriba una cifra aproximada, sin puntos, por ejemplo 42000.",
            )
        case "alias":
            return (
                Code.YAML_ANCHOR,
                f"Ancla o alias YAML («{detail['detail']}») no permitido.",
                None,
            )
        case _:
            tag = detail.get("detail", "")
            message = _UNSUPPORTED.get(tag, f"La etiqueta YAML «{tag}» no se admite.")
            return Code.YAML_VALUE_NOT_ALLOWED, message, None


def check_reading(ctx: FileContext) -> Findings:
    findings = []
    broken = sorted(issue.line for issue in ctx.document.issues if issue.kind == "yaml_syntax")
    for issue in ctx.document.issues:
        code, message, hint = _message(issue)
        if issue.kind == "yaml_syntax" and len(broken) > 1 and issue.line == broken[0]:
            # Each broken line is its own finding; the first says there are more, for a
            # reader who stops at the first.
            others = ", ".join(str(line) for line in broken[1:6])
            more = f" y {len(broken) - 6} más" if len(broken) > 6 else ""
            count = "otra línea" if len(broken) == 2 else f"{len(broken) - 1} líneas más"
            message += f" Hay {count} con errores en el encabezado ({others}{more})."
        findings.append(ctx.at(code, (issue.line, issue.column), message, hint))
    return findings
