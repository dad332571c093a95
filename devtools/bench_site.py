"""The site half of `make bench`: the full `make site` pipeline on synthetic catalogues, the
HTML per problem page, and what a visitor's browser downloads for one search and for Explorar."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from catalogo.loading.vocabularies import DEFAULT_SCHEMA_DIR
from catalogo.model.vocabularies import Vocabularies
from catalogo.site.maps import MAPS_LOG
from catalogo.site.search_index import SEARCH_LOG
from devtools.synthetic import write_catalogue

REPO = Path(__file__).resolve().parents[1]
STEPS = {
    # `catalogo sitio` validates first (cold: the cache folder is new), then runs Pagefind while
    # it writes the pages: the step's time includes both, and Pagefind's own time is shown
    # apart, not added again.
    "sitio": ["catalogo", "sitio"],
    "mkdocs": ["mkdocs", "build", "--strict"],
}
_SEARCH_TIME = re.compile(re.escape(SEARCH_LOG) + r" ([0-9.]+) s")
_MAPS_TIME = re.compile(re.escape(MAPS_LOG) + r" ([0-9.]+) s")


def prepare_catalogue(root: Path, vocabularies: Vocabularies, size: int) -> None:
    write_catalogue(root, vocabularies, size)
    shutil.copytree(DEFAULT_SCHEMA_DIR, root / "schema")
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copytree(REPO / "overrides", root / "overrides")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")


def build_times(root: Path) -> tuple[dict[str, float], float, float]:
    """Seconds per `make site` step, and Pagefind's and the maps' seconds within the `sitio`
    step."""
    environment = {**os.environ, "XDG_CACHE_HOME": str(root / ".cache")}
    times = {}
    search = maps = float("nan")
    for step, command in STEPS.items():
        start = time.perf_counter()
        finished = subprocess.run(
            [sys.executable, "-m", *command],
            cwd=root,
            env=environment,
            check=True,
            capture_output=True,
            text=True,
        )
        times[step] = time.perf_counter() - start
        if found := _SEARCH_TIME.search(finished.stdout + finished.stderr):
            search = float(found.group(1))
        if found := _MAPS_TIME.search(finished.stdout + finished.stderr):
            maps = float(found.group(1))
    return times, search, maps


def page_sizes(site: Path) -> tuple[float, int]:
    sizes = [page.stat().st_size for page in (site / "problemas").glob("*/*/index.html")]
    return statistics.mean(sizes), max(sizes)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *arguments) -> None:
        pass


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """A built site served on 127.0.0.1 at a free port; yields its base URL."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder))
    )
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="sitio-http", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def browser_payloads(site: Path, browser=None) -> dict[str, float]:
    """Bytes one search query downloads (after the page), how long until results show, and
    Explorar's first load in bytes. Needs Debian's Chromium and Playwright; `browser` is an
    open Playwright browser to use instead of starting one."""
    with serve_folder(site) as base:
        if browser is not None:
            return _measure(browser, base)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            own = playwright.chromium.launch(
                executable_path="/usr/bin/chromium",
                headless=True,
                args=["--no-sandbox", "--disable-gpu"],
            )
            try:
                return _measure(own, base)
            finally:
                own.close()


_TIME_FIRST_RESULT = """() => {
  document.querySelector("input.md-search__input")
    .addEventListener("input", () => { window.__tecleo = performance.now(); });
  new MutationObserver((_, observer) => {
    if (document.querySelector(".md-search-result__item")) {
      window.__primero = performance.now();
      observer.disconnect();
    }
  }).observe(document.body, { subtree: true, childList: true });
}"""


def _measure(browser, base: str) -> dict[str, float]:
    context = browser.new_context()
    try:
        page = context.new_page()
        transferred: list[int] = []
        page.on(
            "requestfinished",
            lambda request: transferred.append(request.sizes()["responseBodySize"]),
        )
        page.goto(base, wait_until="networkidle")
        transferred.clear()
        # Timed inside the page, from the typed text's input event to the first result on
        # screen: Playwright's own round trips would add half a second that no visitor waits.
        page.evaluate(_TIME_FIRST_RESULT)
        page.locator("input.md-search__input").click()
        page.locator("input.md-search__input").fill("recoleccion")
        page.locator(".md-search-result__item").first.wait_for(timeout=30_000)
        shown = page.evaluate("() => (window.__primero - window.__tecleo) / 1000")
        page.wait_for_load_state("networkidle")
        search_bytes = sum(transferred)
        explorar = context.new_page()
        loaded: list[int] = []
        explorar.on(
            "requestfinished", lambda request: loaded.append(request.sizes()["responseBodySize"])
        )
        explorar.goto(base + "explorar/", wait_until="networkidle")
        explorar.locator(".explorar-resultados > li").first.wait_for(timeout=30_000)
        explorar.wait_for_load_state("networkidle")
    finally:
        context.close()
    return {
        "search_kb": search_bytes / 1024,
        "search_seconds": shown,
        "explorar_kb": sum(loaded) / 1024,
    }


def main(sizes: list[int]) -> int:
    from catalogo.loading.vocabularies import load_vocabularies

    vocabularies = load_vocabularies()
    rows = []
    map_seconds = []
    with_browser = Path("/usr/bin/chromium").exists()
    for size in sizes:
        root = Path(os.environ.get("TMPDIR", "/tmp")) / f"catalogo-bench-sitio-{size}"
        shutil.rmtree(root, ignore_errors=True)
        prepare_catalogue(root, vocabularies, size)
        times, search, maps = build_times(root)
        mean, largest = page_sizes(root / "site")
        payloads = browser_payloads(root / "site") if with_browser else {}
        rows.append((size, times, search, mean, largest, payloads))
        map_seconds.append((size, maps))
        shutil.rmtree(root, ignore_errors=True)
    print(
        "make site completo (sitio que valida en frío, con Pagefind en paralelo; mkdocs), segundos:"
    )
    print(
        f"{'problemas':>10} {'sitio':>7} {'mkdocs':>8} {'(pagefind)':>10} {'total':>8}"
        f" {'KB/página':>10} {'máx KB':>7} {'búsqueda KB':>12} {'búsqueda s':>11} {'Explorar KB':>12}"
    )
    for size, times, search, mean, largest, payloads in rows:
        print(
            f"{size:>10} {times['sitio']:>7.1f} {times['mkdocs']:>8.1f}"
            f" {search:>10.1f} {sum(times.values()):>8.1f} {mean / 1024:>10.1f} {largest / 1024:>7.1f}"
            f" {payloads.get('search_kb', float('nan')):>12.0f} {payloads.get('search_seconds', float('nan')):>11.2f}"
            f" {payloads.get('explorar_kb', float('nan')):>12.0f}"
        )
    for size, seconds in map_seconds:
        print(f"Mapas con {size} problemas: {seconds:.1f} s dentro de «sitio» (meta < 10 s).")
    if len(rows) > 1:
        ratio = sum(rows[-1][1].values()) / sum(rows[0][1].values())
        print(
            f"Razón {rows[-1][0]}/{rows[0][0]} del total: {ratio:.1f}x (meta ≤ 12x); meta total < 60 s con 10.000."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main([int(size) for size in sys.argv[1:]] or [1_000, 10_000]))
