"""Results of unchanged files, kept between runs so a 10,000-file catalogue revalidates fast.

A file's result depends only on its path, its bytes, the validator's code and the vocabularies,
so that is the key: any change to one of them is a miss. The cache lives outside the catalogue
(the validator never writes there) and is only an optimisation: any problem reading or writing
it means the files are checked as if it were empty.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from catalogo.core.codes import Code
from catalogo.validation import clock
from catalogo.validation.cross_file import FileResult, FileSummary, Reference
from catalogo.validation.diagnostics import Diagnostic, Severity

FORMAT = 3
# Libraries whose upgrade can change a finding (phone number ranges, licence lists, Markdown).
_DEPENDENCIES = (
    "pydantic",
    "pydantic-core",
    "PyYAML",
    "markdown-it-py",
    "python-stdnum",
    "phonenumbers",
    "license-expression",
)


def default_directory() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "catalogo"


def fingerprint(schema_dir: Path) -> str:
    """Changes whenever the validator's code, its dependencies, the vocabularies or the day
    change."""
    # Today's date too: a date after today is a finding only until that day comes.
    digest = hashlib.blake2b(f"{FORMAT}|{sys.version}|{clock.today()}".encode(), digest_size=16)
    for name in _DEPENDENCIES:
        try:
            digest.update(f"|{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"|{name}=?".encode())
    # The validator and what it reads from below it: the model's examples and section lists
    # (CAT067, CAT060) are part of the rules as much as the checks are.
    validation = Path(__file__).resolve().parent
    package = validation.parent
    folders = [(package / name, "**/*.py") for name in ("core", "loading", "model")]
    for folder, pattern in (*folders, (validation, "**/*.py"), (schema_dir, "*")):
        for path in sorted(folder.glob(pattern)):
            if path.is_file() and not path.is_symlink():
                digest.update(
                    path.relative_to(folder.parent).as_posix().encode() + b"\0" + path.read_bytes()
                )
    return digest.hexdigest()


def file_key(path: str, kind: str, raw: bytes) -> str:
    return hashlib.blake2b(f"{kind}\0{path}\0".encode() + raw, digest_size=20).hexdigest()


def _encode(result: FileResult) -> list:
    summary = result.summary
    return [
        [
            [d.line, d.column, d.code, d.severity.value, d.message, d.hint]
            for d in result.diagnostics
        ],
        [
            summary.problem_id,
            summary.id_line,
            summary.id_column,
            [[r.target, r.line, r.column] for r in summary.references],
            summary.comuna,
            # A join is told apart by its content: its kind is part of what was found.
            summary.kind,
            [s.target, s.line, s.column] if (s := summary.shares) else None,
            summary.indicators,
            [[r.target, r.line, r.column] for r in summary.results],
        ],
    ]


def _typed(values: list, *types: type) -> list:
    """`values` when it is a list of exactly these types (bool is no int here); ValueError
    otherwise: a cache file is read from disk and may have been damaged or edited."""
    if (
        not isinstance(values, list)
        or len(values) != len(types)
        or not all(type(v) is t for v, t in zip(values, types, strict=True))
    ):
        raise ValueError("entrada de caché con otra forma")
    return values


def _decode(path: str, kind: str, entry: list) -> FileResult:
    diagnostics, summary = _typed(entry, list, list)
    problem_id, id_line, id_column, references, comuna, found_kind, shares, names, results = (
        summary if isinstance(summary, list) else [0]
    )
    if not all(value is None or isinstance(value, str) for value in (problem_id, comuna)):
        raise ValueError("entrada de caché con otra forma")
    _typed([found_kind], str)
    _typed([id_line, id_column, references, names, results], int, int, list, list, list)
    if not all(isinstance(name, str) for name in names):
        raise ValueError("entrada de caché con otra forma")
    return FileResult(
        [
            Diagnostic(path, line, column, code, Severity(severity), message, hint)
            for line, column, code, severity, message, hint in (
                _typed(d, int, int, str, str, str, str) for d in diagnostics
            )
        ],
        FileSummary(
            path,
            found_kind,
            problem_id,
            id_line,
            id_column,
            [Reference(*_typed(reference, str, int, int)) for reference in references],
            comuna,
            None if shares is None else Reference(*_typed(shares, str, int, int)),
            names,
            [Reference(*_typed(result, str, int, int)) for result in results],
        ),
    )


class ResultCache:
    def __init__(self, file: Path, fingerprint: str) -> None:
        self.file = file
        self.fingerprint = fingerprint
        self.entries: dict[str, list] = {}
        self.used: dict[str, list] = {}
        self.hits = 0
        try:
            stored = json.loads(file.read_text(encoding="utf-8"))
        # RecursionError: JSON nested thousands deep, which a damaged file can be.
        except (OSError, ValueError, RecursionError):
            return
        if (
            isinstance(stored, dict)
            and stored.get("formato") == FORMAT
            and stored.get("huella") == fingerprint
            and isinstance(stored.get("archivos"), dict)
        ):
            self.entries = stored["archivos"]

    @classmethod
    def for_catalogue(cls, directory: Path, root: Path, schema_dir: Path) -> ResultCache:
        name = hashlib.blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
        return cls(directory / f"validar-{name}.json", fingerprint(schema_dir))

    def peek(self, key: str, path: str, kind: str) -> FileResult | None:
        """The stored result, without counting it as used: worker processes look results up
        in the cache they inherited, and the parent then `keep`s the ones they used."""
        entry = self.entries.get(key)
        if entry is None:
            return None
        try:
            return _decode(path, kind, entry)
        except (ValueError, TypeError):  # a damaged entry is a miss: the file is checked again
            return None

    def keep(self, key: str) -> None:
        self.used[key] = self.entries[key]
        self.hits += 1

    def put(self, key: str, result: FileResult) -> None:
        # A result that reports a fault of the validator is not worth keeping.
        if not any(d.code == Code.INTERNAL for d in result.diagnostics):
            self.used[key] = _encode(result)

    def save(self) -> None:
        """Keep exactly the entries of this run: deleted and changed files drop out."""
        if self.used.keys() == self.entries.keys():
            return
        document = {"formato": FORMAT, "huella": self.fingerprint, "archivos": self.used}
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(
                dir=self.file.parent, prefix=".validar-", suffix=".tmp"
            )
            with os.fdopen(handle, "w", encoding="utf-8") as output:
                json.dump(document, output, ensure_ascii=False, separators=(",", ":"))
            os.replace(temporary, self.file)
        except OSError:
            pass
