"""Field types shared by the problem and solution models."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, get_args
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, ValidationInfo
from pydantic import BaseModel as _BaseModel
from pydantic.json_schema import WithJsonSchema
from pydantic_core import PydanticCustomError

from catalogo.core.codes import Code
from catalogo.model.vocabularies import SLUG_RE, Vocabularies

# ASCII digits only: `\d` also takes ١ or ５, and `13119-00١` would pass beside `13119-001`.
# Always used with `fullmatch` (`$` alone also matches before a final newline).
PROBLEM_ID_RE = re.compile(r"^[0-9]{5}-[0-9]{3}$")
KEBAB_RE = SLUG_RE
_ISO_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")

# The JSON Schema marks fields filled from a vocabulary; the exporter swaps in the values.
VOCABULARY_KEY = "x-vocabulario"


class CatalogModel(_BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        validate_by_alias=True,
        validate_by_name=False,
        serialize_by_alias=True,
        frozen=True,
    )


def nested_model(annotation: Any) -> type[_BaseModel] | None:
    """The model inside a field's type (`Contact`, `list[DataSource]`, `X | None`), if any."""
    if isinstance(annotation, type) and issubclass(annotation, _BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = nested_model(argument)
        if found is not None:
            return found
    return None


def finding(code: str, message: str, hint: str | None = None) -> PydanticCustomError:
    """A model error carrying its rule code; the message is final Spanish text."""
    return PydanticCustomError(code, "{mensaje}", {"mensaje": message, "ayuda": hint or ""})


def vocabularies(info: ValidationInfo) -> Vocabularies:
    context = info.context or {}
    if "vocabularios" not in context:
        raise RuntimeError("validation needs context={'vocabularios': Vocabularies}")
    return context["vocabularios"]


def _vocabulary_check(attribute: str, code: str, noun: str, list_all: bool):
    def check(value: str, info: ValidationInfo) -> str:
        known = vocabularies(info)
        terms = getattr(known, attribute)
        if value in terms:
            return value
        message = f"«{value}» no es {noun}.{known.suggestion(attribute, value)}"
        meant = known.resolve(attribute, value)
        # A word people use for a term ("Excel", "planilla", "Ñuñoa"): the hint says which
        # value it is written as.
        hint = None
        if meant is not None:
            description = getattr(terms[meant], "description", "")
            hint = f"«{value}» se escribe «{meant}» en el catálogo" + (
                f": {description}" if description else "."
            )
        if list_all:
            message += " Valores posibles: " + ", ".join(terms) + "."
        raise finding(code, message, hint)

    return check


def vocabulary(attribute: str, code: str, noun: str, *, list_all: bool = False) -> Any:
    """A text field whose value must be a slug of one of the vocabularies."""
    return Annotated[
        str,
        AfterValidator(_vocabulary_check(attribute, code, noun, list_all)),
        Field(json_schema_extra={VOCABULARY_KEY: attribute}),
    ]


def _parse_iso_date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE_RE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise finding(Code.INVALID_DATE, f"«{value}» no es una fecha que exista.") from None
    raise finding(Code.INVALID_DATE, f"«{value}» no es una fecha en formato AAAA-MM-DD.")


IsoDate = Annotated[
    date,
    BeforeValidator(_parse_iso_date),
    WithJsonSchema({"type": "string", "format": "date"}),
]


def _check_https(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme != "https" or "." not in parts.netloc or any(c.isspace() for c in value):
        raise finding(
            Code.INVALID_URL,
            f"«{value}» no es una dirección web segura completa (debe empezar con https://).",
        )
    return value


HttpsUrl = Annotated[
    str,
    AfterValidator(_check_https),
    Field(json_schema_extra={"format": "uri", "pattern": "^https://"}),
]


def _check_problem_id(value: str) -> str:
    if not PROBLEM_ID_RE.fullmatch(value):
        raise finding(
            Code.MALFORMED_ID,
            f"«{value}» no es un identificador de problema: se escribe como CUT de la comuna, "
            "guion y 3 dígitos, por ejemplo 13119-001.",
        )
    return value


ProblemId = Annotated[
    str,
    AfterValidator(_check_problem_id),
    Field(json_schema_extra={"pattern": PROBLEM_ID_RE.pattern}),
]


def _check_tag(value: str) -> str:
    if not KEBAB_RE.fullmatch(value):
        raise finding(
            Code.MALFORMED_TAG,
            f"La etiqueta «{value}» debe ir en minúsculas, sin tildes y con guiones.",
            f"Escriba «{_kebab(value)}».",
        )
    return value


def _kebab(value: str) -> str:
    from catalogo.core.words import slugify

    return slugify(value) or "etiqueta"


Tag = Annotated[
    str, AfterValidator(_check_tag), Field(json_schema_extra={"pattern": KEBAB_RE.pattern})
]


def _check_institutional_email(value: str, info: ValidationInfo) -> str:
    if not _EMAIL_RE.fullmatch(value):
        raise finding(Code.CONTACT_EMAIL, f"«{value}» no es una dirección de correo válida.")
    domain = value.rsplit("@", 1)[1].lower()
    if domain in vocabularies(info).personal_mail_domains:
        raise finding(
            Code.CONTACT_EMAIL,
            f"«{value}» es un correo personal ({domain}); el contacto debe ser institucional.",
        )
    return value


InstitutionalEmail = Annotated[
    str, AfterValidator(_check_institutional_email), Field(json_schema_extra={"format": "email"})
]


def _check_letters(value: str) -> str:
    if not any(character.isalpha() for character in value):
        raise finding(Code.TITLE_WITHOUT_LETTERS, f"«{value}» no tiene letras.")
    return value


# A title: text with at least one letter (only digits, signs or invisible characters is not).
Title = Annotated[str, AfterValidator(_check_letters)]


def text(title: str, description: str, *, min_length: int = 1, max_length: int = 2000, **extra):
    """A required or optional text field with its Spanish name and help."""
    return Field(
        title=title, description=description, min_length=min_length, max_length=max_length, **extra
    )
