"""Model to file text: the front matter a problem or solution is stored as."""

from __future__ import annotations

import yaml

from catalogo.model.types import CatalogModel


def front_matter(model: CatalogModel) -> str:
    """YAML for a model, keys in the model's order, optional empty fields left out.

    PyYAML quotes every string its YAML 1.1 resolver would read as something else (`no`,
    `2025-06-12`), and the loader's YAML 1.2 rules are a subset of those, so the text reads
    back to the same values.
    """
    data = model.model_dump(mode="python", by_alias=True, exclude_none=True, exclude_defaults=True)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def markdown_file(model: CatalogModel, body: str) -> str:
    return f"---\n{front_matter(model)}---\n\n{body.strip()}\n"
