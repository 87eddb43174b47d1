"""MkDocs hook: replace the evidence markers in a page with what scripts/evidence.py renders
from docs/data/reviews.yml, in the page's language, and publish the data as files.

Markers (each on its own line in the Markdown):
    <!-- evidence:map -->            the evidence map (inline SVG)
    <!-- evidence:table -->          the comparison table and the data download links
    <!-- evidence:card REVIEW-ID --> the card at the top of one review's section
A page shown in English as a fallback uses the English labels; a translated page uses
docs/data/reviews-i18n/<lang>.yml. Nothing to run by hand.
"""
from __future__ import annotations

import posixpath
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import evidence  # noqa: E402
from sitelib import DOCS, SOURCE_LANG, InputError, load_languages, rel  # noqa: E402

MARKER = re.compile(r"^<!-- evidence:(map|table|card)(?: ([a-z0-9-]+))? -->[ \t]*$", re.M)
DATA_DIR = "data"


_reviews: list[dict] = []
_rtl: set[str] = set()


def on_pre_build(config):
    """Read and check the data once per build."""
    _reviews[:] = evidence.load_reviews()
    _rtl.clear()
    _rtl.update(lang.code for lang in load_languages() if lang.dir == "rtl")


def on_page_markdown(markdown, page, config, files):
    if "<!-- evidence:" not in markdown:
        return markdown
    src = Path(page.file.abs_src_path)
    code = SOURCE_LANG if src.is_relative_to(DOCS / SOURCE_LANG) else config.theme["language"]
    reviews = _reviews
    numbers = {r["id"]: n for n, r in enumerate(reviews, 1)}
    by_id = {r["id"]: r for r in reviews}
    i18n = evidence.load_i18n(code, reviews)
    labels = i18n["labels"]
    page_dir = posixpath.dirname(page.file.dest_uri)
    data_href = posixpath.relpath(DATA_DIR, page_dir or ".")

    def render(m):
        kind, rid = m.group(1), m.group(2)
        if kind == "map":
            return evidence.render_map(reviews, i18n, rtl=code in _rtl)
        if kind == "table":
            links = " · ".join(f'<a href="{data_href}/reviews.{ext}" download>reviews.{ext}</a>'
                               for ext in ("csv", "json"))
            return (evidence.render_table(reviews, i18n) +
                    f'\n\n<p class="ev-data">{labels["data_note"]} {labels["download"]} {links} '
                    f'(<a href="{data_href}/README.txt">README</a>)</p>')
        if rid not in by_id:
            raise InputError(f"{rel(src)}: <!-- evidence:card {rid} --> names no review in "
                             f"{rel(evidence.REVIEWS)}. Fix: use one of {', '.join(by_id)}.")
        return evidence.render_card(by_id[rid], numbers[rid], i18n)

    out = MARKER.sub(lambda m: "\n" + render(m) + "\n", markdown)
    if "<!-- evidence:" in out:
        line = out[:out.index("<!-- evidence:")].count("\n") + 1
        raise InputError(f"{rel(src)}: a '<!-- evidence:' marker is malformed (near line {line}). "
                         "Fix: write <!-- evidence:map -->, <!-- evidence:table --> or "
                         "<!-- evidence:card REVIEW-ID --> alone on a line.")
    return out


def on_post_build(config):
    evidence.export(Path(config.site_dir) / DATA_DIR, _reviews)
