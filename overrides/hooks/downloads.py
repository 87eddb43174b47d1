"""MkDocs hook: replace `<!-- downloads:table -->` with the list of downloads (format, size, date,
SHA-256) read from site/downloads/manifest.json, which scripts/make_downloads.py writes before the
online sites are built. In the offline copy it says where the list is instead.
Nothing to run by hand.
"""
from __future__ import annotations

import html
import json
import posixpath
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from sitelib import ROOT, load_languages  # noqa: E402

MARKER = "<!-- downloads:table -->"
MANIFEST = ROOT / "site" / "downloads" / "manifest.json"


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    langs = {lang.code: lang for lang in load_languages()}
    lang = langs[config.theme["language"]]
    s, e = lang.strings, html.escape
    if config.extra.get("variant") == "offline":
        return markdown.replace(MARKER, f"<p>{e(s['dl_offline'])}</p>")
    if not MANIFEST.is_file():
        return markdown.replace(MARKER, f"<p>{e(s['dl_none'])}</p>")
    entries = json.loads(MANIFEST.read_text(encoding="utf-8"))
    # From this page to site/downloads/: up to the language root, then one level more.
    depth = posixpath.dirname(page.file.dest_uri)
    base = posixpath.relpath("../downloads", depth or ".")
    kinds = {"zip": s["dl_zip"], "pdf": s["dl_pdf"], "zim": s["dl_zim"]}

    def table(rows, name):
        head = "".join(f'<th scope="col">{e(h)}</th>' for h in
                       (s["dl_format"], s["dl_file"], s["dl_size"], s["dl_date"], s["dl_sha"]))
        body = "".join(
            f'<tr><td>{e(kinds[r["kind"]])}</td>'
            f'<td><a href="{base}/{e(r["file"])}" download hreflang="{r["lang"]}">{e(r["file"])}</a></td>'
            f'<td>{_size(r["bytes"])}</td><td>{e(r["date"])}</td><td class="dl-sha">{r["sha256"]}</td></tr>'
            for r in rows)
        return (f'<div class="md-typeset__table" role="region" tabindex="0" aria-label="{e(s["dl_file"])}: {e(name)}">'
                f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")

    mine = [r for r in entries if r["lang"] == lang.code]
    others = [r for r in entries if r["lang"] != lang.code]
    out = f"<h3 id=\"this-language\">{e(s['dl_this'])}</h3>\n{table(mine, lang.name) if mine else e(s['dl_none'])}\n"
    if others:
        out += f"<h3 id=\"other-languages\">{e(s['dl_other'])}</h3>\n"
        for code in dict.fromkeys(r["lang"] for r in others):
            out += f'<h4 lang="{code}" dir="{langs[code].dir}">{e(langs[code].name)}</h4>\n' + \
                   table([r for r in others if r["lang"] == code], langs[code].name) + "\n"
    return markdown.replace(MARKER, out)
