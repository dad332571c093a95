"""`make bench`: time `catalogo validar` as a whole process on synthetic catalogues."""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .synthetic import write_catalogue
from .vocabularies import DEFAULT_SCHEMA_DIR, load_vocabularies

SIZES = (1_000, 10_000)
RUNS = 3
GOAL_SECONDS = 2.0


def _time_validation(root: Path) -> tuple[float, dict]:
    command = [
        sys.executable,
        "-m",
        "catalogo",
        "validar",
        "--raiz",
        str(root),
        "--formato",
        "json",
    ]
    timings, result = [], {}
    for _ in range(RUNS):
        start = time.perf_counter()
        completed = subprocess.run(command, capture_output=True, text=True, check=False)
        timings.append(time.perf_counter() - start)
        result = json.loads(completed.stdout)
    return statistics.median(timings), result


def main() -> int:
    vocabularies = load_vocabularies()
    rows = []
    with tempfile.TemporaryDirectory(prefix="catalogo-bench-") as temporary:
        for size in SIZES:
            root = Path(temporary) / str(size)
            write_catalogue(root, vocabularies, size)
            shutil.copytree(DEFAULT_SCHEMA_DIR, root / "schema")
            megabytes = sum(p.stat().st_size for p in root.rglob("*.md")) / 1e6
            seconds, result = _time_validation(root)
            if result["errores"]:
                print(
                    f"El catálogo sintético de {size} tiene errores: {result['diagnosticos'][:3]}"
                )
                return 1
            rows.append((size, megabytes, seconds))
    print(f"catalogo validar (proceso completo, mediana de {RUNS} corridas)")
    print(f"{'problemas':>10} {'MB':>7} {'segundos':>9} {'ms/problema':>12}")
    for size, megabytes, seconds in rows:
        print(f"{size:>10} {megabytes:>7.1f} {seconds:>9.2f} {1000 * seconds / size:>12.3f}")
    largest = rows[-1]
    ratio = largest[2] / rows[0][2]
    print(
        f"Razón {largest[0]}/{rows[0][0]}: {ratio:.1f}x. Meta con {largest[0]}: < {GOAL_SECONDS:.0f} s → "
        + ("cumplida" if largest[2] < GOAL_SECONDS else "NO cumplida")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
