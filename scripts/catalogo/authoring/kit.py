"""`catalogo kit ID`: a hackathon team's starting folder for one problem."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from catalogo.core.errors import CatalogoError
from catalogo.core.outputs import OutputError, claim_folder, write_text
from catalogo.core.text_safety import markdown_literal, markdown_paragraphs, markdown_url
from catalogo.loading.catalogue import Catalogue, ProblemEntry
from catalogo.model.problem import Problem
from catalogo.model.responsible import (
    HIGH_RISK,
    HIGH_RISK_RECORD_STAGES,
    RECORD_STAGES,
    SOLUTION_RECORD_STATES,
    Indicator,
    TransparencyRecord,
    record_required,
)
from catalogo.model.sections import sections
from catalogo.model.solution import LESSONS_SECTION
from catalogo.model.template_text import solution_template
from catalogo.model.vocabularies import Vocabularies
from catalogo.site import urls
from catalogo.site.join_views import JoinView, people_text
from catalogo.site.render import spanish_date, spanish_number
from catalogo.site.settings import SiteSettings
from catalogo.site.views import EventView, SolutionView, Views

# The site's page that lists the programme's events (pages.py writes it).
HACKATHON_PAGE = "hackaton.md"

README, PROBLEM_JSON, SOLUTION = "README.md", "problema.json", "solucion.md"


class KitError(CatalogoError):
    """The kit cannot be written; the message says why, in Spanish."""


def _environment() -> Environment:
    # Markdown, not HTML: values go through the `md` filter, which makes them literal text,
    # and addresses through `url`, which keeps them inside their link.
    env = Environment(
        loader=PackageLoader("catalogo.authoring", "templates"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_literal
    env.filters["md_paragraphs"] = markdown_paragraphs
    env.filters["url"] = markdown_url
    env.filters["fecha"] = spanish_date
    return env


def _solution(view: SolutionView, settings: SiteSettings) -> dict:
    """An earlier attempt at the problem, with what its team learnt."""
    solution = view.entry.solution
    lessons = [s.text for s in sections(view.entry.body) if s.title == LESSONS_SECTION]
    return {
        "title": solution.title,
        "team": solution.team,
        "state": view.state_name,
        "repository": solution.repository,
        "event": solution.event,
        "example": solution.example,
        "page_url": settings.site_url + urls.url_of(view.page),
        "lessons": lessons[0] if lessons and lessons[0] else None,
    }


def _indicator(item: Indicator | str) -> dict:
    """A row of the indicators' table; a plain-text indicator fills only its first cell."""
    if isinstance(item, str):
        return {"name": item, "unit": None, "baseline": None, "date": None, "target": None}
    number = spanish_number
    return {
        "name": item.name,
        "unit": item.unit,
        "baseline": None if item.baseline is None else number(item.baseline),
        "date": item.baseline_date,
        "target": None if item.target is None else number(item.target),
    }


def _impact(problem: Problem, v: Vocabularies) -> dict | None:
    """How often the problem happens and what it costs today, in words."""
    impact = problem.impact
    if impact is None:
        return None
    frequency = cost = None
    if impact.frequency is not None:
        cases, period = impact.frequency.cases, v.periods[impact.frequency.period].name
        frequency = f"unos {spanish_number(cases)} casos por {period.lower()}"
    if impact.current_cost is not None:
        c = impact.current_cost
        period = v.periods[c.period].name.lower()
        if c.unit == "pesos":
            low, high = f"${spanish_number(c.minimum)}", f"${spanish_number(c.maximum)}"
        else:
            low = spanish_number(c.minimum)
            high = f"{spanish_number(c.maximum)} {v.cost_units[c.unit].name.lower()}"
        cost = f"entre {low} y {high} por {period}"
    return {"frequency": frequency, "cost": cost}


def _risk(problem: Problem, v: Vocabularies) -> dict | None:
    """The risk tier the municipality declared and the human oversight a solution respects."""
    risk = problem.risk
    if risk is None:
        return None
    level, role = v.risk_levels[risk.level], v.decision_roles[risk.decisions]
    return {
        "level": level.name,
        "level_description": level.description,
        "reason": risk.reason,
        "decisions": role.name,
        "decisions_description": role.description,
        "oversight": risk.oversight,
        "high": risk.level == HIGH_RISK,
    }


def _data_protection(problem: Problem, v: Vocabularies) -> dict | None:
    protection = problem.data_protection
    if protection is None:
        return None
    basis = v.legal_bases[protection.legal_basis]
    return {
        "sensitive": [v.sensitive_data[slug].name for slug in protection.sensitive_data],
        "basis": basis.name,
        "basis_link": basis.link or None,
        "assessment_url": protection.impact_assessment_url
        if protection.impact_assessment
        else None,
    }


def _record(problem: Problem, v: Vocabularies) -> dict:
    """The transparency record a team helps fill in: when it is asked for, its fields (as the
    model describes them, so the kit never lists another set) and whether one exists."""
    level = problem.risk.level if problem.risk else None
    stages = HIGH_RISK_RECORD_STAGES if level == HIGH_RISK else RECORD_STAGES
    record: TransparencyRecord | None = problem.transparency
    return {
        "from_stage": v.problem_states[stages[0]].name,
        "high": level == HIGH_RISK,
        "required_now": record_required(problem.state, level),
        "solution_states": [v.solution_states[s].name for s in SOLUTION_RECORD_STATES],
        "fields": [
            (field.alias, field.title, field.description)
            for field in TransparencyRecord.model_fields.values()
        ],
        "last_review": record.last_review if record else None,
    }


def _event(view: EventView, today: date) -> dict:
    """An event the problem is in, as the Hackatón page shows it, and whether it is over."""
    return {**view.card(HACKATHON_PAGE), "past": not view.upcoming(today)}


def _join(view: JoinView) -> dict:
    """A comuna that joined the problem: its situation, data and contact, for the README."""
    join, comuna = view.entry.join, view.entry.comuna
    return {
        "comuna": comuna.name,
        "region": comuna.region,
        "unit": join.responsible_unit,
        "population": join.affected_population.description,
        "people": people_text(join.affected_population.people)
        if join.affected_population.people is not None
        else None,
        "sections": [(s.title, s.text) for s in sections(view.entry.body)],
        "sources": list(view.sources),
        "risks": join.risks,
        "contact": join.contact,
        "example": join.example,
    }


def kit_files(
    entry: ProblemEntry,
    catalogue: Catalogue,
    settings: SiteSettings,
    today: date | None = None,
) -> dict[str, str]:
    problem, views = entry.problem, Views(catalogue)
    view = views.problem(problem.problem_id)
    today = today or date.today()
    readme = (
        _environment()
        .get_template("kit-readme.md.j2")
        .render(
            p={"id": problem.problem_id, "title": problem.title, "summary": problem.summary},
            example=problem.example,
            comuna=entry.comuna,
            page_url=settings.site_url + view.url,
            # None without a repository: the README then says how to find it.
            repository=settings.repository or None,
            # The form with the problem and the state «Idea»: a team registers when it starts.
            solution_form=view.start_form_url(settings),
            start_state=view.start_state_name,
            working_teams=view.working_teams_text,
            solutions=[
                _solution(views.solution(s), settings)
                for s in catalogue.solutions_for(problem.problem_id)
            ],
            events=[_event(e, today) for e in views.events if view in e.problems],
            hackathon_url=settings.site_url + urls.url_of(HACKATHON_PAGE),
            lessons_title=LESSONS_SECTION,
            sections=[(s.title, s.text) for s in sections(entry.body)],
            sources=list(view.sources),
            indicators=[_indicator(item) for item in problem.indicators],
            people_text=people_text(problem.affected_population.people)
            if problem.affected_population.people is not None
            else None,
            impact=_impact(problem, catalogue.vocabularies),
            risk=_risk(problem, catalogue.vocabularies),
            data_protection=_data_protection(problem, catalogue.vocabularies),
            record=_record(problem, catalogue.vocabularies),
            risks=problem.risks,
            contact=problem.contact,
            joins=[_join(join) for join in view.joins],
            people_total_text=people_text(view.people_total),
        )
    )
    # The solution template with this problem's id: the rule CAT067 refuses it until filled.
    solution = solution_template(problem.problem_id)
    return {
        README: readme,
        # Without `similares`: they are found only when the whole site is built.
        PROBLEM_JSON: json.dumps(view.record, ensure_ascii=False, indent=2) + "\n",
        SOLUTION: solution,
    }


def write_kit(folder: Path, files: dict[str, str], root: Path) -> None:
    """Writes the kit into a new (or empty) folder; never into one that holds anything, and
    never inside the catalogue's own folders or through a symlink."""
    if folder.is_symlink() or (folder.exists() and (not folder.is_dir() or any(folder.iterdir()))):
        raise KitError(f"{folder} ya existe: elija otra carpeta con --salida.")
    try:
        folder = claim_folder(folder, root)
        for name, text in files.items():
            write_text(folder / name, text)
    except OutputError as error:
        raise KitError(str(error)) from None
    except OSError as error:
        raise KitError(
            f"No se pudo escribir el kit en {folder}: {error.strerror or error}. Elija otra "
            "carpeta con --salida."
        ) from None
