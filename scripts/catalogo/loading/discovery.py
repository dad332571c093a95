"""Find the catalogue's files, and report what should not be where it is."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from catalogo.core.outputs import MARKER, PROTECTED

NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PROBLEMS_DIR = "problems"
SOLUTIONS_DIR = "solutions"
TEMPLATE_PREFIX = "_"
# The templates' kinds: `problems/_*.md` and `solutions/_*.md`, checked like a problem and a
# solution but never part of the catalogue.
TEMPLATE_KINDS = frozenset({"plantilla", "plantilla-solucion", "plantilla-adhesion"})
# A comuna's file that joins another comuna's problem (`comparte`): listed as "problema" by
# its path, and told apart by its front matter (`catalogue.kind_of_document`).
JOIN_KIND = "adhesion"
JOIN_TEMPLATE_KIND = "plantilla-adhesion"
# Names the site gives its own pages: `solutions/index.md` would become the Soluciones listing.
RESERVED_NAMES = frozenset({"index"})


@dataclass(frozen=True, slots=True)
class Entry:
    path: str  # relative to the root, POSIX
    kind: str  # "problema", "solucion", "plantilla", "plantilla-solucion"


@dataclass(frozen=True, slots=True)
class PathIssue:
    path: str
    kind: str  # "bad_name", "reserved", "stray", "unreadable"
    detail: str = ""


@dataclass(slots=True)
class Inventory:
    entries: list[Entry] = field(default_factory=list)
    issues: list[PathIssue] = field(default_factory=list)


def _scan(directory: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(directory) as iterator:
            return sorted(iterator, key=lambda entry: entry.name)
    except OSError:
        return []


def _markdown_file(entry: os.DirEntry[str], relative: str, kind: str, inventory: Inventory) -> None:
    if entry.is_symlink():
        inventory.issues.append(PathIssue(relative, "unreadable", "symlink"))
        return
    if not entry.is_file():
        inventory.issues.append(PathIssue(relative, "stray", "dir" if entry.is_dir() else "other"))
        return
    stem, dot, extension = entry.name.rpartition(".")
    if not dot or extension.lower() != "md":
        inventory.issues.append(PathIssue(relative, "stray", "extension"))
        return
    if kind in TEMPLATE_KINDS:
        stem = stem.removeprefix(TEMPLATE_PREFIX)
    if extension != "md" or not NAME_RE.fullmatch(stem):
        inventory.issues.append(PathIssue(relative, "bad_name", "file"))
    elif stem in RESERVED_NAMES and kind not in TEMPLATE_KINDS:
        inventory.issues.append(PathIssue(relative, "reserved", stem))
    inventory.entries.append(Entry(relative, kind))


# Folders at the top of a checkout that hold tools' own files, not the catalogue's: left out of
# the symlink search there, and only there (a pull request could name any folder `venv`).
_NOT_CONTENT = frozenset(
    (".git", ".venv", "venv", "node_modules", ".pytest_cache", ".ruff_cache", ".mypy_cache",
     ".hypothesis")
)  # fmt: skip
_VIRTUALENV = "pyvenv.cfg"


def _symlinks(root: Path, inventory: Inventory) -> None:
    """Every symlink of the repository outside problems/ and solutions/ (checked on their
    own). A link in docs/, schema/, overrides/, or a `build` or `site` folder committed as a
    link, would make the site publish, or the tools write, files outside the repository."""
    pending = [("", root)]
    while pending:
        prefix, folder = pending.pop()
        for entry in _scan(folder):
            relative = f"{prefix}{entry.name}"
            if entry.is_symlink():
                inventory.issues.append(PathIssue(relative, "unreadable", "symlink"))
            elif entry.is_dir(follow_symlinks=False) and not (
                relative in (PROBLEMS_DIR, SOLUTIONS_DIR) or (not prefix and _tools_own(entry))
            ):
                pending.append((relative + "/", Path(entry.path)))


def _tools_own(entry: os.DirEntry[str]) -> bool:
    """A top-level folder of tools: caches, a virtual environment, or what the catalogue's tools
    generate (build/, site/, a kit; they empty such folders without following links). Never
    one of the catalogue's own folders, whatever files a pull request plants in it."""
    if entry.name in PROTECTED:
        return False
    return (
        entry.name in _NOT_CONTENT
        or os.path.exists(os.path.join(entry.path, _VIRTUALENV))
        or os.path.isfile(os.path.join(entry.path, MARKER))
    )


def discover(root: Path) -> Inventory:
    inventory = Inventory()
    _symlinks(root, inventory)
    # problems/ or solutions/ as a symlink is reported by `_symlinks` and never followed.
    if not (root / PROBLEMS_DIR).is_symlink():
        _problems(root, inventory)
    if not (root / SOLUTIONS_DIR).is_symlink():
        for entry in _scan(root / SOLUTIONS_DIR):
            kind = "plantilla-solucion" if entry.name.startswith(TEMPLATE_PREFIX) else "solucion"
            _markdown_file(entry, f"{SOLUTIONS_DIR}/{entry.name}", kind, inventory)
    return inventory


def _problems(root: Path, inventory: Inventory) -> None:
    for entry in _scan(root / PROBLEMS_DIR):
        relative = f"{PROBLEMS_DIR}/{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            if not NAME_RE.fullmatch(entry.name):
                inventory.issues.append(PathIssue(relative, "bad_name", "dir"))
            for child in _scan(Path(entry.path)):
                _markdown_file(child, f"{relative}/{child.name}", "problema", inventory)
        elif entry.name.startswith(TEMPLATE_PREFIX) and entry.name.endswith(".md"):
            _markdown_file(entry, relative, "plantilla", inventory)
        elif entry.is_symlink():
            inventory.issues.append(PathIssue(relative, "unreadable", "symlink"))
        else:
            inventory.issues.append(PathIssue(relative, "stray", "top"))


def kind_of(relative: str) -> str | None:
    """The kind of a catalogue file from its path, or None when it is not one."""
    parts = relative.split("/")
    if parts[0] == PROBLEMS_DIR and len(parts) == 3:
        return "problema"
    if parts[0] == PROBLEMS_DIR and len(parts) == 2 and parts[1].startswith(TEMPLATE_PREFIX):
        return "plantilla"
    if parts[0] == SOLUTIONS_DIR and len(parts) == 2:
        return "plantilla-solucion" if parts[1].startswith(TEMPLATE_PREFIX) else "solucion"
    return None


def read_bytes(root: Path, relative: str, limit: int) -> tuple[bytes, int]:
    """The file's size and at most limit + 1 of its bytes: enough to know it is too large
    without loading it."""
    # os.path rather than pathlib: this runs once per file, and Path objects cost more than
    # the read itself on a warm cache.
    # O_NOFOLLOW: a file swapped for a symlink after `discover` listed it is still not followed.
    descriptor = os.open(os.path.join(root, relative), _READ_FLAGS)
    with open(descriptor, "rb") as handle:
        return handle.read(limit + 1), os.fstat(handle.fileno()).st_size


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
