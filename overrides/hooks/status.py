"""MkDocs hook: the Translations page (translations/), written at build time in the reader's
language: for each translation, how many pages are translated, reviewed, out of date and not yet
translated, and which, with links to them. The counts come from scripts/translation_status.py,
as `translations.py status` prints them. Used by mkdocs.yml (`hooks:`); nothing to run by hand.
"""
from __future__ import annotations

import html
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from mkdocs.structure.files import File  # noqa: E402

import translation_status as ts  # noqa: E402
from site_pages import nav_files  # noqa: E402
from sitelib import DOCS, SOURCE_LANG, load_languages, read_text  # noqa: E402

PAGE = "translations.md"
STATES = ("reviewed", "unreviewed", "outdated", "missing")


def _title(path: Path) -> str:
    m = re.search(r"^# (.+?)\s*(?:\{[^}]*\})?\s*$", read_text(path), flags=re.M)
    return m.group(1).strip() if m else path.stem


def _href(code: str, url: str, reader: str, online: bool) -> str | None:
    """From this page (<reader>/translations/) to a page of language `code`; offline, only to the
    reader's own language (the offline copy holds one language)."""
    if online:
        return f"../../{code}/{url}"
    if code != reader:
        return None
    return (url.rstrip("/") + ".html" if url else "index.html").replace("/.html", "/index.html")


def render(reader_code: str, online: bool) -> str:
    langs = load_languages()
    reader = next(l for l in langs if l.code == reader_code)
    s, e = reader.strings, html.escape
    labels = {state: s[f"status_{state}"] for state in STATES}
    head = "".join(f'<th scope="col">{e(h)}</th>' for h in
                   (s["status_language"], s["status_translated"], *labels.values()))
    order = {md: n for n, md in enumerate(nav_files())}     # pages in the menu's order
    rows, sections = [], []
    for lang in langs[1:]:
        st = ts.language_status(lang, langs)
        total = len(st.pages)
        attrs = f'lang="{lang.code}" dir="{lang.dir}"'
        home = _href(lang.code, "", reader.code, online)
        name = f'<a href="{home}" hreflang="{lang.code}" {attrs}>{e(lang.name)}</a>' if home else \
            f"<span {attrs}>{e(lang.name)}</span>"
        cells = [f"{st.translated} / {total}"] + [str(st.count(state)) for state in STATES]
        rows.append(f'<tr><th scope="row">{name}</th>' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        parts = [f'<h2 id="{lang.code}" {attrs}>{e(lang.name)}</h2>']
        for state in STATES:
            items = sorted((i for i in st.pages if i.state == state), key=lambda i: order.get(i.path, 99))
            if not items:
                continue
            lis = []
            for item in items:
                src = (lang.docs_dir if state != "missing" else DOCS / SOURCE_LANG) / item.path
                title_lang = lang if state != "missing" else langs[0]
                title = e(_title(src))
                href = _href(lang.code, ts.page_url(item.path), reader.code, online)
                a = (f'<a href="{href}" hreflang="{lang.code}" lang="{title_lang.code}" dir="{title_lang.dir}">{title}</a>'
                     if href else f'<span lang="{title_lang.code}" dir="{title_lang.dir}">{title}</span>')
                lis.append(f"<li>{a}</li>")
            parts.append(f"<h3>{e(labels[state])} ({len(items)})</h3>\n<ul>{''.join(lis)}</ul>")
        sections.append("\n".join(parts))
    table = (f'<div class="md-typeset__table" role="region" tabindex="0" aria-label="{e(s["status_title"])}">'
             f'<table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')
    return f"# {s['status_title']}\n\n{s['status_intro']}\n\n{table}\n\n" + "\n\n".join(sections) + "\n"


def on_files(files, config):
    online = config.extra.get("variant", "online") == "online"
    files.append(File.generated(config, PAGE, content=render(config.theme["language"], online)))
    return files
