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

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.cyaml import CParser
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"

# Each pattern is a subset of what PyYAML's YAML 1.1 resolver treats as non-text, so anything
# yaml.safe_dump writes unquoted reads back here as the same value.
_BOOL_RE = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT_RE = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT_RE = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*(?:[eE][-+][0-9]+)?|\.[0-9]+)$")
_NULL_RE = re.compile(r"^(?:~|null|Null|NULL|)$")

MAX_DEPTH = 32


class _CoreResolver(BaseResolver):
    pass


_CoreResolver.add_implicit_resolver(BOOL, _BOOL_RE, list("tTfF"))
_CoreResolver.add_implicit_resolver(INT, _INT_RE, list("-+0123456789"))
_CoreResolver.add_implicit_resolver(FLOAT, _FLOAT_RE, list("-+0123456789."))
_CoreResolver.add_implicit_resolver(NULL, _NULL_RE, ["~", "n", "N", ""])


class _NodeLoader(CParser, _CoreResolver):
    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)
        _CoreResolver.__init__(self)


@dataclass(frozen=True, slots=True)
class YamlIssue:
    """A problem found while reading YAML; line and column are 0-based within the YAML text."""

    kind: str  # "syntax", "duplicate", "alias", "unsupported"
    line: int
    column: int
    detail: str
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class YamlTree:
    data: Any = None
    root: Node | None = None
    issues: list[YamlIssue] = field(default_factory=list)


def parse(text: str) -> YamlTree:
    tree = YamlTree()
    if ("&" in text or "*" in text) and _find_aliases(text, tree):
        return tree
    loader = _NodeLoader(text)
    try:
        tree.root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line, mark.column) if mark else (0, 0)
        tree.issues.append(YamlIssue("syntax", line, column, error.problem or str(error)))
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
    def __init__(self, issues: list[YamlIssue]) -> None:
        self.issues = issues

    def _issue(self, kind: str, node: Node, detail: str, **extra: Any) -> None:
        mark = node.start_mark
        self.issues.append(YamlIssue(kind, mark.line, mark.column, detail, extra))

    def build(self, node: Node, depth: int) -> Any:
        if depth > MAX_DEPTH:
            self._issue("unsupported", node, "anidamiento")
            return None
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if isinstance(node, SequenceNode):
            if node.tag != SEQ:
                self._issue("unsupported", node, node.tag)
            return [self.build(child, depth + 1) for child in node.value]
        if isinstance(node, MappingNode):
            if node.tag != MAP:
                self._issue("unsupported", node, node.tag)
            return self._mapping(node, depth)
        self._issue("unsupported", node, type(node).__name__)
        return None

    def _mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self._issue("unsupported", key_node, "clave")
                continue
            key = key_node.value
            if key in first_line:
                self._issue("duplicate", key_node, key, first_line=first_line[key])
                continue
            first_line[key] = key_node.start_mark.line
            result[key] = self.build(value_node, depth + 1)
        return result

    def _scalar(self, node: ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if tag == STR:
            return value
        if tag == BOOL and _BOOL_RE.match(value):
            return value.lower() == "true"
        if tag == INT and _INT_RE.match(value):
            return int(value)
        if tag == FLOAT and _FLOAT_RE.match(value):
            return float(value)
        if tag == NULL and _NULL_RE.match(value):
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
            match = next((pair for pair in node.value if pair[0].value == step), None)
            if match is None:
                break
            key_node, node = match
        elif isinstance(node, SequenceNode) and isinstance(step, int) and step < len(node.value):
            key_node, node = None, node.value[step]
        else:
            break
        found += 1
    return key_node, node, found
