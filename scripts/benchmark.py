"""Print the site's weight against its budgets, side by side with plain Material (a report, not a
test). Run after ./scripts/build:
    .venv/bin/python scripts/benchmark.py [--lighthouse] [--runs 5]

The anchor: plain Material for MkDocs (default configuration, fonts off, the language's theme
language) built on the same page's Markdown, one small site per page, in build/anchor/. Both are
served from 127.0.0.1 with gzip (the .gz copies, as a host with precompressed files would) and
loaded in headless Chromium; the server adds up the bytes it sends (headers and bodies, so a file
the browser has cached costs nothing):
  - a typical page's first visit, everything it loads before the reader searches (budget 80 KB,
    and at most 1.15 times plain Material's first visit of the same content, which includes the
    search index and worker that Material loads with every page);
  - a second page with a warm cache: a typical one (budget 10 KB), evidence/reviews (15 KB);
  - each language's search index, compressed, loaded only when the reader searches (150 KB);
  - the offline ZIP and PDF of each language (3 MB each).
With --lighthouse, also runs Lighthouse (npm package `lighthouse`, in /tmp/lh or on PATH; mobile,
simulated slow 4G) on three pages in English and Arabic, this site and plain Material alternately,
--runs times each (default 5), and prints the median run of each with its metrics (budgets:
performance, accessibility, best practices and SEO 100; total blocking time 100 ms).
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
from pathlib import Path

from sitelib import DOCS, ROOT, load_languages

SITE = ROOT / "site"
ANCHOR = ROOT / "build" / "anchor"
BUDGETS = {"first": 80, "ratio": 1.15, "second": 10, "second-reviews": 15, "index": 150, "zip": 3072,
           "pdf": 3072, "tbt": 100}
FIRST = "standards/standard-1/"
SECOND = "standards/standard-2/"
REVIEWS = "evidence/reviews/"
LIGHTHOUSE_PAGES = [FIRST, "key-messages/", REVIEWS]
LIGHTHOUSE_LANGS = ["en", "ar"]


class CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Serve file.gz with Content-Encoding: gzip when the client accepts it, and count the bytes
    sent (status line, headers and body) in the server's `sent` list."""

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
            self.end_headers()
            self._count(gz.stat().st_size)
            return f
        f = super().send_head()
        if f is not None and hasattr(f, "fileno"):
            self._count(os.fstat(f.fileno()).st_size)
        return f

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=3600")
        self._header_bytes = sum(len(h) for h in self._headers_buffer) + 2
        super().end_headers()

    def _count(self, body: int):
        self.server.sent.append((self.path, getattr(self, "_header_bytes", 0) + body))


def serve(folder: Path):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(CountingHandler, directory=str(folder)))
    httpd.sent = []
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def source(code: str, page: str) -> Path:
    """The Markdown of a page in a language (its English source where it is not translated)."""
    md = page.rstrip("/") + ".md"
    own = DOCS / code / md
    return own if own.is_file() else DOCS / "en" / md


def build_anchor(code: str, page: str) -> Path:
    """Plain Material, default configuration with fonts off, on one page's Markdown; returns the
    folder served (the page is its home page)."""
    import gzip
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    root = ANCHOR / code / page.strip("/").replace("/", "-")
    docs = root / "docs"
    shutil.rmtree(root, ignore_errors=True)
    docs.mkdir(parents=True)
    shutil.copy(source(code, page), docs / "index.md")
    (root / "mkdocs.yml").write_text(
        f"site_name: Plain Material\ntheme:\n  name: material\n  language: {code}\n  font: false\n",
        encoding="utf-8")
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    build(config)
    for path in (root / "site").rglob("*"):    # .gz copies, as scripts/compress.py writes for the site
        if path.suffix in (".html", ".css", ".js", ".json", ".svg", ".xml", ".map"):
            path.with_name(path.name + ".gz").write_bytes(gzip.compress(path.read_bytes(), 9, mtime=0))
    return root / "site"


def transfer(httpd, page, url: str) -> float:
    """KB the server sent while page loaded url, until the network was idle."""
    httpd.sent.clear()
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(1000)   # the favicon and anything else that comes after the load
    return sum(n for _, n in httpd.sent) / 1024


def row(name, value, budget, unit="KB"):
    flag = "ok" if value <= budget else "OVER BUDGET"
    print(f"  {name:50} {value:8.2f} {unit:2}  budget {budget:7g} {unit:2}  {flag}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lighthouse", action="store_true")
    ap.add_argument("--runs", type=int, default=5, help="Lighthouse runs of each page, each side")
    args = ap.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    import logging
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    from playwright.sync_api import sync_playwright
    langs = load_languages()
    anchors = {(lang.code, page): build_anchor(lang.code, page)
               for lang in langs for page in {FIRST} | (set(LIGHTHOUSE_PAGES) if lang.code in LIGHTHOUSE_LANGS else set())}
    ours, base = serve(SITE)
    plain, plain_base = serve(ANCHOR)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        for lang in langs:
            print(f"{lang.code} ({lang.name})")
            ctx = browser.new_context()
            first = transfer(ours, ctx.new_page(), f"{base}{lang.code}/{FIRST}")
            anchor_ctx = browser.new_context()
            anchor_site = anchors[(lang.code, FIRST)].relative_to(ANCHOR).as_posix()
            anchor = transfer(plain, anchor_ctx.new_page(), f"{plain_base}{anchor_site}/")
            anchor_ctx.close()
            row(f"first visit, {FIRST}", first, BUDGETS["first"])
            print(f"  {'  plain Material, same content (index and worker included)':50} {anchor:8.2f} KB")
            row("  ratio to plain Material", first / anchor, BUDGETS["ratio"], "x")
            for path, budget in ((SECOND, "second"), (REVIEWS, "second-reviews")):
                second = transfer(ours, ctx.new_page(), f"{base}{lang.code}/{path}")
                row(f"second page, warm cache, {path}", second, BUDGETS[budget])
            ctx.close()
            gz = SITE / lang.code / "search" / "search_index.json.gz"
            row("search index (gzip), loaded when the reader searches", gz.stat().st_size / 1024, BUDGETS["index"])
            for kind in ("zip", "pdf"):
                f = SITE / "downloads" / f"perpetrator-interventions-{lang.code}.{kind}"
                if f.is_file():
                    row(f"download {f.name}", f.stat().st_size / 1024, BUDGETS[kind])
        browser.close()
    if args.lighthouse:
        lighthouse(base, plain_base, anchors, args.runs)
    ours.shutdown()
    plain.shutdown()
    return 0


def _lighthouse_once(exe: str, url: str) -> dict | None:
    flags = ("--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
             "--disable-component-update --disable-sync")
    out = subprocess.run([exe, url, "--output=json", "--quiet", f"--chrome-flags={flags}",
                          "--form-factor=mobile", "--throttling-method=simulate"],
                         capture_output=True, text=True, env=dict(os.environ, CHROME_PATH="/usr/bin/chromium"))
    try:
        return json.loads(out.stdout)
    except ValueError:
        print(f"  lighthouse {url}: failed: {out.stderr.strip()[-300:]}")
        return None


def _summary(results: list[dict]) -> str:
    """The median run by performance score, with its scores and metrics, and the spread."""
    results = sorted(results, key=lambda r: (r["categories"]["performance"]["score"],
                                             -r["audits"]["total-blocking-time"]["numericValue"]))
    lhr = results[len(results) // 2]
    a = lhr["audits"]
    scores = " ".join(f"{k[:4]} {round(v['score'] * 100)}" for k, v in lhr["categories"].items())
    perf = [round(r["categories"]["performance"]["score"] * 100) for r in results]
    tbt = sorted(round(r["audits"]["total-blocking-time"]["numericValue"]) for r in results)
    kb = a["total-byte-weight"]["numericValue"] / 1024
    return (f"{scores} | TBT {a['total-blocking-time']['displayValue']} (runs {tbt[0]}-{tbt[-1]}, median "
            f"{statistics.median(tbt):.0f} ms) LCP {a['largest-contentful-paint']['displayValue']} "
            f"FCP {a['first-contentful-paint']['displayValue']} CLS {a['cumulative-layout-shift']['displayValue']} "
            f"| {kb:.1f} KB | performance runs {perf}")


def lighthouse(base: str, plain_base: str, anchors: dict, runs: int) -> None:
    """Lighthouse varies from run to run on a busy machine: each page runs `runs` times, this site
    and plain Material alternately (so both see the same load), and the median run of each is
    printed."""
    exe = shutil.which("lighthouse") or "/tmp/lh/node_modules/.bin/lighthouse"
    if not Path(exe).exists():
        print("Lighthouse not found: npm install lighthouse (in /tmp/lh) to run it.")
        return
    print(f"Lighthouse (mobile, simulated slow 4G; median of {runs} runs each, alternating; "
          f"budgets: all scores 100, TBT {BUDGETS['tbt']} ms)")
    for code in LIGHTHOUSE_LANGS:
        for path in LIGHTHOUSE_PAGES:
            anchor_site = anchors[(code, path)].relative_to(ANCHOR).as_posix()
            mine, theirs = [], []
            for _ in range(runs):
                for results, url in ((mine, f"{base}{code}/{path}"), (theirs, f"{plain_base}{anchor_site}/")):
                    lhr = _lighthouse_once(exe, url)
                    if lhr:
                        results.append(lhr)
            print(f"  {code}/{path}")
            if mine:
                print(f"    this site:      {_summary(mine)}")
            if theirs:
                print(f"    plain Material: {_summary(theirs)}")


if __name__ == "__main__":
    sys.exit(main())
