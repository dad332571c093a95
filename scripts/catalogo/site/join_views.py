"""The comunas that joined a problem, as every output shows them: built once per build, beside
the shared problem's view (`views.ProblemView.joins`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from catalogo.loading.catalogue import JoinEntry
from catalogo.model.problem import DataSource
from catalogo.model.vocabularies import Vocabularies
from catalogo.site import urls

# The anchor of a joining comuna's part on the shared problem's page: `#comuna-<slug>`.
ANCHOR_PREFIX = "comuna-"
# What a join's published record adds to its front matter.
JOIN_DERIVED_FIELDS = ("comuna_nombre", "region", "provincia", "url", "archivo")


def people_text(people: int | None) -> str:
    """«208.237», as Chile writes a count."""
    return f"{people or 0:,}".replace(",", ".")


def display_sources(sources: list[DataSource], v: Vocabularies) -> tuple[dict, ...]:
    """Data sources with their vocabulary names, as the pages' tables show them."""
    return tuple(
        {
            "name": s.name,
            "format": v.data_formats[s.format].name,
            "access": v.data_access[s.access].name,
            "personal": s.personal_data,
            "volume": s.volume,
            "url": s.url,
        }
        for s in sources
    )


def shared_text(joined: int) -> str | None:
    """«También en 1 comuna», «También en 3 comunas»; None for a problem no comuna joined."""
    if joined <= 0:
        return None
    return f"También en {joined} {'comuna' if joined == 1 else 'comunas'}"


@dataclass(frozen=True, slots=True, eq=False)
class JoinView:
    """One comuna's part of a shared problem."""

    entry: JoinEntry
    problem_page: str  # the shared problem's page source path
    sources: tuple[dict, ...]
    priority: str | None
    record: dict = field(repr=False)

    @property
    def anchor(self) -> str:
        return ANCHOR_PREFIX + self.entry.comuna.slug

    @property
    def people(self) -> int | None:
        return self.entry.join.affected_population.people

    def details(self, page: str) -> dict:
        """What the shared problem's page (`page`) shows of this comuna's part."""
        join, comuna = self.entry.join, self.entry.comuna
        population = join.affected_population
        return {
            "id": join.join_id,
            "anchor": self.anchor,
            "comuna": {
                "name": comuna.name,
                "href": urls.relative(page, urls.comuna_page(comuna.slug)),
            },
            "region": comuna.region,
            "unit": join.responsible_unit,
            "population": {
                "description": population.description,
                "people": population.people,
                "people_text": people_text(population.people),
            },
            "sources": list(self.sources),
            "risks": join.risks,
            "contact": {"unit": join.contact.unit, "email": join.contact.email},
            "registered": join.registered,
            "updated": join.updated,
            "priority": self.priority,
            "example": join.example,
        }


def join_view(entry: JoinEntry, problem_page: str, v: Vocabularies) -> JoinView:
    join, comuna = entry.join, entry.comuna
    record = join.model_dump(mode="json", by_alias=True, exclude_none=True)
    record.update(
        comuna_nombre=comuna.name,
        region=comuna.region,
        provincia=comuna.province,
        url=urls.url_of(problem_page) + "#" + ANCHOR_PREFIX + comuna.slug,
        archivo=entry.source,
    )
    return JoinView(
        entry=entry,
        problem_page=problem_page,
        sources=display_sources(join.data_sources, v),
        priority=v.priorities[join.priority].name if join.priority else None,
        record=record,
    )
