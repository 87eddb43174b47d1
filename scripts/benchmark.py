"""Print the site's weight against its budgets (a report, not a test). Run after ./scripts/build:
    .venv/bin/python scripts/benchmark.py [--lighthouse]

Serves site/ on 127.0.0.1 with gzip (the .gz copies the build writes, as a host with
precompressed files would), loads pages in headless Chromium and adds up the bytes transferred:
  - a typical page's first visit, everything it loads before the reader searches (budget 110 KB);
  - a second page with a warm cache (budget 15 KB);
  - each language's search index, compressed, counted separately (budget 150 KB; Material fetches
    it in the background after the page has loaded, on every first visit);
  - the offline ZIP and PDF of each language (budget 3 MB each).
With --lighthouse, also runs Lighthouse (npm package `lighthouse`, found via npx in /tmp/lh or on
PATH) in mobile mode with simulated slow 4G on three pages.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from sitelib import ROOT, load_languages

SITE = ROOT / "site"
BUDGETS = {"first": 110, "second": 15, "index": 150, "zip": 3072, "pdf": 3072}
PAGES = ["standards/standard-1/", "evidence/reviews/", "key-messages/"]


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serve file.gz with Content-Encoding: gzip when the client accepts it."""

    def log_message(self, *a):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        gz = path.with_name(path.name + ".gz")
        if "gzip" in self.headers.get("Accept-Encoding", "") and gz.is_file():
            f = open(gz, "rb")
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(gz.stat().st_size))
            self.send_header("Cache-Control", "max-age=3600")
            self.end_headers()
            return f
        return super().send_head()

    def end_headers(self):
        if not any(h.startswith(b"Cache-Control") for h in getattr(self, "_headers_buffer", [])):
            self.send_header("Cache-Control", "max-age=3600")
        super().end_headers()


def serve():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(SITE)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def transfer(page, url: str) -> tuple[int, int]:
    """Bytes transferred loading url in a fresh tab (not counting the search index), and the index's."""
    sizes = []
    page.on("requestfinished", lambda r: sizes.append((r.url, r.sizes())))
    page.goto(url, wait_until="networkidle")
    total = index = 0
    for u, s in sizes:
        n = s["responseBodySize"] + s["responseHeadersSize"]
        if "search_index" in u:
            index += n
        else:
            total += n
    return total, index


def row(name, kb, budget):
    flag = "ok" if kb <= budget else "OVER BUDGET"
    print(f"  {name:48} {kb:8.1f} KB   budget {budget:5d} KB   {flag}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lighthouse", action="store_true")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright
    httpd, base = serve()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        for lang in load_languages():
            print(f"{lang.code} ({lang.name})")
            ctx = browser.new_context()
            page = ctx.new_page()
            first, index = transfer(page, f"{base}{lang.code}/{PAGES[0]}")
            row(f"first visit, {PAGES[0]}", first / 1024, BUDGETS["first"])
            for path in ("standards/standard-2/", PAGES[1]):   # a typical page, then the heaviest
                second, _ = transfer(ctx.new_page(), f"{base}{lang.code}/{path}")
                row(f"second page, warm cache, {path}", second / 1024, BUDGETS["second"])
            gz = SITE / lang.code / "search" / "search_index.json.gz"
            row("search index (gzip)", gz.stat().st_size / 1024, BUDGETS["index"])
            for kind in ("zip", "pdf"):
                f = SITE / "downloads" / f"perpetrator-interventions-{lang.code}.{kind}"
                if f.is_file():
                    row(f"download {f.name}", f.stat().st_size / 1024, BUDGETS[kind])
            ctx.close()
        browser.close()
    if args.lighthouse:
        lighthouse(base)
    httpd.shutdown()
    return 0


def lighthouse(base: str, runs: int = 3) -> None:
    """Lighthouse scores vary from run to run on a busy machine: run each page `runs` times and
    print the median run (by performance score) with the metrics behind it."""
    exe = shutil.which("lighthouse") or "/tmp/lh/node_modules/.bin/lighthouse"
    if not Path(exe).exists():
        print("Lighthouse not found: npm install lighthouse (in /tmp/lh) to run it.")
        return
    flags = ("--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
             "--disable-component-update --disable-sync")
    for path in PAGES:
        results = []
        for _ in range(runs):
            out = subprocess.run([exe, f"{base}en/{path}", "--output=json", "--quiet",
                                  f"--chrome-flags={flags}", "--form-factor=mobile",
                                  "--throttling-method=simulate"],
                                 capture_output=True, text=True,
                                 env=dict(os.environ, CHROME_PATH="/usr/bin/chromium"))
            try:
                results.append(json.loads(out.stdout))
            except ValueError:
                print(f"  lighthouse {path}: failed: {out.stderr.strip()[-300:]}")
        if not results:
            continue
        results.sort(key=lambda r: r["categories"]["performance"]["score"])
        lhr = results[len(results) // 2]
        scores = ", ".join(f"{k} {round(v['score'] * 100)}" for k, v in lhr["categories"].items())
        perf = sorted(round(r["categories"]["performance"]["score"] * 100) for r in results)
        audits = lhr["audits"]
        metrics = ", ".join(f"{name} {audits[key]['displayValue']}" for name, key in (
            ("FCP", "first-contentful-paint"), ("LCP", "largest-contentful-paint"),
            ("TBT", "total-blocking-time"), ("CLS", "cumulative-layout-shift"), ("SI", "speed-index")))
        print(f"  lighthouse en/{path} (median of {len(results)}; performance runs {perf}): {scores}")
        print(f"      {metrics}")


if __name__ == "__main__":
    sys.exit(main())
