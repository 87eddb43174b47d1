"""Shared fixtures: the built site, a local HTTP server, the real nginx with the generated
configuration, and headless Debian Chromium with a guard that records (and blocks) any request
leaving the machine, and records Content-Security-Policy violations.

The site is built by ./scripts/test before pytest starts; if site/ is missing, it is built here.
"""
from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
sys.path.insert(0, str(ROOT / "scripts"))

from sitelib import load_languages  # noqa: E402

LANGS = load_languages()
CODES = [lang.code for lang in LANGS]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


# What a temporary copy of the project needs to build and test itself.
PROJECT_FILES = ("docs", "overrides", "scripts", "mkdocs.yml", "headers.yml", "requirements.txt")


def copy_project(target: Path, extra: tuple = ()) -> Path:
    """Copy the project (PROJECT_FILES and `extra`, e.g. "tests") into target; return target."""
    for name in PROJECT_FILES + tuple(extra):
        src = ROOT / name
        (shutil.copytree(src, target / name, ignore=shutil.ignore_patterns("__pycache__"))
         if src.is_dir() else shutil.copy(src, target / name))
    return target


def translated_pages(code: str, root: Path = ROOT) -> list[Path]:
    """The pages a language has translated (docs/<code>/**/*.md, not the includes)."""
    folder = root / "docs" / code
    return sorted(p for p in folder.rglob("*.md") if p.relative_to(folder).parts[0] != "includes")


def search_words(lang) -> tuple[str, ...]:
    """What the tests search one language's site for: its `search_words` in docs/languages.yml.
    A language with no translated page yet (just added) has no words of its own: its pages are
    the English ones, so it is searched for the English words, and the results must still stay
    inside its own site. A language with translated pages and no search_words gets () and the
    tests say what to add."""
    if lang.search_words:
        return tuple(lang.search_words)
    return () if translated_pages(lang.code) else tuple(LANGS[0].search_words)


def built_pages(code: str) -> list[str]:
    """Every page of one language's site, as a path relative to site/ ('es/standards/standard-1/')."""
    out = []
    for f in sorted((SITE / code).rglob("index.html")):
        out.append(f.parent.relative_to(SITE).as_posix() + "/")
    return out


@pytest.fixture(scope="session", autouse=True)
def site():
    if not (SITE / "index.html").is_file():
        subprocess.run([sys.executable, str(ROOT / "scripts" / "build_site.py")], check=True, cwd=ROOT)
    return SITE


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve(directory: Path):
    handler = functools.partial(_QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


@pytest.fixture(scope="session")
def server(site):
    httpd, url = _serve(site)
    yield url
    httpd.shutdown()


# Pages removed from every translation in the partial copy below: the real translations may be
# complete, and the English fallback (notice, lang="en", tooltips, menu marks) must still work.
FALLBACK_PAGES = ["about.md", "glossary.md", "evidence/measuring.md", "models/case-studies.md",
                  "standards/scope.md", "standards/typology.md"]


@pytest.fixture(scope="session")
def partial(tmp_path_factory):
    """A built copy of the project in which every translation lacks FALLBACK_PAGES: returns its
    root (docs/ and site/ inside). Only the languages built in site/ are built there."""
    root = tmp_path_factory.mktemp("partial")
    for name in ("docs", "overrides", "scripts", "mkdocs.yml", "headers.yml", "requirements.txt"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
    for lang in LANGS[1:]:
        for md in FALLBACK_PAGES:
            (root / "docs" / lang.code / md).unlink(missing_ok=True)
    built = [arg for code in CODES if (SITE / code / "index.html").is_file() for arg in ("--lang", code)]
    proc = subprocess.run([sys.executable, str(root / "scripts" / "build_site.py"), "--no-downloads", *built],
                          cwd=root, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root


@pytest.fixture(scope="session")
def partial_server(partial):
    httpd, url = _serve(partial / "site")
    yield url
    httpd.shutdown()


@pytest.fixture(scope="session")
def nginx(site, tmp_path_factory):
    """Debian's nginx on 127.0.0.1 with build/nginx/site.conf, as ./scripts/serve --nginx runs it."""
    import serve_nginx
    port = serve_nginx.free_port()
    try:
        proc = serve_nginx.start(port, tmp_path_factory.mktemp("nginx"))
    except serve_nginx.ServeError as err:
        pytest.fail(f"{err}", pytrace=False)
    yield f"http://127.0.0.1:{port}/"
    serve_nginx.stop(proc)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: browser tests cannot run. Fix: apt-get install chromium "
                    "(./scripts/test does this when run as root).", pytrace=False)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _is_local(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in ("file", "data", "blob", "about"):
        return True
    return parsed.hostname == "127.0.0.1"


# Runs in every page before its own scripts: reports each Content-Security-Policy violation.
REPORT_VIOLATIONS = """document.addEventListener("securitypolicyviolation", e => window.__cspViolation(
  `${location.pathname}: ${e.effectiveDirective} blocked ${e.blockedURI || "?"} (line ${e.lineNumber}): ${e.sample}`));"""


class GuardedPage:
    """A Playwright page whose requests off 127.0.0.1 are blocked and recorded, with console errors
    and warnings, and Content-Security-Policy violations (securitypolicyviolation events)."""

    def __init__(self, browser, block: bool = True, **context_args):
        """block=False records requests off the machine without routing them: for a page whose
        requests stay open, as MkDocs' live reload (a long poll) does; routed, such a request can
        hold up navigation and the context's closing in Playwright."""
        self.context = browser.new_context(**context_args)
        self.external: list[str] = []
        self.console_errors: list[str] = []
        self.console_warnings: list[str] = []
        self.csp_violations: list[str] = []
        if block:
            self.context.route("**/*", self._route)
        self.context.expose_function("__cspViolation", lambda text: self.csp_violations.append(text))
        self.context.add_init_script(REPORT_VIOLATIONS)
        self.page = self.context.new_page()
        if not block:
            self.page.on("request", lambda r: None if _is_local(r.url) else self.external.append(r.url))
        self.page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        self.page.on("console", lambda m: m.type == "warning" and self.console_warnings.append(m.text))
        self.page.on("pageerror", lambda e: self.console_errors.append(str(e)))

    def _route(self, route):
        if _is_local(route.request.url):
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def close(self):
        self.context.close()


@pytest.fixture
def guarded(browser):
    pages = []

    def make(**context_args) -> GuardedPage:
        gp = GuardedPage(browser, **context_args)
        pages.append(gp)
        return gp

    yield make
    for gp in pages:
        gp.close()
