"""How ready a problem is for a hackathon team, derived from its front matter.

Explained on every problem page, so each criterion carries the sentence that says why it
matters. Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from catalogo.model.problem import Problem

_HAS_NUMBER = re.compile(r"[0-9]")


# The levels, from ready to furthest from it, and how the site names them.
LABELS = {"lista": "Lista", "casi-lista": "Casi lista", "en-preparacion": "En preparación"}


@dataclass(frozen=True, slots=True)
class Criterion:
    name: str
    met: bool
    explanation: str


@dataclass(frozen=True, slots=True)
class Readiness:
    criteria: tuple[Criterion, ...]

    @property
    def met(self) -> int:
        return sum(criterion.met for criterion in self.criteria)

    @property
    def level(self) -> str:
        """`lista`, `casi-lista` or `en-preparacion`."""
        missing = len(self.criteria) - self.met
        return "lista" if missing == 0 else "casi-lista" if missing == 1 else "en-preparacion"

    @property
    def label(self) -> str:
        return LABELS[self.level]


def readiness(problem: Problem) -> Readiness:
    sources = problem.data_sources
    digital = [source for source in sources if source.format != "papel"]
    reachable = [source for source in digital if source.access != "restringido"]
    personal = any(source.personal_data for source in sources)
    return Readiness(
        (
            Criterion(
                "Hay datos",
                bool(sources),
                "El problema nombra al menos una fuente de datos existente.",
            ),
            Criterion(
                "Datos digitales y accesibles",
                bool(reachable),
                "Al menos una fuente está en formato digital y no es de acceso restringido, "
                "de modo que un equipo podría trabajar con ella (anonimizada si hace falta).",
            ),
            Criterion(
                "Indicadores medibles",
                any(_HAS_NUMBER.search(indicator) for indicator in problem.indicators),
                "Algún indicador de éxito tiene una cifra o meta con la que comparar un prototipo.",
            ),
            Criterion(
                "Riesgos abordados",
                bool(problem.risks) if personal else True,
                "Si hay datos personales, el problema describe sus riesgos éticos y legales.",
            ),
            Criterion(
                "Contacto municipal",
                bool(problem.contact.email),
                "Hay una unidad y un correo institucional a quien consultar.",
            ),
        )
    )
