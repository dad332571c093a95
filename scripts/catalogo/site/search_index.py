"""Search: one short page per problem for Pagefind to index, and Pagefind itself, which runs
while the rest of the site is generated (it needs only those pages) and writes its index
beside the docs; the catalogue's MkDocs plugin links it into the built site."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

from catalogo.core.errors import CatalogoError

# A body's Markdown as plain words: what Pagefind indexes and quotes in its excerpts. Each
# repetition stops at a character that could start another match, so no text is scanned twice
# (a run of `[` or of spaces costs its length, not its square).
_LINK = re.compile(r"!?\[([^\[\]\n]*)\]\([^()\n]*\)")
_MARKS = re.compile(
    r"^[ \t]{0,3}(?:#{1,6}|>|[-*+]|[0-9]{1,9}[.)])[ \t]+"  # heading, quote and list marks
    r"|[*_`~|]+"  # emphasis, code and table pipes
    r"|^[ \t]{0,3}[-:|][-:| \t]{2,}$",  # table rules and thematic breaks
    re.M,
)
SEARCH_LOG = "Índice de búsqueda creado por Pagefind en"  # `make bench` reads the time after it


class SearchIndexError(CatalogoError):
    """Pagefind failed; the message has its output."""


def plain_text(markdown: str) -> str:
    return _MARKS.sub(" ", _LINK.sub(r"\1", markdown))


class SearchIndex:
    def __init__(self, records: Path, output: Path) -> None:
        self.records, self.output = records, output
        self._process: subprocess.Popen | None = None
        self._start = 0.0

    def start(self) -> None:
        # `output` lies in the build folder, which `build_site` has just emptied.
        command = [sys.executable, "-m", "pagefind", "--site", str(self.records), "--silent"]
        command += ["--output-path", str(self.output)]
        self._start = time.perf_counter()
        self._process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )

    def finish(self) -> float:
        """Waits for Pagefind; returns how long it took."""
        assert self._process is not None
        messages, _ = self._process.communicate()
        if self._process.returncode != 0:
            raise SearchIndexError(f"Pagefind no pudo crear el índice de búsqueda:\n{messages}")
        return time.perf_counter() - self._start

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.communicate()
