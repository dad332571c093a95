"""The algorithmic transparency records (issue 14): one per problem or solution that has a
`transparencia` object, as its page «Ficha de transparencia algorítmica», the index of them all
and the open data (api/transparencia.json and .csv) show it. Built once per build from the
problems' and solutions' views."""

from __future__ import annotations

from dataclasses import dataclass

from catalogo.model.responsible import TransparencyRecord, indicator_name
from catalogo.site import structured, urls
from catalogo.site.settings import SiteSettings
from catalogo.site.transparency import (
    CROSSWALK,
    DECISIONS_QUESTION,
    RECORDS_INDEX,
    REFERENCES,
    RESULTS_QUESTION,
    REVIEW_QUESTION,
    RISK_QUESTION,
    indicator_rows,
    record_answers,
    results_text,
)
from catalogo.site.views import ProblemView, SolutionView, Views

PROBLEM, SOLUTION = "problema", "solucion"
# The record's own fields, by their YAML keys, in the model's order: the open data's columns
# follow the model, so a field added there is published without another list to keep.
RECORD_FIELDS = tuple(
    field.alias or name for name, field in TransparencyRecord.model_fields.items()
)
# api/transparencia.csv: who the record is about, then the record's fields. New columns go at
# the end, as in problemas.csv.
CSV_COLUMNS = [
    "tipo", "id", "titulo", "url", "pagina", "estado", "comunas", "problemas", "nivel_riesgo",
    "decisiones_sobre_personas", "datos_sensibles", "base_legal", "ejemplo", *RECORD_FIELDS,
]  # fmt: skip


@dataclass(frozen=True, slots=True, eq=False)
class RecordView:
    """One record and what it is about: the problem itself, or the solution and the problems
    it addresses (`framing`: their risk, data and indicators)."""

    kind: str  # PROBLEM or SOLUTION
    key: str  # the problem's id or the solution's file name
    title: str
    page: str  # the record's page (source path)
    subject_page: str  # the problem's or solution's own page
    state: str
    state_name: str
    example: bool
    record: TransparencyRecord
    framing: tuple[ProblemView, ...]
    team: str | None = None

    @property
    def url(self) -> str:
        return urls.url_of(self.page)

    def comunas(self) -> list[tuple[str, str]]:
        """(slug, name) of every comuna concerned, once each, in the problems' order."""
        seen: dict[str, str] = {}
        for view in self.framing:
            seen.setdefault(view.entry.comuna.slug, view.entry.comuna.name)
            for join in view.joins:
                seen.setdefault(join.entry.comuna.slug, join.entry.comuna.name)
        return list(seen.items())

    def risks(self) -> list[dict]:
        """The risk assessments of the problems concerned (those that have one)."""
        return [view.responsible["risk"] for view in self.framing if view.responsible["risk"]]

    def strongest(self, key: str, order: list[str], highest_first: bool) -> str | None:
        """The highest risk tier (or strongest part in decisions) among the problems: for a
        solution that addresses several, the one that asks most of it."""
        values = [risk[key] for risk in self.risks() if risk[key] in order]
        if not values:
            return None
        pick = min if highest_first else max
        return pick(values, key=order.index)

    def results(self) -> list[dict]:
        """The indicators the record measures (for a problem, all of its own), each with its
        baseline, the latest result and its target."""
        results = self.record.results
        if self.kind == PROBLEM:
            return indicator_rows(self.framing[0].entry.problem.indicators, results, True)
        measured = {r.indicator for r in results}
        indicators = []
        for view in self.framing:
            indicators.extend(
                item for item in view.entry.problem.indicators if indicator_name(item) in measured
            )
        return indicator_rows(_once(indicators), results, True)

    def published(self, vocabulary_order: dict[str, list[str]]) -> dict:
        """The record as api/transparencia.json holds it: who it is about, then its fields."""
        record = self.record.model_dump(mode="json", by_alias=True)
        protections = [
            view.entry.problem.data_protection
            for view in self.framing
            if view.entry.problem.data_protection
        ]
        return {
            "tipo": self.kind,
            "id": self.key,
            "titulo": self.title,
            "url": self.url,
            "pagina": urls.url_of(self.subject_page),
            "estado": self.state,
            "comunas": [slug for slug, _ in self.comunas()],
            "problemas": [view.problem_id for view in self.framing],
            "nivel_riesgo": self.strongest("level", vocabulary_order["risk_levels"], True),
            "decisiones_sobre_personas": self.strongest(
                "decisions", vocabulary_order["decision_roles"], False
            ),
            "datos_sensibles": sorted({s for p in protections for s in p.sensitive_data}),
            "base_legal": sorted({p.legal_basis for p in protections}),
            "ejemplo": self.example,
            **record,
        }

    def details(self, settings: SiteSettings) -> dict:
        """What the record's page shows."""
        page = self.page
        crumbs = structured.trail(
            page,
            [
                ("Transparencia", RECORDS_INDEX),
                (self.title, self.subject_page),
                ("Ficha de transparencia", page),
            ],
        )
        comunas = self.comunas()
        return {
            "breadcrumbs": crumbs,
            "structured_data": structured.graph(
                structured.breadcrumb_list(crumbs, settings.site_url)
            ),
            "kind": self.kind,
            "title": self.title,
            "example": self.example,
            "subject_href": urls.relative(page, self.subject_page),
            "state": {"slug": self.state, "name": self.state_name},
            "team": self.team,
            "comunas": [
                {"name": name, "href": urls.relative(page, urls.comuna_page(slug))}
                for slug, name in comunas
            ],
            "problems": [
                {
                    "title": view.entry.problem.title,
                    "href": urls.relative(page, view.page),
                    "comuna": view.entry.comuna.name,
                    "risk": view.responsible["risk"],
                    "data_protection": view.responsible["data_protection"],
                    "contact": view.entry.problem.contact,
                }
                for view in self.framing
            ],
            "answers": record_answers(self.record),
            "questions": {
                "risk": RISK_QUESTION,
                "decisions": DECISIONS_QUESTION,
                "results": RESULTS_QUESTION,
                "review": REVIEW_QUESTION,
            },
            "results": self.results(),
            "last_review": self.record.last_review,
            "references": [
                {"name": name, "what": what, "href": href} for name, what, href in REFERENCES
            ],
            "crosswalk_href": urls.relative(page, CROSSWALK),
            # Printed, the page says where it lives (a printout has no address bar).
            "address": settings.site_url + self.url,
            "index_href": urls.relative(page, RECORDS_INDEX),
        }

    def row(self, published: dict, names: dict[str, dict[str, str]]) -> list[str]:
        """The record as one row of CSV_COLUMNS, from its published form; vocabulary values by
        name, lists separated by «; » as in problemas.csv."""
        comunas = "; ".join(name for _, name in self.comunas())
        cells = {
            **published,
            "tipo": "problema" if self.kind == PROBLEM else "solución",
            "comunas": comunas,
            "problemas": "; ".join(published["problemas"]),
            "nivel_riesgo": _name(names["risk_levels"], published["nivel_riesgo"]),
            "decisiones_sobre_personas": _name(
                names["decision_roles"], published["decisiones_sobre_personas"]
            ),
            "datos_sensibles": "; ".join(
                _name(names["sensitive_data"], s) for s in published["datos_sensibles"]
            ),
            "base_legal": "; ".join(
                _name(names["legal_bases"], b) for b in published["base_legal"]
            ),
            "ejemplo": "sí" if self.example else "no",
            "resultados": results_text(self.record.results),
        }
        return ["" if cells.get(c) is None else str(cells[c]) for c in CSV_COLUMNS]


def _name(names: dict[str, str], slug: str | None) -> str:
    return "" if slug is None else names.get(slug, slug)


def _once(items: list) -> list:
    seen, unique = set(), []
    for item in items:
        if indicator_name(item) not in seen:
            seen.add(indicator_name(item))
            unique.append(item)
    return unique


def problem_record(view: ProblemView) -> RecordView | None:
    problem = view.entry.problem
    if problem.transparency is None or view.record_page is None:
        return None
    return RecordView(
        kind=PROBLEM,
        key=problem.problem_id,
        title=problem.title,
        page=view.record_page,
        subject_page=view.page,
        state=problem.state,
        state_name=view.state_name,
        example=problem.example,
        record=problem.transparency,
        framing=(view,),
    )


def solution_record(view: SolutionView, views: Views) -> RecordView | None:
    solution = view.entry.solution
    if solution.transparency is None or view.record_page is None:
        return None
    framing = tuple(p for p in map(views.problem, solution.problems) if p is not None)
    return RecordView(
        kind=SOLUTION,
        key=view.entry.slug,
        title=solution.title,
        page=view.record_page,
        subject_page=view.page,
        state=solution.state,
        state_name=view.state_name,
        example=solution.example,
        record=solution.transparency,
        framing=framing,
        team=solution.team,
    )


def records(views: Views) -> list[RecordView]:
    """Every record of the catalogue: the problems' in the catalogue's order, then the
    solutions'."""
    found = [problem_record(view) for view in views.problems]
    found += [solution_record(view, views) for view in views.solutions]
    return [record for record in found if record is not None]


def index_rows(found: list[RecordView], page: str) -> list[dict]:
    """The index page's table: each record with what it is about, its risk and last review."""
    rows = []
    for record in found:
        risks = record.risks()
        rows.append(
            {
                "href": urls.relative(page, record.page),
                "title": record.title,
                "kind": "Problema" if record.kind == PROBLEM else "Solución",
                "comunas": ", ".join(name for _, name in record.comunas()),
                "risks": sorted({(r["level"], r["level_name"]) for r in risks}),
                "state": {"slug": record.state, "name": record.state_name},
                "last_review": record.record.last_review,
                "example": record.example,
            }
        )
    return rows


__all__ = [
    "CSV_COLUMNS",
    "RECORD_FIELDS",
    "RecordView",
    "index_rows",
    "records",
]
