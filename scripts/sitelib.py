"""Shared helpers for our build scripts and MkDocs hooks: paths, the language list, front matter.

Not run directly. Everything that reads docs/languages.yml or a page's front matter goes
through here, so that every script reports bad input the same way:
``docs/es/index.md:3: <what is wrong>. Fix: <what to do>.``
"""
from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LANGUAGES_FILE = DOCS / "languages.yml"
SOURCE_LANG = "en"
# Folders under docs/ that are not languages.
NON_LANGUAGE_DIRS = {"data"}
REQUIRED_KEYS = ("code", "iso639_3", "name", "dir", "search", "site_name", "site_description",
                 "copyright", "sections", "strings")
# search_words: two forms of one word found only on this language's pages (e.g. a plural and its
# singular); the browser tests search for both.
OPTIONAL_KEYS = ("search_words",)
# The search stemmers Material for MkDocs ships (assets/javascripts/lunr/min/lunr.<code>.min.js).
LUNR = {"en", "ar", "da", "de", "du", "el", "es", "fi", "fr", "he", "hi", "hu", "hy", "it", "ja",
        "jp", "kn", "ko", "nl", "no", "pt", "ro", "ru", "sa", "sv", "ta", "te", "th", "tr", "vi",
        "zh"}


class InputError(Exception):
    """Bad input in a file we read; the message names the file (and line) and the fix."""


def rel(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def _yaml_error(path: Path, err: yaml.YAMLError, line_offset: int = 0) -> InputError:
    problem_mark = getattr(err, "problem_mark", None)
    context_mark = getattr(err, "context_mark", None)   # where an unclosed [ { or quote began
    mark = context_mark or problem_mark
    line = (mark.line + 1 + line_offset) if mark else line_offset + 1
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    also = ""
    if context_mark and problem_mark and problem_mark.line != context_mark.line:
        also = f", noticed on line {problem_mark.line + 1 + line_offset}"
    return InputError(f"{rel(path)}:{line}: malformed YAML ({problem}{also}). "
                      "Fix: check the indentation, the colons, brackets and quotes on that line.")


def load_yaml(path: Path):
    """Parse a YAML file; a syntax error becomes an InputError naming the file and line."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise _yaml_error(path, err) from None


@dataclass
class Language:
    code: str
    iso639_3: str
    name: str
    dir: str
    search: str
    site_name: str
    site_description: str
    copyright: str
    sections: dict
    strings: dict
    search_words: tuple = ()

    @property
    def docs_dir(self) -> Path:
        return DOCS / self.code


def load_languages(path: Path = LANGUAGES_FILE) -> list[Language]:
    """Read and check docs/languages.yml; English first, every key present."""
    data = load_yaml(path)
    if not isinstance(data, list) or not data:
        raise InputError(f"{rel(path)}:1: expected a list of languages. Fix: start each entry with '- code: xx'.")
    langs: list[Language] = []
    for i, entry in enumerate(data, 1):
        where = f"{rel(path)}: language entry {i}"
        if not isinstance(entry, dict):
            raise InputError(f"{where}: is not a mapping. Fix: give code, name, dir, ... as 'key: value' lines.")
        missing = [k for k in REQUIRED_KEYS if k not in entry]
        if missing:
            raise InputError(f"{where} ({entry.get('code', '?')}): missing {', '.join(missing)}. "
                             "Fix: copy the keys from the English entry and translate them.")
        if entry["dir"] not in ("ltr", "rtl"):
            raise InputError(f"{where} ({entry['code']}): dir must be ltr or rtl, not {entry['dir']!r}.")
        if entry["search"] not in LUNR:
            raise InputError(f"{where} ({entry['code']}): no search stemmer {entry['search']!r}. "
                             f"Fix: use one of {', '.join(sorted(LUNR))}.")
        unknown = sorted(set(entry) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS))
        if unknown:
            near = difflib.get_close_matches(unknown[0], REQUIRED_KEYS + OPTIONAL_KEYS, n=1)
            hint = f"did you mean '{near[0]}'?" if near else "remove it."
            raise InputError(f"{where} ({entry['code']}): unknown key '{unknown[0]}'. Fix: {hint}")
        langs.append(Language(**{k: entry[k] for k in REQUIRED_KEYS},
                              search_words=tuple(entry.get("search_words") or ())))
    if langs[0].code != SOURCE_LANG:
        raise InputError(f"{rel(path)}: the first language must be English (en), the source language.")
    en = langs[0]
    for lang in langs[1:]:
        for group in ("strings", "sections"):
            gaps = sorted(set(getattr(en, group)) - set(getattr(lang, group)))
            if gaps:
                raise InputError(f"{rel(path)} ({lang.code}): {group} lacks {', '.join(gaps)}. "
                                 f"Fix: add them, translated from the English entry.")
    codes = [lang.code for lang in langs]
    if len(set(codes)) != len(codes):
        raise InputError(f"{rel(path)}: a language code appears twice: {codes}.")
    return langs


FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)


def read_front_matter(path: Path) -> tuple[dict, str]:
    """Return (front matter, body) of a Markdown file; raise InputError naming the line if malformed."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return {}, text
    m = FRONT_MATTER.match(text)
    if not m:
        raise InputError(f"{rel(path)}:1: front matter opened with '---' but never closed. "
                         "Fix: add a line '---' after the last front matter line.")
    try:
        meta = yaml.safe_load(m.group(1) or "") or {}
    except yaml.YAMLError as err:
        raise _yaml_error(path, err, line_offset=1) from None
    if not isinstance(meta, dict):
        raise InputError(f"{rel(path)}:2: front matter must be 'key: value' lines. Fix: e.g. 'description: ...'.")
    return meta, text[m.end():]


def source_hash(path: Path) -> str:
    """The fingerprint a translation records of the English page it was made from."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]
