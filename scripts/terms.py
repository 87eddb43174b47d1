"""Each language's term base (docs/data/terms/<lang>.yml): one translation per term, and the
variants that must not appear on that language's pages.

Run:  .venv/bin/python scripts/terms.py [LANG ...]
      prints every use of a rejected variant as  docs/es/page.md:12: "hay que" -> debería / deberían
      (exit 1 if there is any). tests/test_translations.py runs the same check.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from sitelib import DOCS, InputError, load_languages, load_yaml, read_text, rel

TERMS = DOCS / "data" / "terms"


@dataclass
class Hit:
    path: Path
    line: int
    variant: str
    use: str
    note: str

    def __str__(self):
        why = f" ({self.note})" if self.note else ""
        return f'{rel(self.path)}:{self.line}: "{self.variant}" is a rejected variant. Fix: use "{self.use}"{why}.'


def load(code: str) -> list[dict]:
    """The term base of one language; [] if it has none yet. Bad entries raise InputError."""
    path = TERMS / f"{code}.yml"
    if not path.is_file():
        return []
    data = load_yaml(path) or []
    if not isinstance(data, list):
        raise InputError(f"{rel(path)}:1: expected a list of terms. Fix: start each term with '- en: ...'.")
    for i, entry in enumerate(data, 1):
        if not isinstance(entry, dict) or not entry.get("en") or not entry.get("use"):
            raise InputError(f"{rel(path)}: term {i} needs 'en:' and 'use:'. Fix: see the comment at the top of the file.")
        avoid = entry.get("avoid", [])
        if not isinstance(avoid, list) or not all(isinstance(a, str) and a.strip() for a in avoid):
            raise InputError(f"{rel(path)}: term {i} ({entry['en']}): 'avoid:' must be a list of words, "
                             'e.g. avoid: ["hay que"].')
    return data


def _pattern(variant: str) -> re.Pattern:
    # Whole words for alphabetic scripts; as written for a variant that is a letter pattern
    # (an Arabic spelling such as "اً" is part of a word by design).
    word = re.escape(variant)
    if re.fullmatch(r"[\w\s'’-]+", variant) and len(variant) > 2:
        return re.compile(rf"(?<!\w){word}(?!\w)", re.I)
    return re.compile(word)


# Not the language's own prose: link targets ("standards/index.md"), attribute lists, HTML tags,
# English originals kept beside a translation (straight quotes; translations use « » or “ ”)
# and works' titles in italics (*Standards for domestic abuse perpetrator interventions*).
NOT_PROSE = re.compile(r'\]\([^)]*\)|\{[:#][^}]*\}|<[^>]+>|"[^"]*"|(?<![*\w])\*[^*\s][^*]*\*(?!\*)')


def check(code: str) -> list[Hit]:
    hits: list[Hit] = []
    rules = [(_pattern(v), v, t["use"], t.get("note", "")) for t in load(code) for v in t.get("avoid", [])]
    if not rules:
        return hits
    for page in sorted((DOCS / code).rglob("*.md")):
        for n, line in enumerate(read_text(page).splitlines(), 1):
            line = NOT_PROSE.sub(" ", line)
            for pattern, variant, use, note in rules:
                if pattern.search(line):
                    hits.append(Hit(page, n, variant, use, note))
    return hits


def main(argv: list[str]) -> int:
    codes = argv or [lang.code for lang in load_languages()[1:]]
    hits = [h for code in codes for h in check(code)]
    for h in hits:
        print(h)
    print(f"{len(hits)} rejected variant(s) in {', '.join(codes)}.")
    return 1 if hits else 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        sys.exit(1)
