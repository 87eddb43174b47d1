"""Internal links and anchors across every built language: each href and src inside site/ points at
a file that exists, and each #fragment at an id on the target page."""
from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

from conftest import SITE


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links = set(), []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for key in ("href", "src"):
            if a.get(key) and not (tag == "link" and a.get("rel") in ("alternate", "canonical")
                                   and a[key].startswith("http")):
                self.links.append(a[key])


@lru_cache(maxsize=None)
def parse(path: Path) -> _Collect:
    c = _Collect()
    c.feed(path.read_text(encoding="utf-8"))
    return c


def resolve(page: Path, href: str) -> tuple[Path | None, str]:
    u = urlparse(href)
    if u.scheme or href.startswith(("//", "mailto:", "javascript:")):
        return None, ""
    if not u.path:
        target = page
    elif u.path.startswith("/"):  # root-relative (the 404 pages): site/ is served at /
        target = (SITE / unquote(u.path).lstrip("/")).resolve()
    else:
        target = (page.parent / unquote(u.path)).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target, u.fragment


def test_no_broken_internal_links_or_anchors():
    broken = []
    pages = [p for p in SITE.rglob("*.html") if "downloads" not in p.relative_to(SITE).parts[:1]]
    assert len(pages) > 40
    for page in pages:
        for href in parse(page).links:
            target, frag = resolve(page, href)
            if target is None:
                continue
            where = page.relative_to(SITE)
            if not target.exists():
                broken.append(f"{where}: {href} (no file)")
            elif frag and target.suffix == ".html" and frag not in parse(target).ids:
                broken.append(f"{where}: {href} (no id #{frag})")
    assert broken == [], "\n".join(broken[:50])
