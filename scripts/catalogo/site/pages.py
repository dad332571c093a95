"""The site's pages, written as Markdown files for MkDocs to render."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path

from markupsafe import Markup

from catalogo.core.outputs import inside, write_text
from catalogo.core.words import fold
from catalogo.loading.catalogue import Catalogue, ProblemEntry, SolutionEntry
from catalogo.model.readiness import CRITERIA as READINESS_CRITERIA
from catalogo.model.readiness import LABELS as READINESS_LABELS
from catalogo.model.vocabularies import Term
from catalogo.site import structured, urls
from catalogo.site.charts import Bar, bar_chart
from catalogo.site.exports import write_json
from catalogo.site.prerendered import GENERATED_KEY, TOC_KEY, front_matter
from catalogo.site.render import PageToc, body_sections, render
from catalogo.site.scope import COMUNA, REGION, THEME
from catalogo.site.search_words import SearchWords
from catalogo.site.settings import PROPOSE_FORM, SOLUTION_FORM, SiteSettings
from catalogo.site.similarity import Document, similar
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
EXPLORE_INDEX = "api/explorar.json"
EXPLORE_PAGE = 20
GUIDE_PROPOSE = "guias/proponer-un-problema.md"
OPEN_DATA = "datos-abiertos.md"
NEWEST = 8


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

    # Pages ---------------------------------------------------------------------------------

    def home(self) -> None:
        page = "index.md"
        problems = self.catalogue.problems
        states = Counter(entry.problem.state for entry in problems)
        themes = Counter(theme for entry in problems for theme in entry.problem.themes)
        regions = Counter(entry.comuna.region for entry in problems)
        v = self.vocabularies
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
            newest=self.views.problem_items(newest[:NEWEST], page),
            links={
                # The form itself; the guide, for a first time or a site without a repository.
                "propose": propose_form or urls.relative(page, GUIDE_PROPOSE),
                "propose_form": propose_form,
                "propose_guide": urls.relative(page, GUIDE_PROPOSE),
                "work": urls.relative(page, GUIDE_WORK),
                "open_data": urls.relative(page, OPEN_DATA),
                "explore": urls.explore_url(page),
            },
        )

    def problem(self, view: ProblemView) -> None:
        page, problem = view.page, view.entry.problem
        related = [self.catalogue.problem(i) for i in problem.related]
        self.write(
            page,
            "problema.html.j2",
            {"title": problem.title, "description": problem.summary},
            anchors=[WORK_ANCHOR, SOLUTIONS_ANCHOR],
            p=view.details(self.settings),
            sections=body_sections(view.entry.body),
            work_anchor=WORK_ANCHOR,
            solutions_anchor=SOLUTIONS_ANCHOR,
            readiness=view.readiness,
            solutions=self.views.solution_items(
                self.catalogue.solutions_for(problem.problem_id), page
            ),
            related=self.views.problem_items([r for r in related if r is not None], page),
            similar=self.views.problem_items(
                [self.catalogue.problem(i) for i in self.similar.get(problem.problem_id, [])], page
            ),
        )

    def search_record(self, view: ProblemView) -> None:
        """The short page Pagefind indexes for a problem, at the problem's own path."""
        path = inside(self.search_out, view.url + "index.html")
        path.parent.mkdir(parents=True, exist_ok=True)
        parts = self.search_words.parts(view) if self.search_words else ""
        fields = view.search_fields()
        write_text(path, render("busqueda.html.j2", p=fields, body=view.body_text, parts=parts))

    def comunas(self) -> None:
        page = "comunas/index.md"
        by_comuna = self._problems_by(lambda entry: entry.comuna.slug)
        regions = []
        for name in self._region_names():
            comunas = [
                c
                for c in self.vocabularies.comunas.values()
                if c.region == name and c.slug in by_comuna
            ]
            regions.append(
                {
                    "name": name,
                    "href": urls.relative(page, urls.region_page(name)),
                    "problems": sum(len(by_comuna[c.slug]) for c in comunas),
                    "comunas": [
                        {
                            "name": c.name,
                            "href": urls.relative(page, urls.comuna_page(c.slug)),
                            "problems": len(by_comuna[c.slug]),
                        }
                        for c in sorted(comunas, key=lambda c: c.name)
                    ],
                }
            )
        self.write(
            page,
            "comunas.html.j2",
            {"title": "Comunas", "description": "Problemas del catálogo por comuna y región."},
            regions=[r for r in regions if r["comunas"]] or regions,
            total_problems=len(self.catalogue.problems),
            comunas_with_problems=len(by_comuna),
            total_comunas=len(self.settings.scope.comunas_of(self.vocabularies)),
            scope=self.scope_context(),
        )
        for slug, entries in by_comuna.items():
            comuna = self.vocabularies.comunas[slug]
            comuna_page = urls.comuna_page(slug)
            solutions = self.catalogue.solutions_for_any(entries)
            self.write(
                comuna_page,
                "comuna.html.j2",
                {
                    "title": comuna.name,
                    "description": f"Problemas de la comuna de {comuna.name}, región {comuna.region}.",
                },
                comuna=comuna,
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
            )

    def regions(self) -> None:
        page = "regiones/index.md"
        by_region = self._problems_by(lambda entry: entry.comuna.region)
        names = self._region_names()
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
        for name in names:
            region_page = urls.region_page(name)
            entries = by_region.get(name, [])
            counts = Counter(entry.comuna.slug for entry in entries)
            comunas = sorted(
                (c for c in self.vocabularies.comunas.values() if c.slug in counts),
                key=lambda c: c.name,
            )
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
                comunas=[
                    {
                        "name": c.name,
                        "href": urls.relative(region_page, urls.comuna_page(c.slug)),
                        "problems": counts[c.slug],
                    }
                    for c in comunas
                ],
                total_comunas=sum(
                    1 for c in self.vocabularies.comunas.values() if c.region == name
                ),
                propose_href=urls.relative(region_page, GUIDE_PROPOSE),
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
        }[name]
        return [value for value in canonical if value in present] + sorted(
            present.difference(canonical)
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

    # Helpers -------------------------------------------------------------------------------

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
