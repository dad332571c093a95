"""The site's settings, read from mkdocs.yml by MkDocs itself: title, address, repository and
branch; and the links to the repository built from them (its issue forms, its issues)."""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

from catalogo.core.errors import ConfigurationError
from catalogo.site.scope import Scope

# Frozen, so one value serves every site of the whole catalogue.
NATIONAL_SCOPE = Scope()

DEFAULT_TITLE = "Catálogo de problemas municipales para IA"
DEFAULT_URL = "http://127.0.0.1:8000/"
# The repository's issue forms (.github/ISSUE_TEMPLATE/, written by `catalogo formularios`).
PROPOSE_FORM = "proponer-problema.yml"
SOLUTION_FORM = "registrar-solucion.yml"
COMMENT_FORM = "comentar-o-corregir.yml"
JOIN_FORM = "sumarse-a-un-problema.yml"


@dataclass(frozen=True, slots=True)
class SiteSettings:
    title: str  # the site's: mkdocs.yml's site_name, or the scope's («Problemas de Maipú»)
    site_url: str  # absolute, ends with "/": for the feed and llms.txt
    repository: str  # https URL of the GitHub repository
    branch: str = "main"
    # What the site is about: the whole catalogue, or one comuna, region or theme.
    scope: Scope = NATIONAL_SCOPE
    # Where the national catalogue is published, which a scoped site links to from every page.
    national_url: str = ""

    # Every link to the repository is made here, from `extra.repositorio`. Without one (a
    # catalogue not yet on GitHub) there is no link: None, which pages leave out or replace.

    def edit_url(self, source: str) -> str | None:
        if not self.repository:
            return None
        return f"{self.repository.rstrip('/')}/edit/{self.branch}/{source}"

    def issues_url(self) -> str | None:
        return f"{self.repository.rstrip('/')}/issues" if self.repository else None

    def issue_form_url(self, template: str, **fields: str) -> str | None:
        """The issue form `template` with its fields filled: GitHub reads `title` and each
        field's id from the query. Values are text, percent-encoded whole."""
        if not self.repository:
            return None
        query = urlencode({"template": template, **fields}, quote_via=quote)
        return f"{self.repository.rstrip('/')}/issues/new?{query}"


def read_settings(
    root: Path, scope: Scope | None = None, site_url: str | None = None
) -> SiteSettings:
    path = root / "mkdocs.yml"
    # A catalogue without its own mkdocs.yml (a copy of problems/ only) takes the defaults.
    config = _load(path) if path.exists() else {}
    extra = config.get("extra") or {}
    values = {
        "site_name": config.get("site_name") or DEFAULT_TITLE,
        "site_url": site_url or config.get("site_url") or DEFAULT_URL,
        "extra.repositorio": extra.get("repositorio", ""),
        "extra.rama": extra.get("rama", "main"),
        # A municipality's own fork sets site_url to its own address, and this to the
        # national catalogue's; the national build's site_url otherwise.
        "extra.catalogo_nacional": extra.get("catalogo_nacional")
        or config.get("site_url")
        or DEFAULT_URL,
    }
    for key, value in values.items():
        if not isinstance(value, str):
            raise ConfigurationError(f"mkdocs.yml: «{key}» debe ser un texto.")
    repository = values["extra.repositorio"]
    # Every page links to it: an address a browser would not open as a page is refused.
    if repository and not repository.startswith("https://"):
        raise ConfigurationError(
            f"mkdocs.yml: «extra.repositorio» debe ser una dirección https:// ({repository!r})."
        )
    national_url = values["extra.catalogo_nacional"]
    if not national_url.startswith(("https://", "http://")):
        raise ConfigurationError(
            "mkdocs.yml: «extra.catalogo_nacional» debe ser una dirección https:// "
            f"({national_url!r})."
        )
    url = values["site_url"]
    scope = scope or NATIONAL_SCOPE
    return SiteSettings(
        title=scope.title(values["site_name"]),
        site_url=url if url.endswith("/") else url + "/",
        repository=repository,
        branch=values["extra.rama"],
        scope=scope,
        national_url=national_url if national_url.endswith("/") else national_url + "/",
    )


def _load(path: Path) -> dict:
    """mkdocs.yml as MkDocs reads it, with its tags (`!ENV`, `!relative`) and `INHERIT`."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError as MkDocsConfigurationError

    # MkDocs says what is wrong through its logger, before it gives up in English.
    problems = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(problems)
    try:
        # The pages are generated after the settings are read (`catalogo sitio` needs them), so
        # docs_dir may not exist yet: MkDocs requires one that does, and is given an empty one.
        # The theme is not a setting read here, and a catalogue may lack overrides/: MkDocs'
        # own theme stands in, so that only what is read here can stop it.
        with tempfile.TemporaryDirectory(prefix="catalogo-ajustes-") as empty:
            return dict(load_config(str(path), docs_dir=empty, theme={"name": "mkdocs"}))
    except (
        MkDocsConfigurationError,
        SystemExit,
        OSError,
        UnicodeDecodeError,
        RecursionError,
    ) as error:
        detail = "; ".join(problems.messages) or f"{type(error).__name__}: {error}"
        raise ConfigurationError(f"No se pudo leer mkdocs.yml ({detail}).") from None
    finally:
        logger.removeHandler(problems)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
