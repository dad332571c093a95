"""A programme event (workshop or hackathon) and the events file that lists them. Pure pydantic.

The YAML keys (aliases) are Spanish: officials edit `eventos.yml` by hand.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import AfterValidator, Field, ValidationInfo, model_validator
from pydantic.json_schema import WithJsonSchema

from catalogo.core.codes import Code
from catalogo.core.words import did_you_mean
from catalogo.model.types import (
    KEBAB_RE,
    VOCABULARY_KEY,
    CatalogModel,
    HttpsUrl,
    IsoDate,
    ProblemId,
    Title,
    finding,
    text,
    vocabularies,
)

ONLINE = "en-linea"
# How the site names each kind of event.
KINDS = {"taller": "Taller", "hackaton": "Hackatón"}


def _check_place(value: str, info: ValidationInfo) -> str:
    comunas = vocabularies(info).comunas
    if value == ONLINE or value in comunas:
        return value
    aliases = {comuna.name: slug for slug, comuna in comunas.items()}
    raise finding(
        Code.UNKNOWN_COMUNA,
        f"«{value}» no es una comuna del registro (schema/comunas.csv) ni «{ONLINE}»."
        + did_you_mean(value, comunas, aliases),
    )


# A comuna's slug, or `en-linea` for an event held online.
Place = Annotated[
    str,
    AfterValidator(_check_place),
    WithJsonSchema({"anyOf": [{"const": ONLINE}, {"type": "string", VOCABULARY_KEY: "comunas"}]}),
]


def _check_kind(value: str) -> str:
    if value in KINDS:
        return value
    raise finding(
        Code.VALUE_NOT_ALLOWED,
        f"«{value}» no es un tipo de evento.{did_you_mean(value, KINDS)} Valores posibles: "
        + ", ".join(KINDS)
        + ".",
    )


Kind = Annotated[str, AfterValidator(_check_kind), Field(json_schema_extra={"enum": list(KINDS)})]


def _check_solution_slug(value: str) -> str:
    if not KEBAB_RE.fullmatch(value):
        raise finding(
            Code.VALUE_NOT_ALLOWED,
            f"«{value}» no es el nombre de una solución: es el nombre de su archivo en "
            "solutions/ sin «.md», por ejemplo acta-viva.",
        )
    return value


SolutionSlug = Annotated[
    str,
    AfterValidator(_check_solution_slug),
    Field(json_schema_extra={"pattern": KEBAB_RE.pattern}),
]
Criterion = Annotated[str, Field(min_length=3, max_length=300)]
Organiser = Annotated[str, Field(min_length=2, max_length=200)]


class Event(CatalogModel):
    name: Title = text("Nombre", "Nombre del evento.", min_length=5, max_length=160, alias="nombre")
    kind: Kind = Field(title="Tipo", description="taller o hackaton.", alias="tipo")
    start: IsoDate = Field(
        title="Fecha", description="Día del evento, o su primer día (AAAA-MM-DD).", alias="fecha"
    )
    end: IsoDate | None = Field(
        None,
        title="Fecha de término",
        description="Último día, si dura más de uno (AAAA-MM-DD).",
        alias="fecha_fin",
    )
    place: Place = Field(
        title="Lugar",
        description=f"Nombre corto de la comuna (schema/comunas.csv) o «{ONLINE}».",
        alias="lugar",
    )
    venue: str | None = text(
        "Recinto", "Recinto y dirección, si se conocen.", min_length=3, max_length=200,
        default=None, alias="recinto",
    )  # fmt: skip
    description: str | None = text(
        "Descripción", "Qué se hace en el evento.", min_length=10, max_length=1000,
        default=None, alias="descripcion",
    )  # fmt: skip
    organisers: list[Organiser] = Field(
        title="Organizadores",
        description="Instituciones que organizan el evento.",
        min_length=1,
        max_length=20,
        alias="organizadores",
    )
    rules: HttpsUrl | None = Field(
        None,
        title="Bases",
        description="Dirección https de las bases del evento (reglas y criterios).",
        alias="bases",
    )
    criteria: list[Criterion] = Field(
        default_factory=list,
        title="Criterios",
        description="Criterios con que se evalúan las soluciones.",
        max_length=20,
        alias="criterios",
    )
    sign_up: HttpsUrl | None = Field(
        None,
        title="Inscripción",
        description="Dirección https del formulario de inscripción.",
        alias="inscripcion",
    )
    problems: list[ProblemId] = Field(
        default_factory=list,
        title="Problemas",
        description="Identificadores de los problemas que se trabajan en el evento.",
        max_length=200,
        alias="problemas",
    )
    solutions: list[SolutionSlug] = Field(
        default_factory=list,
        title="Soluciones",
        description="Nombres de archivo (sin .md) de las soluciones que nacieron en el evento.",
        max_length=200,
        alias="soluciones",
    )

    @model_validator(mode="after")
    def _end_after_start(self) -> Event:
        if self.end is not None and self.end < self.start:
            raise finding(
                Code.DATES_OUT_OF_ORDER,
                f"«fecha_fin» ({self.end.isoformat()}) es anterior a «fecha» "
                f"({self.start.isoformat()}).",
            )
        return self

    @property
    def last_day(self) -> date:
        return self.end or self.start

    def upcoming(self, today: date) -> bool:
        """Whether the event has not ended by `today` (an event under way is upcoming)."""
        return self.last_day >= today


class EventsFile(CatalogModel):
    events: list[Event] = Field(
        title="Eventos",
        description="Talleres y hackatones del programa.",
        max_length=500,
        alias="eventos",
    )
