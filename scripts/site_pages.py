"""The pages of a built offline copy in navigation order, with their titles and article HTML,
and the by-hand entry point. Shared by scripts/make_pdf.py and scripts/make_zim.py. Not run directly.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from sitelib import ROOT, load_languages

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"[^>]*>(.*?)</article>', re.S)
TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def nav_files() -> list[str]:
    """Markdown paths in mkdocs.yml's nav order."""
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    out: list[str] = []

    def walk(items):
        for item in items:
            if isinstance(item, str):
                out.append(item)
            elif isinstance(item, dict):
                for value in item.values():
                    walk(value) if isinstance(value, list) else out.append(value)
    walk(nav)
    return out


def html_path(md: str) -> str:
    """Where an offline build (no directory URLs) writes a page."""
    return re.sub(r"\.md$", ".html", md)


# Pages about the site rather than its subject, left out of the PDF and the ZIM.
NOT_CONTENT = {"translations.md"}


def pages(folder: Path) -> list[dict]:
    out = []
    for md in nav_files():
        if md in NOT_CONTENT:
            continue
        path = folder / html_path(md)
        text = path.read_text(encoding="utf-8")
        article = ARTICLE.search(text)
        title = TITLE.search(text).group(1).split(" - ")[0].strip()
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", article.group(1), re.S)
        if h1:
            title = re.sub(r"<[^>]+>", "", h1.group(1)).replace("¶", "").strip()
        out.append({"md": md, "html": html_path(md), "title": title, "article": article.group(1),
                    "fallback": bool(re.search(r'<article[^>]*\blang="en"', text))})
    return out


def build_by_hand(build, suffix: str, argv: list[str]) -> None:
    """`make_X.py [LANG]`: build one language (default en) from build/offline/LANG/ into build/LANG.SUFFIX."""
    code = argv[1] if len(argv) > 1 else "en"
    lang = next(lang for lang in load_languages() if lang.code == code)
    out = ROOT / "build" / f"{code}.{suffix}"
    build(lang, ROOT / "build" / "offline" / code, out)
    print(out)
