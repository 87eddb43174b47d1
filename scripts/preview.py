"""Live preview of one language, for translators: rebuilds that language each time a file is
saved, and the open page reloads itself (MkDocs' own live reload).

    ./scripts/serve --lang pt          then open http://127.0.0.1:8000/pt/

The other languages are built once, without the downloads, in the background (their language
menus and the "read the English page" links then work); only those missing or built before a
language was added. A failed rebuild keeps the last good preview on screen, with the error (file,
line, fix) in a red box at the top of every page, until the next save fixes it. A change that
builds but that the checks would refuse (a heading id or a link target unlike the English page's)
shows a yellow box instead, with the page kept up to date.
PORT=8001 for another port. Ctrl+C to stop.
"""
from __future__ import annotations

import argparse
import contextlib
import html
import io
import logging
import mimetypes
import os
import posixpath
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

import jinja2  # noqa: E402
import mkdocs.theme  # noqa: E402
from mkdocs.livereload import LiveReloadServer  # noqa: E402

import build_site  # noqa: E402
import check_docs  # noqa: E402
import parity  # noqa: E402
from sitelib import DOCS, ROOT, InputError, load_languages, rel  # noqa: E402

SITE = build_site.SITE
LIVE = ROOT / "build" / "preview"
BANNER = ('<div role="alert" id="preview-error" style="position:sticky;top:0;z-index:1000;background:#fde8e8;'
          'color:#7a1010;border:3px solid #b00020;padding:.8rem 1rem;font:15px/1.45 system-ui,sans-serif;'
          'white-space:pre-wrap;text-align:left" dir="ltr" lang="en"><strong>The last change did not build; '
          'this is the last good preview.</strong> Fix this and save again:\n{}</div>')


class _TemplateCache(jinja2.BytecodeCache):
    """Keeps compiled theme templates between rebuilds (the same process), keyed by their text."""
    store: dict = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.store and bucket.checksum == self.store[bucket.key][0]:
            bucket.code = self.store[bucket.key][1]

    def dump_bytecode(self, bucket):
        self.store[bucket.key] = (bucket.checksum, bucket.code)


_get_env = mkdocs.theme.Theme.get_env


def _cached_env(self):
    env = _get_env(self)
    env.bytecode_cache = _TemplateCache()
    return env


mkdocs.theme.Theme.get_env = _cached_env


CHECKS = ('<div role="status" id="preview-checks" style="background:#fff4d6;color:#4a3500;border:2px solid #b07d00;'
          'padding:.6rem 1rem;font:14px/1.45 system-ui,sans-serif;white-space:pre-wrap;text-align:left" dir="ltr" '
          'lang="en"><strong>This builds, but a check will fail:</strong> fix it before you hand the work back '
          '(scripts/parity.py {code} checks everything).\n{}</div>')


ERROR_PAGE = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Preview: build error</title>'
              '</head><body></body></html>')


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server for /<code>/ (from build/preview/<code>/); every other path
    is served as it is from site/ (the other languages and the language chooser)."""

    def _serve_request(self, environ, start_response):
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        if path.startswith("/livereload/"):
            return super()._serve_request(environ, start_response)
        if (path + "/").startswith(self.mount_path):
            if not os.path.isfile(os.path.join(self.root, "index.html")):   # no good build yet: the error
                with self._epoch_cond:
                    self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
                    epoch = self._visible_epoch
                body = self._inject_js_into_html(ERROR_PAGE.encode(), epoch)
                start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
                return [body]
            return super()._serve_request(environ, start_response)
        target = SITE / posixpath.normpath("/" + path).lstrip("/")
        if target.is_dir():
            if not path.endswith("/"):
                start_response("302 Found", [("Location", urllib.parse.quote(path) + "/")])
                return []
            target = target / "index.html"
        if path == "/" and not target.is_file():
            start_response("302 Found", [("Location", self.mount_path)])
            return []
        if not target.is_file():
            return None
        data = target.read_bytes()
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        start_response("200 OK", [("Content-Type", kind), ("Content-Length", str(len(data)))])
        return [data]

    def _inject_js_into_html(self, content, epoch):
        content = super()._inject_js_into_html(content, epoch)
        error = getattr(self.builder, "error", "")
        checks = getattr(self.builder, "checks", "")
        banner = (BANNER.format(html.escape(error)) if error else
                  CHECKS.replace("{code}", self.builder.code).format(html.escape(checks)) if checks else "")
        if banner:
            at = content.find(b">", content.find(b"<body")) + 1
            content = content[:at] + banner.encode() + content[at:]
        return content


def build_others(code: str, langs) -> subprocess.Popen | None:
    """Start building, in the background, the other languages that are missing from site/ or whose
    language menu lacks a language; None if there is nothing to build."""
    others = [l for l in langs if l.code != code]
    todo = [l for l in others if not (SITE / l.code / "index.html").is_file()]
    todo += [l for l in build_site.stale_switchers(langs, todo + [l for l in langs if l.code == code])
             if l.code != code and l not in todo]
    if not todo:
        return None
    log = ROOT / "build" / "preview-others.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    args = [sys.executable, str(ROOT / "scripts" / "build_site.py"), "--no-downloads"]
    for lang in todo:
        args += ["--lang", lang.code]
    print(f"Building {', '.join(l.code for l in todo)} once, in the background, for the language menu "
          f"and the links to English (log: {rel(log)}).")
    return subprocess.Popen(args, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT)


def _watch_others(proc: subprocess.Popen) -> None:
    code = proc.wait()
    print("The other languages are built: the language menu works." if code == 0 else
          "The other languages did not build: see build/preview-others.log. Your preview still works.",
          flush=True)


class Builder:
    """Builds one language into build/preview/<code>/; keeps the last error for the banner."""

    def __init__(self, code: str):
        self.code = code
        self.error = ""
        self.checks = ""

    def check_pages(self) -> str:
        """What a build does not catch but the checks will: heading ids and link targets that
        differ from the English page (a translated {#id}, a link to a translated file name)."""
        return "\n".join(p for page in parity.translated_pages(self.code) for p in parity.structure(page, self.code))

    def __call__(self):
        started = time.monotonic()
        out = io.StringIO()
        ok = False
        try:
            problems = check_docs.problems()
            if problems:
                out.write("\n".join(f"error: {p}" for p in problems) + "\n")
            else:
                langs = load_languages()
                lang = next(l for l in langs if l.code == self.code)
                with contextlib.redirect_stderr(out):
                    ok = build_site.build_language(lang, langs, "online", LIVE / self.code,
                                                   staging=ROOT / "build" / "staging" / f"preview-{self.code}")
        except InputError as err:
            out.write(f"error: {err}\n")
        except StopIteration:
            out.write(f"error: docs/languages.yml no longer lists {self.code}. Fix: put its entry back.\n")
        if ok:
            self.error = ""
            try:
                self.checks = self.check_pages()
            except (InputError, OSError) as err:
                self.checks = str(err)
            print(f"Built {self.code} in {time.monotonic() - started:.1f} s.", flush=True)
            return True
        lines = [line.strip() for line in out.getvalue().splitlines() if "Aborted with" not in line]
        self.error = "\n".join(line for line in lines if line) or "The build failed (no message)."
        print(self.error, file=sys.stderr)
        print("That change did not build: the preview keeps the last good version and shows this error at "
              "the top of each page. Fix it and save again.", file=sys.stderr, flush=True)
        return False


def main() -> int:
    ap = argparse.ArgumentParser(description="Live preview of one language.")
    ap.add_argument("--lang", required=True, help="the language to preview, e.g. pt")
    ap.add_argument("--no-downloads", action="store_true", help="(the preview never builds the downloads)")
    args = ap.parse_args()
    try:
        langs = load_languages()
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if args.lang not in [l.code for l in langs]:
        print(f"error: docs/languages.yml does not list '{args.lang}'. Fix: add it with "
              f".venv/bin/python scripts/translations.py new-language {args.lang}, or use one of "
              f"{', '.join(l.code for l in langs)}.", file=sys.stderr)
        return 1
    code = args.lang
    port = int(os.environ.get("PORT", "8000"))
    started = time.monotonic()
    others = build_others(code, langs)
    builder = Builder(code)
    print(f"Building {code} ...", flush=True)
    builder()
    server = PreviewServer(builder=builder, host="127.0.0.1", port=port, root=str(LIVE / code),
                           mount_path=f"/{code}/")
    (LIVE / code).mkdir(parents=True, exist_ok=True)
    for path in (DOCS, ROOT / "overrides", ROOT / "mkdocs.yml"):
        server.watch(str(path))
    if others:
        threading.Thread(target=_watch_others, args=(others,), daemon=True).start()
    print(f"\nPreview of {code} ready in {time.monotonic() - started:.1f} s: "
          f"http://127.0.0.1:{port}/{code}/\nSave a file under docs/ and the page reloads with the change. "
          "Ctrl+C to stop.\n", flush=True)
    logging.getLogger("mkdocs.livereload").setLevel(logging.ERROR)   # our own messages say what happens
    try:
        server.serve()
    except KeyboardInterrupt:
        print("Stopped.")
    finally:
        server.shutdown()
        if others and others.poll() is None:
            others.terminate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
