"""Flesch Reading Ease of the prose of Markdown pages (textstat 0.7.3, offline).

Prose only: front matter, headings, tables, block quotes, text in quotation marks,
code, HTML, snippet and abbreviation lines, admonition markers, link targets,
citations and each page's "Sources" section are left out before measuring.

Run:  .venv/bin/python scripts/readability.py docs/en/standards/standard-1.md [...]
Prints one line per page: score, words, path. Exit 1 if a page is under --min (default 50).
"""
import argparse
import re
import sys
from pathlib import Path

import textstat

MIN_SCORE = 50.0


def prose(markdown: str) -> str:
    """Return the running prose of a Markdown page, one sentence-bearing line each."""
    text = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    # Drop the Sources section (reference lists are exempt): from '## Sources' to the next h2.
    text = re.sub(r"^## [^\n]*\{#sources\}.*?(?=^## |\Z)", "", text, flags=re.S | re.M)
    out = []
    in_fence = False
    for line in text.splitlines():
        s = line.strip()
        if s.startswith("```") or s.startswith("~~~"):
            in_fence = not in_fence
            continue
        if in_fence or not s:
            continue
        if s.startswith(("#", "|", ">", "<", "*[", "--8<--", "!!!", "???", "===", "[^", "{")):
            continue
        s = re.sub(r"^(?:[-*+]|\d+\.)\s+", "", s)          # list markers
        s = re.sub(r"^:\s+", "", s)                          # definition list marker
        s = re.sub(r"\(\[[^\]]*\]\([^)]*\)\)", "", s)        # parenthesised citation links
        s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)       # links -> their text
        s = re.sub(r"\{[^}]*\}", "", s)                      # attribute lists
        s = re.sub(r"[“\"][^”\"]*[”\"]", "", s)              # quotations
        s = re.sub(r"[*_`]", "", s)
        s = s.strip()
        if not s:
            continue
        if not s.endswith((".", "?", "!", ":")):
            s += "."
        out.append(s)
    return "\n".join(out)


def score(path: Path) -> tuple[float, int]:
    text = prose(path.read_text(encoding="utf-8"))
    words = textstat.lexicon_count(text)
    return (textstat.flesch_reading_ease(text) if words else 100.0), words


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--min", type=float, default=MIN_SCORE)
    args = ap.parse_args()
    failed = False
    for p in args.paths:
        s, n = score(p)
        flag = "" if s >= args.min else f"  < {args.min}: simplify"
        failed |= s < args.min
        print(f"{s:6.1f} {n:6d} words  {p}{flag}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
