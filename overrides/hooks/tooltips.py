"""MkDocs hook: one tooltip per term per page.

The abbreviations extension marks every occurrence of every term in includes/abbreviations.md
(`<abbr title="...">IPV</abbr>`), and Material (content.tooltips) sets up a tooltip, with its
listeners, for every element with a title when a page loads: 50 to 120 of them on our longer
pages, about a quarter of the script time of a page load on a phone. The first occurrence of a term
on a page keeps its tooltip (the expansion at first use, as WCAG technique G102 describes); later
occurrences are plain text. The permalink next to each heading has no title either (see
mkdocs.yml, toc.permalink_title).
Nothing to run by hand.
"""
from __future__ import annotations

import re

ABBR = re.compile(r'<abbr title="[^"]*">(.*?)</abbr>', re.S)


def on_page_content(html, page, config, files):
    seen: set[str] = set()

    def first_only(m):
        if m.group(1) in seen:
            return m.group(1)
        seen.add(m.group(1))
        return m.group(0)
    return ABBR.sub(first_only, html)
