"""The translator's command: where a language stands, stamping a page once it matches the
current English page, what changed in English since, and adding a language.

Each translated page records in its front matter the fingerprint of the English page it was made
from (`source_hash`) and whether a fluent speaker has reviewed it (`reviewed: true|false`).
When the English page changes, its fingerprint changes, and the page shows an
"out of date" notice until the translation is brought up to date and stamped again.

Run:  .venv/bin/python scripts/translations.py status [LANG ...]     what is missing, out of date,
                                                                     not reviewed, still in English
      .venv/bin/python scripts/translations.py status --check       for CI: exit 1 only on problems
                                                                     that stop the build
      .venv/bin/python scripts/translations.py stamp docs/pt/index.md [...]   (after updating it;
                                                 also docs/data/reviews-i18n/pt.yml)
      .venv/bin/python scripts/translations.py diff docs/pt/index.md          what changed in English,
                                                 paragraph by paragraph (scripts/paragraph_diff.py)
      .venv/bin/python scripts/translations.py new-language pt   (adds a language: scripts/new_language.py)
      .venv/bin/python scripts/translations.py start docs/pt/index.md --by "Ana Pérez"
                                                 a page to translate: the English page at that path, its
                                                 front matter filled in (stamped, method, translated_by)
"""
from __future__ import annotations

import argparse
import difflib
import re
import sys
from pathlib import Path

import english_versions
import translation_status as ts
from sitelib import (DOCS, ROOT, SOURCE_LANG, InputError, front_matter_text, load_languages, read_front_matter,
                     read_text, rel, source_hash)

EN = DOCS / SOURCE_LANG
LABELS_DIR = DOCS / "data" / "reviews-i18n"


def status(codes: list[str], check: bool = False) -> int:
    if check:
        problems = ts.structural_problems()
        for p in problems:
            print(f"error: {p}", file=sys.stderr)
        if problems:
            print(f"{len(problems)} problem(s) that stop the build; fix them (each names the file and the fix).",
                  file=sys.stderr)
            return 1
    langs = load_languages()
    unknown = [c for c in codes if c not in [l.code for l in langs]]
    if unknown:
        raise InputError(f"no language {', '.join(unknown)} in docs/languages.yml. "
                         f"Fix: use one of {', '.join(l.code for l in langs[1:])}.")
    for lang in langs[1:]:
        if codes and lang.code not in codes:
            continue
        st = ts.language_status(lang, langs)
        print(f"{lang.code} ({lang.name}): {st.translated}/{len(st.pages)} pages translated, "
              f"{st.count('reviewed')} reviewed, {st.count('outdated')} out of date")
        if check:
            continue
        for state, label in (("missing", "missing"), ("outdated", "outdated"), ("unreviewed", "unreviewed")):
            for item in st.pages:
                if item.state == state:
                    print(f"  {label:10} docs/{lang.code}/{item.path}")
        marked = st.labels.meta.get("to_translate") or []
        if marked:
            print(f"  {len(marked)} text(s) of {st.labels.path} (the evidence table) are still marked '# translate' "
                  f"(from line {marked[0]}): translate them with docs/{lang.code}/evidence/reviews.md, then stamp the file")
        elif st.labels.state != "reviewed":
            print(f"  {st.labels.state:10} {st.labels.path}  (evidence table labels and texts)")
        if st.english_texts:
            first = min(line for _, line in st.english_texts)
            print(f"  {len(st.english_texts)} text(s) of its entry in docs/languages.yml are still marked "
                  f"'# translate' (from line {first}): {', '.join(k for k, _ in st.english_texts[:6])}"
                  + (" ..." if len(st.english_texts) > 6 else ""))
        if not lang.search_words and any(i.state != "missing" for i in st.pages):
            print("  search_words are not set in docs/languages.yml: add two forms of a word of your pages")
    if check:
        print("No problem that stops the build.")
    return 0


def _stamp_labels(path: Path) -> str:
    text = read_text(path)
    line = f"source_hash: {source_hash(ts.REVIEWS)}"
    if re.search(r"^source_hash:.*$", text, flags=re.M):
        text = re.sub(r"^source_hash:.*$", line, text, count=1, flags=re.M)
    else:
        text = re.sub(r"^(?!#)", line + "\n", text, count=1, flags=re.M)
    if not re.search(r"^reviewed:", text, flags=re.M):
        text = text.replace(line + "\n", line + "\nreviewed: false\n", 1)
    path.write_text(text, encoding="utf-8")
    return line


def _stamp_page(page: Path) -> str:
    en_page = EN.joinpath(*page.resolve().relative_to(DOCS).parts[1:])
    if not en_page.exists():
        raise InputError(f"{rel(page)}: no English page {rel(en_page)} to stamp against. "
                         "Fix: give the path of a translated page, at the same path as its English page.")
    meta, _ = read_front_matter(page)  # fails clearly if malformed
    text = read_text(page)             # without a byte-order mark, which is dropped on writing
    line = f"source_hash: {source_hash(en_page)}"
    if text.startswith("---"):
        head, sep, rest = text.partition("\n---")
        if re.search(r"^source_hash:.*$", head, flags=re.M):
            head = re.sub(r"^source_hash:.*$", line, head, count=1, flags=re.M)
        else:
            head = head.replace("---\n", f"---\n{line}\n", 1)
        if "reviewed" not in meta:
            head = head.replace(f"{line}\n", f"{line}\nreviewed: false\n", 1)
        text = head + sep + rest
    else:
        text = f"---\n{line}\nreviewed: false\n---\n{text}"
    page.write_text(text, encoding="utf-8")
    english_versions.keep(en_page)     # so that `diff` finds this English version, committed or not
    missing = [k for k in ("method", "translated_by") if k not in meta]
    if missing:
        return line + f"; now add {' and '.join(missing)} (how it was made, by whom: docs/TRANSLATING.md)"
    return line


def start(page: Path, by: str | None, method: str) -> int:
    """Copy the English page to `page` (docs/<lang>/...), with the front matter a translation
    needs, so that it builds at once and the translator only changes the words."""
    resolved = page.resolve()
    parts = resolved.relative_to(DOCS.resolve()).parts if resolved.is_relative_to(DOCS.resolve()) else ()
    codes = [l.code for l in load_languages()]
    if len(parts) < 2 or page.suffix != ".md" or parts[0] in (SOURCE_LANG, "data") or parts[1] == "includes":
        raise InputError(f"{page}: not the path of a page in a translation. Fix: give docs/<lang>/<page>.md, "
                         "the path of the English page with its language's folder (docs/pt/standards/standard-1.md).")
    if parts[0] not in codes:
        raise InputError(f"{page}: no language '{parts[0]}' in docs/languages.yml. Fix: use one of "
                         f"{', '.join(codes[1:])}, or add it: translations.py new-language {parts[0]}.")
    en_page = EN.joinpath(*parts[1:])
    if not en_page.is_file():
        near = difflib.get_close_matches("/".join(parts[1:]), ts.english_pages(), n=1)
        raise InputError(f"{page}: no English page {rel(en_page)}. Fix: use the path of an English page"
                         + (f" (did you mean docs/{parts[0]}/{near[0]}?)" if near else "") + ".")
    if page.exists():
        raise InputError(f"{rel(page)} already exists. Fix: edit it; to see what changed in English since it "
                         f"was translated: translations.py diff {rel(page)}.")
    if not by:
        import subprocess
        by = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    if not by:
        raise InputError("who translates it? Fix: add --by \"Your Name\" (a name, or a team; readers see it "
                         "in the note at the end of the page).")
    meta, body = read_front_matter(en_page)
    own = {"source_hash": source_hash(en_page), "reviewed": False, "method": method, "translated_by": by}
    head = re.sub(r"^(description: .*)$", r"\1   # translate", front_matter_text(own | meta), count=1, flags=re.M)
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(head + body.lstrip("\n"), encoding="utf-8")
    english_versions.keep(en_page)
    print(f"wrote {rel(page)}: the English page, stamped, translated_by: {by}, method: {method}, reviewed: false.\n"
          "Translate its text (and the description, marked '# translate') in place; the preview shows it as you save.")
    return 0


def stamp(pages: list[Path]) -> int:
    for page in pages:
        if not page.is_file():
            raise InputError(f"{page}: no such file. Fix: give the path of a translated page "
                             "(docs/pt/index.md) or of an evidence labels file (docs/data/reviews-i18n/pt.yml).")
        resolved = page.resolve()
        if resolved.parent == LABELS_DIR.resolve() and page.suffix == ".yml":
            if page.stem == SOURCE_LANG:
                raise InputError(f"{rel(page)}: the English labels are the source; nothing to stamp.")
            line = _stamp_labels(page)
        elif resolved.is_relative_to(DOCS.resolve()) and page.suffix == ".md" and \
                resolved.relative_to(DOCS.resolve()).parts[0] not in (SOURCE_LANG, "data"):
            line = _stamp_page(page)
        else:
            raise InputError(f"{page}: not a translated page or evidence labels file. Fix: stamp docs/<lang>/<page>.md "
                             "or docs/data/reviews-i18n/<lang>.yml.")
        print(f"stamped {rel(page)} ({line})")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    st = sub.add_parser("status")
    st.add_argument("langs", nargs="*")
    st.add_argument("--check", action="store_true", help="exit 1 only on problems that stop the build (for CI)")
    sub.add_parser("stamp").add_argument("pages", nargs="+", type=Path)
    sub.add_parser("diff").add_argument("page", type=Path)
    sta = sub.add_parser("start", help="copy an English page into a language, ready to translate")
    sta.add_argument("page", type=Path, help="e.g. docs/pt/standards/standard-1.md")
    sta.add_argument("--by", help="who translates it (default: git's user.name)")
    sta.add_argument("--method", default="human", choices=("human", "ai-draft", "ai-draft-checked"))
    new = sub.add_parser("new-language", help="add a language (docs/languages.yml, folder, labels, terms)")
    new.add_argument("code", help="e.g. pt, or pt-BR")
    new.add_argument("--name", help="the language's own name, e.g. Português")
    new.add_argument("--dir", choices=("ltr", "rtl"), help="rtl for a right-to-left script")
    new.add_argument("--iso639-3", dest="iso", help="three-letter code, e.g. por")
    args = ap.parse_args()
    try:
        if args.cmd == "new-language":
            import new_language
            return new_language.add(args.code, args.name, args.dir, args.iso)
        if args.cmd == "status":
            return status(args.langs, args.check)
        if args.cmd == "stamp":
            return stamp(args.pages)
        if args.cmd == "start":
            return start(args.page, args.by, args.method)
        import paragraph_diff
        return paragraph_diff.show(args.page)
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
