"""Responsible by construction (issue 14): measurable indicators, impact and cost, personal data
in detail, the risk tier and the algorithmic transparency record.

The fields follow public references (Ley 21.719, the AI bill, boletín 16821-19, the Consejo
para la Transparencia's recommendations, the UK ATRS and the Dutch Algoritmeregister); they are
the municipality's declaration and certify nothing. Which stage asks for which field is decided
here, once, for the validator, the guide and the site.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import (
    BeforeValidator,
    Discriminator,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    Tag,
)
from pydantic.json_schema import WithJsonSchema

from catalogo.core.codes import Code
from catalogo.model.types import CatalogModel, HttpsUrl, IsoDate, finding, text, vocabulary

Period = vocabulary("periods", Code.VALUE_NOT_ALLOWED, "un periodo permitido", list_all=True)
CostUnit = vocabulary(
    "cost_units", Code.VALUE_NOT_ALLOWED, "una unidad de costo permitida", list_all=True
)
RiskLevel = vocabulary(
    "risk_levels", Code.VALUE_NOT_ALLOWED, "un nivel de riesgo permitido", list_all=True
)
DecisionRole = vocabulary(
    "decision_roles", Code.VALUE_NOT_ALLOWED, "un valor permitido", list_all=True
)
SensitiveData = vocabulary(
    "sensitive_data", Code.VALUE_NOT_ALLOWED, "una categoría de datos sensibles", list_all=True
)
LegalBasis = vocabulary(
    "legal_bases", Code.VALUE_NOT_ALLOWED, "una base de licitud permitida", list_all=True
)


def _quantity(value: object) -> object:
    # Checked here, once, so that a wrong value gets one message instead of one per branch of
    # the int-or-float union below.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        shown = "true o false" if isinstance(value, bool) else f"«{value}»"
        raise finding(
            Code.WRONG_TYPE,
            f"debe ser un número, sin la unidad; se escribió {shown}.",
            "Escriba solo la cifra, con punto para los decimales (por ejemplo 4.5); la unidad "
            "va en `unidad`.",
        )
    if value < 0 or value != value:
        raise finding(Code.NUMBER_OUT_OF_RANGE, f"no puede ser negativo; se escribió {value}.")
    return value


# A measured quantity: whole or with decimals (4.5 días), never negative.
Quantity = Annotated[
    StrictInt | StrictFloat,
    BeforeValidator(_quantity),
    WithJsonSchema({"type": "number", "minimum": 0}),
]
Count = Annotated[StrictInt, Field(ge=0)]

# The lifecycle (schema/estados.yml) from the stage on which the framing is complete. `propuesto`
# and `archivado` are outside: a proposal is still being framed, and an archived problem is kept
# for the record, so both get warnings instead of errors.
STAGES_FROM_PRIORITISED = (
    "priorizado",
    "en-hackaton",
    "con-prototipo",
    "en-piloto",
    "implementado",
)
# The stages on which a solution reaches residents and so needs its transparency record.
RECORD_STAGES = ("en-piloto", "implementado")
# A high-risk system needs its record before it is tried with real people, so from the stage
# before the pilot: a prototype is where the record is written.
HIGH_RISK_RECORD_STAGES = ("con-prototipo", *RECORD_STAGES)
HIGH_RISK = "alto"
UNACCEPTABLE_RISK = "inaceptable"
# Roles in decisions about people that need a person overseeing the system.
DECIDING_ROLES = ("apoya", "decide")
SOLUTION_RECORD_STATES = ("piloto", "produccion")


def framing_required(state: str) -> bool:
    """Whether the stage asks for the complete framing: indicators with their numbers, impact,
    the personal data detail and the risk assessment."""
    return state in STAGES_FROM_PRIORITISED


def record_required(state: str, risk_level: str | None) -> bool:
    """Whether a problem at `state` with this risk tier must carry its transparency record."""
    stages = HIGH_RISK_RECORD_STAGES if risk_level == HIGH_RISK else RECORD_STAGES
    return state in stages


class Indicator(CatalogModel):
    name: str = text(
        "Nombre",
        "Qué se mide, por ejemplo «Días de espera para una hora».",
        min_length=3,
        max_length=200,
        alias="nombre",
    )
    unit: str = text(
        "Unidad",
        "En qué se mide: días, %, reclamos...",
        min_length=1,
        max_length=60,
        alias="unidad",
    )
    baseline: Quantity | None = Field(
        None,
        title="Línea base",
        description="La cifra de hoy, de la que se parte (un número, sin la unidad).",
        alias="linea_base",
    )
    baseline_date: IsoDate | None = Field(
        None,
        title="Fecha de la línea base",
        description="Cuándo se midió la línea base (AAAA-MM-DD).",
        alias="fecha_linea_base",
    )
    target: Quantity | None = Field(
        None,
        title="Meta",
        description="La cifra a la que se quiere llegar (un número, sin la unidad).",
        alias="meta",
    )


class Frequency(CatalogModel):
    cases: Count = Field(
        title="Casos", description="Cuántas veces ocurre el problema.", alias="casos"
    )
    period: Period = Field(title="Periodo", description="En qué periodo.", alias="periodo")


class CostRange(CatalogModel):
    minimum: Count = Field(title="Mínimo", description="Costo mínimo estimado.", alias="minimo")
    maximum: Count = Field(title="Máximo", description="Costo máximo estimado.", alias="maximo")
    unit: CostUnit = Field(title="Unidad", description="Pesos o horas de trabajo.", alias="unidad")
    period: Period = Field(title="Periodo", description="En qué periodo.", alias="periodo")


class Impact(CatalogModel):
    frequency: Frequency | None = Field(
        None,
        title="Frecuencia",
        description="Cuántos casos hay por día, semana, mes o año.",
        alias="frecuencia",
    )
    current_cost: CostRange | None = Field(
        None,
        title="Costo actual",
        description="Lo que cuesta hoy el problema, como un rango en pesos u horas de trabajo.",
        alias="costo_actual",
    )


class DataProtection(CatalogModel):
    sensitive_data: list[SensitiveData] = Field(
        title="Datos sensibles",
        description="Categorías de datos sensibles que se tratan; una lista vacía si ninguna.",
        max_length=10,
        alias="datos_sensibles",
    )
    legal_basis: LegalBasis = Field(
        title="Base de licitud",
        description="Por qué el municipio puede tratar esos datos (Ley 21.719).",
        alias="base_legal",
    )
    impact_assessment: StrictBool = Field(
        title="Evaluación de impacto",
        description="true si existe una evaluación de impacto en protección de datos.",
        alias="evaluacion_impacto",
    )
    impact_assessment_url: HttpsUrl | None = Field(
        None,
        title="Enlace a la evaluación de impacto",
        description="Dirección https de la evaluación, cuando existe.",
        alias="evaluacion_impacto_url",
    )


class RiskAssessment(CatalogModel):
    level: RiskLevel = Field(
        title="Nivel de riesgo",
        description="Inaceptable, alto, limitado o sin riesgo evidente (proyecto de ley de IA).",
        alias="nivel",
    )
    reason: str = text(
        "Motivo", "Por qué ese nivel, en una frase.", min_length=10, max_length=300, alias="motivo"
    )
    decisions: DecisionRole = Field(
        title="Decisiones sobre personas",
        description="Si el sistema no interviene, apoya o toma decisiones sobre personas.",
        alias="decisiones_sobre_personas",
    )
    oversight: str | None = text(
        "Supervisión humana",
        "Quién revisa lo que propone el sistema y cómo puede corregirlo.",
        min_length=10,
        max_length=500,
        alias="supervision_humana",
        default=None,
    )


class IndicatorResult(CatalogModel):
    indicator: str = text(
        "Indicador",
        "El nombre de uno de los indicadores del problema.",
        min_length=3,
        max_length=200,
        alias="indicador",
    )
    value: Quantity = Field(title="Valor", description="La cifra medida.", alias="valor")
    date: IsoDate = Field(title="Fecha", description="Cuándo se midió.", alias="fecha")


def _record_text(title: str, description: str, alias: str, max_length: int = 1000):
    return text(title, description, min_length=10, max_length=max_length, alias=alias)


class TransparencyRecord(CatalogModel):
    purpose: str = _record_text(
        "Propósito", "Para qué se usa el sistema y qué problema resuelve.", "proposito"
    )
    responsible_unit: str = text(
        "Unidad responsable",
        "Unidad municipal que responde por el sistema.",
        min_length=2,
        max_length=200,
        alias="unidad_responsable",
    )
    accountable_role: str = text(
        "Cargo responsable",
        "El cargo (no el nombre de una persona) que rinde cuentas por el sistema.",
        min_length=3,
        max_length=200,
        alias="cargo_responsable",
    )
    built_by: str = text(
        "Desarrollado por",
        "Quién lo construyó: equipo municipal, equipo de hackatón o proveedor.",
        min_length=2,
        max_length=300,
        alias="desarrollado_por",
    )
    terms: str = _record_text(
        "Condiciones", "Bajo qué condiciones: contrato, convenio o licencia.", "condiciones"
    )
    data_used: str = _record_text(
        "Datos utilizados", "Qué datos usa el sistema y de dónde vienen.", "datos_utilizados"
    )
    representativeness: str = _record_text(
        "Representatividad",
        "Si los datos representan a las personas afectadas, y a quiénes podrían dejar fuera.",
        "representatividad",
    )
    notice: str = _record_text(
        "Información a las personas",
        "Cómo se informa a una vecina o un vecino que se usa el sistema.",
        "informacion_a_personas",
    )
    contest: str = _record_text(
        "Cómo reclamar",
        "Cómo una persona puede pedir revisión de un resultado o reclamar.",
        "impugnacion",
    )
    oversight: str = _record_text(
        "Supervisión humana",
        "Quién revisa lo que hace el sistema y cómo puede corregirlo.",
        "supervision_humana",
    )
    evaluation: str = _record_text(
        "Evaluación", "Cómo se evaluó el sistema antes y durante su uso.", "evaluacion"
    )
    results: list[IndicatorResult] = Field(
        default_factory=list,
        title="Resultados",
        description="Resultados medidos frente a los indicadores del problema.",
        max_length=20,
        alias="resultados",
    )
    last_review: IsoDate = Field(
        title="Última revisión",
        description="Fecha de la última revisión de esta ficha (AAAA-MM-DD).",
        alias="ultima_revision",
    )


# An indicator is an object, or a line of text as before issue 14 (still valid in `propuesto`,
# with a warning). The tags say which branch an error comes from; the validator's messages drop
# them from the location, since no one wrote them.
INDICATOR_TAGS = ("indicador-texto", "indicador-objeto")


def _indicator_kind(value: object) -> str:
    return INDICATOR_TAGS[1] if isinstance(value, (dict, Indicator, list)) else INDICATOR_TAGS[0]


IndicatorItem = Annotated[
    Annotated[Annotated[str, Field(min_length=3, max_length=300)], Tag(INDICATOR_TAGS[0])]
    | Annotated[Indicator, Tag(INDICATOR_TAGS[1])],
    Discriminator(_indicator_kind),
]


def indicator_name(item: Indicator | str) -> str:
    return item if isinstance(item, str) else item.name


def has_baseline(item: Indicator | str) -> bool:
    """An indicator a prototype can be measured against: an object with its baseline."""
    return isinstance(item, Indicator) and item.baseline is not None
