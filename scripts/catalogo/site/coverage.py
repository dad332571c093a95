"""The programme's coverage: how many municipalities have documented a problem, by region; the
comunas still without one; registrations per month; the funnel of states over time; and each
cohort comuna's progress. One document with Spanish keys (`api/cobertura.json`) that the
«Cobertura» page shows as it is, so the page and the open data cannot disagree.

What the data can say about progress: a problem's current state (`estado`) and its solutions'
states, and the date it was registered (`fecha_registro`). The catalogue keeps no history of
state changes, so «over time» counts each problem in the month it was registered, at the stage
it has reached today.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from catalogo.model.vocabularies import Comuna, Vocabularies
from catalogo.site import urls
from catalogo.site.views import ProblemView, Views

# A problem out of the lifecycle: no longer worked on, whatever stage it had reached.
OUTSIDE_FUNNEL = "archivado"
# A solution's state shows a stage of its problem even when the problem's own `estado` has not
# been updated yet: a working prototype means the problem has one. An idea or an abandoned
# solution says nothing of the problem's progress.
SOLUTION_STAGES = {
    "prototipo": "con-prototipo",
    "piloto": "en-piloto",
    "produccion": "implementado",
}
# The cohort table's columns: (key in api/cobertura.json, the stage reached, the column's title).
COHORT_COLUMNS = (
    ("en_hackaton", "en-hackaton", "En hackatón"),
    ("con_prototipo", "con-prototipo", "Con prototipo"),
    ("en_piloto", "en-piloto", "En piloto"),
    ("implementados", "implementado", "Implementados"),
)
MONTHS = ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic")
COVERAGE_JSON = "api/cobertura.json"
COVERAGE_PAGE = "cobertura.md"


def percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def percent_text(value: float) -> str:
    """3.2 as Chile writes it: «3,2 %», the sign kept with its number."""
    return f"{value:.1f}".replace(".", ",") + "\u00a0%"


def month_label(month: str) -> str:
    """«2025-03» as a page shows it: «mar 2025»."""
    year, number = month.split("-")
    return f"{MONTHS[int(number) - 1]} {year}"


@dataclass(frozen=True, slots=True)
class Funnel:
    """The lifecycle's stages in schema/estados.yml's order, without archivado, and the
    furthest stage a problem has reached: its own state's, or its solutions' if further."""

    stages: tuple[str, ...]

    @classmethod
    def of(cls, vocabularies: Vocabularies) -> Funnel:
        return cls(tuple(slug for slug in vocabularies.problem_states if slug != OUTSIDE_FUNNEL))

    def reached(self, view: ProblemView, solution_states: list[str]) -> int | None:
        """The index in `stages` of the furthest stage reached; None for an archived problem
        that no solution shows further along."""
        state = view.entry.problem.state
        found = [self.stages.index(state)] if state in self.stages else []
        found += [
            self.stages.index(SOLUTION_STAGES[s])
            for s in solution_states
            if SOLUTION_STAGES.get(s) in self.stages
        ]
        return max(found, default=None)


def coverage(views: Views, territory: list[Comuna], regions: list[str]) -> dict:
    """The coverage of the municipalities in `territory` (the site's comunas with a
    municipality), regions in `regions`' order: api/cobertura.json without its metadata."""
    catalogue = views.catalogue
    vocabularies = catalogue.vocabularies
    inside = {c.slug for c in territory}
    problems = [v for v in views.problems if v.entry.comuna.slug in inside]
    per_comuna = Counter(v.entry.comuna.slug for v in problems)
    funnel = Funnel.of(vocabularies)
    reached = {
        v.problem_id: funnel.reached(
            v, [s.solution.state for s in catalogue.solutions_for(v.problem_id)]
        )
        for v in problems
    }
    return {
        "municipios": len(territory),
        "con_problemas": len(per_comuna),
        "porcentaje": percent(len(per_comuna), len(territory)),
        "problemas": len(problems),
        "regiones": _regions(territory, regions, per_comuna),
        "sin_problemas": _without_problems(territory, regions, per_comuna),
        "registros_por_mes": _registrations(problems),
        "etapas": [
            {"slug": slug, "nombre": vocabularies.problem_states[slug].name}
            for slug in funnel.stages
        ],
        "embudo_por_mes": _funnel_by_month(problems, funnel, reached),
        "archivados": sum(1 for v in problems if v.entry.problem.state == OUTSIDE_FUNNEL),
        "cohortes": _cohorts(vocabularies, inside, problems, funnel, reached),
    }


def _regions(territory: list[Comuna], regions: list[str], per_comuna: Counter) -> list[dict]:
    rows = []
    for name in regions:
        comunas = [c for c in territory if c.region == name]
        if not comunas:
            continue
        covered = sum(1 for c in comunas if per_comuna[c.slug])
        rows.append(
            {
                "region": name,
                "region_cut": comunas[0].region_cut,
                "municipios": len(comunas),
                "con_problemas": covered,
                "porcentaje": percent(covered, len(comunas)),
                "problemas": sum(per_comuna[c.slug] for c in comunas),
                "url": urls.url_of(urls.region_page(name)),
            }
        )
    return rows


def _comuna(comuna: Comuna) -> dict:
    return {
        "cut": comuna.cut,
        "slug": comuna.slug,
        "nombre": comuna.name,
        "url": urls.url_of(urls.comuna_page(comuna.slug)),
    }


def _without_problems(territory: list[Comuna], regions: list[str], per_comuna: Counter) -> list:
    groups = []
    for name in regions:
        missing = sorted(
            (c for c in territory if c.region == name and not per_comuna[c.slug]),
            key=lambda c: c.name,
        )
        if missing:
            groups.append({"region": name, "comunas": [_comuna(c) for c in missing]})
    return groups


def _months(problems: list[ProblemView]) -> list[str]:
    """Every month from the first registration to the last, those without any included."""
    found = sorted({v.entry.problem.registered.strftime("%Y-%m") for v in problems})
    if not found:
        return []
    year, month = map(int, found[0].split("-"))
    months = []
    while (last := f"{year:04d}-{month:02d}") <= found[-1]:
        months.append(last)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _registrations(problems: list[ProblemView]) -> list[dict]:
    new = Counter(v.entry.problem.registered.strftime("%Y-%m") for v in problems)
    rows, total = [], 0
    for month in _months(problems):
        total += new[month]
        rows.append({"mes": month, "nuevos": new[month], "acumulado": total})
    return rows


def _funnel_by_month(problems: list[ProblemView], funnel: Funnel, reached: dict) -> list[dict]:
    """Per month, the problems registered up to its end that have reached (today) each stage
    or a later one."""
    by_month: dict[str, Counter] = {}
    for v in problems:
        stage = reached[v.problem_id]
        if stage is not None:
            by_month.setdefault(v.entry.problem.registered.strftime("%Y-%m"), Counter())[stage] += 1
    rows, running = [], Counter()
    for month in _months(problems):
        running.update(by_month.get(month, Counter()))
        rows.append(
            {
                "mes": month,
                **{
                    slug: sum(running[i] for i in range(index, len(funnel.stages)))
                    for index, slug in enumerate(funnel.stages)
                },
            }
        )
    return rows


def _cohorts(
    vocabularies: Vocabularies,
    inside: set[str],
    problems: list[ProblemView],
    funnel: Funnel,
    reached: dict,
) -> list[dict]:
    by_comuna: dict[str, list[ProblemView]] = {}
    for v in problems:
        by_comuna.setdefault(v.entry.comuna.slug, []).append(v)
    cohorts = []
    for cohort in vocabularies.programme.cohorts:
        rows = []
        for slug in cohort.comunas:
            if slug not in inside:  # a site scoped to a region shows its own comunas only
                continue
            comuna = vocabularies.comunas[slug]
            own = by_comuna.get(slug, [])
            stages = [reached[v.problem_id] for v in own]
            row = {**_comuna(comuna), "region": comuna.region, "problemas": len(own)}
            for key, stage, _ in COHORT_COLUMNS:
                index = funnel.stages.index(stage) if stage in funnel.stages else None
                row[key] = sum(
                    1 for s in stages if s is not None and index is not None and s >= index
                )
            rows.append(row)
        if rows:
            cohorts.append(
                {
                    "numero": cohort.number,
                    "nombre": cohort.name,
                    "descripcion": cohort.description,
                    "comunas": rows,
                    "total": {
                        key: sum(row[key] for row in rows)
                        for key in ("problemas", *(k for k, _, _ in COHORT_COLUMNS))
                    },
                }
            )
    return cohorts
