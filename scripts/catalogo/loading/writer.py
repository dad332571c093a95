"""The only writer of catalogue files: front matter as YAML, whole documents, and new files
created without ever overwriting one.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from catalogo.core.outputs import check_inside, create_new
from catalogo.model.types import CatalogModel

# libyaml's emitter when PyYAML was built with it (much faster on a synthetic catalogue of
# 10,000 files); its output is the same as the pure-Python dumper's.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump_front_matter(data: dict) -> str:
    """YAML for front matter values, keys in the order given.

    PyYAML quotes every string its YAML 1.1 resolver would read as something else (`no`,
    `2025-06-12`), and the loader's YAML 1.2 rules are a subset of those, so the text reads
    back to the same values.
    """
    return yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=100)


def document(data: dict, body: str) -> str:
    """A whole catalogue file: front matter between `---` lines, a blank line, the body."""
    return f"---\n{dump_front_matter(data)}---\n\n{body.strip()}\n"


def front_matter(model: CatalogModel) -> str:
    """A model's front matter, optional empty fields left out."""
    data = model.model_dump(mode="python", by_alias=True, exclude_none=True, exclude_defaults=True)
    return dump_front_matter(data)


def markdown_file(model: CatalogModel, body: str) -> str:
    data = model.model_dump(mode="python", by_alias=True, exclude_none=True, exclude_defaults=True)
    return document(data, body)


def create_file(root: Path, path: str, text: str) -> Path:
    """Write a new file at `path` under root, creating its folder; FileExistsError if a file
    (or a link) is already there, OutputError if the path leaves the catalogue."""
    target = check_inside(root, path)
    target.parent.mkdir(parents=True, exist_ok=True)
    create_new(target, text)
    return target
