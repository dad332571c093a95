"""The site's pages, written as Markdown files for MkDocs to render."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path

from markupsafe import Markup

from catalogo.core.outputs import inside, write_text
from catalogo.core.words import fold
from catalogo.loading.catalogue import Catalogue, JoinEntry, ProblemEntry, SolutionEntry
from catalogo.model.readiness import CRITERIA as READINESS_CRITERIA
from catalogo.model.readiness import LABELS as READINESS_LABELS
from catalogo.model.vocabularies import Comuna, Term
from catalogo.site import structured, urls
from catalogo.site.charts import Bar, bar_chart
from catalogo.site.coverage import (
    COHORT_COLUMNS,
    COVERAGE_JSON,
    COVERAGE_PAGE,
    coverage,
    month_label,
    percent_text,
)
from catalogo.site.exports import metadata, write_json
from catalogo.site.joining import NOT_TO_JOIN, join_href, most_shared
from catalogo.site.maps import Maps
from catalogo.site.prerendered import GENERATED_KEY, TOC_KEY, front_matter
from catalogo.site.records import RecordView, index_rows, records
from catalogo.site.render import PageToc, body_sections, render
from catalogo.site.scope import COMUNA, REGION, THEME
from catalogo.site.search_words import SearchWords
from catalogo.site.settings import PROPOSE_FORM, SOLUTION_FORM, SiteSettings
from catalogo.site.similarity import Document, similar
from catalogo.site.transparency import (
    CROSSWALK,
    NO_RISK,
    RECORDS_CSV,
    RECORDS_INDEX,
    RECORDS_JSON,
    REFERENCES,
)
from catalogo.site.views import (
    BLANK_CARD,
    EXPLORE_ANY,
    EXPLORE_FILTERS,
    GUIDE_WORK,
    MULTIPLE_FILTERS,
    NO,
    NO_DATA,
    NO_PRIORITY,
    READY_WITHOUT_SOLUTION,
    WITH_SOLUTION,
    WITH_TEAMS,
    WITHOUT_SOLUTION,
    WITHOUT_TEAMS,
    YES,
    ProblemView,
    Views,
    newest_first,
)
from catalogo.validation.rules import GROUPS, RULES

# The section the «Trabajar en este problema» button jumps to.
WORK_ANCHOR = "trabajar-en-este-problema"
# The problem's «Soluciones» heading, which «N equipos trabajando» links to.
SOLUTIONS_ANCHOR = "soluciones"
# The problem's «También en N comunas» heading.
SHARED_ANCHOR = "tambien-en-otras-comunas"
# The problem's «Riesgos y consideraciones», which the card's risk tier links to.
RISK_ANCHOR = "riesgos-y-consideraciones"
# The personal data detail under «Datos disponibles».
DATA_PROTECTION_ANCHOR = "proteccion-de-datos-personales"
EXPLORE_INDEX = "api/explorar.json"
EXPLORE_PAGE = 20
GUIDE_PROPOSE = "guias/proponer-un-problema.md"
OPEN_DATA = "datos-abiertos.md"
NEWEST = 8
# What a comuna without problems offers to join: problems of its region, newest first, and
# the country's most shared.
REGION_INVITES = 6
SHARED_INVITES = 5


def similar_problems(catalogue: Catalogue) -> dict[str, list[str]]:
    """Similar problems of other comunas, by problem id, from each problem's own words."""
    return similar(
        [
            # The title counts twice: it is the problem in a few words.
            Document(
                e.problem.problem_id,
                e.problem.comuna,
                f"{e.problem.title}\n{e.problem.title}\n{e.problem.summary}\n{e.body}",
            )
            for e in catalogue.problems
        ]
    )


class PageWriter:
    def __init__(self, out: Path, views: Views, settings: SiteSettings, search_out: Path) -> None:
        self.out = out
        self.search_out = search_out
        self.catalogue = views.catalogue
        self.settings = settings
        # Similar problems by id; set before the problems' pages are written.
        self.similar: dict[str, list[str]] = {}
        # The catalogue's words for search; set before the search records are written.
        self.search_words: SearchWords | None = None
        self.vocabularies = views.catalogue.vocabularies
        self.views = views
        # The build's date (the generation stamp's): events from it on are upcoming.
        self.today = datetime.now(UTC).date()
        # The open data's generation stamp (exports.generation_stamp), set by the build.
        self.stamp = datetime.now(UTC).isoformat(timespec="seconds")
        # The maps, laid out once per build (build.py sets them; None: pages without maps).
        self.maps: Maps | None = None
        self._pages_by_cut: dict[str, Comuna] | None = None
        # The transparency records (issue 14), once: their pages, index and open data.
        self.records: list[RecordView] = records(views)

    def write(self, page: str, template: str, meta: dict, **context) -> None:
        """Write a page's source. A `*.html.j2` template renders the page's whole body as
        HTML and collects its headings; the catalogue's MkDocs plugin passes it through."""
        path = inside(self.out, page)
        path.parent.mkdir(parents=True, exist_ok=True)
        if template.endswith(".html.j2"):
            toc = PageToc(reserved=tuple(context.pop("anchors", ())))
            body = render(template, toc=toc, **context)
            meta = {**meta, GENERATED_KEY: True, TOC_KEY: toc.front_matter()}
        else:
            body = render(template, **context)
        write_text(path, f"---\n{front_matter(meta)}\n---\n\n{body}")

    def write_all(self) -> None:
        """Every page but the problems' (see `problem`)."""
        self.home()
        self.comunas()
        self.regions()
        self.themes()
        self.solutions()
        self.hackathon()
        self.explore()
        self.rule_reference()
        self.coverage()
        self.transparency()

    # Pages ---------------------------------------------------------------------------------

    def home(self) -> None:
        page = "index.md"
        problems = self.catalogue.problems
        states = Counter(entry.problem.state for entry in problems)
        themes = Counter(theme for entry in problems for theme in entry.problem.themes)
        # The same figures as the map beside the chart: a region's own problems and those its
        # comunas joined.
        per_region = self.views.problems_per_region()
        v = self.vocabularies
        regions = Counter({c.region: per_region[c.region_cut] for c in v.comunas.values()})
        charts = [
            bar_chart(
                "grafico-temas",
                "Problemas por tema",
                [
                    Bar(term.name, themes[slug], urls.relative(page, urls.theme_page(slug)))
                    for slug, term in self._scope_themes()
                ],
            ),
            bar_chart(
                "grafico-estados",
                "Problemas por estado",
                # States have no page of their own: Explorar filtered by the state lists them.
                [
                    Bar(term.name, states[slug], urls.explore_url(page, estado=term.name))
                    for slug, term in v.problem_states.items()
                ],
            ),
            bar_chart(
                "grafico-regiones",
                "Problemas por región",
                [
                    Bar(name, regions[name], urls.relative(page, urls.region_page(name)))
                    for name in self._region_names()
                ],
            ),
        ]
        # A scoped site charts what its scope varies in: a theme site, not its one theme; a
        # region site, its comunas rather than one region; a comuna site, neither.
        scope = self.settings.scope
        if scope.kind == THEME:
            charts.pop(0)
        if scope.territorial:
            charts.pop()
        if scope.kind == REGION:
            by_comuna = Counter(entry.comuna.slug for entry in problems)
            charts.append(
                bar_chart(
                    "grafico-comunas",
                    "Problemas por comuna",
                    [
                        Bar(
                            c.name, by_comuna[c.slug], urls.relative(page, urls.comuna_page(c.slug))
                        )
                        for c in sorted(scope.comunas_of(v), key=lambda c: fold(c.name))
                        if by_comuna[c.slug]
                    ],
                )
            )
        newest = sorted(problems, key=newest_first, reverse=True)
        propose_form = self.settings.issue_form_url(PROPOSE_FORM)
        if scope.kind == COMUNA:
            propose_form = self.settings.issue_form_url(PROPOSE_FORM, comuna=scope.name)
        self.write(
            page,
            "inicio.html.j2",
            {
                "title": "Inicio",
                "description": "Catálogo abierto de problemas municipales para abordar con IA.",
                "hide": ["toc"],
            },
            page_heading=self.settings.title,
            scope=self.scope_context(),
            counts={
                "problems": len(problems),
                "comunas": len({entry.problem.comuna for entry in problems}),
                "themes": len(themes),
                "solutions": len(self.catalogue.solutions),
                "examples": sum(entry.problem.example for entry in problems),
            },
            charts=charts,
            country_map=self._country_map(page),
            newest=self.views.problem_items(newest[:NEWEST], page),
            links={
                # The form itself; the guide, for a first time or a site without a repository.
                "propose": propose_form or urls.relative(page, GUIDE_PROPOSE),
                "propose_form": propose_form,
                "propose_guide": urls.relative(page, GUIDE_PROPOSE),
                "work": urls.relative(page, GUIDE_WORK),
                "open_data": urls.relative(page, OPEN_DATA),
                "explore": urls.explore_url(page),
                "records": urls.relative(page, RECORDS_INDEX),
            },
        )

    def problem(self, view: ProblemView) -> None:
        page, problem = view.page, view.entry.problem
        related = [self.catalogue.problem(i) for i in problem.related]
        self.write(
            page,
            "problema.html.j2",
            {"title": problem.title, "description": problem.summary},
            anchors=[
                WORK_ANCHOR,
                SOLUTIONS_ANCHOR,
                SHARED_ANCHOR,
                RISK_ANCHOR,
                DATA_PROTECTION_ANCHOR,
                *(j.anchor for j in view.joins),
            ],
            p=view.details(self.settings),
            sections=body_sections(view.entry.body),
            work_anchor=WORK_ANCHOR,
            solutions_anchor=SOLUTIONS_ANCHOR,
            risk_anchor=RISK_ANCHOR,
            data_protection_anchor=DATA_PROTECTION_ANCHOR,
            readiness=view.readiness,
            solutions=self.views.solution_items(
                self.catalogue.solutions_for(problem.problem_id), page
            ),
            related=self.views.problem_items([r for r in related if r is not None], page),
            similar=self._joinable(
                [self.catalogue.problem(i) for i in self.similar.get(problem.problem_id, [])], page
            ),
            **self._shared(view, page),
        )

    def _shared(self, view: ProblemView, page: str) -> dict:
        """The comunas that joined the problem, each with its own sections, for its page."""
        return {
            "shared_anchor": SHARED_ANCHOR,
            "joins": [(join.details(page), body_sections(join.entry.body)) for join in view.joins],
            "total_sources": len(view.sources) + sum(len(join.sources) for join in view.joins),
        }

    def _joinable(self, entries: list, page: str) -> list[dict]:
        """Cards of problems with a link to join each one (the «Sumarse» form, with its id)."""
        items = []
        for entry in entries:
            view = self.views.problem(entry.problem.problem_id)
            items.append({**view.card(page), "join_href": view.join_form_url(self.settings)})
        return items

    def search_record(self, view: ProblemView) -> None:
        """The short page Pagefind indexes for a problem, at the problem's own path."""
        path = inside(self.search_out, view.url + "index.html")
        path.parent.mkdir(parents=True, exist_ok=True)
        parts = self.search_words.parts(view) if self.search_words else ""
        fields = view.search_fields()
        write_text(path, render("busqueda.html.j2", p=fields, body=view.body_text, parts=parts))

    def territory(self) -> list[Comuna]:
        """The comunas this site has a page for: every comuna with a municipality (the 345 the
        programme means to reach), or those of the comuna or region a scoped site is about."""
        scope = self.settings.scope
        return [c for c in scope.comunas_of(self.vocabularies) if c.municipality]

    def comuna_pages(self) -> list[Comuna]:
        """The comunas with a page: the territory's, and any other comuna that has problems
        (a problem of Antártica, which has no municipality of its own, still has its comuna's
        page to link to), in the register's order."""
        pages = {c.slug for c in self.territory()}
        pages.update(entry.comuna.slug for entry in self.catalogue.problems)
        return [c for c in self.vocabularies.comunas.values() if c.slug in pages]

    def comunas(self) -> None:
        page = "comunas/index.md"
        by_comuna = self._problems_by(lambda entry: entry.comuna.slug)
        territory = self.comuna_pages()
        # The problems a comuna shares with others (its joins) count as its own too.
        joined = Counter(j.join.comuna for j in self.catalogue.joins)
        regions = []
        for name in self._region_names():
            comunas = [c for c in territory if c.region == name]
            regions.append(
                {
                    "name": name,
                    "href": urls.relative(page, urls.region_page(name)),
                    "problems": sum(
                        len(by_comuna.get(c.slug, [])) + joined[c.slug] for c in comunas
                    ),
                    "with_problems": sum(
                        1 for c in comunas if c.slug in by_comuna or joined[c.slug]
                    ),
                    "comunas": [
                        {
                            "name": c.name,
                            "href": urls.relative(page, urls.comuna_page(c.slug)),
                            # Its own problems and those it shares with other comunas.
                            "problems": len(by_comuna.get(c.slug, [])) + joined[c.slug],
                        }
                        for c in sorted(comunas, key=lambda c: fold(c.name))
                    ],
                }
            )
        self.write(
            page,
            "comunas.html.j2",
            {"title": "Comunas", "description": "Problemas del catálogo por comuna y región."},
            regions=[r for r in regions if r["comunas"]] or regions,
            total_problems=len(self.catalogue.problems),
            comunas_with_problems=sum(
                1 for c in territory if c.slug in by_comuna or joined[c.slug]
            ),
            total_comunas=len(territory),
            coverage_href=urls.relative(page, COVERAGE_PAGE),
            scope=self.scope_context(),
        )
        invitation = _Invitation(self, by_comuna)
        for comuna in territory:
            self.comuna(comuna, by_comuna.get(comuna.slug, []), invitation)

    def comuna(self, comuna: Comuna, entries: list[ProblemEntry], invitation: _Invitation) -> None:
        """A comuna's page: its problems and solutions; for a comuna without problems yet, an
        invitation to propose one or to join problems of its region and of the country."""
        slug = comuna.slug
        comuna_page = urls.comuna_page(slug)
        solutions = self.catalogue.solutions_for_any(entries)
        joins = self.catalogue.joins_in(slug)
        if entries or joins:
            description = f"Problemas de la comuna de {comuna.name}, región {comuna.region}."
        else:
            description = (
                f"La comuna de {comuna.name}, región {comuna.region}, aún no tiene problemas "
                "en el catálogo: proponga uno o súmese a uno de otra comuna."
            )
        self.write(
            comuna_page,
            "comuna.html.j2",
            {"title": comuna.name, "description": description},
            comuna=comuna,
            locator=self.maps.locator(comuna.cut) if self.maps else None,
            **self._form_link(
                "propose",
                self.settings.issue_form_url(PROPOSE_FORM, comuna=comuna.name),
                urls.relative(comuna_page, GUIDE_PROPOSE),
            ),
            **self._trail(
                comuna_page,
                [(comuna.region, urls.region_page(comuna.region)), (comuna.name, comuna_page)],
            ),
            region_href=urls.relative(comuna_page, urls.region_page(comuna.region)),
            explore_href=urls.explore_url(comuna_page, comuna=comuna.name),
            problems=self.views.problem_items(entries, comuna_page),
            solutions=self.views.solution_items(solutions, comuna_page),
            shared=self._shared_cards(joins, comuna_page),
            **({} if entries or joins else invitation.context(comuna, comuna_page)),
        )

    def regions(self) -> None:
        page = "regiones/index.md"
        by_region = self._problems_by(lambda entry: entry.comuna.region)
        names = self._region_names()
        territory = self.comuna_pages()
        self.write(
            page,
            "regiones.html.j2",
            {"title": "Regiones", "description": "Problemas del catálogo por región."},
            scope=self.scope_context(),
            regions=[
                {
                    "name": n,
                    "href": urls.relative(page, urls.region_page(n)),
                    "problems": len(by_region.get(n, [])),
                }
                for n in names
            ],
        )
        per_comuna = self.views.problems_per_comuna()
        for name in names:
            region_page = urls.region_page(name)
            entries = by_region.get(name, [])
            # Every comuna of the region the site covers, those without problems too.
            comunas = sorted((c for c in territory if c.region == name), key=lambda c: fold(c.name))
            region_cut = next(
                c.region_cut for c in self.vocabularies.comunas.values() if c.region == name
            )
            joins = [j for j in self.catalogue.joins if j.comuna.region == name]
            self.write(
                region_page,
                "region.html.j2",
                {
                    "title": f"Región {name}" if not name.startswith("Metropolitana") else name,
                    "description": f"Problemas de la región {name}.",
                },
                region={"name": name},
                **self._trail(region_page, [(name, region_page)]),
                problems=self.views.problem_items(entries, region_page),
                # The map's figures as a table, for those who do not look at maps.
                comunas=[
                    {
                        "name": c.name,
                        "cut": c.cut,
                        "href": urls.relative(region_page, urls.comuna_page(c.slug)),
                        "problems": per_comuna[c.cut],
                    }
                    for c in comunas
                ],
                total_comunas=len(comunas),
                comunas_with_problems=sum(1 for c in comunas if per_comuna[c.cut]),
                region_map=self.maps.region_map(
                    region_page,
                    region_cut,
                    per_comuna,
                    lambda cut, anchor=f"#mapa-region-{region_cut}": self._comuna_target(
                        cut, anchor
                    ),
                )
                if self.maps
                else None,
                propose_href=urls.relative(region_page, GUIDE_PROPOSE),
                shared=self._shared_cards(joins, region_page),
            )

    def themes(self) -> None:
        page = "temas/index.md"
        by_theme: dict[str, list[ProblemEntry]] = defaultdict(list)
        for entry in self.catalogue.problems:
            for theme in entry.problem.themes:
                by_theme[theme].append(entry)
        self.write(
            page,
            "temas.html.j2",
            {"title": "Temas", "description": "Problemas del catálogo por tema."},
            themes=[
                {
                    "name": term.name,
                    "description": term.description,
                    "href": urls.relative(page, urls.theme_page(slug)),
                    "problems": len(by_theme[slug]),
                }
                for slug, term in self._scope_themes()
            ],
            scope=self.scope_context(),
        )
        for slug, term in self._scope_themes():
            theme_page = urls.theme_page(slug)
            self.write(
                theme_page,
                "tema.html.j2",
                {"title": term.name, "description": term.description},
                theme={"name": term.name, "description": term.description},
                **self._trail(theme_page, [("Temas", "temas/index.md"), (term.name, theme_page)]),
                problems=self.views.problem_items(by_theme[slug], theme_page),
            )

    def solutions(self) -> None:
        page = "soluciones/index.md"
        self.write(
            page,
            "soluciones.html.j2",
            {"title": "Soluciones", "description": "Prototipos de equipos de hackatón."},
            solutions=self.views.solution_items(self.catalogue.solutions, page),
            guide_href=urls.relative(page, GUIDE_WORK),
            register_href=self.settings.issue_form_url(SOLUTION_FORM),
        )
        for entry in self.catalogue.solutions:
            self.solution(entry)

    def solution(self, entry: SolutionEntry) -> None:
        page = urls.solution_page(entry)
        solution = entry.solution
        problems = [self.catalogue.problem(i) for i in solution.problems]
        self.write(
            page,
            "solucion.html.j2",
            {"title": solution.title, "description": f"Solución del equipo {solution.team}."},
            s=self.views.solution(entry).details(self.settings),
            problems=self.views.problem_items([p for p in problems if p is not None], page),
            sections=body_sections(entry.body),
        )

    def hackathon(self) -> None:
        page = "hackaton.md"
        in_hackathon = [e for e in self.catalogue.problems if e.problem.state == "en-hackaton"]
        teams = []
        for entry in self.catalogue.solutions:
            solution = entry.solution
            problems = [self.catalogue.problem(i) for i in solution.problems]
            teams.append(
                {
                    **self.views.solution(entry).card(page),
                    "repository": solution.repository,
                    "demo": solution.demo,
                    "problems": [
                        {
                            "title": p.problem.title,
                            "href": urls.relative(page, urls.problem_page(p)),
                        }
                        for p in problems
                        if p is not None
                    ],
                }
            )
        events = [(view.upcoming(self.today), view.card(page)) for view in self.views.events]
        self.write(
            page,
            "hackaton.html.j2",
            {
                "title": "Hackatón",
                "description": "Talleres y hackatones del programa, los problemas listos para "
                "trabajar y los equipos que trabajan en ellos.",
            },
            problems=self.views.problem_items(in_hackathon, page),
            teams=teams,
            guide_href=urls.relative(page, GUIDE_WORK),
            # Soonest first; the past, most recent first.
            upcoming=sorted((e for up, e in events if up), key=lambda e: e["start"]),
            past=sorted((e for up, e in events if not up), key=lambda e: e["start"], reverse=True),
            criteria=READINESS_CRITERIA,
            ready_count=len(self.views.ready_without_solution()),
            ready_href=urls.explore_url(page, **READY_WITHOUT_SOLUTION),
            **self._form_link(
                "register",
                self.settings.issue_form_url(SOLUTION_FORM),
                urls.relative(page, GUIDE_WORK),
            ),
        )

    def explore(self) -> None:
        """Explorar, with its first page of results and the counts already in the HTML, and
        the compact index its script filters when a visitor chooses a filter."""
        page = urls.EXPLORE
        problems = sorted(self.catalogue.problems, key=newest_first, reverse=True)
        index, counts = self.explore_index(self.views.of(problems))
        write_json(self.out / EXPLORE_INDEX, index)
        values = index["valores"]
        pages = max(1, -(-len(problems) // EXPLORE_PAGE))
        self.write(
            page,
            "explorar.html.j2",
            {
                "title": "Explorar",
                "description": "Todos los problemas, con filtros combinables.",
                "hide": ["toc"],
            },
            total=len(problems),
            filters=[
                (
                    name,
                    label,
                    EXPLORE_ANY[name],
                    [(value, counts[name][value]) for value in values[name]],
                )
                for name, label in EXPLORE_FILTERS
            ],
            first=self.views.problem_items(problems[:EXPLORE_PAGE], page),
            blank_card=BLANK_CARD,
            per_page=EXPLORE_PAGE,
            pages=pages,
            index_href=urls.relative(page, EXPLORE_INDEX),
            records_href=urls.relative(page, "api/problemas/"),
            root_href=urls.relative(page, "index.md"),
            links={
                "comunas": urls.relative(page, "comunas/index.md"),
                "regiones": urls.relative(page, "regiones/index.md"),
                "temas": urls.relative(page, "temas/index.md"),
            },
        )

    def explore_index(self, views: list[ProblemView]) -> tuple[dict, dict[str, Counter]]:
        """What Explorar filters, from each problem's view: the compact index its script reads
        (`api/explorar.json`) and how many problems have each value, which the page shows
        before any script runs. One function for both, so they cannot disagree."""
        chosen = [dict(view.filters) for view in views]
        values = {name: self._filter_values(name, chosen) for name, _ in EXPLORE_FILTERS}
        positions = {name: {v: i for i, v in enumerate(vs)} for name, vs in values.items()}
        theme_slugs = {term.name: slug for slug, term in self.vocabularies.themes.items()}
        rows = []
        for view, filters in zip(views, chosen, strict=True):
            row: list = [view.problem_id]
            for name, _ in EXPLORE_FILTERS:
                found = [positions[name][value] for value in filters[name]]
                # A problem has several themes, tasks and access levels: a bit for each.
                row.append(sum(1 << i for i in found) if name in MULTIPLE_FILTERS else found[0])
            rows.append(row)
        index = {
            "version": 1,
            "filtros": [name for name, _ in EXPLORE_FILTERS],
            "multiples": sorted(MULTIPLE_FILTERS),
            "valores": values,
            # Themes' keys, beside their names: a card lists a problem's themes in its own
            # order, which its record holds as keys.
            "claves": {"tema": [theme_slugs.get(name, "") for name in values["tema"]]},
            "problemas": rows,
            # What a card says of the teams working on a problem, for the problems that have any.
            "equipos": {v.problem_id: v.working_teams_text for v in views if v.working_teams},
            # How many comunas have each problem that others joined (the rest have one): what
            # the «Más comunas» order sorts by, and what a card says («También en N comunas»).
            "comunas": {v.problem_id: v.comunas_count for v in views if v.joins},
        }
        counts = {
            name: Counter(value for filters in chosen for value in filters[name]) for name in values
        }
        return index, counts

    def _filter_values(self, name: str, chosen: list[dict[str, tuple[str, ...]]]) -> list[str]:
        """The values a filter offers: those some problem has, in the vocabulary's order."""
        present = {value for filters in chosen for value in filters[name]}
        v = self.vocabularies
        canonical = {
            "region": self._region_names(),
            "comuna": sorted((c.name for c in v.comunas.values()), key=fold),
            "tema": [term.name for term in v.themes.values()],
            "estado": [term.name for term in v.problem_states.values()],
            "prioridad": [term.name for term in v.priorities.values()] + [NO_PRIORITY],
            "tarea": [term.name for term in v.ai_tasks.values()],
            "acceso": [term.name for term in v.data_access.values()] + [NO_DATA],
            "datos-personales": [YES, NO],
            "solucion": [WITH_SOLUTION, WITHOUT_SOLUTION],
            "preparacion": list(READINESS_LABELS.values()),
            "equipos": [WITH_TEAMS, WITHOUT_TEAMS],
            "compartido": [YES, NO],
            "riesgo": [term.name for term in v.risk_levels.values()] + [NO_RISK],
        }[name]
        return [value for value in canonical if value in present] + sorted(
            present.difference(canonical)
        )

    def transparency(self) -> None:
        """The index of the transparency records (issue 14), written on every site, with or
        without records: the nav names it. Each record's page is `record_page`."""
        page = RECORDS_INDEX
        self.write(
            page,
            "transparencia-indice.html.j2",
            {
                "title": "Fichas de transparencia algorítmica",
                "description": "Los sistemas de IA que los municipios prueban o usan con "
                "personas: para qué, quién responde, cómo reclamar y sus resultados.",
            },
            rows=index_rows(self.records, page),
            json_href=urls.relative(page, RECORDS_JSON),
            csv_href=urls.relative(page, RECORDS_CSV),
            open_data_href=urls.relative(page, OPEN_DATA),
            crosswalk_href=urls.relative(page, CROSSWALK),
            references=REFERENCES,
        )

    def record_page(self, record: RecordView) -> None:
        """One record's page. Independent of every other page: `build_site` makes them in
        parallel, as it makes the problems' pages."""
        self.write(
            record.page,
            "transparencia.html.j2",
            {
                "title": f"Ficha de transparencia: {record.title}",
                "description": f"Ficha de transparencia algorítmica de «{record.title}»: "
                "para qué se usa, quién responde, cómo reclamar y sus resultados.",
            },
            r=record.details(self.settings),
        )

    def rule_reference(self) -> None:
        groups = []
        for group, name in GROUPS.items():
            rules = [
                {
                    "code": rule.code,
                    "title": rule.title,
                    "severity": rule.severity.value,
                    # The rule table is our own code, written in Markdown on purpose.
                    "explanation": Markup(rule.explanation),  # noqa: S704
                    "hint": Markup(rule.hint),  # noqa: S704
                }
                for rule in RULES.values()
                if rule.group == group
            ]
            groups.append({"name": name, "rules": rules})
        self.write(
            "guias/referencia-de-errores.md",
            "referencia-de-errores.md.j2",
            {
                "title": "Referencia de errores",
                "description": "Cada código del validador y cómo corregirlo.",
            },
            groups=groups,
        )

    def coverage(self) -> None:
        """The «Cobertura» page and api/cobertura.json, from one document."""
        page = COVERAGE_PAGE
        figures = coverage(self.views, self.territory(), self._region_names())
        write_json(self.out / COVERAGE_JSON, {**metadata(self.stamp), **figures})
        months = figures["registros_por_mes"]
        stages = figures["etapas"]
        latest = figures["embudo_por_mes"][-1] if figures["embudo_por_mes"] else {}
        self.write(
            page,
            "cobertura.html.j2",
            {
                "title": "Cobertura",
                "description": "Cuántos municipios de Chile han documentado problemas, por "
                "región y por cohorte del programa, y cómo avanzan.",
            },
            c=figures,
            # The country's map, by region (site/maps).
            map=self._country_map(page) or Markup(""),
            region_href={
                r["region"]: urls.relative(page, urls.region_page(r["region"]))
                for r in figures["regiones"]
            },
            comuna_href=lambda slug: urls.relative(page, urls.comuna_page(slug)),
            month_label=month_label,
            pct=percent_text,
            registrations_chart=bar_chart(
                "grafico-registros",
                "Problemas registrados, acumulado por mes",
                [Bar(month_label(m["mes"]), m["acumulado"], "") for m in months],
            ),
            funnel_chart=bar_chart(
                "grafico-embudo",
                "Problemas que llegaron a cada etapa (o más allá), hoy",
                [Bar(stage["nombre"], latest.get(stage["slug"], 0), "") for stage in stages],
            ),
            cohort_columns=[(key, title) for key, _, title in COHORT_COLUMNS],
            states_href=urls.relative(page, "guias/marco.md"),
            json_href=urls.relative(page, COVERAGE_JSON),
            open_data_href=urls.relative(page, OPEN_DATA),
            comunas_href=urls.relative(page, "comunas/index.md"),
        )

    # Helpers -------------------------------------------------------------------------------

    def _shared_cards(self, joins: list[JoinEntry], page: str) -> list[dict]:
        """The problems these joins share, once each, with the joining comunas named
        (`joined_by`), in the order of the problems' ids."""
        by_problem: dict[str, list[str]] = defaultdict(list)
        for join in joins:
            by_problem[join.join.shared].append(join.comuna.name)
        cards = []
        for problem_id in sorted(by_problem):
            view = self.views.problem(problem_id)
            if view is not None:  # a one-comuna site holds the join, maybe not the problem
                cards.append(
                    {**view.card(page), "joined_by": sorted(by_problem[problem_id], key=fold)}
                )
        return cards

    @staticmethod
    def _form_link(name: str, form: str | None, guide: str) -> dict:
        """`<name>_href`, an issue form, or the guide when the site has no repository; and
        `<name>_external`, whether it leaves the site."""
        return {f"{name}_href": form or guide, f"{name}_external": form is not None}

    def _trail(self, page: str, steps: list[tuple[str, str]]) -> dict:
        """A detail page's breadcrumb trail (`crumbs`) and its schema.org BreadcrumbList."""
        crumbs = structured.trail(page, steps)
        return {
            "crumbs": crumbs,
            "structured": structured.graph(
                structured.breadcrumb_list(crumbs, self.settings.site_url)
            ),
        }

    def _country_map(self, page: str) -> Markup | None:
        """Chile by region, coloured by each region's problems, each region a link to its page.
        A comuna's or region's own site has pages for its territory only: it shows its region's
        map (a comuna's site, with its comuna among the others), whose links stay inside."""
        if self.maps is None:
            return None
        scope = self.settings.scope
        if scope.territorial:
            region_cut = scope.regions(self.vocabularies)[0].cut
            return self.maps.region_map(
                page,
                region_cut,
                self.views.problems_per_comuna(),
                lambda cut, anchor=f"#mapa-region-{region_cut}": self._comuna_target(cut, anchor),
            )
        names = self.maps.region_names
        return self.maps.country_map(
            page,
            self.views.problems_per_region(),
            lambda cut: urls.region_page(names[cut]),
        )

    def _comuna_target(self, cut: str, fallback: str) -> str:
        """Where a comuna of a region map leads: its page, or (on a one-comuna site, where the
        others have none) `fallback`."""
        if self._pages_by_cut is None:
            self._pages_by_cut = {c.cut: c for c in self.comuna_pages()}
        comuna = self._pages_by_cut.get(cut)
        return urls.comuna_page(comuna.slug) if comuna is not None else fallback

    def _problems_by(self, key) -> dict[str, list[ProblemEntry]]:
        grouped: dict[str, list[ProblemEntry]] = defaultdict(list)
        for entry in self.catalogue.problems:
            grouped[key(entry)].append(entry)
        return grouped

    def _region_names(self) -> list[str]:
        """The site's regions (all, or its scope's) from north to south, by official code."""
        by_code = {c.region_cut: c.region for c in self.vocabularies.comunas.values()}
        scope = self.settings.scope
        codes = [code for code in by_code if scope.includes_region(code)]
        return [by_code[code] for code in sorted(codes, key=_region_order)]

    def _scope_themes(self) -> list[tuple[str, Term]]:
        """The themes the site has pages for: every theme of the vocabulary for the national
        catalogue; a scoped site's, only those of its problems (no page of zero problems)."""
        themes = self.vocabularies.themes.items()
        if self.settings.scope.national:
            return list(themes)
        present = {theme for entry in self.catalogue.problems for theme in entry.problem.themes}
        return [(slug, term) for slug, term in themes if slug in present]

    def scope_context(self) -> dict:
        """What a scoped site's pages say of their scope and of the national catalogue."""
        scope = self.settings.scope
        return {
            "kind": scope.kind,
            "name": scope.name,
            "national": scope.national,
            "territorial": scope.territorial,
            "national_url": self.settings.national_url,
            "comunas": len(scope.comunas_of(self.vocabularies)),
            "regions": len(self._region_names()),
        }


class _Invitation:
    """What the page of a comuna without problems invites it to join, each problem with its
    «¿También pasa en <comuna>? Súmese» link: its region's newest problems and the country's
    most shared. Chosen once per build, not once per comuna."""

    def __init__(self, writer: PageWriter, by_comuna: dict[str, list[ProblemEntry]]) -> None:
        self.writer = writer
        views = writer.views
        self.shared = most_shared(views, SHARED_INVITES + REGION_INVITES, writer.similar)
        newest = sorted(
            (e for entries in by_comuna.values() for e in entries),
            key=newest_first,
            reverse=True,
        )
        self.by_region: dict[str, list[ProblemView]] = defaultdict(list)
        self.region_totals: Counter[str] = Counter()
        for entry in newest:
            region = entry.comuna.region
            self.region_totals[region] += 1
            if (
                entry.problem.state not in NOT_TO_JOIN
                and len(self.by_region[region]) < REGION_INVITES
            ):
                self.by_region[region].append(views.problem(entry.problem.problem_id))

    def _cards(self, views: list[ProblemView], comuna: Comuna, page: str) -> list[dict]:
        settings = self.writer.settings
        return [
            {**view.card(page), "join_href": join_href(settings, view, comuna.name, page)}
            for view in views
        ]

    def context(self, comuna: Comuna, page: str) -> dict:
        region = self.by_region.get(comuna.region, [])
        shown = {view.problem_id for view in region}
        shared = [view for view in self.shared if view.problem_id not in shown][:SHARED_INVITES]
        return {
            "region_problems": self._cards(region, comuna, page),
            "region_total": self.region_totals[comuna.region],
            "shared_problems": self._cards(shared, comuna, page),
            "explore_all_href": urls.explore_url(page),
        }


# Regions are coded by creation, not geography: these codes place Arica, Los Ríos and Ñuble
# where they are on the map.
_GEOGRAPHIC = [
    "15",
    "01",
    "02",
    "03",
    "04",
    "05",
    "13",
    "06",
    "07",
    "16",
    "08",
    "09",
    "14",
    "10",
    "11",
    "12",
]


def _region_order(code: str) -> int:
    return _GEOGRAPHIC.index(code) if code in _GEOGRAPHIC else len(_GEOGRAPHIC)
