"""What changed in an English page since a translation of it was made, paragraph by paragraph:
each paragraph added, removed or changed (words taken out in [-...-], put in in {+...+}), with its
line in the English page and the line of the same section in the translation.

Run:  .venv/bin/python scripts/translations.py diff docs/pt/standards/standard-1.md
The English version the page translates is found by its source_hash (scripts/english_versions.py);
the English page is compared as it is now on disk, committed or not.
"""
from __future__ import annotations

import difflib
import re
from pathlib import Path

import english_versions
from sitelib import DOCS, SOURCE_LANG, InputError, read_front_matter, read_text, rel

HEADING_ID = re.compile(r"\{:?\s*#([A-Za-z0-9_-]+)")


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(first line, text) of each block separated by blank lines; front matter is one block."""
    out, start, block = [], 1, []
    for n, line in enumerate(text.split("\n"), 1):
        if line.strip():
            if not block:
                start = n
            block.append(line)
        elif block:
            out.append((start, "\n".join(block)))
            block = []
    if block:
        out.append((start, "\n".join(block)))
    return out


def words_diff(old: str, new: str) -> str:
    """The new text, with the words taken out in [-...-] and the words put in in {+...+}."""
    a, b = re.findall(r"\n|[^\s]+", old), re.findall(r"\n|[^\s]+", new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out += b[j1:j2]
            continue
        if i2 > i1:
            out.append("[-" + " ".join(w for w in a[i1:i2] if w != "\n") + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(w for w in b[j1:j2] if w != "\n") + "+}")
    return " ".join(out).replace(" \n ", "\n").replace("\n ", "\n")


def _sections(text: str) -> list[tuple[int, str]]:
    """(line, id) of every {#id} in a page."""
    return [(n, m.group(1)) for n, line in enumerate(text.split("\n"), 1) for m in [HEADING_ID.search(line)] if m]


def _section_at(sections, line: int) -> str | None:
    ids = [i for n, i in sections if n <= line]
    return ids[-1] if ids else None


def changes(old: str, new: str) -> list[dict]:
    """Each paragraph-level change between two versions of an English page."""
    a, b = paragraphs(old), paragraphs(new)
    out = []
    sm = difflib.SequenceMatcher(None, [t for _, t in a], [t for _, t in b], autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        pairs = max(i2 - i1, j2 - j1)
        for k in range(pairs):
            o = a[i1 + k] if i1 + k < i2 else None
            n = b[j1 + k] if j1 + k < j2 else None
            if o and n:
                out.append(dict(kind="changed", line=n[0], text=words_diff(o[1], n[1])))
            elif n:
                out.append(dict(kind="added", line=n[0], text=n[1]))
            else:
                # where it was: before the next paragraph still present in the new version
                at = b[j2][0] if j2 < len(b) else (b[-1][0] if b else 1)
                out.append(dict(kind="removed", line=at, text=o[1]))
    return out


def show(page: Path) -> int:
    page = Path(page)
    if not page.is_file():
        raise InputError(f"{page}: no such file. Fix: give the path of a translated page, e.g. docs/pt/index.md.")
    parts = page.resolve().relative_to(DOCS).parts
    en_page = DOCS.joinpath(SOURCE_LANG, *parts[1:])
    meta, _ = read_front_matter(page)
    wanted = str(meta.get("source_hash") or "")
    found = english_versions.find(en_page, wanted)
    if not wanted:
        raise InputError(f"{rel(page)}:1: no source_hash, so it is not known which English version it translates. "
                         f"Fix: compare it with {rel(en_page)} by hand, then run: "
                         f".venv/bin/python scripts/translations.py stamp {rel(page)}")
    if not found:
        print(f"{rel(page)}: the English version it translates ({wanted}) is neither in git's history nor kept "
              f"by 'stamp' on this computer. Compare it with {rel(en_page)} by hand, then stamp it.")
        return 1
    old, where = found
    new = read_text(en_page)
    todo = changes(old.decode("utf-8-sig"), new)
    if not todo:
        print(f"{rel(page)}: the English page has not changed since version {wanted} ({where}).")
        return 0
    mine = _sections(read_text(page))
    english = _sections(new)
    print(f"{rel(page)} translates {rel(en_page)} as it was at version {wanted} ({where}).\n"
          f"Since then, {len(todo)} paragraph(s) changed in English:\n")
    for n, c in enumerate(todo, 1):
        section = _section_at(english, c["line"])
        yours = next((line for line, i in mine if i == section), None)
        where_mine = f", in your page near line {yours}" if yours else ""
        label = {"changed": "Changed", "added": "Added", "removed": "Removed"}[c["kind"]]
        sect = f", section #{section}" if section else ""
        print(f"{n}. {label}: English line {c['line']}{sect}{where_mine}")
        marker = {"changed": "   ", "added": " + ", "removed": " - "}[c["kind"]]
        for line in c["text"].split("\n"):
            print(marker + line)
        print()
    print("In the English text above, [-...-] was taken out and {+...+} put in. Update your page, then run:\n"
          f"  .venv/bin/python scripts/translations.py stamp {rel(page)}")
    return 0
