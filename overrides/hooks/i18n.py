"""MkDocs hook: one language's site. Fills in untranslated pages from English with a notice,
marks out-of-date and unreviewed translations, says in each translated page's footer how it was
made and by whom, marks navigation links to English pages as
English, keeps Latin citations whole in right-to-left text, keeps the language switcher on the same page, names Material's search dialog for
assistive technology, writes the list of languages where a page says <!-- languages -->, and adds the
language's tooltips (includes/abbreviations.md) to every page.

Used by mkdocs.yml (`hooks:`); the language is `theme.language`, set per build by
scripts/build_site.py. Nothing to run by hand.
"""
from __future__ import annotations

import html
import re
import sys
from pathlib import Path
from urllib.parse import urljoin

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from mkdocs.structure.files import File  # noqa: E402

from provenance import METHODS, check as check_provenance  # noqa: E402
from sitelib import DOCS, SOURCE_LANG, load_languages, source_hash  # noqa: E402

_state: dict = {}
EN_DIR = DOCS / SOURCE_LANG
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
ARTICLE = '<article class="md-content__inner md-typeset">'
# Material's script fetches "sitemap.xml" beside every <link rel="alternate"> in the head to
# re-target the switcher; our switcher links already point at the same page, so those fetches
# would only 404. The switcher menu itself keeps its hreflang links.
HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
NAV_LINK = re.compile(r'<a href="([^"]*)" class="md-nav__link(?: md-nav__link--active)?"')
# A citation: a link to an entry of the References page ("Home Office, 2023"), Latin script.
CITATION = re.compile(r'<a href="((?:\.\./)*references(?:/|\.html)#[^"]+)">')


def on_config(config):
    langs = {lang.code: lang for lang in load_languages()}
    _state["lang"] = langs[config.theme["language"]]
    _state["all"] = list(langs.values())
    _state["en"] = langs[SOURCE_LANG]
    _state["online"] = config.extra.get("variant", "online") == "online"
    _state["alternate"] = list(config.extra.get("alternate") or [])
    _state["fallback_urls"] = set()
    _state["en_abbreviations"] = _abbreviations(EN_DIR)
    _state["abbreviations"] = _abbreviations(_state["lang"].docs_dir)
    return config


def _abbreviations(docs_dir: Path) -> str:
    """A language's tooltips file (includes/abbreviations.md), one definition per Markdown block.
    Python-Markdown takes one definition off a block at a time and tests what is left of the
    block again against every block rule, so one block of 90 definitions made each page about
    three times slower to convert than the page itself."""
    text = (docs_dir / "includes" / "abbreviations.md").read_text(encoding="utf-8")
    return re.sub(r"\n(?=\*\[)", "\n\n", text)


def on_files(files, config):
    """Add every English page and asset this language lacks (never the includes/ folder)."""
    if _state["lang"].code == SOURCE_LANG:
        return files
    present = {f.src_uri for f in files}
    for path in sorted(EN_DIR.rglob("*")):
        uri = path.relative_to(EN_DIR).as_posix()
        if path.is_file() and uri not in present and not uri.startswith("includes/"):
            f = File(uri, str(EN_DIR), config.site_dir, config.use_directory_urls)
            files.append(f)
            if f.is_documentation_page():
                _state["fallback_urls"].add("/" + ("" if f.url == "./" else f.url))   # the home page's url is "./"
    return files


def _is_fallback(page) -> bool:
    return (_state["lang"].code != SOURCE_LANG and not page.file.generated_by
            and Path(page.file.abs_src_path).is_relative_to(EN_DIR))


LANGUAGES_MARKER = "<!-- languages -->"


def _languages_list() -> str:
    """Every language of docs/languages.yml, by its own name, each linked to its home page
    (online; the offline copy holds one language) and marked with its language and direction."""
    items = []
    for lang in _state["all"]:
        attrs = f'lang="{lang.code}" dir="{lang.dir}"'
        name = html.escape(lang.name)
        items.append(f'<a href="../{lang.code}/" hreflang="{lang.code}" {attrs}>{name}</a>' if _state["online"]
                     else f"<span {attrs}>{name}</span>")
    return ("، " if _state["lang"].dir == "rtl" else ", ").join(items)


def on_page_markdown(markdown, page, config, files):
    """Notices and provenance of a translation; then the tooltips: the language's own
    includes/abbreviations.md at the end of every page (after the English one on an English
    fallback page, so that the last definition, the reader's language, wins)."""
    if LANGUAGES_MARKER in markdown:
        markdown = markdown.replace(LANGUAGES_MARKER, _languages_list())
    lang = _state["lang"]
    if lang.code == SOURCE_LANG:
        return markdown + "\n\n" + _state["en_abbreviations"]
    if page.file.generated_by:   # a page made in the reader's language (the Translations page)
        return markdown + "\n\n" + _state["abbreviations"]
    s = lang.strings
    english = f"../{SOURCE_LANG}/{page.url}" if _state["online"] else None
    notices = []
    if _is_fallback(page):
        # Tooltips for the English terms on this English page; the language's own come after.
        markdown += "\n\n" + _state["en_abbreviations"]
        notices.append(dict(kind="untranslated", type="warning", title=s["untranslated_title"], body=s["untranslated_body"]))
    else:
        en_file = EN_DIR / page.file.src_uri
        check_provenance(Path(page.file.abs_src_path), page.meta)
        if page.meta.get("source_hash") != source_hash(en_file):
            notices.append(dict(kind="outdated", type="warning", title=s["outdated_title"], body=s["outdated_body"],
                                link=english, link_text=s["read_english"]))
        if page.meta.get("reviewed") is not True:
            # A compact line, not a box: the page's own text stays on a phone's first screen.
            notices.append(dict(kind="unreviewed", type="line", title=s["unreviewed_title"], body=s["unreviewed_body"],
                                link=None if notices else english, link_text=s["read_english"]))
        page.meta["i18n_provenance"] = _provenance(page, en_file, english)
    page.meta["i18n_notices"] = notices
    return markdown + "\n\n" + _state["abbreviations"]


def _provenance(page, en_file: Path, english: str | None) -> dict:
    """What the page footer says about how this translation was made (checked by provenance.check)."""
    s = _state["lang"].strings
    meta = page.meta
    rows = [(s["translated_by"], meta["translated_by"])]
    if meta.get("checked_by"):
        rows.append((s["checked_by"], meta["checked_by"]))
    rows.append((s["reviewed_by"], meta.get("reviewed_by") if meta.get("reviewed") is True else s["nobody_yet"]))
    return dict(title=s["provenance_title"], method=s[METHODS[meta["method"]]],
                source=s["provenance_source"].split("{hash}"), source_hash=str(meta.get("source_hash", "?")),
                link=english, link_text=s["read_english"], rows=rows)


def on_page_context(context, page, config, nav):
    """Point each entry of the language switcher at this page in that language."""
    if _state["alternate"]:
        config.extra["alternate"] = [dict(alt, link=f"{alt['link']}{page.url}") for alt in _state["alternate"]]
    return context


def on_post_page(output, page, config):
    label = _state["lang"].strings.get("search_dialog", "Search")
    if SEARCH_DIALOG in output:
        output = output.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{label}">', 1)
    output = HEAD_ALTERNATE.sub("", output)
    if _is_fallback(page):
        output = output.replace(ARTICLE, ARTICLE[:-1] + ' lang="en" dir="ltr">', 1)
    if _state["lang"].dir == "rtl":
        # Keep a Latin citation in one piece inside right-to-left text: without this the final
        # "." of "n.d." jumps to the other end of the citation.
        output = CITATION.sub(lambda m: m.group(0)[:-1] + ' dir="ltr">', output)
    return _mark_english_nav_titles(output, page)


def _mark_english_nav_titles(output: str, page) -> str:
    """A navigation link to an English fallback page shows an English title: say so (lang="en"),
    so that a screen reader reads it in English."""
    fallback = _state["fallback_urls"]
    if not fallback:
        return output
    here = "http://site/" + page.url

    def mark(m):
        target = urljoin(here, m.group(1)).split("#")[0].removeprefix("http://site")
        return m.group(0) + ' lang="en"' if target in fallback else m.group(0)
    return NAV_LINK.sub(mark, output)
