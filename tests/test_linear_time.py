"""Every check runs in linear time: no pattern and no file under the size cap can stall a run.

The strings and files come from devtools.adversarial (`make bench` prints the slowest). Times
are generous for a busy machine: a linear check takes milliseconds where these allow a tenth of
a second or seconds, and a quadratic one takes far longer than that.
"""

from __future__ import annotations

import re

import pytest
from devtools.adversarial import (
    adversarial_files,
    inline_patterns,
    pattern_attacks,
    slowest_patterns,
    time_file,
    time_pattern,
)

from catalogo.core.parallel import process_map
from catalogo.loading.reader import MAX_BYTES

SIZE = 8_000  # characters per adversarial string: a linear pattern takes about a millisecond
PATTERN_SECONDS = 0.06
FILE_SECONDS = 5.0

# Patterns this package once had, each quadratic on contributed text (a heading with a long run
# of spaces, `[` without `]`, a tag-like `<a` and spaces, `](` and spaces before `data:`, an
# issue heading, a `correo:` line, an address's user part). The generator must find each one
# slow, or the test of the current patterns would prove nothing.
ONCE_QUADRATIC = {
    "encabezado": r"^ {0,3}(?:(?P<fence>`{3,}|~{3,}).*|(?P<hashes>#{1,6})(?:[ \t]+(?P<title>.*?))?(?:[ \t]+#+)?[ \t]*)$",
    "enlace": r"!?\[([^\]]*)\]\([^)]*\)",
    "marcas": r"^[ \t]{0,3}(?:#{1,6}|>|[-*+]|\d{1,9}[.)])[ \t]+|[*_`~|]+|^[ \t]*[-:| ]{3,}$",
    "etiqueta": r"<\s*/?\s*[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?\s*>|<!--",
    "data": r"(?i)(?:\]\(\s*<?|\]:\s*<?|<|href\s*=\s*[\"']?)\s*data\s*:",
    "pregunta": r"^### (.+?)\s*$",
    "correo": r"[ \t]*correo[ \t]*:[ \t]*[\"']?$",
    "usuario": r"[A-Za-z0-9._%+-]+$",
}  # fmt: skip


def test_every_pattern_is_a_module_constant():
    """So that the adversarial test below sees every pattern of the package."""
    assert inline_patterns() == []


def test_every_pattern_stays_linear_on_its_own_worst_strings():
    slow = [row for row in slowest_patterns(SIZE) if row[0] > PATTERN_SECONDS]
    assert slow == []


@pytest.mark.parametrize("name", sorted(ONCE_QUADRATIC))
def test_the_generator_finds_the_patterns_that_once_stalled_the_catalogue(name):
    pattern = re.compile(ONCE_QUADRATIC[name], re.MULTILINE)
    worst = 0.0
    # Twice the size the catalogue's patterns are held to: a quadratic pattern takes four times
    # as long there, so the demonstration does not hang on how fast the machine is (at SIZE
    # itself one of them measured 0.053 s against the 0.06 s limit on a fast, idle machine).
    for text in pattern_attacks(pattern, 2 * SIZE):
        worst = max(worst, time_pattern(pattern, text))
        if worst > PATTERN_SECONDS:
            break
    assert worst > PATTERN_SECONDS


FILES = adversarial_files()


def test_the_adversarial_files_are_at_the_size_cap():
    assert all(MAX_BYTES * 0.9 < len(raw) <= MAX_BYTES for raw in FILES.values())


def test_no_file_under_the_size_cap_is_slow_to_validate_or_to_build():
    names = sorted(FILES)
    timings = process_map(lambda name: time_file(FILES[name]), names)
    slow = {
        name: seconds
        for name, seconds in zip(names, timings, strict=True)
        if max(seconds.values()) > FILE_SECONDS
    }
    assert slow == {}
