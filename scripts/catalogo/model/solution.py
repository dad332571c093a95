"""A hackathon solution: a team's prototype for one or more problems."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, StrictBool

from catalogo.core.codes import Code
from catalogo.model.responsible import TransparencyRecord
from catalogo.model.types import (
    CatalogModel,
    HttpsUrl,
    IsoDate,
    ProblemId,
    Title,
    finding,
    text,
    vocabulary,
)

SolutionState = vocabulary(
    "solution_states", Code.VALUE_NOT_ALLOWED, "un estado de solución permitido", list_all=True
)


def _check_spdx(value: str) -> str:
    from license_expression import get_spdx_licensing

    try:
        info = get_spdx_licensing().validate(value)
        valid = not (info.errors or info.invalid_symbols)
    # The library's own error objects fail on some half-written expressions ("MIT AND").
    except Exception:
        valid = False
    if not valid:
        raise finding(
            Code.UNKNOWN_LICENCE, f"«{value}» no es un identificador de licencia SPDX conocido."
        )
    return value


# The body's sections, in order: the one list the validator, the solution template, the kit and
# the examples follow (issue 12).
SOLUTION_SECTIONS = ("Qué hace", "Cómo funciona", "Resultados", "Próximos pasos")
# Required when a solution is abandoned: what the next team should know is why it is kept.
LESSONS_SECTION = "Lecciones aprendidas"
# Solution states that mean a team is working on its problems now ("N equipos trabajando").
WORKING_STATES = ("idea", "prototipo", "piloto")


SpdxLicense = Annotated[str, Field(max_length=100), AfterValidator(_check_spdx)]


class Solution(CatalogModel):
    title: Title = text(
        "Título", "Nombre de la solución.", min_length=10, max_length=120, alias="titulo"
    )
    problems: list[ProblemId] = Field(
        title="Problemas",
        description="Identificadores de los problemas que aborda.",
        min_length=1,
        max_length=10,
        alias="problemas",
    )
    team: str = text("Equipo", "Nombre del equipo.", min_length=2, max_length=120, alias="equipo")
    state: SolutionState = Field(
        title="Estado", description="Etapa en que está la solución.", alias="estado"
    )
    repository: HttpsUrl = Field(
        title="Repositorio", description="Dirección https del código.", alias="repositorio"
    )
    demo: HttpsUrl | None = Field(
        None,
        title="Demostración",
        description="Dirección https de una demostración.",
        alias="demo",
    )
    models: list[Annotated[str, Field(min_length=1, max_length=80)]] = Field(
        default_factory=list,
        title="Modelos",
        description="Modelos de IA que usa, por ejemplo LatamGPT.",
        max_length=10,
        alias="modelos",
    )
    event: str | None = Field(
        None,
        title="Evento",
        description="Hackatón o evento donde nació.",
        min_length=3,
        max_length=200,
        alias="evento",
    )
    date: IsoDate | None = Field(
        None, title="Fecha", description="Fecha de la solución (AAAA-MM-DD).", alias="fecha"
    )
    license: SpdxLicense | None = Field(
        None,
        title="Licencia",
        description="Identificador SPDX de la licencia del código.",
        alias="licencia",
    )
    transparency: TransparencyRecord | None = Field(
        None,
        title="Ficha de transparencia",
        description="Ficha de transparencia algorítmica; obligatoria en «piloto» y «produccion».",
        alias="transparencia",
    )
    example: StrictBool = Field(
        False,
        title="Ejemplo",
        description="true marca una solución ilustrativa.",
        alias="ejemplo",
    )
