"""`map` over forked worker processes, for work done once per file of a large catalogue."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import TypeVar

# Below this many items, starting processes costs more than it saves.
PARALLEL_THRESHOLD = 400

T = TypeVar("T")
R = TypeVar("R")
_function: Callable | None = None


def _call(item):
    assert _function is not None
    return _function(item)


def process_map(function: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """`[function(item) for item in items]`, split across the machine's cores when there are
    many items and the system can fork. The workers inherit `function` and everything it
    refers to (the catalogue, the vocabularies) instead of receiving them pickled; only the
    items and the results cross between processes."""
    global _function
    workers = min(os.cpu_count() or 1, 8)
    if (
        len(items) < PARALLEL_THRESHOLD
        or workers < 2
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return [function(item) for item in items]
    chunk = max(16, len(items) // (workers * 8))
    # The objects made per item form no reference cycles, so reference counting frees them;
    # the cyclic collector would only rescan the long-lived catalogue and vocabularies.
    gc_was_enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    _function = function
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(_call, items, chunksize=chunk)
    finally:
        _function = None
        if gc_was_enabled:
            gc.enable()
        gc.unfreeze()
