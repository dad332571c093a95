"""One display-ready view per problem and per solution, built once per build: every output (pages,
cards, open data, search pages, Explorar, the kit) reads its values from here."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from catalogo.loading.catalogue import Catalogue, ProblemEntry, SolutionEntry
from catalogo.model.event import KINDS, ONLINE, Event
from catalogo.model.readiness import LABELS as READINESS_LABELS
from catalogo.model.readiness import Readiness, readiness
from catalogo.model.solution import WORKING_STATES
from catalogo.model.template_text import solution_template
from catalogo.site import structured, urls
from catalogo.site.join_views import JoinView, display_sources, join_view, people_text, shared_text
from catalogo.site.licence import CONTENT
from catalogo.site.search_index import plain_text
from catalogo.site.settings import COMMENT_FORM, JOIN_FORM, SOLUTION_FORM, SiteSettings
from catalogo.site.transparency import (
    data_protection_details,
    impact_details,
    indicator_rows,
    risk_details,
    risk_name,
)

# Explorar's filters, in the order shown: (Pagefind filter name, label).
EXPLORE_FILTERS = [
    ("region", "Región"),
    ("comuna", "Comuna"),
    ("tema", "Tema"),
    ("estado", "Estado"),
    ("prioridad", "Prioridad"),
    ("tarea", "Tarea de IA"),
    ("acceso", "Acceso a los datos"),
    ("datos-personales", "Datos personales"),
    ("solucion", "Solución"),
    ("preparacion", "Preparación para la hackatón"),
    ("equipos", "Equipos trabajando"),
    ("compartido", "Compartido por varias comunas"),
    ("riesgo", "Nivel de riesgo"),
]
# What each filter's first option («any value») says, agreeing with the field's gender.
EXPLORE_ANY = {
    "region": "Todas",
    "comuna": "Todas",
    "tema": "Todos",
    "estado": "Todos",
    "prioridad": "Todas",
    "tarea": "Todas",
    "acceso": "Todos",
    "datos-personales": "Todos",
    "solucion": "Todas",
    "preparacion": "Todas",
    "equipos": "Todos",
    "compartido": "Todos",
    "riesgo": "Todos",
}
# Filters whose values a problem has several of, and the words for missing or yes/no values.
MULTIPLE_FILTERS = {"tema", "tarea", "acceso"}
NO_PRIORITY, NO_DATA = "Sin definir", "Sin datos"
YES, NO = "Sí", "No"
WITH_SOLUTION, WITHOUT_SOLUTION = "Con solución", "Sin solución"
WITH_TEAMS, WITHOUT_TEAMS = "Con equipos trabajando", "Sin equipos trabajando"
# The published fields a problem's front matter does not hold.
DERIVED_FIELDS = (
    "comuna_nombre", "region", "provincia", "url", "archivo", "preparacion", "similares",
    "comunas", "adhesiones", "personas_total", "ficha_transparencia",
)  # fmt: skip
# The published fields of a solution its file does not hold.
SOLUTION_DERIVED_FIELDS = ("url", "archivo", "ficha_transparencia")
GUIDE_WORK = "guias/trabajar-en-un-problema.md"


# A card with every field empty and the «Ejemplo» badge present: Explorar renders it once in a
# <template> and its script fills a copy for each result (text and attributes only).
BLANK_CARD = {
    "href": "",
    "title": "",
    "state": "",
    "state_name": "",
    "comuna": "",
    "region": "",
    "summary": "",
    "themes": [],
    "example": True,
    # Present, as the badge is: the script fills it, or removes it for a problem without teams.
    "teams": "",
    # «También en N comunas», filled or removed by the script as `teams` is.
    "shared": "",
}


def working_teams_text(count: int) -> str | None:
    """«1 equipo trabajando», «2 equipos trabajando»; None when no team is working."""
    if count <= 0:
        return None
    return f"{count} {'equipo' if count == 1 else 'equipos'} trabajando"


def working_teams(solutions: list[SolutionEntry]) -> int:
    """How many distinct teams have a solution in a working state (idea, prototipo, piloto):
    registering a solution as `idea` is how a team says it started. A team with two solutions
    counts once, whatever the case or spacing of its name."""
    return len(
        {
            " ".join(entry.solution.team.casefold().split())
            for entry in solutions
            if entry.solution.state in WORKING_STATES
        }
    )


def newest_first(entry: ProblemEntry) -> tuple:
    """Sort key, with `reverse=True`: the most recently updated problems first."""
    return (entry.problem.updated or entry.problem.registered, entry.problem.problem_id)


def front_matter_snippet(problem_id: str) -> str:
    """A solution file for this problem, for teams to copy: the solution template without its
    comments (the example texts the rule CAT067 refuses until they are replaced)."""
    return solution_template(problem_id, comments=False)


@dataclass(frozen=True, slots=True, eq=False)
class ProblemView:
    """A problem as every output shows it. Hrefs that depend on the page a problem is listed on
    are made by `card`; everything else is computed once, in `problem_view`."""

    entry: ProblemEntry
    page: str  # the page's source path, e.g. problemas/maipu/reclamos.md
    url: str  # the page's URL path, relative to the site's root
    readiness: Readiness
    state_name: str
    state_description: str
    themes: tuple[tuple[str, str], ...]  # (slug, name)
    priority: str | None
    tasks: tuple[tuple[str, str], ...]  # (name, description)
    sources: tuple[dict, ...]
    has_solution: bool
    # Distinct teams with a solution in WORKING_STATES.
    working_teams: int
    # The solution form's label for the first working state («Idea»), which a team that starts
    # on the problem registers.
    start_state_name: str
    # The published record without `similares`, which only the whole site's build finds.
    record: dict = field(repr=False)
    # What Explorar and the search pages filter on: the filter's name, then the values.
    filters: tuple[tuple[str, tuple[str, ...]], ...]
    # The body as plain words: what Pagefind indexes and the search box's word lists hold.
    body_text: str = field(repr=False)
    # The comunas that joined the problem (`comparte`), by comuna name.
    joins: tuple[JoinView, ...] = ()
    # Issue 14: the indicators as rows, impact and cost, the personal data detail and the risk
    # (site/transparency.py), for the problem's page and its transparency record.
    responsible: dict = field(default_factory=dict, repr=False)
    # The source path of its transparency record's page, when it has a record.
    record_page: str | None = None
    # The risk tier's name, or «Sin evaluar».
    risk_name: str = ""

    @property
    def comunas_count(self) -> int:
        """The problem's own comuna and every comuna that joined it."""
        return 1 + len(self.joins)

    @property
    def shared_text(self) -> str | None:
        """«También en N comunas», None when no comuna joined."""
        return shared_text(len(self.joins))

    @property
    def people_total(self) -> int:
        """The people affected in every comuna that has the problem, as each one counts them
        (a comuna that gives no count adds none)."""
        own = self.entry.problem.affected_population.people or 0
        return own + sum(join.people or 0 for join in self.joins)

    @property
    def problem_id(self) -> str:
        return self.entry.problem.problem_id

    @property
    def working_teams_text(self) -> str | None:
        """How pages say `working_teams`: «N equipos trabajando» (None for none)."""
        return working_teams_text(self.working_teams)

    def start_form_url(self, settings: SiteSettings) -> str | None:
        """The solution form with this problem and the state a starting team registers."""
        return settings.issue_form_url(
            SOLUTION_FORM, problemas=self.problem_id, estado=self.start_state_name
        )

    def card(self, page: str) -> dict:
        """The problem in a list of problems on `page`."""
        problem, comuna = self.entry.problem, self.entry.comuna
        return {
            "href": urls.relative(page, self.page),
            "title": problem.title,
            "state": problem.state,
            "state_name": self.state_name,
            "comuna": comuna.name,
            "region": comuna.region,
            "summary": problem.summary,
            "themes": [name for _, name in self.themes],
            "example": problem.example,
            "teams": self.working_teams_text,
            "shared": self.shared_text,
        }

    def published(self, similar: list[str]) -> dict:
        """The open-data record: the front matter as JSON, then the derived fields."""
        return {**self.record, "similares": similar}

    def breadcrumbs(self) -> list[dict]:
        """Inicio › Región › Comuna › Problema, from the problem's page."""
        comuna = self.entry.comuna
        return structured.trail(
            self.page,
            [
                (comuna.region, urls.region_page(comuna.region)),
                (comuna.name, urls.comuna_page(comuna.slug)),
                (self.entry.problem.title, self.page),
            ],
        )

    def structured_data(self, settings: SiteSettings, crumbs: list[dict]) -> dict:
        """The page's schema.org description, for search engines: the problem, where it is,
        its state, dates and licence, and the breadcrumb trail."""
        problem, comuna = self.entry.problem, self.entry.comuna
        url = settings.site_url + self.url
        work = {
            "@type": "CreativeWork",
            "@id": url + "#problema",
            "url": url,
            "identifier": problem.problem_id,
            "name": problem.title,
            "description": problem.summary,
            "genre": "Problema municipal",
            "inLanguage": "es",
            "creativeWorkStatus": self.state_name,
            "about": [name for _, name in self.themes],
            "spatialCoverage": {
                "@type": "AdministrativeArea",
                "name": comuna.name,
                "identifier": comuna.cut,
                "containedInPlace": {"@type": "AdministrativeArea", "name": comuna.region},
            },
            "dateCreated": problem.registered.isoformat(),
            "dateModified": (problem.updated or problem.registered).isoformat(),
            "license": CONTENT.url,
            "isAccessibleForFree": True,
        }
        if problem.tags:
            work["keywords"] = list(problem.tags)
        return structured.graph(work, structured.breadcrumb_list(crumbs, settings.site_url))

    def details(self, settings: SiteSettings) -> dict:
        """What the problem's own page shows."""
        problem, comuna, page = self.entry.problem, self.entry.comuna, self.page
        population = problem.affected_population
        crumbs = self.breadcrumbs()
        return {
            "breadcrumbs": crumbs,
            "structured_data": self.structured_data(settings, crumbs),
            "id": problem.problem_id,
            "title": problem.title,
            "summary": problem.summary,
            "example": problem.example,
            "comuna": {
                "name": comuna.name,
                "href": urls.relative(page, urls.comuna_page(comuna.slug)),
            },
            "region": {
                "name": comuna.region,
                "href": urls.relative(page, urls.region_page(comuna.region)),
            },
            "province": comuna.province,
            "themes": [
                {"name": name, "href": urls.relative(page, urls.theme_page(slug))}
                for slug, name in self.themes
            ],
            "state": {
                "slug": problem.state,
                "name": self.state_name,
                "description": self.state_description,
            },
            "priority": self.priority,
            "unit": problem.responsible_unit,
            "population": {
                "description": population.description,
                "people": population.people,
                "people_text": f"{population.people or 0:,}".replace(",", "."),
            },
            "tasks": [{"name": name, "description": text} for name, text in self.tasks],
            "sources": list(self.sources),
            "risks": problem.risks,
            "contact": {"unit": problem.contact.unit, "email": problem.contact.email},
            "registered": problem.registered,
            "updated": problem.updated,
            "tags": problem.tags,
            "edit_url": settings.edit_url(self.entry.source),
            # An issue that names the problem, and a solution already pointing at it.
            "comment_url": settings.issue_form_url(
                COMMENT_FORM,
                title=f"[Comentario] {problem.problem_id}: {problem.title}",
                problema=problem.problem_id,
            ),
            "solution_form_url": settings.issue_form_url(
                SOLUTION_FORM, problemas=problem.problem_id
            ),
            "has_solution": self.has_solution,
            "working_teams": self.working_teams,
            "working_teams_text": self.working_teams_text,
            "start_form_url": self.start_form_url(settings),
            "json_href": urls.relative(page, urls.problem_json(problem.problem_id)),
            "markdown_href": urls.relative(page, urls.problem_markdown(problem.problem_id)),
            "solution_snippet": front_matter_snippet(problem.problem_id),
            "guide_href": urls.relative(page, GUIDE_WORK),
            "join_form_url": self.join_form_url(settings),
            "shared": self.shared_details(),
            **self.responsible,
            "record_href": urls.relative(page, self.record_page) if self.record_page else None,
        }

    def join_form_url(self, settings: SiteSettings, **fields: str) -> str | None:
        """The «Sumarse a un problema» form with this problem's id already written (and any
        other field given, such as the joining comuna)."""
        problem = self.entry.problem
        return settings.issue_form_url(
            JOIN_FORM,
            title=f"[Sumarse] {problem.problem_id}: {problem.title}",
            comparte=problem.problem_id,
            **fields,
        )

    def shared_details(self) -> dict:
        """«También en N comunas»: how many, and the people affected in all of them."""
        return {
            "count": len(self.joins),
            "text": self.shared_text,
            "comunas": self.comunas_count,
            "people_total": self.people_total,
            "people_total_text": people_text(self.people_total),
        }

    def search_fields(self) -> dict:
        """What the short page Pagefind indexes shows, besides the body's words."""
        comuna = self.entry.comuna
        return {
            "title": self.entry.problem.title,
            "summary": self.entry.problem.summary,
            "place": f"{comuna.name}, {comuna.region}",
            "themes": ", ".join(name for _, name in self.themes),
            "tags": ", ".join(tag.replace("-", " ") for tag in self.entry.problem.tags),
            "state": self.state_name,
            "state_slug": self.entry.problem.state,
            "example": self.entry.problem.example,
            "teams": self.working_teams_text,
            "shared": self.shared_text,
            "comunas": self.comunas_count,
            "filters": [(name, list(values)) for name, values in self.filters],
        }


def problem_view(entry: ProblemEntry, catalogue: Catalogue) -> ProblemView:
    problem, comuna, v = entry.problem, entry.comuna, catalogue.vocabularies
    page = urls.problem_page(entry)
    ready = readiness(problem, [slug for slug, t in v.ai_tasks.items() if t.language_model])
    state = v.problem_states[problem.state]
    themes = tuple((t, v.themes[t].name) for t in problem.themes)
    priority = v.priorities[problem.priority].name if problem.priority else None
    tasks = tuple((v.ai_tasks[t].name, v.ai_tasks[t].description) for t in problem.ai_tasks)
    sources = display_sources(problem.data_sources, v)
    solutions = catalogue.solutions_for(problem.problem_id)
    has_solution, teams = bool(solutions), working_teams(solutions)
    url = urls.url_of(page)
    joins = tuple(join_view(j, page, v) for j in catalogue.joins_of(problem.problem_id))
    record = problem.model_dump(mode="json", by_alias=True, exclude_none=True)
    record_page = urls.problem_record_page(problem.problem_id) if problem.transparency else None
    results = problem.transparency.results if problem.transparency else ()
    risk = risk_name(problem.risk, v)
    record.update(
        comuna_nombre=comuna.name,  # the front matter's `comuna` is the slug: «maipu»
        region=comuna.region,
        provincia=comuna.province,
        url=url,
        archivo=entry.source,
        preparacion=ready.level,
        # The comunas that have the problem: its own first, then those that joined it.
        comunas=[comuna.slug, *(j.entry.comuna.slug for j in joins)],
        adhesiones=[j.record for j in joins],
        personas_total=(problem.affected_population.people or 0)
        + sum(j.people or 0 for j in joins),
        # The address of its transparency record's page; None when it has none.
        ficha_transparencia=urls.url_of(record_page) if record_page else None,
    )
    filters = (
        ("region", (comuna.region,)),
        ("comuna", (comuna.name,)),
        ("tema", tuple(name for _, name in themes)),
        ("estado", (state.name,)),
        ("prioridad", (priority or NO_PRIORITY,)),
        ("tarea", tuple(name for name, _ in tasks)),
        ("acceso", tuple(sorted({s["access"] for s in sources})) or (NO_DATA,)),
        ("datos-personales", (YES if any(s["personal"] for s in sources) else NO,)),
        ("solucion", (WITH_SOLUTION if has_solution else WITHOUT_SOLUTION,)),
        ("preparacion", (ready.label,)),
        ("equipos", (WITH_TEAMS if teams else WITHOUT_TEAMS,)),
        ("compartido", (YES if joins else NO,)),
        ("riesgo", (risk,)),
    )
    return ProblemView(
        entry=entry,
        page=page,
        url=url,
        readiness=ready,
        state_name=state.name,
        state_description=state.description,
        themes=themes,
        priority=priority,
        tasks=tasks,
        sources=sources,
        has_solution=has_solution,
        working_teams=teams,
        start_state_name=v.solution_states[WORKING_STATES[0]].name,
        record=record,
        filters=filters,
        body_text=plain_text(entry.body),
        joins=joins,
        responsible={
            "indicators": indicator_rows(problem.indicators, results),
            "impact": impact_details(problem.impact, v),
            "data_protection": data_protection_details(problem.data_protection, v),
            "risk": risk_details(problem.risk, v),
        },
        record_page=record_page,
        risk_name=risk,
    )


@dataclass(frozen=True, slots=True, eq=False)
class SolutionView:
    """A solution as every output shows it; `card` makes its href for the page it is on."""

    entry: SolutionEntry
    page: str
    state_name: str
    state_description: str
    record: dict = field(repr=False)
    # The problems it addresses that the catalogue holds: (id, title, comuna's name, page).
    addresses: tuple[tuple[str, str, str, str], ...] = ()
    # The source path of its transparency record's page, when it has a record.
    record_page: str | None = None

    def card(self, page: str) -> dict:
        solution = self.entry.solution
        return {
            "href": urls.relative(page, self.page),
            "title": solution.title,
            "state": solution.state,
            "state_name": self.state_name,
            "team": solution.team,
            "example": solution.example,
            "addresses": [
                {"id": i, "title": title, "comuna": comuna, "href": urls.relative(page, target)}
                for i, title, comuna, target in self.addresses
            ],
        }

    def details(self, settings: SiteSettings) -> dict:
        solution = self.entry.solution
        crumbs = structured.trail(
            self.page, [("Soluciones", "soluciones/index.md"), (solution.title, self.page)]
        )
        return {
            "breadcrumbs": crumbs,
            "structured_data": structured.graph(
                structured.breadcrumb_list(crumbs, settings.site_url)
            ),
            "title": solution.title,
            "example": solution.example,
            "team": solution.team,
            "state": {
                "slug": solution.state,
                "name": self.state_name,
                "description": self.state_description,
            },
            "repository": solution.repository,
            "demo": solution.demo,
            "models": solution.models,
            "event": solution.event,
            "date": solution.date,
            "license": solution.license,
            "edit_url": settings.edit_url(self.entry.source),
            "record_href": urls.relative(self.page, self.record_page) if self.record_page else None,
        }


def solution_view(entry: SolutionEntry, catalogue: Catalogue) -> SolutionView:
    solution = entry.solution
    state = catalogue.vocabularies.solution_states[solution.state]
    page = urls.solution_page(entry)
    record_page = urls.solution_record_page(entry.slug) if solution.transparency else None
    record = {
        **solution.model_dump(mode="json", by_alias=True, exclude_none=True),
        "url": urls.url_of(page),
        "archivo": entry.source,
        "ficha_transparencia": urls.url_of(record_page) if record_page else None,
    }
    addresses = tuple(
        (found.problem.problem_id, found.problem.title, found.comuna.name, urls.problem_page(found))
        for found in map(catalogue.problem, solution.problems)
        if found is not None
    )
    return SolutionView(entry, page, state.name, state.description, record, addresses, record_page)


@dataclass(frozen=True, slots=True, eq=False)
class EventView:
    """A workshop or hackathon as the Hackatón page shows it, with the problems and solutions
    it names that this catalogue holds (a one-comuna site holds only some of them)."""

    event: Event
    kind_name: str
    place: str  # the comuna's name, or «En línea»
    problems: tuple[ProblemView, ...]
    solutions: tuple[SolutionView, ...]

    def upcoming(self, today: date) -> bool:
        return self.event.upcoming(today)

    def card(self, page: str) -> dict:
        event = self.event
        return {
            "name": event.name,
            "kind": event.kind,
            "kind_name": self.kind_name,
            "start": event.start,
            "end": event.end,
            "place": self.place,
            "venue": event.venue,
            "description": event.description,
            "organisers": event.organisers,
            "rules": event.rules,
            "criteria": event.criteria,
            "sign_up": event.sign_up,
            "problems": [
                {
                    **view.card(page),
                    "readiness": view.readiness.label,
                    "readiness_level": view.readiness.level,
                }
                for view in self.problems
            ],
            "solutions": [view.card(page) for view in self.solutions],
        }


def event_view(event: Event, views: Views) -> EventView:
    comunas = views.catalogue.vocabularies.comunas
    place = "En línea" if event.place == ONLINE else comunas[event.place].name
    problems = tuple(v for v in map(views.problem, event.problems) if v is not None)
    solutions = tuple(v for v in map(views.solution_named, event.solutions) if v is not None)
    return EventView(event, KINDS[event.kind], place, problems, solutions)


# Explorar's values for the problems a team can take up now: ready, and nobody has solved yet.
READY_WITHOUT_SOLUTION = {"preparacion": READINESS_LABELS["lista"], "solucion": WITHOUT_SOLUTION}


class Views:
    """Every entry's view, built once, found by problem id or solution."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.problems = [problem_view(entry, catalogue) for entry in catalogue.problems]
        self.solutions = [solution_view(entry, catalogue) for entry in catalogue.solutions]
        self._by_id = {view.problem_id: view for view in self.problems}
        self._by_solution = {id(view.entry): view for view in self.solutions}
        self._by_slug = {view.entry.slug: view for view in self.solutions}
        self.events = [event_view(event, self) for event in catalogue.events]
        self._per_comuna: Counter[str] | None = None

    def solution_named(self, slug: str) -> SolutionView | None:
        return self._by_slug.get(slug)

    def ready_without_solution(self) -> list[ProblemView]:
        """The problems Explorar lists with READY_WITHOUT_SOLUTION chosen."""
        return [v for v in self.problems if v.readiness.level == "lista" and not v.has_solution]

    def problem(self, problem_id: str) -> ProblemView | None:
        return self._by_id.get(problem_id)

    def of(self, entries: list[ProblemEntry]) -> list[ProblemView]:
        return [self._by_id[entry.problem.problem_id] for entry in entries]

    def problem_items(self, entries: list[ProblemEntry], page: str) -> list[dict]:
        return [self._by_id[entry.problem.problem_id].card(page) for entry in entries]

    def solution(self, entry: SolutionEntry) -> SolutionView:
        return self._by_solution[id(entry)]

    def solution_items(self, entries: list[SolutionEntry], page: str) -> list[dict]:
        return [self._by_solution[id(entry)].card(page) for entry in entries]

    # Counts by place, keyed by official code (CUT): the maps, the region pages' tables and
    # the coverage read them from here, so that all say the same. Counted once per build.
    def problems_per_comuna(self) -> Counter[str]:
        """How many problems each comuna has, by the comuna's CUT (absent: none): its own and
        those of other comunas it joined (`comparte`), which are its problems too."""
        if self._per_comuna is None:
            per_comuna = Counter(view.entry.comuna.cut for view in self.problems)
            per_comuna.update(join.comuna.cut for join in self.catalogue.joins)
            self._per_comuna = per_comuna
        return self._per_comuna

    def problems_per_region(self) -> Counter[str]:
        """How many problems each region has, by the region's CUT (absent: none): those of its
        comunas and those its comunas joined, each problem once per region even when two of
        its comunas have it."""
        present = {(view.entry.comuna.region_cut, view.problem_id) for view in self.problems}
        present.update((j.comuna.region_cut, j.join.shared) for j in self.catalogue.joins)
        return Counter(region for region, _ in present)
