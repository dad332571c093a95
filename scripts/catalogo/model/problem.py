"""A municipal problem modelled for AI: the programme's framework as a pydantic model.

Attribute names are English; the YAML keys (aliases) are the Spanish contract.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StrictBool, StrictInt

from catalogo.core.codes import Code
from catalogo.model.responsible import (
    DataProtection,
    Impact,
    IndicatorItem,
    RiskAssessment,
    TransparencyRecord,
)
from catalogo.model.types import (
    CatalogModel,
    HttpsUrl,
    InstitutionalEmail,
    IsoDate,
    ProblemId,
    Tag,
    Title,
    text,
    vocabulary,
)

ComunaSlug = vocabulary(
    "comunas", Code.UNKNOWN_COMUNA, "una comuna del registro (schema/comunas.csv)"
)
ThemeSlug = vocabulary("themes", Code.UNKNOWN_THEME, "un tema del catálogo (schema/temas.yml)")
AiTaskSlug = vocabulary(
    "ai_tasks", Code.UNKNOWN_AI_TASK, "una tarea de IA de la lista (schema/tareas-ia.yml)"
)
ProblemState = vocabulary(
    "problem_states", Code.VALUE_NOT_ALLOWED, "un estado permitido", list_all=True
)
Priority = vocabulary(
    "priorities", Code.VALUE_NOT_ALLOWED, "una prioridad permitida", list_all=True
)
DataFormat = vocabulary(
    "data_formats", Code.VALUE_NOT_ALLOWED, "un formato permitido", list_all=True
)
DataAccess = vocabulary(
    "data_access", Code.VALUE_NOT_ALLOWED, "un tipo de acceso permitido", list_all=True
)

ShortText = Annotated[str, Field(min_length=3, max_length=300)]

# The body's sections, in the framework's order.
REQUIRED_SECTIONS = (
    "Descripción del problema",
    "Situación actual",
    "Cómo podría ayudar la IA",
)


class AffectedPopulation(CatalogModel):
    description: str = text(
        "Descripción",
        "Quiénes se ven afectados por el problema.",
        min_length=3,
        max_length=500,
        alias="descripcion",
    )
    people: Annotated[StrictInt, Field(ge=0)] | None = Field(
        None,
        title="Personas",
        description="Número aproximado de personas afectadas, sin puntos.",
        alias="personas",
    )


class DataSource(CatalogModel):
    name: str = text(
        "Nombre", "Nombre de la fuente de datos.", min_length=3, max_length=200, alias="nombre"
    )
    format: DataFormat = Field(
        title="Formato", description="Formato en que existen los datos.", alias="formato"
    )
    access: DataAccess = Field(
        title="Acceso", description="Quién puede acceder hoy a los datos.", alias="acceso"
    )
    personal_data: StrictBool = Field(
        title="Datos personales",
        description="true si la fuente contiene datos de personas (nombres, RUT, direcciones...).",
        alias="datos_personales",
    )
    volume: str | None = Field(
        None,
        title="Volumen",
        description="Cuántos registros o documentos hay.",
        min_length=1,
        max_length=200,
        alias="volumen",
    )
    url: HttpsUrl | None = Field(
        None,
        title="Enlace",
        description="Dirección https de los datos, si son públicos.",
        alias="url",
    )


class Contact(CatalogModel):
    unit: str = text(
        "Unidad",
        "Unidad municipal que responde consultas.",
        min_length=2,
        max_length=200,
        alias="unidad",
    )
    email: InstitutionalEmail = Field(
        title="Correo", description="Correo institucional de la unidad.", alias="correo"
    )


class Problem(CatalogModel):
    problem_id: ProblemId = Field(
        title="Identificador",
        description="CUT de la comuna, guion y correlativo de 3 dígitos, por ejemplo 13119-001.",
        alias="id",
    )
    title: Title = text(
        "Título",
        "Frase breve que describe el problema.",
        min_length=10,
        max_length=120,
        alias="titulo",
    )
    comuna: ComunaSlug = Field(
        title="Comuna",
        description="Nombre corto de la comuna (schema/comunas.csv); igual a la carpeta.",
        alias="comuna",
    )
    themes: list[ThemeSlug] = Field(
        title="Temas",
        description="De 1 a 3 temas del catálogo.",
        min_length=1,
        max_length=3,
        alias="temas",
    )
    state: ProblemState = Field(
        title="Estado", description="Etapa en que está el problema.", alias="estado"
    )
    summary: str = text(
        "Resumen",
        "Texto simple: qué ocurre, a quién afecta y por qué importa.",
        min_length=40,
        max_length=400,
        alias="resumen",
    )
    responsible_unit: str = text(
        "Área responsable",
        "Unidad municipal dueña del problema.",
        min_length=2,
        max_length=200,
        alias="area_responsable",
    )
    affected_population: AffectedPopulation = Field(
        title="Población afectada",
        description="Quiénes y cuántos se ven afectados.",
        alias="poblacion_afectada",
    )
    ai_tasks: list[AiTaskSlug] = Field(
        title="Tareas de IA",
        description="Tareas de IA que podrían abordar el problema.",
        min_length=1,
        max_length=6,
        alias="tareas_ia",
    )
    data_sources: list[DataSource] = Field(
        title="Datos",
        description="Fuentes de datos existentes (puede quedar vacía).",
        max_length=30,
        alias="datos",
    )
    indicators: list[IndicatorItem] = Field(
        title="Indicadores",
        description="Indicadores medibles de éxito: nombre, unidad, línea base con su fecha y "
        "meta.",
        min_length=1,
        max_length=20,
        alias="indicadores",
    )
    risks: list[ShortText] = Field(
        title="Riesgos",
        description="Consideraciones éticas y legales; obligatorio si hay datos personales.",
        max_length=20,
        alias="riesgos",
    )
    impact: Impact | None = Field(
        None,
        title="Impacto",
        description="Cuántas veces ocurre y cuánto cuesta hoy; obligatorio desde «priorizado».",
        alias="impacto",
    )
    data_protection: DataProtection | None = Field(
        None,
        title="Protección de datos",
        description="Datos sensibles, base de licitud y evaluación de impacto, cuando alguna "
        "fuente tiene datos personales.",
        alias="proteccion_datos",
    )
    risk: RiskAssessment | None = Field(
        None,
        title="Evaluación de riesgo",
        description="Nivel de riesgo, decisiones sobre personas y supervisión humana; "
        "obligatoria desde «priorizado».",
        alias="evaluacion_riesgo",
    )
    transparency: TransparencyRecord | None = Field(
        None,
        title="Ficha de transparencia",
        description="Ficha de transparencia algorítmica; obligatoria desde «en-piloto» (desde "
        "«con-prototipo» si el riesgo es alto).",
        alias="transparencia",
    )
    contact: Contact = Field(
        title="Contacto",
        description="Unidad y correo institucional de contacto.",
        alias="contacto",
    )
    registered: IsoDate = Field(
        title="Fecha de registro",
        description="Fecha en que se documentó (AAAA-MM-DD).",
        alias="fecha_registro",
    )
    priority: Priority | None = Field(
        None,
        title="Prioridad",
        description="Prioridad que le asigna el municipio.",
        alias="prioridad",
    )
    updated: IsoDate | None = Field(
        None,
        title="Actualizado",
        description="Fecha de la última actualización (AAAA-MM-DD).",
        alias="actualizado",
    )
    tags: list[Tag] = Field(
        default_factory=list,
        title="Etiquetas",
        description="Palabras clave libres en minúsculas con guiones.",
        max_length=10,
        alias="etiquetas",
    )
    related: list[ProblemId] = Field(
        default_factory=list,
        title="Relacionados",
        description="Identificadores de problemas relacionados del catálogo.",
        max_length=20,
        alias="relacionados",
    )
    example: StrictBool = Field(
        False,
        title="Ejemplo",
        description="true marca un problema ilustrativo, que el sitio señala como ejemplo.",
        alias="ejemplo",
    )
