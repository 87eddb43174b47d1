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


# libyaml's parser when PyYAML has it (its wheels do): the same results, many times faster.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class InputError(Exception):
    """Bad input in a file we read; the message names the file (and line) and the fix."""


def rel(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


_QUOTED_LINE = re.compile(r"^\s*(?:-\s+)?[\w-]+:\s*[\"'\[{]")


def _first_bad_line(path: Path, first: int, last: int) -> int | None:
    """The first line from `first` to `last` (0-based) whose quoted or bracketed value does not
    parse on its own line: an unclosed quote or bracket, or a quote inside quoted text."""
    try:
        lines = read_text(path).splitlines()
    except OSError:
        return None
    for n in range(max(first, 0), min(last + 1, len(lines))):
        if _QUOTED_LINE.match(lines[n]):
            try:
                yaml.safe_load(lines[n].strip().removeprefix("- "))
            except yaml.YAMLError:
                return n
    return None


def _yaml_error(path: Path, err: yaml.YAMLError, line_offset: int = 0) -> InputError:
    problem_mark = getattr(err, "problem_mark", None)
    context_mark = getattr(err, "context_mark", None)
    context = getattr(err, "context", None) or ""
    # Where the mistake is: a one-line quoted or bracketed value that does not parse alone, between
    # where the parser began the enclosing block and where it stopped; else where a quote or a
    # bracket that never closes began ("while scanning", "flow"); else where the parser stopped.
    bad = None
    if problem_mark:
        start = context_mark.line if context_mark else problem_mark.line
        bad = _first_bad_line(path, start + line_offset, problem_mark.line + line_offset)
    if bad is not None:
        line0 = bad - line_offset
    elif context_mark and ("scanning" in context or "flow" in context or not problem_mark):
        line0 = context_mark.line
    else:
        line0 = problem_mark.line if problem_mark else 0
    line = line0 + 1 + line_offset
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    also = ""
    if problem_mark and problem_mark.line != line0:
        also = f", noticed on line {problem_mark.line + 1 + line_offset}"
    return InputError(f"{rel(path)}:{line}: malformed YAML ({problem}{also}). "
                      "Fix: check the indentation, the colons, brackets and quotes on that line; "
                      "to quote inside a quoted text, use other marks (« », “ ”) or ' instead of \".")


def material_texts(code: str) -> tuple[Path, Path | None]:
    """Material's interface texts (search box, menus) for a language: (the file in overrides/ that
    new-language writes when Material ships none, the file the theme will use or None)."""
    import material
    name = Path("partials") / "languages" / f"{code}.html"
    shipped, ours = Path(material.__file__).parent / "templates" / name, ROOT / "overrides" / name
    return ours, next((p for p in (shipped, ours) if p.is_file()), None)


def read_text(path: Path) -> str:
    """A text file as UTF-8, with or without a byte-order mark (some Windows editors add one)."""
    return Path(path).read_text(encoding="utf-8-sig")


def load_yaml(path: Path):
    """Parse a YAML file; a syntax error becomes an InputError naming the file and line."""
    try:
        return yaml.load(read_text(path), Loader=LOADER)
    except yaml.YAMLError as err:
        raise _yaml_error(path, err) from None


def key_lines(path: Path) -> dict[tuple, int]:
    """The line (1-based) of every key and list item of a YAML file, by its path:
    {(3, "strings", "choose"): 240, (3,): 200, ...}. {} if the file does not parse."""
    try:
        root = yaml.compose(read_text(path), Loader=LOADER)
    except yaml.YAMLError:
        return {}
    out: dict[tuple, int] = {}

    def walk(node, here):
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                out[here + (k.value,)] = k.start_mark.line + 1
                walk(v, here + (k.value,))
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                out[here + (i,)] = v.start_mark.line + 1
                walk(v, here + (i,))
    if root is not None:
        walk(root, ())
    return out


def nearest(word: str, known) -> str:
    """'did you mean 'x'?' for a misspelt key, or the list of known keys."""
    near = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f"did you mean '{near[0]}'?" if near else f"known keys: {', '.join(known)}."


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
    """Read and check docs/languages.yml; English first, every key present, no unknown key.
    Each problem names the file, the line and the fix."""
    data = load_yaml(path)
    if not isinstance(data, list) or not data:
        raise InputError(f"{rel(path)}:1: expected a list of languages. Fix: start each entry with '- code: xx'.")
    lines = key_lines(path)
    langs: list[Language] = []
    for i, entry in enumerate(data, 1):
        line = lines.get((i - 1,), 1)
        where = f"{rel(path)}:{line}: language entry {i}"
        if not isinstance(entry, dict):
            raise InputError(f"{where}: is not a mapping. Fix: give code, name, dir, ... as 'key: value' lines.")
        code = entry.get("code", "?")
        unknown = sorted(set(entry) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS))
        if unknown:
            at = lines.get((i - 1, unknown[0]), line)
            raise InputError(f"{rel(path)}:{at}: language {code}: unknown key '{unknown[0]}'. "
                             f"Fix: {nearest(unknown[0], REQUIRED_KEYS + OPTIONAL_KEYS)}")
        missing = [k for k in REQUIRED_KEYS if k not in entry]
        if missing:
            raise InputError(f"{where} ({code}): missing {', '.join(missing)}. "
                             "Fix: copy the keys from the English entry and translate them.")
        if entry["dir"] not in ("ltr", "rtl"):
            raise InputError(f"{rel(path)}:{lines.get((i - 1, 'dir'), line)}: language {code}: dir must be "
                             f"ltr or rtl, not {entry['dir']!r}.")
        if entry["search"] not in LUNR:
            raise InputError(f"{rel(path)}:{lines.get((i - 1, 'search'), line)}: language {code}: no search "
                             f"stemmer {entry['search']!r}. Fix: use one of {', '.join(sorted(LUNR))}.")
        words = entry.get("search_words") or []
        if not isinstance(words, list) or len(words) not in (0, 2) or not all(isinstance(w, str) and w.strip() for w in words):
            raise InputError(f"{rel(path)}:{lines.get((i - 1, 'search_words'), line)}: language {code}: "
                             "search_words must be two forms of one word, e.g. [\"agresores\", \"agresor\"], or [].")
        for group in ("strings", "sections"):
            if not isinstance(entry[group], dict):
                raise InputError(f"{rel(path)}:{lines.get((i - 1, group), line)}: language {code}: {group} must be "
                                 "'key: text' lines, indented under it. Fix: copy them from the English entry.")
        langs.append(Language(**{k: entry[k] for k in REQUIRED_KEYS}, search_words=tuple(words)))
    if langs[0].code != SOURCE_LANG:
        raise InputError(f"{rel(path)}:1: the first language must be English (en), the source language. "
                         "Fix: move the English entry to the top.")
    en = langs[0]
    for n, lang in enumerate(langs[1:], 1):
        for group in ("strings", "sections"):
            known = list(getattr(en, group))
            for key in getattr(lang, group):
                if key not in known:
                    at = lines.get((n, group, key), lines.get((n,), 1))
                    raise InputError(f"{rel(path)}:{at}: language {lang.code}: unknown {group} key '{key}'. "
                                     f"Fix: {nearest(key, known)}")
            gaps = [k for k in known if k not in getattr(lang, group)]
            if gaps:
                at = lines.get((n, group), lines.get((n,), 1))
                raise InputError(f"{rel(path)}:{at}: language {lang.code}: {group} lacks {', '.join(gaps)}. "
                                 f"Fix: add them, translated from the English entry.")
    codes = [lang.code for lang in langs]
    for n, code in enumerate(codes):
        if code in codes[:n]:
            raise InputError(f"{rel(path)}:{lines.get((n,), 1)}: language code {code} appears twice. "
                             "Fix: remove one of the two entries.")
    return langs


FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)


def front_matter_text(meta: dict, first: tuple = ()) -> str:
    """Front matter (between --- lines) for `meta`, one key a line, the keys in `first` first."""
    keys = [k for k in first if k in meta] + [k for k in meta if k not in first]
    return "---\n" + "".join(yaml.safe_dump({k: meta[k]}, allow_unicode=True, width=10_000, sort_keys=False)
                             for k in keys) + "---\n"


def read_front_matter(path: Path) -> tuple[dict, str]:
    """Return (front matter, body) of a Markdown file; raise InputError naming the line if malformed."""
    text = read_text(path)
    if not text.startswith("---"):
        return {}, text
    m = FRONT_MATTER.match(text)
    if not m:
        raise InputError(f"{rel(path)}:1: front matter opened with '---' but never closed. "
                         "Fix: add a line '---' after the last front matter line.")
    try:
        meta = yaml.load(m.group(1) or "", Loader=LOADER) or {}
    except yaml.YAMLError as err:
        raise _yaml_error(path, err, line_offset=1) from None
    if not isinstance(meta, dict):
        raise InputError(f"{rel(path)}:2: front matter must be 'key: value' lines. Fix: e.g. 'description: ...'.")
    return meta, text[m.end():]


def source_hash(path: Path) -> str:
    """The fingerprint a translation records of the English page it was made from."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]
