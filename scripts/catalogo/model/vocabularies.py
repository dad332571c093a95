"""The controlled vocabularies as values: comunas, themes, AI tasks and short lists.

Pure data; `catalogo.loading.vocabularies` reads them from the files under `schema/`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A slug names pages and files of the site (temas/<slug>/, comunas/<slug>/): lowercase ASCII
# words and hyphens, nothing that could climb out of a folder.
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class Term:
    slug: str
    name: str
    description: str
    language_model: bool = False


@dataclass(frozen=True, slots=True)
class Comuna:
    cut: str
    slug: str
    name: str
    province: str
    region_cut: str
    region: str


@dataclass(frozen=True, slots=True)
class Vocabularies:
    comunas: dict[str, Comuna]
    themes: dict[str, Term]
    ai_tasks: dict[str, Term]
    problem_states: dict[str, Term]
    priorities: dict[str, Term]
    data_formats: dict[str, Term]
    data_access: dict[str, Term]
    solution_states: dict[str, Term]
    personal_mail_domains: frozenset[str]

    def comuna_by_cut(self) -> dict[str, Comuna]:
        return {comuna.cut: comuna for comuna in self.comunas.values()}
