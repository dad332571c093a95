"""The programme «Municipios a la vanguardIA» as data: its cohorts, the groups of municipalities
that join it together. Pure values; `catalogo.loading.programme` reads them from
`schema/programa.yml`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Cohort:
    number: int
    name: str
    description: str
    comunas: tuple[str, ...]  # comuna slugs, in the file's order


@dataclass(frozen=True, slots=True)
class Programme:
    name: str = ""
    cohorts: tuple[Cohort, ...] = ()

    def cohort_of(self, comuna: str) -> Cohort | None:
        """The cohort a comuna (slug) joined with, or None."""
        return next((c for c in self.cohorts if comuna in c.comunas), None)
