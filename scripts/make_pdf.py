"""Make the PDF of one language from its built offline copy: a cover, a contents list with page
numbers, every page in navigation order, page numbers, working internal links and citations,
the document language set (Arabic shaped and right-to-left). Uses WeasyPrint, which needs
Debian's Pango (libpango-1.0-0, libpangoft2-1.0-0) and fonts (fonts-noto-core for Arabic).

Called by scripts/make_downloads.py. By hand:
    .venv/bin/python scripts/make_pdf.py LANG        (after ./scripts/build; writes build/LANG.pdf)
"""
from __future__ import annotations

import datetime
import html
import posixpath
import re
import sys
from pathlib import Path

from site_pages import build_by_hand, pages

CSS = """
@page { size: A4; margin: 20mm 18mm 22mm;
  /* LRI ... PDI isolate "12 / 40" left to right, so right-to-left text does not reorder it. */
  @bottom-center { content: "\\2066" counter(page) " / " counter(pages) "\\2069"; font-size: 9pt; color: #444; } }
@page :first { @bottom-center { content: none; } }
html { font-family: "Noto Sans", "DejaVu Sans", "Noto Naskh Arabic", sans-serif; font-size: 10.5pt;
  line-height: 1.45; color: #111; }
html[lang=ar] { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", sans-serif; }
h1 { font-size: 20pt; color: #4a2a6b; break-before: page; bookmark-level: 1; margin-top: 0; }
h2 { font-size: 14pt; color: #331b4c; bookmark-level: 2; break-after: avoid; }
h3 { font-size: 11.5pt; bookmark-level: none; break-after: avoid; }
h4, h5, h6 { bookmark-level: none; }
a { color: #4a2a6b; }
a.headerlink { display: none; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 0.6em 0; }
th, td { border: 0.5pt solid #999; padding: 3pt 4pt; vertical-align: top; text-align: start; }
th { background: #eee; }
tr, blockquote, .admonition, figure { break-inside: avoid; }
blockquote { border-inline-start: 3pt solid #bbb; margin-inline: 0; padding-inline-start: 8pt; color: #333; }
.admonition, details { border: 0.75pt solid #999; border-inline-start: 3pt solid #4a2a6b;
  padding: 4pt 8pt; margin: 0.8em 0; }
.admonition-title, summary { font-weight: bold; margin: 0.2em 0; }
details > *:not(summary) { display: block; }
svg { max-width: 100%; height: auto; }
.ev-map { width: 100%; }
.ev-hint, .md-source-file, .md-content__button, .md-typeset__scrollwrap > nav { display: none; }
dl.ev-fields dt { font-weight: bold; } dl.ev-fields dd { margin-inline-start: 1em; }
.cover { text-align: center; padding-top: 60mm; }
.cover h1 { break-before: avoid; font-size: 28pt; bookmark-level: none; }
.cover p { font-size: 12pt; }
nav.toc { break-before: page; }
nav.toc h2 { bookmark-level: none; }
nav.toc ol { list-style: none; padding: 0; }
nav.toc li { margin: 3pt 0; }
nav.toc a { text-decoration: none; color: #111; }
nav.toc a::after { content: leader(".") target-counter(attr(href url), page); }
.dl-sha { font-size: 7pt; word-break: break-all; }
"""


def _prefix(page_no: int, article: str, index: dict) -> str:
    """Make ids unique across pages and turn links between pages into links inside the PDF."""
    article = re.sub(r'\bid="([^"]+)"', lambda m: f'id="p{page_no}-{m.group(1)}"', article)

    def link(m):
        href = m.group(1)
        if re.match(r"^[a-z]+:", href):
            return m.group(0)
        path, _, frag = href.partition("#")
        if not path:
            return f'href="#p{page_no}-{frag}"' if frag else m.group(0)
        target = index.get(path)
        if target is None:
            return 'href="#"' if not path.endswith((".csv", ".json", ".txt", ".zip")) else m.group(0)
        return f'href="#p{target}-{frag}"' if frag else f'href="#p{target}"'
    return re.sub(r'href="([^"]*)"', link, article)


def _normalise(base: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), href))


def build(lang, folder: Path, target: Path) -> None:
    from weasyprint import HTML
    items = pages(folder)
    index_by_path = {p["html"]: i for i, p in enumerate(items, 1)}
    parts, toc = [], []
    for i, p in enumerate(items, 1):
        # Resolve each relative link against the page's own folder before prefixing.
        article = re.sub(r'href="(?![a-z]+:|#)([^"#]*)(#?[^"]*)"',
                         lambda m: f'href="{_normalise(p["html"], m.group(1))}{m.group(2)}"', p["article"])
        body = _prefix(i, article, index_by_path)
        attrs = ' lang="en" dir="ltr"' if p["fallback"] else ""
        parts.append(f'<section id="p{i}"{attrs}>{body}</section>')
        toc.append(f'<li><a href="#p{i}">{html.escape(p["title"])}</a></li>')
    e = html.escape
    doc = f"""<!doctype html><html lang="{lang.code}" dir="{lang.dir}"><head><meta charset="utf-8">
<title>{e(lang.site_name)}</title><meta name="description" content="{e(lang.site_description.strip())}">
<meta name="author" content="{e(lang.site_name)}"><meta name="dcterms.created" content="{datetime.date.today().isoformat()}">
<style>{CSS}</style></head><body>
<div class="cover"><h1>{e(lang.site_name)}</h1><p>{e(lang.site_description.strip())}</p>
<p>{datetime.date.today().isoformat()}</p></div>
<nav class="toc"><h2>{e(lang.strings["contents"])}</h2><ol>{''.join(toc)}</ol></nav>
{''.join(parts)}</body></html>"""
    target.parent.mkdir(parents=True, exist_ok=True)
    HTML(string=doc, base_url=str(folder) + "/").write_pdf(target, pdf_tags=True)   # tagged: screen readers follow its structure


def missing_tool() -> str | None:
    """None if WeasyPrint can run here, else a plain sentence saying what to install."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as err:
        return (f"WeasyPrint cannot run ({str(err).splitlines()[0]}). Install Debian's Pango: "
                "apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core")
    return None


if __name__ == "__main__":
    build_by_hand(build, "pdf", sys.argv)
