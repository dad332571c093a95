"""The GitHub issue forms for proposing a problem, registering a solution and commenting on or
correcting the catalogue, made from the models (labels and help from each field's title and description) and the vocabularies (the
choices). `FORM_FIELDS` is also what turning a form's answers back into a file reads."""

from __future__ import annotations

from dataclasses import dataclass

import yaml
from pydantic import BaseModel

from catalogo.model import Problem, Solution
from catalogo.model.join import JOIN_SECTIONS, Join
from catalogo.model.problem import REQUIRED_SECTIONS, AffectedPopulation, Contact, DataSource
from catalogo.model.responsible import UNACCEPTABLE_RISK, DataProtection, RiskAssessment
from catalogo.model.solution import LESSONS_SECTION, SOLUTION_SECTIONS
from catalogo.model.template_text import JOIN_BODY, LESSONS_EXAMPLE, SOLUTION_BODY
from catalogo.model.vocabularies import Vocabularies
from catalogo.site.settings import COMMENT_FORM, JOIN_FORM, PROPOSE_FORM, SOLUTION_FORM

FORMS_DIR = ".github/ISSUE_TEMPLATE"
# The site links to these forms by name (SiteSettings.issue_form_url): one name for both.
PROPOSE = PROPOSE_FORM
REGISTER = SOLUTION_FORM
COMMENT = COMMENT_FORM
COMMENT_LABEL = "comentario"
PROPOSE_LABEL = "proponer problema"
REGISTER_LABEL = "registrar solución"
JOIN = JOIN_FORM
JOIN_LABEL = "sumarse a un problema"


@dataclass(frozen=True, slots=True)
class FormField:
    id: str  # the front matter key, dotted for nested ones (contacto.correo)
    kind: str  # input, textarea or dropdown
    label: str
    description: str
    required: bool = True
    choices: str | None = None  # a Vocabularies attribute, or "comunas"
    multiple: bool = False
    placeholder: str = ""
    options: tuple[str, ...] = ()  # fixed choices, when they come from no vocabulary
    unknown: bool = False  # «No sé» is offered after the vocabulary's choices
    left_out: tuple[str, ...] = ()  # slugs of the vocabulary not offered
    # The help lists each choice with its description (the risk tiers, the decision roles).
    explained: bool = False


# The answer that leaves a triage question to the reviewers.
UNKNOWN = "No sé"
YES, NO = "Sí", "No"


def _field(model: type[BaseModel], attribute: str) -> tuple[str, str]:
    info = model.model_fields[attribute]
    return info.title or attribute, info.description or ""


def _indicator_help() -> str:
    return (
        "Un indicador por línea, con sus partes separadas por «|»: nombre | unidad | línea base | "
        "fecha de la línea base | meta. Por ejemplo: «Denuncias sin respuesta | % de denuncias | "
        "40 | 31-03-2025 | 10». La línea base es el valor de hoy y va con su fecha; la meta, el "
        "valor que se busca. Si aún no tiene la línea base, escriba al menos nombre | unidad."
    )


def triage_fields() -> list[FormField]:
    """The triage questions: personal and sensitive data, the legal basis, the impact
    assessment, decisions about people and the risk tier, in plain words, each with the model's
    description as help. What they declare sets the `revision:…` labels (authoring/review.py);
    «No sé» leaves the answer to the reviewers."""
    basis = _field(DataProtection, "legal_basis")[1]
    oversight = _field(RiskAssessment, "oversight")[1]
    return [
        FormField(
            "triaje.datos_personales",
            "dropdown",
            "¿Alguna fuente de datos tiene datos personales?",
            "Datos de personas que se pueden identificar: nombres, RUT, direcciones, fichas, "
            "listas de beneficiarios. Si responde «Sí», escriba «sí» en esa fuente, en «Datos».",
            options=(YES, NO, UNKNOWN),
        ),
        FormField(
            "proteccion_datos.datos_sensibles",
            "checkboxes",
            "Si hay datos personales: ¿cuáles son datos sensibles?",
            "Los datos sensibles de la Ley 21.719. Marque cada tipo que tiene alguna fuente; si "
            "no hay, no marque ninguno. Con datos sensibles, revisa también el equipo de "
            "protección de datos.",
            required=False,
            choices="sensitive_data",
        ),
        FormField(
            "proteccion_datos.base_legal",
            "dropdown",
            "Si hay datos personales: ¿qué permite a la municipalidad usarlos?",
            f"{basis} Si no lo sabe, elija «{UNKNOWN}»: lo propone el equipo que revisa.",
            required=False,
            choices="legal_bases",
            unknown=True,
        ),
        FormField(
            "proteccion_datos.evaluacion_impacto",
            "dropdown",
            "Si hay datos personales: ¿existe una evaluación de impacto en protección de datos?",
            "Un estudio de los riesgos para las personas de usar sus datos, y de cómo se reducen.",
            required=False,
            options=(YES, NO, UNKNOWN),
        ),
        FormField(
            "proteccion_datos.evaluacion_impacto_url",
            "input",
            "Si existe: dirección de la evaluación de impacto",
            _field(DataProtection, "impact_assessment_url")[1],
            required=False,
            placeholder="https://",
        ),
        FormField(
            "evaluacion_riesgo.decisiones_sobre_personas",
            "dropdown",
            "¿El sistema tomaría o apoyaría decisiones sobre personas?",
            "Por ejemplo, a quién se atiende primero, quién recibe un beneficio o a quién se "
            "fiscaliza.",
            choices="decision_roles",
            explained=True,
        ),
        FormField(
            "evaluacion_riesgo.supervision_humana",
            "textarea",
            "Si apoya o toma decisiones: ¿qué supervisión humana habría?",
            f"{oversight} Un cargo, no el nombre de una persona.",
            required=False,
        ),
        FormField(
            "evaluacion_riesgo.nivel",
            "dropdown",
            "Nivel de riesgo",
            f"Según el proyecto de ley de IA (boletín 16821-19). Si no lo sabe, elija «{UNKNOWN}».",
            choices="risk_levels",
            unknown=True,
            left_out=(UNACCEPTABLE_RISK,),
            explained=True,
        ),
        FormField(
            "evaluacion_riesgo.motivo",
            "input",
            "¿Por qué ese nivel de riesgo?",
            f"{_field(RiskAssessment, 'reason')[1]} Por ejemplo: «Ordena a quién llamar primero, "
            "y una enfermera revisa cada lista».",
            required=False,
        ),
    ]


def _source_help() -> str:
    name, _ = _field(DataSource, "name")
    return (
        "Una fuente por línea, con sus partes separadas por «|»: nombre | formato | acceso | "
        "datos personales (sí o no) | volumen | dirección https (las dos últimas, si las sabe). "
        f"«{name}» es obligatorio. Déjelo vacío si aún no identifican datos."
    )


def problem_fields() -> list[FormField]:
    def f(attribute: str, kind: str, description: str | None = None, **options) -> FormField:
        label, help_text = _field(Problem, attribute)
        alias = Problem.model_fields[attribute].alias or attribute
        return FormField(alias, kind, label, description or help_text, **options)

    population = [
        FormField(
            "poblacion_afectada.descripcion",
            "textarea",
            f"{_field(Problem, 'affected_population')[0]}: quiénes",
            _field(AffectedPopulation, "description")[1],
        ),
        FormField(
            "poblacion_afectada.personas",
            "input",
            f"{_field(Problem, 'affected_population')[0]}: cuántas personas",
            _field(AffectedPopulation, "people")[1],
            required=False,
        ),
    ]
    contact = [
        FormField("contacto.unidad", "input", "Contacto: unidad", _field(Contact, "unit")[1]),
        FormField("contacto.correo", "input", "Contacto: correo", _field(Contact, "email")[1]),
    ]
    sections = [
        FormField(f"cuerpo.{i}", "textarea", title, "Sección del texto del problema.")
        for i, title in enumerate(REQUIRED_SECTIONS)
    ]
    return [
        f("title", "input"),
        # The model's help speaks of files and folders; the form's of the municipality.
        f(
            "comuna",
            "dropdown",
            "La comuna del municipio que propone el problema.",
            choices="comunas",
        ),
        f("themes", "dropdown", choices="themes", multiple=True),
        f("summary", "textarea"),
        f("responsible_unit", "input"),
        *population,
        f("ai_tasks", "dropdown", choices="ai_tasks", multiple=True),
        FormField("datos", "textarea", _field(Problem, "data_sources")[0], _source_help(), False),
        *triage_fields(),
        f(
            "indicators",
            "textarea",
            _indicator_help(),
            placeholder="Nombre | unidad | línea base | fecha | meta",
        ),
        f("risks", "textarea", required=False, placeholder="Un riesgo por línea"),
        *contact,
        f("priority", "dropdown", required=False, choices="priorities"),
        *sections,
    ]


def join_fields() -> list[FormField]:
    """The «Sumarse a un problema» form: a join's own fields, with the problem's labels where
    they are the same field (`Join` reuses the problem's types and titles)."""

    def f(attribute: str, kind: str, description: str | None = None, **options) -> FormField:
        label, help_text = _field(Join, attribute)
        alias = Join.model_fields[attribute].alias or attribute
        return FormField(alias, kind, label, description or help_text, **options)

    shared = {field.id: field for field in problem_fields()}
    return [
        f(
            "shared",
            "input",
            "Identificador del problema de otra comuna al que su comuna se suma; el botón "
            "«Sumar mi comuna a este problema» de su página ya lo escribe.",
            placeholder="13128-001",
        ),
        f("comuna", "dropdown", "La comuna del municipio que se suma.", choices="comunas"),
        f("responsible_unit", "input"),
        shared["poblacion_afectada.descripcion"],
        shared["poblacion_afectada.personas"],
        FormField("datos", "textarea", _field(Join, "data_sources")[0], _source_help(), False),
        f("risks", "textarea", required=False, placeholder="Un riesgo por línea"),
        shared["contacto.unidad"],
        shared["contacto.correo"],
        f("priority", "dropdown", required=False, choices="priorities"),
        *(
            FormField(f"cuerpo.{i}", "textarea", title, JOIN_BODY[title].text)
            for i, title in enumerate(JOIN_SECTIONS)
        ),
    ]


def solution_fields() -> list[FormField]:
    def f(attribute: str, kind: str, **options) -> FormField:
        label, help_text = _field(Solution, attribute)
        alias = Solution.model_fields[attribute].alias or attribute
        return FormField(alias, kind, label, help_text, **options)

    return [
        f("title", "input"),
        f("problems", "input", placeholder="13119-001, 05401-002"),
        f("team", "input"),
        f("state", "dropdown", choices="solution_states"),
        f("repository", "input", placeholder="https://github.com/su-equipo/su-repositorio"),
        f("demo", "input", required=False),
        f("models", "input", required=False, placeholder="LatamGPT"),
        f("event", "input", required=False),
        f("license", "input", required=False, placeholder="MIT"),
        # The solution's sections, with the template's example paragraph as their help.
        *(
            FormField(f"cuerpo.{i}", "textarea", title, SOLUTION_BODY[title].text)
            for i, title in enumerate(SOLUTION_SECTIONS)
        ),
        FormField(
            f"cuerpo.{len(SOLUTION_SECTIONS)}",
            "textarea",
            LESSONS_SECTION,
            f"Solo si la solución está abandonada. {LESSONS_EXAMPLE.text}",
            required=False,
        ),
    ]


def _choices(field: FormField, vocabularies: Vocabularies) -> list[str]:
    if field.options:
        return list(field.options)
    if field.choices == "comunas":
        return sorted((c.name for c in vocabularies.comunas.values()), key=_spanish_order)
    terms = getattr(vocabularies, field.choices or "").values()
    names = [term.name for term in terms if term.slug not in field.left_out]
    return [*names, UNKNOWN] if field.unknown else names


def _explained(field: FormField, vocabularies: Vocabularies) -> str:
    """The field's help, and each choice with its description, one per line."""
    terms = getattr(vocabularies, field.choices or "").values()
    lines = [
        f"**{term.name}**: {' '.join(term.description.split())}"
        for term in terms
        if term.slug not in field.left_out
    ]
    left = [term for term in terms if term.slug in field.left_out]
    # The refused tier's first sentence says what it is; the form adds that it is not taken.
    notes = [
        f"«{term.name}» no se ofrece: {_lowered(term.description).split('. ')[0].rstrip('.')}. "
        "El catálogo no los recibe."
        for term in left
    ]
    return "\n\n".join([field.description, "\n".join(f"- {line}" for line in lines), *notes])


def _lowered(sentence: str) -> str:
    """A description as the rest of a sentence, after a colon."""
    words = " ".join(sentence.split())
    return words[:1].lower() + words[1:]


def _spanish_order(text: str) -> str:
    from catalogo.core.words import fold

    return fold(text)


def _element(field: FormField, vocabularies: Vocabularies) -> dict:
    description = _explained(field, vocabularies) if field.explained else field.description
    attributes: dict = {"label": field.label, "description": description}
    if field.placeholder:
        attributes["placeholder"] = field.placeholder
    if field.kind == "dropdown":
        assert field.choices is not None or field.options
        attributes["multiple"] = field.multiple
        attributes["options"] = _choices(field, vocabularies)
    if field.kind == "checkboxes":
        attributes["options"] = [{"label": name} for name in _choices(field, vocabularies)]
        return {"type": field.kind, "id": field.id.replace(".", "-"), "attributes": attributes}
    return {
        "type": field.kind,
        "id": field.id.replace(".", "-"),
        "attributes": attributes,
        "validations": {"required": field.required},
    }


TRIAGE_NOTE = (
    "**Datos personales y riesgo.** Las próximas preguntas son la declaración del municipio, "
    "en palabras simples: no es asesoría legal. Según lo que responda, el *pull request* lleva "
    "etiquetas «revision:…» y, si hay datos sensibles, riesgo alto o decisiones sobre personas, "
    "lo revisa también el equipo de protección de datos. «No sé» es una respuesta válida."
)


def _with_triage_note(fields: list[FormField], vocabularies: Vocabularies) -> list[dict]:
    """The fields' elements, with a short note before the first triage question."""
    first = triage_fields()[0].id
    elements = []
    for field in fields:
        if field.id == first:
            elements.append({"type": "markdown", "attributes": {"value": TRIAGE_NOTE}})
        elements.append(_element(field, vocabularies))
    return elements


CHECKLIST_LABEL = "Antes de enviar"
_PRIVACY = {
    "type": "checkboxes",
    "id": "confirmaciones",
    "attributes": {
        "label": CHECKLIST_LABEL,
        "options": [
            {
                "label": "El texto no incluye datos de vecinas o vecinos (nombres, RUT, "
                "teléfonos, direcciones ni correos personales): este formulario es público.",
                "required": True,
            },
            {
                "label": "Tengo la autorización de mi municipio para publicar este problema.",
                "required": True,
            },
        ],
    },
}
# What the author confirms; `desde-issue` checks each one is ticked (the web form requires it,
# but an issue written through the API or edited afterwards need not have them).
CONFIRMATIONS = [option["label"] for option in _PRIVACY["attributes"]["options"]]


def forms(vocabularies: Vocabularies, site_url: str) -> dict[str, str]:
    """Every file of .github/ISSUE_TEMPLATE, by path."""
    propose = {
        "name": "Proponer un problema",
        "description": "Documente un problema de su comuna que la inteligencia artificial podría "
        "ayudar a resolver. El equipo del catálogo lo revisa y lo publica.",
        "title": "[Problema] ",
        "labels": [PROPOSE_LABEL],
        "body": [
            {
                "type": "markdown",
                "attributes": {
                    "value": "Complete el marco del programa Municipios a la vanguardIA. Cuando "
                    "el equipo del catálogo apruebe la propuesta, se abrirá un *pull request* con "
                    f"el archivo del problema. Guía: {site_url}guias/proponer-un-problema/"
                },
            },
            *_with_triage_note(problem_fields(), vocabularies),
            _PRIVACY,
        ],
    }
    register = {
        "name": "Registrar una solución",
        "description": "Registre el prototipo de su equipo para uno o más problemas del catálogo.",
        "title": "[Solución] ",
        "labels": [REGISTER_LABEL],
        "body": [
            {
                "type": "markdown",
                "attributes": {
                    "value": "Cuente qué construyó su equipo. Guía: "
                    f"{site_url}guias/trabajar-en-un-problema/"
                },
            },
            *(_element(field, vocabularies) for field in solution_fields()),
        ],
    }
    comment = {
        "name": "Comentar o corregir",
        "description": "Comente o corrija un problema del catálogo, o informe de un error o de "
        "una barrera de accesibilidad en el sitio.",
        "title": "[Comentario] ",
        "labels": [COMMENT_LABEL],
        "body": [
            {
                "type": "markdown",
                "attributes": {
                    "value": "Cuéntenos qué falta, qué está desactualizado o qué no funciona. "
                    "El equipo del catálogo le responde en esta misma página."
                },
            },
            {
                "type": "input",
                "id": "problema",
                "attributes": {
                    "label": "Problema",
                    "description": "Identificador del problema, si el comentario es sobre uno.",
                    "placeholder": "13119-001",
                },
                "validations": {"required": False},
            },
            {
                "type": "textarea",
                "id": "comentario",
                "attributes": {
                    "label": "Comentario",
                    "description": "Qué propone corregir o agregar, o qué barrera encontró "
                    "(en qué página, con qué navegador o lector de pantalla).",
                },
                "validations": {"required": True},
            },
            {
                "type": "checkboxes",
                "id": "confirmaciones",
                "attributes": {
                    "label": CHECKLIST_LABEL,
                    "options": [
                        {
                            "label": "El texto no incluye datos de vecinas o vecinos (nombres, "
                            "RUT, teléfonos, direcciones ni correos personales): este "
                            "formulario es público.",
                            "required": True,
                        }
                    ],
                },
            },
        ],
    }
    join = {
        "name": "Sumarse a un problema",
        "description": "Su comuna tiene un problema que otra comuna ya documentó: súmese con su "
        "población, sus datos y su contacto, en vez de escribirlo de nuevo.",
        "title": "[Sumarse] ",
        "labels": [JOIN_LABEL],
        "body": [
            {
                "type": "markdown",
                "attributes": {
                    "value": "El título, los temas, las tareas de IA y los indicadores son los del "
                    "problema compartido; aquí va solo lo propio de su comuna. Cuando el equipo "
                    "del catálogo apruebe la propuesta, se abrirá un *pull request* con el "
                    "archivo de su comuna, que revisa su propio municipio. Guía: "
                    f"{site_url}guias/marco/#problemas-compartidos-por-varias-comunas"
                },
            },
            *(_element(field, vocabularies) for field in join_fields()),
            _PRIVACY,
        ],
    }
    config = {
        "blank_issues_enabled": False,
        "contact_links": [
            {
                "name": "Explorar el catálogo",
                "url": site_url,
                "about": "Busque si el problema ya está documentado por su comuna u otra.",
            },
            {
                "name": "Referencia de errores del validador",
                "url": f"{site_url}guias/referencia-de-errores/",
                "about": "Qué significa cada código (CAT001...) y cómo corregirlo.",
            },
        ],
    }
    header = "# Generado por «catalogo formularios» desde el modelo: no lo edite a mano.\n"
    return {
        f"{FORMS_DIR}/{PROPOSE}": header + _dump(propose),
        f"{FORMS_DIR}/{REGISTER}": header + _dump(register),
        f"{FORMS_DIR}/{COMMENT}": header + _dump(comment),
        f"{FORMS_DIR}/{JOIN}": header + _dump(join),
        f"{FORMS_DIR}/config.yml": header + _dump(config),
    }


def _dump(document: dict) -> str:
    return yaml.dump(
        document, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=100
    )
