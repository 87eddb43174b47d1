"""Translation status for translators: which pages of a language are missing, out of date or
unreviewed, and stamping a page once it matches the current English page.

Each translated page records in its front matter the fingerprint of the English page it was made
from (`source_hash`) and whether a fluent speaker has reviewed it (`reviewed: true|false`).
When the English page changes, its fingerprint changes, and the page shows an
"out of date" notice until the translation is brought up to date and stamped again.

Run:  .venv/bin/python scripts/translations.py status [LANG ...]
      .venv/bin/python scripts/translations.py stamp docs/es/index.md [...]   (after updating it)
      .venv/bin/python scripts/translations.py diff docs/es/index.md          (what changed in English,
                                                                               needs git)
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

from sitelib import DOCS, ROOT, SOURCE_LANG, InputError, load_languages, read_front_matter, rel, source_hash

EN = DOCS / SOURCE_LANG


def english_of(page: Path) -> Path:
    parts = page.resolve().relative_to(DOCS).parts
    return EN.joinpath(*parts[1:])


def status(codes: list[str]) -> int:
    for lang in load_languages()[1:]:
        if codes and lang.code not in codes:
            continue
        rows = {"missing": [], "outdated": [], "unreviewed": [], "up to date": []}
        for en_page in sorted(EN.rglob("*.md")):
            relpath = en_page.relative_to(EN)
            if relpath.parts[0] == "includes":   # the tooltips file, not a page
                continue
            page = lang.docs_dir / relpath
            if not page.exists():
                rows["missing"].append(relpath)
                continue
            meta, _ = read_front_matter(page)
            if meta.get("source_hash") != source_hash(en_page):
                rows["outdated"].append(relpath)
            elif meta.get("reviewed") is not True:
                rows["unreviewed"].append(relpath)
            else:
                rows["up to date"].append(relpath)
        total = sum(len(v) for v in rows.values())
        print(f"{lang.code} ({lang.name}): {total - len(rows['missing'])}/{total} pages translated")
        for key in ("missing", "outdated", "unreviewed"):
            for relpath in rows[key]:
                print(f"  {key:10} docs/{lang.code}/{relpath.as_posix()}")
    return 0


def stamp(pages: list[Path]) -> int:
    for page in pages:
        en_page = english_of(page)
        if not en_page.exists():
            raise InputError(f"{rel(page)}: no English page {rel(en_page)} to stamp against.")
        read_front_matter(page)  # fails clearly if malformed
        text = page.read_text(encoding="utf-8")
        line = f"source_hash: {source_hash(en_page)}"
        if re.match(r"\A---\n", text):
            if re.search(r"^source_hash:.*$", text.split("\n---", 1)[0], flags=re.M):
                text = re.sub(r"^source_hash:.*$", line, text, count=1, flags=re.M)
            else:
                text = text.replace("---\n", f"---\n{line}\n", 1)
        else:
            text = f"---\n{line}\nreviewed: false\n---\n{text}"
        page.write_text(text, encoding="utf-8")
        print(f"stamped {rel(page)} ({line})")
    return 0


def diff(page: Path) -> int:
    """Show how the English page changed since the version this translation was made from."""
    meta, _ = read_front_matter(page)
    en_page = english_of(page)
    log = subprocess.run(["git", "log", "--format=%H", "--", rel(en_page)], cwd=ROOT,
                         capture_output=True, text=True)
    for commit in log.stdout.split():
        old = subprocess.run(["git", "show", f"{commit}:{rel(en_page)}"], cwd=ROOT, capture_output=True)
        import hashlib
        if hashlib.sha256(old.stdout).hexdigest()[:12] == meta.get("source_hash"):
            return subprocess.run(["git", "diff", commit, "--", rel(en_page)], cwd=ROOT).returncode
    print(f"{rel(page)}: no committed version of {rel(en_page)} matches its source_hash; "
          "compare the two pages by hand.")
    return 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("status").add_argument("langs", nargs="*")
    sub.add_parser("stamp").add_argument("pages", nargs="+", type=Path)
    sub.add_parser("diff").add_argument("page", type=Path)
    args = ap.parse_args()
    try:
        if args.cmd == "status":
            return status(args.langs)
        if args.cmd == "stamp":
            return stamp(args.pages)
        return diff(args.page)
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
