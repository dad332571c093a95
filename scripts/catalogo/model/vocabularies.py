"""The controlled vocabularies as values: comunas, themes, AI tasks and short lists.

Pure data; `catalogo.loading.vocabularies` reads them from the files under `schema/`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from catalogo.core.words import closest, fold
from catalogo.model.programme import Programme

# A slug names pages and files of the site (temas/<slug>/, comunas/<slug>/): lowercase ASCII
# words and hyphens, nothing that could climb out of a folder.
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class Term:
    slug: str
    name: str
    description: str
    language_model: bool = False
    # Words people use for the term that are neither its slug nor its name ("Excel" for
    # `xlsx`): `resolve` and `suggestion` read them as the term.
    other_names: tuple[str, ...] = ()
    # Where the term is defined, for terms that point at a norm (schema/bases-legales.yml).
    link: str = ""


@dataclass(frozen=True, slots=True)
class Comuna:
    cut: str
    slug: str
    name: str
    province: str
    region_cut: str
    region: str
    # Antártica is a comuna of the register without a municipality of its own (Cabo de Hornos
    # administers it): the programme, its coverage and the maps count the other 345.
    municipality: bool = True


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
    # Responsible AI (issue 14): the AI bill's risk tiers, the role in decisions about people,
    # Ley 21.719's sensitive data and lawful bases, and the units of impact and cost.
    risk_levels: dict[str, Term]
    decision_roles: dict[str, Term]
    sensitive_data: dict[str, Term]
    legal_bases: dict[str, Term]
    periods: dict[str, Term]
    cost_units: dict[str, Term]
    personal_mail_domains: frozenset[str]
    # The programme's cohorts (schema/programa.yml); none in a catalogue without that file.
    programme: Programme = field(default_factory=Programme)

    def resolve(self, vocabulary: str, value: str) -> str | None:
        """The slug that `value` stands for in one vocabulary (`"comunas"`, `"themes"`...):
        the slug itself, or the name people read on the site and in the forms, with case and
        accents aside ("Ñuñoa", "nunoa", "Medio ambiente"). None when it is neither."""
        terms = getattr(self, vocabulary)
        value = value.strip()
        if value in terms:
            return value
        wanted = " ".join(fold(value).split())
        return next(
            (
                slug
                for slug, term in terms.items()
                for name in (term.name, *getattr(term, "other_names", ()))
                if " ".join(fold(name).split()) == wanted
            ),
            None,
        )

    def suggestion(self, vocabulary: str, value: str) -> str:
        """ " ¿Quiso decir «slug»?" for the nearest slug, name or other name, or "" when
        nothing is near."""
        terms = getattr(self, vocabulary)
        near = closest(value, terms, self.aliases(vocabulary))
        return f" ¿Quiso decir «{near}»?" if near and near != value else ""

    def aliases(self, vocabulary: str) -> dict[str, str]:
        """Every name of a vocabulary's terms other than the slug, to the slug it stands for."""
        return {
            name: slug
            for slug, term in getattr(self, vocabulary).items()
            for name in (term.name, *getattr(term, "other_names", ()))
        }
