"""Display-ready views of the catalogue's entries, shared by every page that lists them."""

from __future__ import annotations

from catalogo.loading.catalogue import Catalogue, ProblemEntry, SolutionEntry
from catalogo.site import urls


def newest_first(entry: ProblemEntry) -> tuple:
    """Sort key, with `reverse=True`: the most recently updated problems first."""
    return (entry.problem.updated or entry.problem.registered, entry.problem.problem_id)


class Views:
    """Turns entries into the small dicts templates show, with hrefs relative to a page."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.vocabularies = catalogue.vocabularies

    def problem_item(self, entry: ProblemEntry, page: str) -> dict:
        problem, comuna = entry.problem, entry.comuna
        state = self.vocabularies.problem_states[problem.state]
        return {
            "href": urls.relative(page, urls.problem_page(entry)),
            "title": problem.title,
            "state": problem.state,
            "state_name": state.name,
            "comuna": comuna.name,
            "region": comuna.region,
            "summary": problem.summary,
            "themes": [self.vocabularies.themes[theme].name for theme in problem.themes],
            "example": problem.example,
        }

    def source_items(self, entry: ProblemEntry) -> list[dict]:
        """A problem's data sources, with their format and access by name."""
        v = self.vocabularies
        return [
            {
                "name": s.name,
                "format": v.data_formats[s.format].name,
                "access": v.data_access[s.access].name,
                "personal": s.personal_data,
                "volume": s.volume,
                "url": s.url,
            }
            for s in entry.problem.data_sources
        ]

    def problem_items(self, entries: list[ProblemEntry], page: str) -> list[dict]:
        return [self.problem_item(entry, page) for entry in entries]

    def solution_item(self, entry: SolutionEntry, page: str) -> dict:
        solution = entry.solution
        return {
            "href": urls.relative(page, urls.solution_page(entry)),
            "title": solution.title,
            "state": solution.state,
            "state_name": self.vocabularies.solution_states[solution.state].name,
            "team": solution.team,
            "example": solution.example,
        }

    def solution_items(self, entries: list[SolutionEntry], page: str) -> list[dict]:
        return [self.solution_item(entry, page) for entry in entries]
