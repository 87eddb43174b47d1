"""Parity of a translated page with its English page: what must be the same in every language.

Checks, for docs/<lang>/<path>.md against docs/en/<path>.md:
  - the same heading and anchor ids, in the same order ({#in-short}, {: #g1-1 });
  - the same link targets (citations, cross-references, outside links);
  - the same guideline numbers (1.1 ... 7.4);
  - the same numbers, written in the language's own format (27.6 is 27,6 in es and fr);
  - the same tables, with the same number of rows;
  - a length, in words, within the language's expected range of the English (an omission check).

Run:  .venv/bin/python scripts/parity.py [LANG ...]     (prints each difference; exit 1 if any)
tests/test_translations.py runs the same checks on every translated page.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from sitelib import DOCS, SOURCE_LANG, load_languages, read_front_matter, read_text, rel

EN = DOCS / SOURCE_LANG
# Words of the translation per English word, measured on the checked pages of each language
# (es and fr run longer than English, Arabic a little shorter). A page outside its range has
# probably lost or gained a passage. A language not listed gets DEFAULT_RATIO.
RATIOS = {"es": (1.0, 1.4), "fr": (1.0, 1.45), "ar": (0.8, 1.15)}
DEFAULT_RATIO = (0.7, 1.6)

IDS = re.compile(r"\{:?\s*#([A-Za-z0-9_-]+)[^}]*\}")
LINK = re.compile(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
GUIDELINE = re.compile(r"(?<![\d.,])([1-7]\.[1-6])(?!\d|,\d|\.\d)")
NOISE = re.compile(r"\]\([^)]*\)|\{[:#][^}]*\}|<[^>]+>|^\*\[[^\]]+\]:.*$", re.M)
# A number not inside a Latin word or code ("A4", "h2"; but "v3.0" is version 3.0, and Arabic
# may join a number to a word: "و37" is "and 37").
NUMBER = re.compile(r"(?<![A-Za-uw-z0-9_.,])(\d{1,3}(?:[  ,.]\d{3})+|\d+(?:[.,]\d+)?)(?![A-Za-z0-9_])")
WORD = re.compile(r"[^\W\d_][\w'’-]*", re.U)


def _body(path: Path) -> str:
    return read_front_matter(path)[1]


def _prose(text: str) -> str:
    return NOISE.sub(" ", text)


def numbers(text: str, code: str) -> Counter:
    """The numbers of a text as values ('27.6', '1000'), whatever the language's format."""
    out: Counter = Counter()
    for raw in NUMBER.findall(_prose(text)):
        if GUIDELINE.fullmatch(raw):
            continue
        s = raw.replace(" ", "").replace(" ", "")
        decimal = "," if code in ("es", "fr") else "."
        if re.fullmatch(r"\d{1,3}(?:[,.]\d{3})+", s) and s[-4] != decimal:
            s = re.sub(r"[,.]", "", s)        # thousands separators: 1,000 or 1.000
        s = s.replace(",", ".")               # a decimal comma (27,6), in any language's text
        out[s] += 1
    return out


def tables(text: str) -> list[int]:
    """Row counts of each Markdown table, in order."""
    counts, run = [], 0
    for line in text.splitlines() + [""]:
        if line.lstrip().startswith("|"):
            run += 1
        elif run:
            counts.append(run)
            run = 0
    return counts


ENGLISH_ATTR = re.compile(r'^\s*\{:[^}]*lang="en"[^}]*\}\s*$', re.M)


def words(text: str) -> int:
    """Words of the page's own prose: English originals kept beside a translation
    (a paragraph marked {: lang="en" }) do not count."""
    text = "\n\n".join(b for b in re.split(r"\n\s*\n", text) if not ENGLISH_ATTR.search(b))
    return len(WORD.findall(_prose(text)))


def structure(page: Path, code: str) -> list[str]:
    """Where the translated page's heading ids and link targets differ from its English page's:
    what a build does not catch (a translated {#id}) but breaks links from other pages."""
    en, tr = _body(EN / page.relative_to(DOCS / code)), _body(page)
    return _structure(en, tr, page)


def _structure(en: str, tr: str, page: Path) -> list[str]:
    where = rel(page)
    out = []
    en_ids, tr_ids = IDS.findall(en), IDS.findall(tr)
    if en_ids != tr_ids:
        missing = [i for i in en_ids if i not in tr_ids]
        extra = [i for i in tr_ids if i not in en_ids]
        at = next((n for n, line in enumerate(read_text(page).splitlines(), 1)
                   for i in extra[:1] if f"#{i}" in line), None)
        out.append(f"{where}{f':{at}' if at else ''}: heading/anchor ids differ from English (missing {missing}, extra {extra}, "
                   "or in another order). Fix: keep every {#id} of the English page, in order.")
    en_links, tr_links = set(LINK.findall(en)), set(LINK.findall(tr))
    if en_links != tr_links:
        out.append(f"{where}: link targets differ (missing {sorted(en_links - tr_links)}, "
                   f"extra {sorted(tr_links - en_links)}). Fix: keep every link target of the English page.")
    return out


def compare(page: Path, code: str) -> list[str]:
    """Every way the translated page differs from its English page where it must not."""
    en_page = EN / page.relative_to(DOCS / code)
    en, tr = _body(en_page), _body(page)
    where = rel(page)
    out = _structure(en, tr, page)
    en_g, tr_g = set(GUIDELINE.findall(_prose(en))), set(GUIDELINE.findall(_prose(tr)))
    if en_g != tr_g:
        out.append(f"{where}: guideline numbers differ (missing {sorted(en_g - tr_g)}, extra {sorted(tr_g - en_g)}).")
    en_n, tr_n = set(numbers(en, SOURCE_LANG)), set(numbers(tr, code))
    if en_n != tr_n:
        out.append(f"{where}: numbers differ (missing {sorted(en_n - tr_n)}, extra {sorted(tr_n - en_n)}). "
                   "Fix: keep every number of the English page, in your language's format.")
    if tables(en) != tables(tr):
        out.append(f"{where}: tables differ in rows: English {tables(en)}, translation {tables(tr)}.")
    lo, hi = RATIOS.get(code, DEFAULT_RATIO)
    ratio = words(tr) / max(words(en), 1)
    if not lo <= ratio <= hi:
        out.append(f"{where}: {ratio:.2f} words per English word, outside {lo}-{hi} for {code}. "
                   "Fix: compare it with the English paragraph by paragraph for a missing or added passage.")
    return out


def translated_pages(code: str) -> list[Path]:
    return sorted(p for p in (DOCS / code).rglob("*.md") if p.relative_to(DOCS / code).parts[0] != "includes")


def main(argv: list[str]) -> int:
    codes = argv or [lang.code for lang in load_languages()[1:]]
    found = 0
    for code in codes:
        for page in translated_pages(code):
            en_page = EN / page.relative_to(DOCS / code)
            ratio = words(_body(page)) / max(words(_body(en_page)), 1)
            problems = compare(page, code)
            found += len(problems)
            print(f"{rel(page)}: {ratio:.2f}" + ("" if problems else " ok"))
            for p in problems:
                print("   ", p)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
