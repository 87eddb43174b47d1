"""MkDocs hook: replace `<!-- downloads:table -->` with the list of downloads (format, size, date,
SHA-256) from site/downloads/manifest.json as it is when the page is built. scripts/build_site.py
writes the list again once the downloads of this build exist (make_downloads.fill_pages), so the
list is kept out of the search index. In the offline copy it says where the list is instead.
Nothing to run by hand.
"""
from __future__ import annotations

import html
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from make_downloads import MANIFEST, render  # noqa: E402
from sitelib import load_languages  # noqa: E402

MARKER = "<!-- downloads:table -->"


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    langs = load_languages()
    lang = next(lang for lang in langs if lang.code == config.theme["language"])
    if config.extra.get("variant") == "offline":
        return markdown.replace(MARKER, f"<p>{html.escape(lang.strings['dl_offline'])}</p>")
    entries = json.loads(MANIFEST.read_text(encoding="utf-8")) if MANIFEST.is_file() else None
    listing = render(lang, langs, entries, page.file.dest_uri)
    return markdown.replace(MARKER, f'<section class="dl-list" data-search-exclude>\n{listing}\n</section>')
