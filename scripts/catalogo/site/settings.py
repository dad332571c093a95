"""The site's settings, read from mkdocs.yml: title, address, repository and branch."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from catalogo.core.errors import ConfigurationError


@dataclass(frozen=True, slots=True)
class SiteSettings:
    title: str
    site_url: str  # absolute, ends with "/": for the feed and llms.txt
    repository: str  # https URL of the GitHub repository
    branch: str = "main"
    comuna: str | None = None  # set when the site holds one comuna's problems only

    def edit_url(self, source: str) -> str:
        return f"{self.repository.rstrip('/')}/edit/{self.branch}/{source}"


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for a few plain settings, ignoring MkDocs' own tags (`!ENV`...)."""


_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor(
    "tag:yaml.org,2002:python/", lambda loader, suffix, node: None
)


def read_settings(
    root: Path, comuna: str | None = None, site_url: str | None = None
) -> SiteSettings:
    path = root / "mkdocs.yml"
    try:
        # A catalogue without its own mkdocs.yml (a copy of problems/ only) takes the defaults.
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        config = yaml.load(text, Loader=_TolerantLoader) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError) as error:
        raise ConfigurationError(f"No se pudo leer mkdocs.yml ({type(error).__name__}).") from None
    extra = config.get("extra") if isinstance(config, dict) else None
    if not isinstance(config, dict) or not isinstance(extra or {}, dict):
        raise ConfigurationError("mkdocs.yml debe ser un grupo de campos, con «extra» también.")
    extra = extra or {}
    values = {
        "site_name": config.get("site_name", "Catálogo de problemas municipales para IA"),
        "site_url": site_url or config.get("site_url") or "http://127.0.0.1:8000/",
        "extra.repositorio": extra.get("repositorio", ""),
        "extra.rama": extra.get("rama", "main"),
    }
    for key, value in values.items():
        if not isinstance(value, str):
            raise ConfigurationError(f"mkdocs.yml: «{key}» debe ser un texto.")
    url = values["site_url"]
    return SiteSettings(
        title=values["site_name"],
        site_url=url if url.endswith("/") else url + "/",
        repository=values["extra.repositorio"],
        branch=values["extra.rama"],
        comuna=comuna,
    )
