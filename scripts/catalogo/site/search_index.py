"""Search: one short page per problem for Pagefind to index, and Pagefind itself, which runs
while the rest of the site is generated (it needs only those pages) and writes its index
beside the docs; the catalogue's MkDocs plugin links it into the built site."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

# A body's Markdown as plain words: what Pagefind indexes and quotes in its excerpts.
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(
    r"^[ \t]{0,3}(?:#{1,6}|>|[-*+]|\d{1,9}[.)])[ \t]+|[*_`~|]+|^[ \t]*[-:| ]{3,}$", re.M
)
SEARCH_LOG = "Índice de búsqueda creado por Pagefind en"  # `make bench` reads the time after it


class SearchIndexError(Exception):
    """Pagefind failed; the message has its output."""


def plain_text(markdown: str) -> str:
    return _MARKS.sub(" ", _LINK.sub(r"\1", markdown))


class SearchIndex:
    def __init__(self, records: Path, output: Path) -> None:
        self.records, self.output = records, output
        self._process: subprocess.Popen | None = None
        self._start = 0.0

    def start(self) -> None:
        shutil.rmtree(self.output, ignore_errors=True)
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
