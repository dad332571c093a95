"""What the tools write, and where: only folders they made, never through a link, and every
file replaced in one step.

A folder the tools create holds a marker file. A folder is emptied or rewritten only when it
has that marker (or is empty): pointed by mistake at the catalogue, a user's folder or a
symlink planted in a pull request, a command refuses instead of deleting what it did not make.
Every file is written to a temporary name beside its target and then renamed over it, so a
reader never sees half a file and a write never goes through a hard link or a symlink into
another file.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
from pathlib import Path

from catalogo.core.errors import CatalogoError

MARKER = ".catalogo-generado"
_MARKER_TEXT = (
    "Carpeta generada por las herramientas del catálogo: se borra y se vuelve a generar.\n"
    "No guarde aquí nada propio.\n"
)
# Folders of a catalogue that hold what people write or what runs the catalogue.
PROTECTED = (
    "problems",
    "solutions",
    "schema",
    "docs",
    "overrides",
    "scripts",
    "tests",
    ".git",
    ".github",
)
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_FOLLOW | getattr(os, "O_CLOEXEC", 0)
_counter = itertools.count()


class OutputError(CatalogoError):
    """A place the tools will not write to; the message says why, in Spanish."""


def _shown(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.relative_to(root).as_posix() or "."
        except ValueError:
            pass
    return str(path)


def _through_symlink(path: Path, trusted: Path | None) -> Path | None:
    """The first component of `path` that is a symlink, or None. The ancestors of `trusted`
    (where the catalogue itself lives) are the user's own business and are not checked."""
    trusted_parts = set(trusted.parents) | {trusted} if trusted is not None else set()
    for component in [path, *path.parents]:
        if component in trusted_parts or component.parent == component:
            continue
        if component.is_symlink():
            return component
    return None


def check_inside(root: Path, relative: str) -> Path:
    """`root / relative`, refused when it would leave the root or any folder on the way is a
    symlink (the file itself is replaced, never written through, by the writers below)."""
    root = Path(os.path.abspath(root))
    target = inside(root, relative)
    linked = _through_symlink(target.parent, root)
    if linked is not None:
        raise OutputError(
            f"{_shown(linked, root)} es un enlace simbólico: no se escribe a través de enlaces."
        )
    return target


def output_file(path: Path, root: Path) -> Path:
    """A file a command was asked to write (a comment, say): refused inside the catalogue's
    own folders or at a path through a symlink, like an output folder."""
    path = Path(os.path.abspath(path))
    root = Path(os.path.abspath(root))
    linked = _through_symlink(path.parent, root)
    if linked is not None:
        raise OutputError(
            f"No se escribe en {_shown(path, root)}: {_shown(linked, root)} es un enlace simbólico."
        )
    _refuse_protected(path.resolve(), root.resolve(), _shown(path, root))
    return path


def inside(folder: Path, relative: str) -> Path:
    """`folder / relative`, refused if `relative` could leave the folder (`..`, an absolute
    path): page paths are made from vocabulary slugs and file names."""
    parts = Path(relative).parts
    if Path(relative).is_absolute() or ".." in parts or not parts:
        raise OutputError(f"«{relative}» no es una ruta dentro de {folder}.")
    return folder / relative


def claim_folder(folder: Path, root: Path | None, *, keep: bool = False) -> Path:
    """Make `folder` the tools' own and return its absolute path: created with the marker if
    it does not exist; emptied (all but the marker) if it has the marker or is empty, unless
    `keep`. Refused: the catalogue root, anything that is, holds or lies inside one of its
    protected folders, a symlink on the way, a file, and a non-empty folder without the
    marker."""
    path = Path(os.path.abspath(folder))
    root = Path(os.path.abspath(root)) if root is not None else None
    linked = _through_symlink(path, root)
    if linked is not None:
        raise OutputError(
            f"No se escribe en {_shown(path, root)}: {_shown(linked, root)} es un enlace "
            "simbólico. Elija una carpeta normal."
        )
    if root is not None:
        _refuse_protected(path.resolve(), root.resolve(), _shown(path, root))
    if path.exists() and not path.is_dir():
        raise OutputError(f"{_shown(path, root)} es un archivo, no una carpeta.")
    marker = path / MARKER
    if path.is_dir():
        entries = os.listdir(path)
        if entries and not (marker.is_file() and not marker.is_symlink()):
            raise OutputError(
                f"{_shown(path, root)} ya existe y no la creó el catálogo (no tiene el archivo "
                f"{MARKER}): no se borra ni se escribe en ella. Elija otra carpeta, o bórrela "
                "usted si está seguro de que no necesita lo que contiene."
            )
        if not keep:
            _empty(path, entries)
    else:
        path.mkdir(parents=True)
    if not marker.is_file():
        write_text(marker, _MARKER_TEXT)
    return path


def _refuse_protected(path: Path, root: Path, shown: str) -> None:
    if path == root or root.is_relative_to(path):
        raise OutputError(
            f"No se escribe en {shown}: es la raíz del catálogo o la contiene. Elija una "
            "carpeta de salida propia, por ejemplo build/."
        )
    for name in PROTECTED:
        protected = root / name
        if path.is_relative_to(protected) or protected.is_relative_to(path):
            raise OutputError(
                f"No se escribe en {shown}: es la carpeta {name}/ del catálogo, está dentro de "
                "ella o la contiene. Elija una carpeta de salida propia, por ejemplo build/."
            )


def _empty(path: Path, entries: list[str]) -> None:
    for name in entries:
        if name == MARKER:
            continue
        entry = path / name
        # rmtree never follows a symlink it meets; a symlink itself is only unlinked.
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def _temporary(target: Path) -> tuple[int, str]:
    """A new file beside the target, opened for writing; created, never reused or followed."""
    while True:
        name = os.path.join(target.parent, f".{target.name}.{os.getpid()}-{next(_counter)}.tmp")
        try:
            # 0o666 and the user's umask, as an ordinary file: published files must be readable.
            return os.open(name, _CREATE, 0o666), name
        except FileExistsError:  # left by a process that died; a fresh number will do
            continue


def write_bytes(target: Path, data: bytes) -> None:
    """Write `target` in one step: a temporary file beside it, then renamed over it. A symlink
    or hard link at `target` is replaced, never written through."""
    descriptor, temporary = _temporary(target)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_text(target: Path, text: str) -> None:
    write_bytes(target, text.encode("utf-8"))


def create_new(target: Path, text: str) -> None:
    """Write a file that must not exist yet, in one step; FileExistsError when it does."""
    descriptor, temporary = _temporary(target)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(text.encode("utf-8"))
        # A link fails when the name is taken, whatever is there: never an overwrite.
        os.link(temporary, target, follow_symlinks=False)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def read_regular(source: Path) -> bytes:
    """A regular file's bytes; a symlink is refused (OSError), never followed."""
    descriptor = os.open(source, os.O_RDONLY | _NO_FOLLOW | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(descriptor, "rb") as handle:
        return handle.read()


def copy_file(source: Path, target: Path) -> None:
    """A copy with its own inode, written in one step."""
    write_bytes(target, read_regular(source))


def link_file(source: Path, target: Path) -> None:
    """`target` becomes another name of a file the tools generated (never a source file of the
    catalogue: those are copied), replacing whatever was there in one step."""
    temporary = os.path.join(target.parent, f".{target.name}.{os.getpid()}-{next(_counter)}.tmp")
    try:
        os.link(source, temporary, follow_symlinks=False)
    except OSError:  # another file system, or one without links
        copy_file(source, target)
        return
    try:
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def first_symlink(folder: Path) -> Path | None:
    """The first symlink found in a folder or below it (the folder itself included)."""
    if folder.is_symlink():
        return folder
    for here, directories, files in os.walk(folder):
        for name in [*directories, *files]:
            if os.path.islink(os.path.join(here, name)):
                return Path(here) / name
    return None


def copy_tree(source: Path, target: Path, root: Path | None = None) -> None:
    """Copy a folder of the catalogue (docs/) into a folder the tools own. A symlink inside it
    is refused: it could publish any file of the machine that builds the site."""
    linked = first_symlink(source)
    if linked is not None:
        raise OutputError(
            f"{_shown(linked, root)} es un enlace simbólico; el sitio solo publica archivos normales."
        )
    for folder, _, files in os.walk(source):
        relative = Path(folder).relative_to(source)
        (target / relative).mkdir(parents=True, exist_ok=True)
        for name in files:
            copy_file(Path(folder) / name, target / relative / name)
