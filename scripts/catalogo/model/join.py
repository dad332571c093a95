"""A comuna that joins a problem another comuna documented: "we have this problem too".

The joining comuna keeps its own short file in its own folder (so its own team reviews it)
with its own id, contact, affected population and data; what the problem *is* (title, themes,
AI tasks, indicators) stays in the shared problem's file. Field types and titles are the
problem's, so a mistake in a join reads exactly like the same mistake in a problem.
"""

from __future__ import annotations

from pydantic import Field, StrictBool

from catalogo.model.problem import (
    AffectedPopulation,
    ComunaSlug,
    Contact,
    DataSource,
    Priority,
    ShortText,
)
from catalogo.model.types import CatalogModel, IsoDate, ProblemId, text

# The key that makes a file in a comuna's folder a join instead of a problem.
SHARED_KEY = "comparte"
# The keys a join may not write, because the shared problem says them for every comuna.
INHERITED_KEYS = ("temas", "tareas_ia")
# The body: one section on the situation in the joining comuna.
JOIN_SECTION = "Situación en la comuna"
JOIN_SECTIONS = (JOIN_SECTION,)


class Join(CatalogModel):
    join_id: ProblemId = Field(
        title="Identificador",
        description="CUT de la comuna que se suma, guion y correlativo de 3 dígitos (la misma "
        "numeración que sus problemas), por ejemplo 13201-003.",
        alias="id",
    )
    shared: ProblemId = Field(
        title="Problema compartido",
        description="Identificador del problema de otra comuna al que esta comuna se suma.",
        alias=SHARED_KEY,
    )
    comuna: ComunaSlug = Field(
        title="Comuna",
        description="Nombre corto de la comuna que se suma (schema/comunas.csv); igual a la "
        "carpeta.",
        alias="comuna",
    )
    responsible_unit: str = text(
        "Área responsable",
        "Unidad municipal que se hace cargo del problema en esta comuna.",
        min_length=2,
        max_length=200,
        alias="area_responsable",
    )
    affected_population: AffectedPopulation = Field(
        title="Población afectada",
        description="Quiénes y cuántos se ven afectados en esta comuna.",
        alias="poblacion_afectada",
    )
    data_sources: list[DataSource] = Field(
        title="Datos",
        description="Fuentes de datos de esta comuna (puede quedar vacía).",
        max_length=30,
        alias="datos",
    )
    risks: list[ShortText] = Field(
        default_factory=list,
        title="Riesgos",
        description="Consideraciones propias de esta comuna; obligatorio si hay datos personales.",
        max_length=20,
        alias="riesgos",
    )
    contact: Contact = Field(
        title="Contacto",
        description="Unidad y correo institucional de contacto en esta comuna.",
        alias="contacto",
    )
    registered: IsoDate = Field(
        title="Fecha de registro",
        description="Fecha en que la comuna se sumó (AAAA-MM-DD).",
        alias="fecha_registro",
    )
    priority: Priority | None = Field(
        None,
        title="Prioridad",
        description="Prioridad que le asigna esta comuna.",
        alias="prioridad",
    )
    updated: IsoDate | None = Field(
        None,
        title="Actualizado",
        description="Fecha de la última actualización (AAAA-MM-DD).",
        alias="actualizado",
    )
    example: StrictBool = Field(
        False,
        title="Ejemplo",
        description="true marca una adhesión ilustrativa, que el sitio señala como ejemplo.",
        alias="ejemplo",
    )


def is_join(data: object) -> bool:
    """Whether a front matter is a join's: it has the `comparte` key, whatever its value (a
    join with a broken `comparte` is still a join, and is told so)."""
    return isinstance(data, dict) and SHARED_KEY in data
