"""The whole catalogue as validated models, for the outputs (site pages and open data), and
`parse_file`, the one place a file's bytes become its document and model: the validator checks
what it returns, and the catalogue is made of it, so `catalogo sitio` parses each file once.

Outputs run after validation has passed; a file that does not validate here is a programming
error upstream, so it raises instead of being skipped silently.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pydantic import ValidationError

from catalogo.core.errors import CatalogoError
from catalogo.core.parallel import process_map
from catalogo.core.text_safety import INVISIBLE_RE
from catalogo.loading.discovery import (
    JOIN_KIND,
    JOIN_TEMPLATE_KIND,
    TEMPLATE_KINDS,
    Entry,
    discover,
    read_bytes,
)
from catalogo.loading.events import load_events
from catalogo.loading.reader import MAX_BYTES, SourceDocument, read_document
from catalogo.loading.yaml_tree import double_quoted_scalars
from catalogo.model import Problem, Solution
from catalogo.model.event import Event
from catalogo.model.join import Join, is_join
from catalogo.model.vocabularies import Comuna, Vocabularies


class CatalogueError(CatalogoError):
    """A file could not be loaded as a valid model."""


@dataclass(frozen=True, slots=True)
class ProblemEntry:
    problem: Problem
    body: str
    source: str  # path relative to the root, e.g. problems/maipu/reclamos.md
    comuna: Comuna
    # The file's bytes as read: published as its download, byte for byte, without reading it
    # again (and never as a link to the file itself).
    raw: bytes = b""

    @property
    def slug(self) -> str:
        return PurePosixPath(self.source).stem


@dataclass(frozen=True, slots=True)
class JoinEntry:
    """A comuna's file that joins a problem of another comuna (`comparte`)."""

    join: Join
    body: str
    source: str
    comuna: Comuna
    raw: bytes = b""

    @property
    def slug(self) -> str:
        return PurePosixPath(self.source).stem


@dataclass(frozen=True, slots=True)
class SolutionEntry:
    solution: Solution
    body: str
    source: str

    @property
    def slug(self) -> str:
        return PurePosixPath(self.source).stem


@dataclass(slots=True)
class Catalogue:
    vocabularies: Vocabularies
    problems: list[ProblemEntry] = field(default_factory=list)
    solutions: list[SolutionEntry] = field(default_factory=list)
    # The programme's workshops and hackathons (eventos.yml), in the file's order.
    events: list[Event] = field(default_factory=list)
    # Comunas that joined a problem of another comuna, by their own id.
    joins: list[JoinEntry] = field(default_factory=list)
    _by_id: dict[str, ProblemEntry] = field(default_factory=dict, repr=False)
    _joins_by_problem: dict[str, list[JoinEntry]] = field(default_factory=dict, repr=False)
    _joins_by_comuna: dict[str, list[JoinEntry]] = field(default_factory=dict, repr=False)
    _solutions_by_problem: dict[str, list[SolutionEntry]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.index()

    def index(self) -> None:
        """Sort and index the entries; call after adding any."""
        self.problems.sort(key=lambda entry: entry.problem.problem_id)
        self.solutions.sort(key=lambda entry: entry.slug)
        self._by_id = {entry.problem.problem_id: entry for entry in self.problems}
        # A join's comunas in the order of their names, so every listing of them agrees.
        self.joins.sort(key=lambda entry: (entry.comuna.name, entry.join.join_id))
        self._joins_by_problem, self._joins_by_comuna = {}, {}
        for join in self.joins:
            self._joins_by_problem.setdefault(join.join.shared, []).append(join)
            self._joins_by_comuna.setdefault(join.join.comuna, []).append(join)
        self._solutions_by_problem = {}
        for entry in self.solutions:
            for problem_id in entry.solution.problems:
                self._solutions_by_problem.setdefault(problem_id, []).append(entry)

    def problem(self, problem_id: str) -> ProblemEntry | None:
        return self._by_id.get(problem_id)

    def joins_of(self, problem_id: str) -> list[JoinEntry]:
        """The comunas that joined this problem, by comuna name."""
        return self._joins_by_problem.get(problem_id, [])

    def joins_in(self, comuna: str) -> list[JoinEntry]:
        """The joins a comuna (its slug) wrote, by id of the problem they share."""
        return sorted(self._joins_by_comuna.get(comuna, []), key=lambda e: e.join.shared)

    def comunas_of(self, problem_id: str) -> int:
        """How many comunas have this problem: its own and those that joined it."""
        return 1 + len(self.joins_of(problem_id))

    def solutions_for(self, problem_id: str) -> list[SolutionEntry]:
        return self._solutions_by_problem.get(problem_id, [])

    def solutions_for_any(self, problems: list[ProblemEntry]) -> list[SolutionEntry]:
        """The solutions that point at any of these problems, each once, in catalogue order."""
        found = {id(s): s for p in problems for s in self.solutions_for(p.problem.problem_id)}
        return sorted(found.values(), key=lambda entry: entry.slug)

    def only_comuna(self, comuna: str) -> Catalogue:
        """The problems of one comuna and the solutions that point at any of them."""
        return self._only([entry for entry in self.problems if entry.problem.comuna == comuna])

    def only_region(self, region_cut: str) -> Catalogue:
        """The problems of the comunas of one region (by its code, «05») and the solutions that
        point at any of them."""
        return self._only(
            [entry for entry in self.problems if entry.comuna.region_cut == region_cut]
        )

    def only_theme(self, theme: str) -> Catalogue:
        """The problems with one theme among theirs and the solutions that point at any of them."""
        return self._only([entry for entry in self.problems if theme in entry.problem.themes])

    def _only(self, problems: list[ProblemEntry]) -> Catalogue:
        # Joins to the problems kept stay: they belong on those problems' pages. A comuna's
        # own joins to a problem outside the scope are left out with that problem.
        ids = {entry.problem.problem_id for entry in problems}
        joins = [j for j in self.joins if j.join.shared in ids]
        return Catalogue(
            self.vocabularies,
            problems,
            self.solutions_for_any(problems),
            list(self.events),
            joins,
        )


# The model each kind of file holds; the template is a problem with its blanks.
MODELS = {
    "problema": Problem,
    "plantilla": Problem,
    "solucion": Solution,
    "plantilla-solucion": Solution,
    JOIN_KIND: Join,
    JOIN_TEMPLATE_KIND: Join,
}
# A file in a comuna's folder (or a template beside them) is a join when it says `comparte`.
_JOIN_KINDS = {"problema": JOIN_KIND, "plantilla": JOIN_TEMPLATE_KIND}


def kind_of_document(kind: str, data: object) -> str:
    """The kind a file's front matter makes it: a problem's file that names the problem it
    shares (`comparte`) is a join, checked and loaded as one."""
    return _JOIN_KINDS.get(kind, kind) if is_join(data) else kind


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """A file read once: its document, and its front matter as a model, or why it is none."""

    document: SourceDocument
    model: Problem | Solution | Join | None = None
    # The model's complaint about the front matter, which the validator explains field by field.
    error: ValidationError | None = None
    # The kind the front matter makes the file (a join is found by its content, not its path).
    kind: str = ""

    @property
    def publishable(self) -> Problem | Solution | Join | None:
        """The model, when nothing in the file keeps it from being published."""
        document = self.document
        if self.model is None or document.issues or _invisible(document):
            return None
        return self.model


def parse_file(raw: bytes, kind: str, vocabularies: Vocabularies, size: int | None = None):
    """The bytes of a catalogue file of this kind as its document and model."""
    document = read_document(raw, size)
    kind = kind_of_document(kind, document.data)
    if document.data is None:
        return ParsedFile(document, kind=kind)
    try:
        model = MODELS[kind].model_validate(document.data, context={"vocabularios": vocabularies})
    except ValidationError as error:
        return ParsedFile(document, error=error, kind=kind)
    return ParsedFile(document, model, kind=kind)


def _read_model(
    root: Path, vocabularies: Vocabularies, entry: Entry
) -> tuple[Problem | Solution | Join | None, str, bytes]:
    """One file as its model, its body and its bytes; no model when it does not validate."""
    try:
        raw, _ = read_bytes(root, entry.path, MAX_BYTES)
        parsed = parse_file(raw, entry.kind, vocabularies)
        return parsed.publishable, parsed.document.body, raw
    # Whatever the reason, the file is not published; `catalogo validar` says why.
    except Exception:
        return None, "", b""


def _invisible(document: SourceDocument) -> bool:
    """Control or format characters, in the text or from YAML escapes: `catalogo validar`
    refuses them (CAT013); checked again here so that no output can ever receive one."""
    if document.invisible:
        return True
    scalars = double_quoted_scalars(document.root) if document.root is not None else ()
    return any(INVISIBLE_RE.search(node.value) for node in scalars)


def load_catalogue(root: Path, vocabularies: Vocabularies) -> Catalogue:
    entries = [entry for entry in discover(root).entries if entry.kind not in TEMPLATE_KINDS]
    loaded = process_map(functools.partial(_read_model, root, vocabularies), entries)
    catalogue = catalogue_of(vocabularies, [entry.path for entry in entries], loaded)
    catalogue.events = load_events(root, vocabularies)
    return catalogue


def catalogue_of(
    vocabularies: Vocabularies,
    paths: list[str],
    loaded: list[tuple[Problem | Solution | Join | None, str, bytes]],
) -> Catalogue:
    """The catalogue of these files (templates left out), from each one's publishable model,
    body and bytes."""
    catalogue = Catalogue(vocabularies)
    for path, (model, body, raw) in zip(paths, loaded, strict=True):
        if model is None:
            raise CatalogueError(f"{path} no es válido: ejecute «catalogo validar».")
        if isinstance(model, Problem):
            comuna = vocabularies.comunas[model.comuna]
            catalogue.problems.append(ProblemEntry(model, body, path, comuna, raw))
        elif isinstance(model, Join):
            comuna = vocabularies.comunas[model.comuna]
            catalogue.joins.append(JoinEntry(model, body, path, comuna, raw))
        else:
            catalogue.solutions.append(SolutionEntry(model, body, path))
    catalogue.index()
    return catalogue


def problem_id_of(raw: bytes) -> str | None:
    """The `id` a problem file's front matter gives, as the model reads it (without blanks
    around it); None when it has none or cannot be read."""
    try:
        data = read_document(raw).data
    except Exception:  # an unreadable file holds no id
        return None
    problem_id = data.get("id") if isinstance(data, dict) else None
    return problem_id.strip() if isinstance(problem_id, str) else None


def _problem_id(root: Path, entry: Entry) -> str | None:
    try:
        raw, _ = read_bytes(root, entry.path, MAX_BYTES)
    except OSError:
        return None
    return problem_id_of(raw)


def problem_ids(root: Path) -> list[str]:
    """The `id` of every problem file that has one, as its front matter says (a line that
    merely looks like `id: ...` in a body or a comment is not one)."""
    entries = [entry for entry in discover(root).entries if entry.kind == "problema"]
    found = process_map(functools.partial(_problem_id, root), entries)
    return [problem_id for problem_id in found if problem_id is not None]


@dataclass(frozen=True, slots=True)
class Head:
    """What a problem's or a join's front matter says of where it belongs, as written."""

    path: str
    problem_id: str | None
    comuna: str | None
    shares: str | None  # a join's `comparte`; None for a problem


def _text(data: dict, key: str) -> str | None:
    value = data.get(key)
    return value.strip() if isinstance(value, str) else None


def _head(root: Path, entry: Entry) -> Head | None:
    try:
        raw, _ = read_bytes(root, entry.path, MAX_BYTES)
        data = read_document(raw).data
    except Exception:  # an unreadable file says nothing
        return None
    if not isinstance(data, dict):
        return None
    shares = _text(data, "comparte") if is_join(data) else None
    return Head(entry.path, _text(data, "id"), _text(data, "comuna"), shares)


def catalogue_heads(root: Path) -> list[Head]:
    """The id, comuna and shared problem of every problem's and join's file, in path order:
    what `desde-issue` checks a new join against."""
    entries = [entry for entry in discover(root).entries if entry.kind == "problema"]
    found = process_map(functools.partial(_head, root), entries)
    return [head for head in found if head is not None]
