"""Files made from the catalogue's data and committed (issue forms, CODEOWNERS, templates): written by a
command, and checked by the same command with `--verificar`, which CI runs."""

from __future__ import annotations

from pathlib import Path

from catalogo.core.outputs import check_inside, write_text


def apply(root: Path, files: dict[str, str], verify: bool, command: str) -> int:
    """Writes `files` (relative path -> text) under `root`, or with `verify` only reports the
    ones that differ; returns the exit code."""
    stale = [
        path
        for path, text in files.items()
        if not (root / path).is_file() or (root / path).read_text(encoding="utf-8") != text
    ]
    if verify:
        for path in stale:
            print(f"{path} está desactualizado: ejecute «catalogo {command}» y confirme el cambio.")
        if not stale:
            print(f"Al día: {', '.join(files)}.")
        return 1 if stale else 0
    for path in stale:
        target = check_inside(root, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text(target, files[path])
        print(f"Escrito {path}")
    if not stale:
        print(f"Sin cambios: {', '.join(files)}.")
    return 0
