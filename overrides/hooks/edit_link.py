"""MkDocs hook: when the site is built with REPO_URL set (the repository's web address), every page
ends with a link to its source in the reader's language in the repository's web editor: "Edit this
page" on a translated page (docs/<lang>/<page>.md), "Translate this page" on a page still in
English (the editor opens a new file at that path, its front matter filled in on GitHub), with a
link to the English source to copy.

    REPO_URL=https://github.com/ORG/REPO [REPO_BRANCH=main] ./scripts/build

GitHub's addresses by default; GitLab's when the address contains "gitlab". Not in the offline
copies. Used by mkdocs.yml (`hooks:`); nothing to run by hand.
"""
from __future__ import annotations

import html
import os
import posixpath
import sys
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from sitelib import DOCS, SOURCE_LANG, load_languages, source_hash  # noqa: E402

ARTICLE_END = "</article>"
_state: dict = {}


def urls(repo: str, branch: str) -> dict:
    repo = repo.rstrip("/")
    dash = "/-" if "gitlab" in repo else ""
    name_param = "file_name" if "gitlab" in repo else "filename"
    return {
        "edit": lambda path: f"{repo}{dash}/edit/{branch}/{quote(path)}",
        "new": lambda path, start="": (f"{repo}{dash}/new/{branch}/{quote(posixpath.dirname(path))}"
                                       f"?{name_param}={quote(posixpath.basename(path))}"
                                       + (f"&value={quote(start)}" if start and not dash else "")),
        "view": lambda path: f"{repo}{dash}/blob/{branch}/{quote(path)}",
    }


def on_config(config):
    repo = os.environ.get("REPO_URL", "").strip()
    _state.clear()
    if repo and config.extra.get("variant", "online") == "online":
        langs = {lang.code: lang for lang in load_languages()}
        _state.update(lang=langs[config.theme["language"]],
                      urls=urls(repo, os.environ.get("REPO_BRANCH", "main").strip() or "main"))
    return config


def on_post_page(output, page, config):
    if not _state or page.file.generated_by or ARTICLE_END not in output:
        return output
    lang, u, e = _state["lang"], _state["urls"], html.escape
    s = lang.strings
    own = f"docs/{lang.code}/{page.file.src_uri}"
    if (DOCS / lang.code / page.file.src_uri).is_file():
        link = f'<a href="{e(u["edit"](own))}" rel="edit">{e(s["edit_page"])}</a>'
    else:
        english = f"docs/{SOURCE_LANG}/{page.file.src_uri}"
        # The new file starts with the front matter the build needs (GitHub fills it in).
        start = (f"---\nsource_hash: {source_hash(DOCS / SOURCE_LANG / page.file.src_uri)}\nreviewed: false\n"
                 "method: human\ntranslated_by: YOUR NAME\n---\n\n")
        link = (f'<a href="{e(u["new"](own, start))}" rel="edit">{e(s["translate_page"])}</a> · '
                f'<a href="{e(u["view"](english))}" hreflang="en">{e(s["english_source"])}</a>')
    para = f'<p class="i18n-edit" lang="{lang.code}" dir="{lang.dir}">{link}</p>'
    at = output.index(ARTICLE_END)
    return output[:at] + para + output[at:]
