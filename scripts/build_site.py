"""Build every language of the site with MkDocs: site/<lang>/, site/index.html, site/downloads/.

One MkDocs build per language, all from the English base configuration mkdocs.yml, with the
per-language settings (docs folder, theme language and direction, search stemmer, navigation
section titles, language switcher) taken from docs/languages.yml. Pages a language lacks are
filled in from English by overrides/hooks/i18n.py, with a notice.

The steps run in parallel, one process per core (--jobs): each language's online site, its offline
copy, and the ZIP, PDF and ZIM made from that copy (scripts/make_downloads.py); each step runs once,
and the downloads are not made again when nothing they are made from has changed.
Then the Downloads pages get the list of this build's files, site/index.html is written and every
text file gets a .gz copy (scripts/compress.py).

Run:  ./scripts/build                      (sets up .venv first)
      SITE_URL=https://example.org/ ./scripts/build   (where the site will be served; default
                                                        http://127.0.0.1:8000/, as ./scripts/serve)
      .venv/bin/python scripts/build_site.py [--lang es --lang fr] [--no-downloads] [--csp-meta]
                                             [--jobs N] [--remake-downloads]
After the pages: the security headers for each kind of host (scripts/write_policy.py, which takes
the hashes of the inline scripts with scripts/csp_hashes.py), .gz copies, and a last check that
every inline script is allowed by the policy. --csp-meta also puts the policy in each page as <meta>.
Exit 1 with a list of problems (file, line, fix) when the docs are bad; no traceback.
"""
from __future__ import annotations

import argparse
import copy
import heapq
import logging
import multiprocessing
import os
import re
import shutil
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

import yaml  # noqa: E402
from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import Abort, MkDocsException  # noqa: E402

import check_docs  # noqa: E402
from sitelib import ROOT, InputError, Language, load_languages  # noqa: E402

SITE = ROOT / "site"
BUILD = ROOT / "build"


class _Reporter(logging.Handler):
    """Print MkDocs warnings and errors with the language and the docs path they concern."""

    def __init__(self, lang: Language):
        super().__init__(logging.WARNING)
        self.lang = lang

    def emit(self, record):
        import mkdocs_messages
        msg = mkdocs_messages.explain(record.getMessage(), self.lang.code)
        # The build is strict: a warning stops it, so it is an error to the reader of this line.
        level = "error" if record.levelno >= logging.WARNING else record.levelname.lower()
        print(f"  [{self.lang.code}] {level}: {msg}", file=sys.stderr)


def translate_nav(nav, lang: Language):
    """The English nav with section titles in the given language; page titles come from pages."""
    out = []
    for item in nav:
        if isinstance(item, dict):
            (title, value), = item.items()
            if isinstance(value, list):
                if title not in lang.sections:
                    raise InputError(f"docs/languages.yml ({lang.code}): sections lacks {title!r}. "
                                     "Fix: add it, translated.")
                out.append({lang.sections[title]: translate_nav(value, lang)})
            else:
                out.append(item)
        else:
            out.append(item)
    return out


def mkdocs_config(lang: Language, langs: list[Language], variant: str, site_dir):
    """Load mkdocs.yml with one language's settings. variant: online | offline."""
    base = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    theme = copy.deepcopy(base["theme"])
    theme["language"] = lang.code
    theme["direction"] = lang.dir
    plugins = [{"search": {"lang": [lang.search]}}]
    extra = copy.deepcopy(base.get("extra") or {})
    extra.update(variant=variant, generator=False)
    if variant == "offline":
        plugins.append("offline")
        # Vendored shim (overrides/assets/vendor/iframe-worker); stops the plugin fetching it from a CDN.
        extra["polyfills"] = ["assets/vendor/iframe-worker/shim.js"]
    else:
        extra["alternate"] = [{"name": other.name, "lang": other.code, "link": f"../{other.code}/"}
                              for other in langs]
    md_ext = copy.deepcopy(base["markdown_extensions"])
    for ext in md_ext:
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            ext["pymdownx.snippets"]["base_path"] = [str(lang.docs_dir / "includes")]
    # Where the site will be served; only the 404 page, canonical links and the sitemap use it.
    site_url = os.environ.get("SITE_URL", "http://127.0.0.1:8000/").rstrip("/") + f"/{lang.code}/"
    return load_config(
        config_file=str(ROOT / "mkdocs.yml"),
        site_url=site_url if variant == "online" else None,
        docs_dir=str(lang.docs_dir),
        site_dir=str(site_dir),
        site_name=lang.site_name,
        site_description=lang.site_description,
        copyright=lang.copyright,
        theme=theme,
        plugins=plugins,
        extra=extra,
        markdown_extensions=md_ext,
        nav=translate_nav(base["nav"], lang),
        use_directory_urls=(variant == "online"),
        strict=True,
    )


def build_language(lang: Language, langs: list[Language], variant: str, site_dir, staging: Path | None = None) -> bool:
    """Build one language into site_dir. It is built in `staging` first and swapped in only when the
    build succeeds, so a failed build leaves the last good one in place (under a running server too)."""
    reporter = _Reporter(lang)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(reporter)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    staging = staging or BUILD / "staging" / f"{variant}-{lang.code}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        build(mkdocs_config(lang, langs, variant, staging))
        _swap(staging, Path(site_dir))
        return True
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
    except (Abort, MkDocsException) as err:
        print(f"error: [{lang.code}] {err}", file=sys.stderr)
    finally:
        logger.removeHandler(reporter)
    return False


def _swap(new: Path, target: Path) -> None:
    old = new.with_name(new.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)


SWITCHER = re.compile(r'hreflang="([^"]+)" class="md-select__link"')


def stale_switchers(langs: list[Language], chosen: list[Language]) -> list[Language]:
    """Languages built earlier whose language menu does not list exactly today's languages
    (a language was added or removed since): they need building again."""
    codes = {lang.code for lang in langs}
    out = []
    for lang in langs:
        home = SITE / lang.code / "index.html"
        if lang not in chosen and home.is_file() and set(SWITCHER.findall(home.read_text(encoding="utf-8"))) != codes:
            out.append(lang)
    return out


# The steps of a build, run in parallel by main(): each language's online site, and its offline copy
# followed by the three downloads made from it. Lower runs first when several are ready: the
# offline copies unlock the PDFs, and the PDFs take longest.
ORDER = {"offline": 0, "pdf": 1, "online": 2, "zim": 3, "zip": 4}


def run_step(kind: str, code: str) -> tuple[bool, dict | None, float]:
    """One step of the build, in a worker process: (succeeded, manifest entry or None, seconds)."""
    started = time.monotonic()
    langs = load_languages()
    lang = next(lang for lang in langs if lang.code == code)
    entry = None
    if kind == "online":
        ok = build_language(lang, langs, "online", SITE / code)
    elif kind == "offline":
        import make_downloads
        shutil.rmtree(make_downloads.OFFLINE / code, ignore_errors=True)
        ok = build_language(lang, langs, "offline", make_downloads.OFFLINE / code)
    else:
        import make_downloads
        entry = make_downloads.make(kind, lang)
        ok = True
    return ok, entry, time.monotonic() - started


def run_steps(steps: list[tuple[str, str]], jobs: int, pdf: bool, reuse: bool = True) -> tuple[bool, list[dict]]:
    """Run the steps on `jobs` processes, each as soon as a process is free and what it needs is
    done; an offline copy, once built, adds its downloads, unless those made last time from the same
    inputs are still there (reuse). Returns (all succeeded, manifest entries)."""
    import make_downloads
    ok, entries, seq = True, [], 0
    ready: list = []
    kinds = ("pdf", "zim", "zip") if pdf else ("zim", "zip")
    langs = {lang.code: lang for lang in load_languages()}
    made: dict[str, list] = {}     # language -> entries of its downloads made in this build

    def add(kind, code):
        nonlocal seq
        heapq.heappush(ready, (ORDER[kind], seq, kind, code))
        seq += 1

    def finished(kind, code, result):
        nonlocal ok
        step_ok, entry, seconds = result
        ok &= step_ok
        what = f"{entry['file']} ({entry['bytes'] // 1024} KB)" if entry else kind
        print(f"  [{code}] {what}: {'done' if step_ok else 'FAILED'} in {seconds:.1f} s", flush=True)
        if entry:
            entries.append(entry)
            made.setdefault(code, []).append(entry)
            if len(made[code]) == len(kinds):
                make_downloads.remember(langs[code], kinds, made[code])
        if kind == "offline" and step_ok:
            kept = make_downloads.unchanged(langs[code], kinds) if reuse else None
            if kept:
                entries.extend(kept)
                print(f"  [{code}] downloads kept: made from the same offline copy, scripts and date "
                      f"({', '.join(e['file'] for e in kept)})", flush=True)
            else:
                for download in kinds:
                    add(download, code)

    for kind, code in steps:
        add(kind, code)
    if jobs <= 1 or len(steps) == 1 and steps[0][0] == "online":
        while ready:     # one process: no pool to start
            _, _, kind, code = heapq.heappop(ready)
            finished(kind, code, run_step(kind, code))
        return ok, entries
    context = multiprocessing.get_context("spawn")   # fresh interpreters: MkDocs keeps global state
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        running = {}
        while ready or running:
            while ready and len(running) < jobs:
                _, _, kind, code = heapq.heappop(ready)
                running[pool.submit(run_step, kind, code)] = (kind, code)
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                kind, code = running.pop(future)
                finished(kind, code, future.result())
    return ok, entries


def main() -> int:
    ap = argparse.ArgumentParser(description="Build every language of the site.")
    ap.add_argument("--lang", action="append", help="build only this language (repeatable)")
    ap.add_argument("--no-downloads", action="store_true", help="skip the offline ZIP, PDF and ZIM")
    ap.add_argument("--csp-meta", action="store_true",
                    help="also put the Content-Security-Policy in every page as <meta> (hosts without headers)")
    ap.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)),
                    help="processes to build with (default: one per core)")
    ap.add_argument("--remake-downloads", action="store_true",
                    help="make the downloads even when their inputs have not changed")
    args = ap.parse_args()

    if check_docs.main():
        return 1
    import write_policy
    try:
        write_policy.load_policy()   # a bad headers.yml stops the build before the slow part
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    langs = load_languages()
    chosen = [lang for lang in langs if not args.lang or lang.code in args.lang]
    if args.lang and len(chosen) != len(args.lang):
        print(f"error: unknown language in {args.lang}; docs/languages.yml lists "
              f"{[lang.code for lang in langs]}", file=sys.stderr)
        return 1
    started = time.monotonic()
    steps = [("online", lang.code) for lang in chosen]
    pdf = False
    if not args.no_downloads:
        import make_pdf
        problem = make_pdf.missing_tool()
        if problem:
            print(f"PDF skipped: {problem}", file=sys.stderr)
        pdf = problem is None
        steps = [("offline", lang.code) for lang in chosen] + steps
    print(f"Building {', '.join(lang.code for lang in chosen)}"
          f"{'' if args.no_downloads else ' and their downloads'} with {args.jobs} process(es)")
    ok, entries = run_steps(steps, args.jobs, pdf, reuse=not args.remake_downloads)
    for lang in stale_switchers(langs, chosen) if ok else []:
        print(f"Building {lang.code} again: its language menu, built earlier, lacks a language added since")
        ok &= build_language(lang, langs, "online", SITE / lang.code)
    if not ok:
        print("Build failed: see the errors above (each names the file and the fix).", file=sys.stderr)
        return 1
    if not args.no_downloads:
        import make_downloads
        manifest = make_downloads.write_manifest(entries, {lang.code for lang in chosen}, langs)
        make_downloads.fill_pages(SITE, langs, manifest)
    import make_chooser
    make_chooser.write(langs, SITE / "index.html")
    if (SITE / langs[0].code / "404.html").is_file():
        # For paths outside every language, and for hosts that look for one 404 page at the top.
        shutil.copyfile(SITE / langs[0].code / "404.html", SITE / "404.html")
    import compress
    import csp_hashes
    try:
        print(write_policy.write(SITE, csp_meta=args.csp_meta))   # the hash step: after the last page change
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    compress.gzip_tree(SITE)
    problems = csp_hashes.check(SITE)
    if problems:
        print("\n".join(f"error: {p}" for p in problems), file=sys.stderr)
        print("Build failed: the pages have inline code their Content-Security-Policy blocks.", file=sys.stderr)
        return 1
    what = "" if args.no_downloads else " and their downloads"
    print(f"Built {len(chosen)} language(s){what} in {time.monotonic() - started:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
