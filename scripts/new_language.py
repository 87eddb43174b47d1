"""Add a language to the site, completely, in one step: its entry in docs/languages.yml (every
text still in English, each marked "# translate"), its folder docs/<code>/ with the tooltips
include, its evidence labels file and its term base. The new language builds at once: every page
shows the English text with a notice in the language, until a page is translated.

Run:  .venv/bin/python scripts/translations.py new-language pt
      .venv/bin/python scripts/translations.py new-language pt-BR --name "Português (Brasil)"
      options: --name (the language's own name), --dir ltr|rtl, --iso639-3 por
      (found for most languages; the command says when it needs one of them)
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from evidence import FREE_TEXT  # the review fields a translation gives in its own words
from sitelib import (DOCS, LANGUAGES_FILE, LUNR, InputError, key_lines, load_languages, load_yaml, material_texts,
                     read_text, rel, source_hash)

I18N = DOCS / "data" / "reviews-i18n"
TERMS = DOCS / "data" / "terms"
REVIEWS = DOCS / "data" / "reviews.yml"
ISO_CODES = Path("/usr/share/iso-codes/json/iso_639-3.json")   # Debian's iso-codes, where present
CODE = re.compile(r"[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-[A-Z]{2}|-\d{3})?")
MARK = "  # translate"


def check_code(code: str) -> None:
    if not CODE.fullmatch(code):
        fixed = re.sub(r"[_-]([A-Za-z]{2})$", lambda m: "-" + m.group(1).upper(), code.lower().replace("_", "-"))
        hint = f"'{fixed}'" if CODE.fullmatch(fixed) else "a two-letter code such as 'pt', or with a region 'pt-BR'"
        raise InputError(f"'{code}' is not a language code we can use for a folder and a web address. "
                         f"Fix: use {hint} (see 'Which code' in docs/TRANSLATING.md).")


def restore(code: str) -> list[Path]:
    """For a language already listed: write the files new-language makes that are missing (lost
    from a pull request, say), keeping every file that exists. Returns what it wrote."""
    lang = next(l for l in load_languages() if l.code == code)
    written = _write_missing(code, lang.name)
    if material_texts(code)[1] is None:
        written.append(theme_language(code))
    return written


def _write_missing(code: str, name: str) -> list[Path]:
    """The tooltips include, the evidence labels and the term base, each only if missing."""
    (DOCS / code / "includes").mkdir(parents=True, exist_ok=True)
    written = []
    for path, make in ((DOCS / code / "includes" / "abbreviations.md", lambda: TOOLTIPS_HEADER),
                       (I18N / f"{code}.yml", lambda: labels_text(code, name)),
                       (TERMS / f"{code}.yml", lambda: terms_text(code, name))):
        if not path.exists():
            path.write_text(make(), encoding="utf-8")
            written.append(path)
    return written


def guess(code: str) -> dict:
    """The language's own name, direction and three-letter code, from Babel (installed with
    Material) and Debian's iso-codes; None where unknown."""
    out = {"name": None, "dir": None, "iso639_3": None}
    try:
        from babel import Locale
        loc = Locale.parse(code.replace("-", "_"))
        name = loc.get_display_name(loc)
        out["name"] = name[:1].upper() + name[1:]
        out["dir"] = "rtl" if loc.character_order == "right-to-left" else "ltr"
    except Exception:   # Babel missing, or a code it does not know: ask for --name and --dir
        pass
    base = code.split("-")[0]
    if len(base) == 3:
        out["iso639_3"] = base
    elif ISO_CODES.is_file():
        for entry in json.loads(ISO_CODES.read_text(encoding="utf-8"))["639-3"]:
            if entry.get("alpha_2") == base:
                out["iso639_3"] = entry["alpha_3"]
    return out


def _q(text: str) -> str:
    """A YAML double-quoted string on one line (JSON's quoting is valid YAML)."""
    return json.dumps(" ".join(str(text).split()), ensure_ascii=False)


def _same_everywhere(en_value: str, group: str, key: str, langs) -> bool:
    """A text every translation keeps as in English ('PDF') needs no mark."""
    others = [getattr(l, group).get(key) for l in langs[1:]]
    return bool(others) and all(o == en_value for o in others)


def entry_text(code: str, name: str, direction: str, iso: str, langs) -> str:
    en = langs[0]
    search = code if code in LUNR else code.split("-")[0] if code.split("-")[0] in LUNR else "en"
    out = [
        "",
        f"# {name}: added by `scripts/translations.py new-language {code}`. Every text marked",
        "# '# translate' is still the English text: translate it, then delete the mark.",
        f"- code: {code}",
        f"  iso639_3: {iso}",
        f"  name: {_q(name)}",
        f"  dir: {direction}",
        f"  search: {search}" + ("" if search != "en" or code == "en" else
                                 "   # the search has no word rules for this language; English ones are used"),
        "  # Two forms of one word found only on your translated pages (a plural and its singular),",
        '  # e.g. ["agresores", "agresor"]. Until then the tests search your site for English words.',
        "  search_words: []",
    ]
    for key in ("site_name", "site_description", "copyright"):
        out.append(f"  {key}: {_q(getattr(en, key))}{MARK}")
    for group in ("sections", "strings"):
        out.append(f"  {group}:")
        for key, value in getattr(en, group).items():
            k = key if re.fullmatch(r"[A-Za-z_]+", key) else _q(key)
            mark = "" if _same_everywhere(value, group, key, langs) else MARK
            out.append(f"    {k}: {_q(value)}{mark}")
    return "\n".join(out) + "\n"


def _emit(data: dict, indent: int) -> list[str]:
    out = []
    for key, value in data.items():
        k = key if re.fullmatch(r"[A-Za-z0-9_ -]+", key) else _q(key)
        if isinstance(value, dict):
            out.append(f"{' ' * indent}{k}:")
            out += _emit(value, indent + 2)
        elif isinstance(value, list):
            out.append(f"{' ' * indent}{k}:")
            out += [f"{' ' * indent}  - {_q(v)}{MARK}" for v in value]
        else:
            out.append(f"{' ' * indent}{k}: {_q(value)}{MARK}")
    return out


def labels_text(code: str, name: str) -> str:
    """The evidence labels and each review's free text, in English, each marked; the build uses
    them only once evidence/reviews.md is translated."""
    reviews = {r["id"]: {f: r[f] for f in FREE_TEXT if r.get(f)} for r in load_yaml(REVIEWS)}
    out = [f"# {name} labels and free text for the evidence table, map and cards. Everything marked",
           "# '# translate' is still English: translate it when you translate evidence/reviews.md (the",
           "# build uses this file only then), and delete the mark. `reviews:` holds each review's",
           "# free text from docs/data/reviews.yml; source_hash records which version you translated",
           f"# (.venv/bin/python scripts/translations.py stamp docs/data/reviews-i18n/{code}.yml).",
           f"source_hash: {source_hash(REVIEWS)}", "reviewed: false", "labels:"]
    out += _emit(load_yaml(I18N / "en.yml")["labels"], 2)
    out.append("reviews:")
    out += _emit({rid: fields for rid, fields in reviews.items() if fields}, 2)
    return "\n".join(out) + "\n"


def terms_text(code: str, name: str) -> str:
    """A term base to fill in: the English terms the other languages settled, commented out."""
    count: dict[str, int] = {}
    for path in sorted(TERMS.glob("*.yml")):
        for t in load_yaml(path) or []:
            count[t["en"]] = count.get(t["en"], 0) + 1
    seen = [en for en, n in count.items() if n > 1 or len(count) == 1]   # terms at least two languages settled
    out = [f"# {name} term base: one translation per term, used on every page (docs/{code}/).",
           "# `use` is the term; `avoid` lists variants that must not appear on any page (whole words, any case).",
           f"# .venv/bin/python scripts/terms.py {code} and the tests fail on a page that uses a variant.",
           "# Uncomment a term (remove the '# ' at the start of its lines) once you have chosen its translation;",
           "# see docs/data/terms/es.yml for a full example.", ""]
    for en in seen:
        out += [f"# - en: {en}", "#   use: ", "#   avoid: []"]
    return "\n".join(out) + "\n"


TOOLTIPS_HEADER = (
    "[//]: # (Tooltips for the terms on your translated pages, one line each, as in docs/en/includes/abbreviations.md:)\n"
    "[//]: # (an asterisk, the term in square brackets, a colon, the explanation in your language.)\n"
    "[//]: # (Pages still in English keep the English tooltips, so add a term when you translate a page that uses it.)\n")


def theme_language(code: str) -> Path | None:
    """Material's interface texts (search box, 'Skip to content'): a copy of the English ones
    in overrides/ if Material has none for this language, else None."""
    target, found = material_texts(code)
    if found and found != target:
        return None                       # Material ships them
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        text = read_text(material_texts("en")[1]).replace('"language": "en"', f'"language": "{code}"')
        target.write_text("{#- Material's interface texts, copied from English: translate the values. -#}\n" + text,
                          encoding="utf-8")
    return target


def add(code: str, name: str | None = None, direction: str | None = None, iso: str | None = None) -> int:
    langs = load_languages()
    check_code(code)
    if code in [l.code for l in langs]:
        restored = [] if code == langs[0].code else restore(code)
        if not restored:
            raise InputError(f"{rel(LANGUAGES_FILE)}: {code} is already listed. Fix: nothing to add; "
                             f"translate its pages in docs/{code}/ (docs/TRANSLATING.md).")
        print(f"{code} is already listed in {rel(LANGUAGES_FILE)}; wrote what it lacked (nothing else changed):")
        for path in restored:
            print(f"  {rel(path)}")
        return 0
    found = guess(code)
    name, direction, iso = name or found["name"], direction or found["dir"], iso or found["iso639_3"]
    needs = [opt for opt, value in (("--name", name), ("--dir", direction), ("--iso639-3", iso)) if not value]
    if needs:
        raise InputError(f"cannot tell the {' and '.join(needs)} of '{code}'. Fix: run again with "
                         + ", ".join(f"{o} {ex}" for o, ex in (("--name", "NAME"), ("--dir", "ltr"),
                                                              ("--iso639-3", "abc")) if o in needs)
                         + " (the language's own name, as in '--name Kiswahili'; --dir rtl for a right-to-left "
                           "script; its ISO 639-3 code, as 'swa' for Kiswahili: https://iso639-3.sil.org).")
    if direction not in ("ltr", "rtl"):
        raise InputError(f"--dir must be ltr or rtl, not {direction!r}.")
    if not re.fullmatch(r"[a-z]{3}", iso):
        raise InputError(f"--iso639-3 must be three lowercase letters (por, swa), not {iso!r}.")

    written = []
    text = read_text(LANGUAGES_FILE)
    entry = entry_text(code, name, direction, iso, langs)
    LANGUAGES_FILE.write_text(text.rstrip("\n") + "\n" + entry, encoding="utf-8")
    written.append(LANGUAGES_FILE)
    written += _write_missing(code, name)
    theme = theme_language(code)
    if theme:
        written.append(theme)
    try:
        load_languages()       # what we wrote must load; undo the entry if not
    except InputError:
        LANGUAGES_FILE.write_text(text, encoding="utf-8")
        raise
    lines = key_lines(LANGUAGES_FILE)
    first = next((n for key, n in lines.items() if len(key) == 1 and n > len(text.splitlines())), 0)
    marks = entry.count(MARK)
    print(f"Added {name} ({code}):")
    for path in written:
        print(f"  {rel(path)}")
    print(f"""
Next:
  1. See it:  ./scripts/serve --lang {code}    then open http://127.0.0.1:8000/{code}/
     Every page is there, in English, with a notice in your language (once you translate it).
  2. Translate the texts of its entry in docs/languages.yml (from line {first}): {marks} are marked
     '# translate'. Delete each mark once done. The preview shows them as you save.
  3. Translate the home page first (docs/TRANSLATING.md, 'Translate a page'):
       .venv/bin/python scripts/translations.py start docs/{code}/index.md --by "Your Name"
     then translate docs/{code}/index.md in place. Then add search_words in docs/languages.yml.
  4. See what is left at any time:  .venv/bin/python scripts/translations.py status {code}""")
    if theme:
        print(f"  5. Material has no interface texts in this language: translate the values in {rel(theme)}.")
    if code.split("-")[0] not in LUNR:
        print("  Note: the search has no word rules for this language, so it uses the English ones.")
    return 0
