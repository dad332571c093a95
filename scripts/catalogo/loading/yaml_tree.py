"""YAML front matter to Python values, keeping the node tree to point at lines and columns.

libyaml (PyYAML's CParser) composes the node tree; the values are built here rather than by
PyYAML's constructors so that:
- scalars follow YAML 1.2's core schema: `no`, `off`, `sí` stay text, and dates stay text for
  the model to parse (YAML 1.1 would turn `estado: no` into False and `titulo: 2025-06-12`
  into a date);
- a duplicate key is a finding instead of a silent overwrite;
- anchors and aliases are refused before anything could expand them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.cyaml import CParser
from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"

# Each pattern is a subset of what PyYAML's YAML 1.1 resolver treats as non-text, so anything
# yaml.safe_dump writes unquoted reads back here as the same value.
_INT_RE = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT_RE = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*(?:[eE][-+][0-9]+)?|\.[0-9]+)$")

MAX_DEPTH = 32
# More digits than any count the model holds. Python refuses to convert integers of more than
# 4,300 digits (and converting long ones costs quadratic time): they are a finding, not a value.
MAX_INT_DIGITS = 18


_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = frozenset(("true", "True", "TRUE", "false", "False", "FALSE"))
_NUMBER_START = frozenset("-+0123456789.")


class _NodeLoader(CParser):
    """libyaml's composer with a YAML 1.2 core resolver.

    `resolve` runs once per scalar from C, so it is kept to a few comparisons: PyYAML's
    generic Resolver costs more than the whole C parse of a typical front matter.
    """

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                if value in _NULLS:
                    return NULL
                first = value[0]
                if first in _NUMBER_START:
                    if _INT_RE.match(value):
                        return INT
                    if _FLOAT_RE.match(value):
                        return FLOAT
                elif value in _BOOLS:
                    return BOOL
            return STR
        return SEQ if kind is SequenceNode else MAP

    def descend_resolver(self, current_node: Node | None, current_index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


@dataclass(frozen=True, slots=True)
class YamlIssue:
    """A problem found while reading YAML; line and column are 0-based within the YAML text."""

    kind: str  # "syntax", "duplicate", "alias", "unsupported", "number"
    line: int
    column: int
    detail: str
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class YamlTree:
    data: Any = None
    root: Node | None = None
    issues: list[YamlIssue] = field(default_factory=list)
    # After a syntax error (`recover`): the tree holds only the entries that could be read.
    partial: bool = False
    # The 0-based line from which nothing more was read, when recovery gave up (MAX_BROKEN).
    unread_from: int | None = None


def parse(text: str) -> YamlTree:
    tree = YamlTree()
    if ("&" in text or "*" in text) and _find_aliases(text, tree):
        return tree
    loader = _NodeLoader(text)
    try:
        tree.root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        problem = error.problem or str(error)
        mark = error.problem_mark or error.context_mark
        # At the end of the text, the place where the unclosed thing opened says more.
        if "end of stream" in problem and error.context_mark is not None:
            mark = error.context_mark
        line, column = (mark.line, mark.column) if mark else (0, 0)
        character = text[mark.index] if mark and mark.index < len(text) else ""
        tree.issues.append(YamlIssue("syntax", line, column, problem, {"character": character}))
        return tree
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position)
        column = error.position - (text.rfind("\n", 0, error.position) + 1)
        code = ord(error.character) if isinstance(error.character, str) else error.character
        detail = f"control:{code:04X}" if isinstance(code, int) else "control"
        tree.issues.append(YamlIssue("syntax", line, column, detail))
        return tree
    except yaml.YAMLError as error:
        tree.issues.append(YamlIssue("syntax", 0, 0, str(error)))
        return tree
    finally:
        loader.dispose()
    if tree.root is not None:
        tree.data = _Builder(tree.issues).build(tree.root, 0)
    return tree


# A top-level entry starts at a line that opens with a key and a colon (`titulo:`); every other
# line (indented, a list item, a comment, the rest of a quoted text) belongs to the entry above.
_ENTRY_RE = re.compile(r"^[^\W\d][\w.-]*[ \t]*:(?=[ \t\n]|\Z)", re.MULTILINE)
# Broken entries reported before recovery stops: a file broken on every line needs rewriting,
# not a finding per line.
MAX_BROKEN = 50


def recover(text: str, failed: YamlTree) -> YamlTree:
    """After `failed`, a parse of `text` that stopped at a syntax error: the text read again
    from the entry after each broken one, so that every broken entry is reported at its own
    line and the entries that read well are checked (the tree is `partial`).

    Each read stops at the next error and the entries before it are read once more on their
    own, so the work is linear in the text (and in the number of errors, at most MAX_BROKEN)."""
    syntax = [issue for issue in failed.issues if issue.kind == "syntax"]
    if failed.root is not None or not syntax or syntax[0].detail.startswith("control"):
        return failed
    starts, lines = [0], [0]
    for match in _ENTRY_RE.finditer(text):
        if match.start() > 0:
            lines.append(lines[-1] + text.count("\n", starts[-1], match.start()))
            starts.append(match.start())
    tree = YamlTree(issues=list(failed.issues), partial=True)
    pairs: list[tuple[Node, Node]] = []
    first, current, broken = 0, failed, 1
    while True:
        issue = next((i for i in current.issues if i.kind == "syntax"), None)
        if current.root is not None or issue is None:
            if current is not failed:
                _keep(current, starts[first], lines[first], pairs, tree.issues)
            break
        if current is not failed:
            tree.issues.append(_shifted(issue, lines[first]))
        line = issue.line + lines[first]
        entry = max(first, bisect.bisect_right(lines, line) - 1)
        if entry > first:
            before = parse(text[starts[first] : starts[entry]])
            _keep(before, starts[first], lines[first], pairs, tree.issues)
        first = entry + 1
        if first >= len(starts):
            break
        if broken >= MAX_BROKEN:
            tree.unread_from = lines[first]
            break
        current, broken = parse(text[starts[first] :]), broken + 1
    if pairs:
        tree.root = MappingNode(MAP, pairs, pairs[0][0].start_mark, pairs[-1][1].end_mark)
        tree.data = _Builder(tree.issues).build(tree.root, 0)
    return tree


def _keep(
    part: YamlTree, offset: int, line: int, pairs: list[tuple[Node, Node]], issues: list
) -> None:
    """The entries of a part read on its own, moved to where the part is in the text."""
    if type(part.root) is MappingNode:
        _shift(part.root, offset, line)
        pairs.extend(part.root.value)  # their duplicates and numbers are found when rebuilt
    else:  # a part that is not entries, or one that is still broken: only its issues count
        issues.extend(_shifted(issue, line) for issue in part.issues)


def _shifted(issue: YamlIssue, line: int) -> YamlIssue:
    return YamlIssue(issue.kind, issue.line + line, issue.column, issue.detail, issue.extra)


def _shift(root: Node, offset: int, line: int) -> None:
    """Move every mark of a tree parsed from a slice of the text to its place in the text
    (a slice starts at a line's start, so columns stay)."""
    pending = [root]
    while pending:
        node = pending.pop()
        # libyaml's marks cannot be changed: each node gets moved copies.
        start, end = node.start_mark, node.end_mark
        node.start_mark = Mark(
            start.name, start.index + offset, start.line + line, start.column, None, None
        )
        node.end_mark = Mark(end.name, end.index + offset, end.line + line, end.column, None, None)
        if type(node) is SequenceNode:
            pending.extend(node.value)
        elif type(node) is MappingNode:
            for key, value in node.value:
                pending += (key, value)


def _find_aliases(text: str, tree: YamlTree) -> bool:
    """Report every anchor and alias; True when there were any (the tree is then not built)."""
    try:
        for event in yaml.parse(text, Loader=_NodeLoader):
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark
                tree.issues.append(YamlIssue("alias", mark.line, mark.column, event.anchor or ""))
            elif getattr(event, "anchor", None):
                mark = event.start_mark
                tree.issues.append(YamlIssue("anchor", mark.line, mark.column, event.anchor))
    except yaml.YAMLError:
        # A syntax error is reported by the full parse that follows, at its own mark.
        return False
    return bool(tree.issues)


class _Builder:
    """Nodes to values. Scalars are handled inline: this loop runs for every node of every
    file, and a call per scalar doubles its cost."""

    def __init__(self, issues: list[YamlIssue]) -> None:
        self.issues = issues

    def _issue(self, kind: str, node: Node, detail: str, **extra: Any) -> None:
        mark = node.start_mark
        self.issues.append(YamlIssue(kind, mark.line, mark.column, detail, extra))

    def build(self, node: Node, depth: int) -> Any:
        kind = type(node)
        if kind is ScalarNode:
            return node.value if node.tag == STR else self._scalar(node)
        if depth > MAX_DEPTH:
            self._issue("unsupported", node, "anidamiento")
            return None
        if kind is MappingNode:
            if node.tag != MAP:
                self._issue("unsupported", node, node.tag)
            return self._mapping(node, depth)
        if node.tag != SEQ:
            self._issue("unsupported", node, node.tag)
        build = self.build
        return [
            child.value
            if type(child) is ScalarNode and child.tag == STR
            else build(child, depth + 1)
            for child in node.value
        ]

    def _mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                self._issue("unsupported", key_node, "clave")
                continue
            key = key_node.value
            if key in result:
                self._issue("duplicate", key_node, key, first_line=first_lines[key])
                continue
            first_lines[key] = key_node.start_mark.line
            if type(value_node) is ScalarNode and value_node.tag == STR:
                result[key] = value_node.value
            else:
                result[key] = self.build(value_node, depth + 1)
        return result

    def _scalar(self, node: ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if tag == BOOL and value in _BOOLS:
            return value.lower() == "true"
        if tag == INT and _INT_RE.match(value):
            digits = len(value.lstrip("+-"))
            if digits > MAX_INT_DIGITS:
                self._issue("number", node, str(digits))
                return None
            return int(value)
        if tag == FLOAT and _FLOAT_RE.match(value):
            return float(value)
        if tag == NULL and value in _NULLS:
            return None
        self._issue("unsupported", node, tag)
        return value


def locate(root: Node | None, path: tuple[Any, ...]) -> tuple[Node | None, Node | None, int]:
    """Follow a path of keys and indexes from the root.

    Returns (key node, value node, how many path steps were found). When the path ends early
    (a missing key) the value node is the deepest node reached, so a finding can point at the
    mapping where the key is missing.
    """
    node, key_node, found = root, None, 0
    for step in path:
        if isinstance(node, MappingNode) and isinstance(step, str):
            match = _keys(node).get(step)
            if match is None:
                break
            key_node, node = match
        elif isinstance(node, SequenceNode) and isinstance(step, int) and step < len(node.value):
            key_node, node = None, node.value[step]
        else:
            break
        found += 1
    return key_node, node, found


def _keys(node: MappingNode) -> dict[str, tuple[Node, Node]]:
    """The mapping's keys, indexed on first use and kept on the node: a file with thousands of
    findings would otherwise scan its mapping once per finding."""
    index = getattr(node, "catalogo_keys", None)
    if index is None:
        index = {}
        for pair in node.value:
            if type(pair[0]) is ScalarNode:
                index.setdefault(pair[0].value, pair)  # the first of duplicate keys, as read
        node.catalogo_keys = index
    return index


def double_quoted_scalars(root: Node) -> Iterator[ScalarNode]:
    """The tree's double-quoted scalars: the only ones whose escapes (`"\\e"`, `"\\x3c"`)
    can give a value a character that the file's text does not show."""
    pending = [root]
    while pending:
        node = pending.pop()
        if type(node) is ScalarNode:
            if node.style == '"':
                yield node
        elif type(node) is SequenceNode:
            pending.extend(node.value)
        elif type(node) is MappingNode:
            for key, value in node.value:
                pending += (key, value)


def text_values(root: Node) -> Iterator[tuple[tuple, ScalarNode]]:
    """Every text value of the tree, in the document's order, with the keys that lead to it
    (a list's items have their list's keys: `("datos", "nombre")`): values as YAML reads them,
    escapes decoded and folded lines joined."""
    pending: list[tuple[tuple, Node]] = [((), root)]
    while pending:
        path, node = pending.pop()
        if type(node) is ScalarNode:
            if node.tag == STR:
                yield path, node
        elif type(node) is SequenceNode:
            pending.extend((path, child) for child in reversed(node.value))
        elif type(node) is MappingNode:
            pending.extend(((*path, key.value), value) for key, value in reversed(node.value))


def string_scalars(root: Node) -> Iterator[tuple[str | None, ScalarNode]]:
    """Every text value of the tree with the nearest key above it (None for the top level)."""
    for path, node in text_values(root):
        yield (path[-1] if path else None), node
