"""Problems that exist only on other branches: the ones pending pull requests add.

`catalogo desde-issue` gives each approved proposal the next free id of its comuna. Proposals
approved one after the other are each a branch and a pull request that main does not have yet;
their ids are read here, from each branch's own files parsed as front matter, so that two
proposals never share an id.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from catalogo.core.errors import CatalogoError
from catalogo.loading.catalogue import problem_id_of
from catalogo.loading.discovery import kind_of
from catalogo.loading.reader import MAX_BYTES


class GitError(CatalogoError):
    """git could not answer; the message says what was asked, in Spanish."""


def _git(root: Path, *arguments: str) -> bytes:
    try:
        completed = subprocess.run(
            ["git", "-C", str(root), *arguments], capture_output=True, check=True, timeout=120
        )
    except (OSError, subprocess.SubprocessError) as error:
        raise GitError(f"git no pudo leer {' '.join(arguments[:2])}: {error}") from None
    return completed.stdout


def added_problem_ids(root: Path, ref: str, base: str) -> list[str]:
    """The ids of the problem files that `ref` adds or changes with respect to `base`."""
    if ref.startswith("-") or base.startswith("-"):
        raise GitError(f"«{ref}» no es el nombre de una rama.")
    listed = _git(root, "diff", "--name-only", "--diff-filter=AM", "-z", f"{base}...{ref}", "--")
    ids = []
    for name in listed.decode("utf-8", "replace").split("\0"):
        if kind_of(name) != "problema":
            continue
        size = int(_git(root, "cat-file", "-s", f"{ref}:{name}") or b"0")
        if size > MAX_BYTES:
            continue
        problem_id = problem_id_of(_git(root, "cat-file", "blob", f"{ref}:{name}"))
        if problem_id is not None:
            ids.append(problem_id)
    return ids


def changed_catalogue_files(root: Path, base: str, ref: str = "HEAD") -> list[str]:
    """The problem, join and solution files that `ref` adds, changes or renames with respect
    to where it left `base` (`base...ref`), in path order; templates and deleted files aside."""
    if ref.startswith("-") or base.startswith("-"):
        raise GitError(f"«{base}» no es el nombre de una rama ni de un commit.")
    try:
        listed = _git(
            root, "diff", "--name-only", "--no-renames", "--diff-filter=AM", "-z",
            f"{base}...{ref}", "--",
        )  # fmt: skip
    except GitError:
        raise GitError(
            f"No se pudo comparar con «{base}»: no es una rama ni un commit de este repositorio, "
            "o falta su historia (en GitHub Actions, obtenga el repositorio con fetch-depth)."
        ) from None
    names = listed.decode("utf-8", "replace").split("\0")
    return sorted(name for name in names if kind_of(name) in {"problema", "solucion"})
