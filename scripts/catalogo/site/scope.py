"""What a site is about: the whole country, one comuna, one region or one theme.

`catalogo sitio --comuna|--region|--tema` builds a site of one scope. Its one value, `Scope`,
says which problems the site holds and how the site names itself («Problemas de Maipú»); every
page, export and map asks it what is included instead of knowing the kinds itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalogo.core.errors import CatalogoError, UsageError
from catalogo.core.words import closest, fold, slugify
from catalogo.loading.catalogue import Catalogue
from catalogo.model.vocabularies import Comuna, Vocabularies

NATIONAL = "nacional"
COMUNA = "comuna"
REGION = "region"
THEME = "tema"
KINDS = (COMUNA, REGION, THEME)

# Short names people use for the regions with long official ones («ohiggins», «aysen»): read
# like the region's own slug. Keyed by the region's code, which does not change with its name.
_SHORT_REGION_NAMES = {
    "06": ("ohiggins", "o-higgins"),
    "11": ("aysen",),
    "12": ("magallanes",),
    "13": ("metropolitana", "santiago", "rm"),
    "15": ("arica",),
    "09": ("araucania",),
}
# Regions were long numbered in Roman numerals, «V Región»: read like the code.
_ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
          "XIV", "XV", "XVI"]  # fmt: skip
# «Región del Maule», «Región del Biobío», «Región del Libertador...»: the official names.
_REGION_WITH_DEL = {"07", "08", "06"}


class EmptyScopeError(CatalogoError):
    """A scope that names a comuna, region or theme without problems yet (exit code 1)."""


class ScopeError(UsageError):
    """A scope that names no comuna, region or theme of the registers (a usage error: 2)."""


@dataclass(frozen=True, slots=True)
class Region:
    cut: str  # two digits, «05»
    name: str  # as the register writes it, «Valparaíso»

    @property
    def slug(self) -> str:
        return slugify(self.name)

    @property
    def full_name(self) -> str:
        """«Región de Valparaíso», «Región del Maule», «Región Metropolitana de Santiago»."""
        if self.name.startswith("Metropolitana"):
            return f"Región {self.name}"
        return f"Región {'del' if self.cut in _REGION_WITH_DEL else 'de'} {self.name}"


@dataclass(frozen=True, slots=True)
class Scope:
    """The scope of a site. `slug` is the comuna's, region's or theme's short name;
    `name` how pages name it («Maipú», «Región de Valparaíso», «Salud»)."""

    kind: str = NATIONAL
    slug: str = ""
    name: str = ""
    # The comunas a comuna or region site is about; None: every comuna (national, theme).
    comunas: frozenset[str] | None = None
    # The codes of the regions it is about; None: all of them.
    region_cuts: frozenset[str] | None = None

    @property
    def national(self) -> bool:
        return self.kind == NATIONAL

    @property
    def territorial(self) -> bool:
        """Whether the scope is a part of the country (a comuna or a region), not a theme."""
        return self.kind in (COMUNA, REGION)

    def title(self, national_title: str) -> str:
        """The site's title: mkdocs.yml's for the whole catalogue, else «Problemas de ...»."""
        if self.national:
            return national_title
        article = "la " if self.kind == REGION else ""
        return f"Problemas de {article}{self.name}"

    @property
    def held(self) -> str:
        """Which problems the site holds, as a sentence ends: «los problemas de Maipú»."""
        if self.kind == COMUNA:
            return f"los problemas de la comuna de {self.name}"
        if self.kind == REGION:
            return f"los problemas de las comunas de la {self.name}"
        if self.kind == THEME:
            return f"los problemas de todo el país con el tema {self.name}"
        return "los problemas de todas las comunas de Chile"

    def includes_comuna(self, comuna: str | Comuna) -> bool:
        """Whether a comuna (its slug or the Comuna) belongs to the site: its page, its row
        in the maps and in the open data."""
        slug = comuna if isinstance(comuna, str) else comuna.slug
        return self.comunas is None or slug in self.comunas

    def includes_region(self, region_cut: str) -> bool:
        return self.region_cuts is None or region_cut in self.region_cuts

    def comunas_of(self, vocabularies: Vocabularies) -> list[Comuna]:
        """The register's comunas in the scope, in the register's order."""
        return [c for c in vocabularies.comunas.values() if self.includes_comuna(c.slug)]

    def regions(self, vocabularies: Vocabularies) -> list[Region]:
        """The regions in the scope, by code (pages put them north to south)."""
        found = {c.region_cut: c.region for c in vocabularies.comunas.values()}
        return [Region(cut, found[cut]) for cut in sorted(found) if self.includes_region(cut)]

    def select(self, catalogue: Catalogue) -> Catalogue:
        """The catalogue of the site: the scope's problems and the solutions for any of them.
        A scope without problems is refused (EmptyScopeError): its site would have nothing to
        show or search."""
        selected = self._select(catalogue)
        if not self.national and not selected.problems:
            whose = {
                COMUNA: f"la comuna de {self.name}",
                REGION: f"las comunas de la {self.name}",
                THEME: f"el tema {self.name}",
            }[self.kind]
            raise EmptyScopeError(
                f"El catálogo aún no tiene problemas de {whose}: no hay "
                "sitio que generar. Documente el primero con «catalogo nuevo» o el formulario "
                "«Proponer un problema», o genere el catálogo nacional (sin --comuna, --region "
                "ni --tema)."
            )
        return selected

    def _select(self, catalogue: Catalogue) -> Catalogue:
        if self.kind == COMUNA:
            return catalogue.only_comuna(self.slug)
        if self.kind == REGION and self.region_cuts:
            (region_cut,) = self.region_cuts
            return catalogue.only_region(region_cut)
        if self.kind == THEME:
            return catalogue.only_theme(self.slug)
        return catalogue

    def record(self) -> dict:
        """The scope as the open data and the build folder record it."""
        if self.national:
            return {"tipo": NATIONAL}
        return {"tipo": self.kind, "clave": self.slug, "nombre": self.name}


def national() -> Scope:
    return Scope()


def resolve_scope(kind: str, value: str, vocabularies: Vocabularies) -> Scope:
    """The scope a `--comuna`, `--region` or `--tema` names: by name or slug, case and accents
    aside; a region also by its code («05», «5»). ScopeError, in Spanish, with the nearest
    name, when it names none."""
    if kind == COMUNA:
        slug = vocabularies.resolve("comunas", value)
        if slug is None:
            hint = vocabularies.suggestion("comunas", value)
            raise ScopeError(f"«{value}» no es una comuna del registro.{hint}")
        comuna = vocabularies.comunas[slug]
        return Scope(COMUNA, slug, comuna.name, frozenset({slug}), frozenset({comuna.region_cut}))
    if kind == REGION:
        region = _region(value, vocabularies)
        comunas = frozenset(
            c.slug for c in vocabularies.comunas.values() if c.region_cut == region.cut
        )
        return Scope(REGION, region.slug, region.full_name, comunas, frozenset({region.cut}))
    if kind == THEME:
        slug = vocabularies.resolve("themes", value)
        if slug is None:
            hint = vocabularies.suggestion("themes", value)
            names = ", ".join(vocabularies.themes)
            raise ScopeError(f"«{value}» no es un tema del catálogo.{hint} Los temas: {names}.")
        return Scope(THEME, slug, vocabularies.themes[slug].name)
    raise ScopeError(f"«{kind}» no es un alcance: use comuna, region o tema.")


def _region(value: str, vocabularies: Vocabularies) -> Region:
    regions = national().regions(vocabularies)
    names: dict[str, Region] = {}
    for region in regions:
        for name in (
            region.cut,
            region.cut.lstrip("0"),
            _ROMAN[int(region.cut)] if 0 < int(region.cut) < len(_ROMAN) else region.cut,
            region.name,
            region.full_name,
            *_SHORT_REGION_NAMES.get(region.cut, ()),
        ):
            names[_key(name)] = region
    wanted = _key(value)
    # «Región de Valparaíso», «region valparaiso», «Valparaíso»: the words before the name aside.
    for prefix in ("region-del-", "region-de-", "region-"):
        if wanted not in names and wanted.startswith(prefix):
            wanted = wanted.removeprefix(prefix)
    if wanted in names:
        return names[wanted]
    near = closest(value, [r.slug for r in regions], {k: names[k].slug for k in names})
    hint = f" ¿Quiso decir «{near}»?" if near and near != value else ""
    raise ScopeError(
        f"«{value}» no es una región de Chile.{hint} Escriba su nombre (Valparaíso), su nombre "
        "corto (valparaiso) o su código (05)."
    )


def _key(text: str) -> str:
    return slugify(fold(text))
