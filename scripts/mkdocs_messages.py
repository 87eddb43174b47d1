"""MkDocs' warnings about links, said the way our other checks say things: the file of the
language being built, the line, what is wrong and the fix.

    Doc file 'about.md' contains a link 'no-such-page.md', but the target is not found among documentation files.
becomes
    docs/es/about.md:12: the link 'no-such-page.md' goes to no page. Fix: ... (did you mean 'about.md'?)

Used by scripts/build_site.py for every MkDocs warning. Not run directly.
"""
from __future__ import annotations

import difflib
import posixpath
import re
from pathlib import Path

from sitelib import DOCS, SOURCE_LANG, read_text, rel

DOC_FILE = re.compile(r"Doc file '([^']+)' contains (?:a|an) (?:(\w+) )?link '([^']+)'")
NO_TARGET = re.compile(r"but the target (?:'[^']*' )?is not found among documentation files")
NO_ANCHOR = re.compile(r"does not contain an anchor '#([^']+)'")
ID = re.compile(r"\{:?[^}]*#([A-Za-z0-9_-]+)")
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*(?:\{[^}]*\})?\s*$", re.M)


def source_of(code: str, src: str) -> Path:
    """The file a page of language `code` was built from: its own, or the English one it falls back to."""
    own = DOCS / code / src
    return own if own.is_file() else DOCS / SOURCE_LANG / src


def line_of(path: Path, link: str) -> int | None:
    for n, line in enumerate(read_text(path).splitlines(), 1):
        if f"]({link}" in line or f'"{link}"' in line or f"({link})" in line:
            return n
    return None


def _ids(path: Path) -> list[str]:
    text = read_text(path)
    slugs = [re.sub(r"[^\w\s-]", "", h.lower()).strip().replace(" ", "-") for h in HEADING.findall(text)]
    return list(dict.fromkeys(ID.findall(text) + slugs))


def _pages(code: str) -> list[str]:
    out = set()
    for lang_dir in (DOCS / code, DOCS / SOURCE_LANG):
        out |= {p.relative_to(lang_dir).as_posix() for p in lang_dir.rglob("*.md")
                if p.relative_to(lang_dir).parts[0] != "includes"}
    return sorted(out)


def explain(message: str, code: str) -> str:
    """The message in our form if it is about a link in a page; else the page path made explicit."""
    m = DOC_FILE.search(message)
    if not m:
        return message.replace("Doc file '", f"Doc file 'docs/{code}/")
    src, kind, link = m.group(1), m.group(2), m.group(3)
    path = source_of(code, src)
    line = line_of(path, link)
    where = f"{rel(path)}:{line}" if line else rel(path)
    target, _, anchor = link.partition("#")
    here = posixpath.dirname(src)
    if NO_TARGET.search(message):
        wanted = posixpath.normpath(posixpath.join(here, target))
        near = difflib.get_close_matches(wanted, _pages(code), n=1, cutoff=0.75)
        hint = f" Did you mean '{posixpath.relpath(near[0], here or '.')}'?" if near else ""
        return (f"{where}: the link '{link}' goes to no page. Fix: write the path of a page relative to this one "
                f"(as in the English page), or remove the link.{hint}")
    a = NO_ANCHOR.search(message)
    if a:
        page = source_of(code, posixpath.normpath(posixpath.join(here, target)) if target else src)
        near = difflib.get_close_matches(a.group(1), _ids(page), n=1, cutoff=0.5) if page.is_file() else []
        hint = f" Did you mean '#{near[0]}'?" if near else ""
        return (f"{where}: the link '{link}' goes to '#{a.group(1)}', which is no heading or anchor id of "
                f"{target or 'this page'}. Fix: use an id the page has (as in the English page), or add "
                f"{{#{a.group(1)}}} to the heading it means.{hint}")
    if kind in ("absolute", "unrecognized"):
        return (f"{where}: the link '{link}' is not a path to a page file. Fix: link to the page's .md file, relative "
                "to this page (e.g. '../references.md#home-office-2023'), as the English page does.")
    return f"{where}: {message}"
