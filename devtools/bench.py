"""`make bench`: time `catalogo validar` as a whole process on synthetic catalogues.

Cold runs (`--sin-cache`) check every file, as CI does on a fresh machine; warm runs reuse the
results of unchanged files, as a second run on the same machine does.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from catalogo.loading.vocabularies import DEFAULT_SCHEMA_DIR, load_vocabularies
from devtools.synthetic import write_catalogue

SIZES = (1_000, 10_000)
RUNS = 3
GOAL_SECONDS = 2.0


def _median_seconds(root: Path, cache_home: Path, *extra: str) -> float:
    command = [
        sys.executable,
        "-m",
        "catalogo",
        "validar",
        "--raiz",
        str(root),
        "--formato",
        "json",
        *extra,
    ]
    environment = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        completed = subprocess.run(
            command, capture_output=True, text=True, check=False, env=environment
        )
        timings.append(time.perf_counter() - start)
        errors = json.loads(completed.stdout)["errores"]
        if errors:
            raise SystemExit(
                f"El catálogo sintético de {root.name} problemas tiene {errors} errores."
            )
    return statistics.median(timings)


def main() -> int:
    vocabularies = load_vocabularies()
    rows = []
    with tempfile.TemporaryDirectory(prefix="catalogo-bench-") as temporary:
        for size in SIZES:
            root = Path(temporary) / str(size)
            write_catalogue(root, vocabularies, size)
            shutil.copytree(DEFAULT_SCHEMA_DIR, root / "schema")
            megabytes = sum(p.stat().st_size for p in root.rglob("*.md")) / 1e6
            cache_home = Path(temporary) / f"cache-{size}"
            cold = _median_seconds(root, cache_home, "--sin-cache")
            _median_seconds(root, cache_home)  # fills the cache
            warm = _median_seconds(root, cache_home)
            rows.append((size, megabytes, cold, warm))
    print(
        f"catalogo validar, proceso completo, mediana de {RUNS} corridas, {os.cpu_count()} núcleos"
    )
    print(
        f"{'problemas':>10} {'MB':>6} {'en frío (s)':>12} {'ms/problema':>12} {'con caché (s)':>14}"
    )
    for size, megabytes, cold, warm in rows:
        print(
            f"{size:>10} {megabytes:>6.1f} {cold:>12.2f} {1000 * cold / size:>12.3f} {warm:>14.2f}"
        )
    (small, *_), (large, _, large_cold, large_warm) = rows[0], rows[-1]
    print(f"Razón {large}/{small} en frío: {large_cold / rows[0][2]:.1f}x.")
    for label, seconds in (("en frío", large_cold), ("con caché", large_warm)):
        verdict = "cumplida" if seconds < GOAL_SECONDS else "NO cumplida"
        print(
            f"Meta < {GOAL_SECONDS:.0f} s con {large} problemas {label}: {verdict} ({seconds:.2f} s)."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
