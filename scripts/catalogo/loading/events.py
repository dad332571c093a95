"""Read the programme's events file (`eventos.yml` at the catalogue's root) into its model.

The file is catalogue content, like problems/ and solutions/: it names their ids, so it is
checked with them (file:line:col findings), not as configuration under schema/.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from catalogo.core.errors import CatalogoError
from catalogo.loading.discovery import read_bytes
from catalogo.loading.reader import MAX_BYTES, SourceDocument, read_yaml_file
from catalogo.model.event import Event, EventsFile
from catalogo.model.vocabularies import Vocabularies

EVENTS_FILE = "eventos.yml"


class EventsError(CatalogoError):
    """The events file does not validate; `catalogo validar` says where."""


@dataclass(frozen=True, slots=True)
class ParsedEvents:
    document: SourceDocument
    model: EventsFile | None = None
    error: ValidationError | None = None


def has_events(root: Path) -> bool:
    # A symlink is reported by discovery and never read.
    path = root / EVENTS_FILE
    return path.is_file() and not path.is_symlink()


def parse_events(raw: bytes, vocabularies: Vocabularies, size: int | None = None) -> ParsedEvents:
    document = read_yaml_file(raw, size)
    if document.data is None:
        return ParsedEvents(document)
    try:
        model = EventsFile.model_validate(document.data, context={"vocabularios": vocabularies})
    except ValidationError as error:
        return ParsedEvents(document, error=error)
    return ParsedEvents(document, model)


def read_events(root: Path, vocabularies: Vocabularies) -> ParsedEvents | None:
    """The events file as read and parsed, or None when the catalogue has none."""
    if not has_events(root):
        return None
    raw, size = read_bytes(root, EVENTS_FILE, MAX_BYTES)
    return parse_events(raw, vocabularies, size)


def load_events(root: Path, vocabularies: Vocabularies) -> list[Event]:
    """The events, for the site (after validation); none when the catalogue has no file."""
    try:
        parsed = read_events(root, vocabularies)
    except OSError as error:
        raise EventsError(
            f"No se pudo leer {EVENTS_FILE}: {os.strerror(error.errno or 0)}."
        ) from None
    return [] if parsed is None else events_of(parsed)


def events_of(parsed: ParsedEvents) -> list[Event]:
    """The events of a file already read and parsed (by validation, say)."""
    if parsed.model is None or parsed.document.issues or parsed.document.invisible:
        raise EventsError(f"{EVENTS_FILE} no es válido: ejecute «catalogo validar».")
    return list(parsed.model.events)
