"""Check the docs/ tree before anything is built; print every problem with its file, line and fix.

Checks: docs/languages.yml; every folder under docs/ is a listed language (or data/); every
translated file has an English source at the same path; every page's front matter parses; every
translated page records `source_hash` (the English version it came from), `reviewed`, and how it
was made and by whom (scripts/provenance.py).

Run:  .venv/bin/python scripts/check_docs.py      (exit 1 and a list of problems if any)
"""
from __future__ import annotations

import sys
from pathlib import Path

import provenance
from sitelib import (DOCS, LANGUAGES_FILE, NON_LANGUAGE_DIRS, SOURCE_LANG, InputError, key_lines,
                     load_languages, material_texts, read_front_matter, rel)


def theme_language_problem(code: str, line: int | None) -> str | None:
    """Without Material's interface texts for `code` (shipped with Material, or written in
    overrides/ by new-language) the theme cannot build the language."""
    ours, found = material_texts(code)
    if found:
        return None
    return (f"{rel(LANGUAGES_FILE)}:{line or 1}: Material for MkDocs has no interface texts for '{code}' and "
            f"{rel(ours)} is missing (new-language wrote it; was it left out of a commit?). Fix: run "
            f".venv/bin/python scripts/translations.py new-language {code} again: it writes what the language "
            "lacks and changes nothing else; then translate the values in it and commit it.")


def problems() -> list[str]:
    out: list[str] = []
    try:
        langs = load_languages()
    except InputError as err:
        return [str(err)]
    codes = {lang.code for lang in langs}
    for folder in sorted(p for p in DOCS.iterdir() if p.is_dir()):
        if folder.name not in codes | NON_LANGUAGE_DIRS:
            out.append(f"{rel(folder)}/: folder is not a language listed in docs/languages.yml. "
                       f"Fix: add an entry with code: {folder.name} to docs/languages.yml, "
                       "or rename the folder to a listed code.")
    en_dir = DOCS / SOURCE_LANG
    lines = key_lines(LANGUAGES_FILE)
    for i, lang in enumerate(langs):
        theme = theme_language_problem(lang.code, lines.get((i, "code")))
        if theme:
            out.append(theme)
        if not lang.docs_dir.is_dir():
            out.append(f"docs/languages.yml: language {lang.code} has no folder docs/{lang.code}/. "
                       f"Fix: create docs/{lang.code}/ (see docs/TRANSLATING.md).")
            continue
        if lang.code != SOURCE_LANG and not (lang.docs_dir / "includes" / "abbreviations.md").is_file():
            out.append(f"docs/{lang.code}/includes/abbreviations.md: missing. Fix: copy "
                       "docs/en/includes/abbreviations.md and translate the definitions.")
        for page in sorted(lang.docs_dir.rglob("*.md")):
            relpath = page.relative_to(lang.docs_dir)
            try:
                meta, _ = read_front_matter(page)
            except InputError as err:
                out.append(str(err))
                continue
            if lang.code == SOURCE_LANG or relpath.parts[0] == "includes":
                continue
            if not (en_dir / relpath).is_file():
                out.append(f"{rel(page)}:1: translated page has no English source docs/en/{relpath.as_posix()}. "
                           "Fix: rename it to match an English page's path, or remove it.")
                continue
            for key, hint in (("source_hash", "run: .venv/bin/python scripts/translations.py stamp " + rel(page)),
                              ("reviewed", "add 'reviewed: false' (true only after a fluent speaker reviewed it)")):
                if key not in meta:
                    out.append(f"{rel(page)}:1: front matter lacks '{key}'. Fix: {hint}.")
            try:
                provenance.check(page, meta)
            except InputError as err:
                out.append(str(err))
    return out


def main() -> int:
    found = problems()
    for line in found:
        print(f"error: {line}", file=sys.stderr)
    if found:
        print(f"{len(found)} problem(s) in docs/; nothing was built.", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
