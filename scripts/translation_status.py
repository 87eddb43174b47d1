"""Where each translation stands: per language, every page (translated and reviewed, translated
and not yet reviewed, out of date, missing), the evidence labels file, and the texts of its
docs/languages.yml entry that are still in English. And the structural problems that stop a build.

Used by `translations.py status [--check]` and by the status page in the site
(overrides/hooks/status.py). Not run directly.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sitelib import (DOCS, LANGUAGES_FILE, SOURCE_LANG, InputError, Language, key_lines, load_languages,
                     load_yaml, read_front_matter, read_text, rel, source_hash)

EN = DOCS / SOURCE_LANG
I18N = DOCS / "data" / "reviews-i18n"
REVIEWS = DOCS / "data" / "reviews.yml"
STATES = ("reviewed", "unreviewed", "outdated", "missing")


@dataclass
class Item:
    path: str            # "standards/standard-1.md", or the labels file's path
    state: str           # one of STATES
    meta: dict = field(default_factory=dict)


@dataclass
class LanguageStatus:
    lang: Language
    pages: list[Item]
    labels: Item
    english_texts: list[tuple[str, int]]    # (key, line in docs/languages.yml) still as in English

    def count(self, state: str) -> int:
        return sum(1 for p in self.pages if p.state == state)

    @property
    def translated(self) -> int:
        return len(self.pages) - self.count("missing")


def english_pages() -> list[str]:
    return sorted(p.relative_to(EN).as_posix() for p in EN.rglob("*.md")
                  if p.relative_to(EN).parts[0] != "includes")


def _state(meta: dict, fingerprint: str) -> str:
    if meta.get("source_hash") != fingerprint:
        return "outdated"
    return "reviewed" if meta.get("reviewed") is True else "unreviewed"


def page_items(lang: Language) -> list[Item]:
    out = []
    for relpath in english_pages():
        page = lang.docs_dir / relpath
        if not page.exists():
            out.append(Item(relpath, "missing"))
            continue
        meta, _ = read_front_matter(page)
        out.append(Item(relpath, _state(meta, source_hash(EN / relpath)), meta))
    return out


def labels_item(lang: Language) -> Item:
    path = I18N / f"{lang.code}.yml"
    if not path.is_file():
        return Item(rel(path), "missing")
    data = load_yaml(path) or {}
    marked = [n for n, line in enumerate(read_text(path).splitlines(), 1) if line.rstrip().endswith("# translate")]
    meta = {k: data.get(k) for k in ("reviewed", "reviewed_by")} | {"to_translate": marked}
    return Item(rel(path), _state(data, source_hash(REVIEWS)), meta)


def english_texts(lang: Language, langs: list[Language]) -> list[tuple[str, int]]:
    """Texts of a language's entry in docs/languages.yml still marked '# translate' (as
    `new-language` writes them, in English): (key, line)."""
    index = next(i for i, l in enumerate(langs) if l.code == lang.code)
    lines = key_lines(LANGUAGES_FILE)
    text = read_text(LANGUAGES_FILE).splitlines()
    out = []
    for key, line in sorted(lines.items(), key=lambda kv: kv[1]):
        if key[:1] == (index,) and len(key) > 1 and line <= len(text) and text[line - 1].rstrip().endswith("# translate"):
            out.append((".".join(str(k) for k in key[1:]), line))
    return out


def language_status(lang: Language, langs: list[Language]) -> LanguageStatus:
    return LanguageStatus(lang, page_items(lang), labels_item(lang), english_texts(lang, langs))


def structural_problems() -> list[str]:
    """What stops a build or makes a file unreadable (not: pages missing, out of date or not
    reviewed, which are the normal state of a translation in progress)."""
    import check_docs
    import evidence
    import terms
    found = check_docs.problems()
    try:
        langs = load_languages()
        reviews = evidence.load_reviews()
    except InputError as err:
        return found if str(err) in found else found + [str(err)]
    for lang in langs[1:]:
        try:
            terms.load(lang.code)
            if (lang.docs_dir / "evidence" / "reviews.md").is_file() or (I18N / f"{lang.code}.yml").is_file():
                evidence.load_i18n(lang.code, reviews)
        except InputError as err:
            found.append(str(err))
    return found


def page_url(relpath: str) -> str:
    """'standards/scope.md' -> 'standards/scope/'; 'index.md' -> ''."""
    p = Path(relpath)
    stem = p.with_suffix("").as_posix()
    if p.name == "index.md":
        return p.parent.as_posix() + "/" if p.parent.as_posix() != "." else ""
    return stem + "/"
