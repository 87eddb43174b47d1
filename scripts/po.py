"""Translate pages in a translation tool (Poedit, Weblate, Lokalize): export a page as a gettext PO
file, one entry per paragraph, heading or list item, and import the translated file back into the
page. When the English page has changed since the translation was made, the export marks only the
paragraphs that changed as "fuzzy" (needs checking), with the old English beside them, and leaves
new paragraphs empty; the rest stay translated.

Run:  .venv/bin/python scripts/po.py export pt [docs/en/standards/standard-1.md ...]
          writes po/pt/<page>.po for the pages given (default: every page)
      .venv/bin/python scripts/po.py import po/pt/standards/standard-1.po [...]
          writes docs/pt/standards/standard-1.md, stamped, once every entry is translated and
          none is fuzzy (it lists those left, with their line in the PO file)

Uses Debian's po4a (`sudo apt-get install po4a`; ./scripts/test installs it when run as root),
with -f text -o markdown -o neverwrap -o yfm_keys=title,description. The English version a
translation was made from is found by its source_hash (scripts/english_versions.py).
"""
from __future__ import annotations

import argparse
import difflib
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import english_versions
import parity
from sitelib import (DOCS, ROOT, SOURCE_LANG, InputError, front_matter_text, load_languages, read_front_matter,
                     read_text, rel, source_hash)

PO_DIR = ROOT / "po"
EN = DOCS / SOURCE_LANG
OPTIONS = ["-f", "text", "-M", "UTF-8", "-o", "markdown", "-o", "neverwrap", "-o", "yfm_keys=title,description"]
# Front matter a translation keeps from its own page (the PO file carries only the description).
OWN_KEYS = ("reviewed", "method", "translated_by", "checked_by", "reviewed_by")


# --- a small reader and writer for the PO files po4a and gettext write ---------------------------

@dataclass
class Entry:
    comments: list[str] = field(default_factory=list)   # '#.', '#:' lines, kept as they are
    flags: list[str] = field(default_factory=list)
    previous: str | None = None                          # '#| msgid': the old English of a fuzzy entry
    msgid: str = ""
    msgstr: str = ""
    line: int = 0                                        # where the entry's msgid is in the file

    @property
    def kind(self) -> str:
        return next((c[len("#. type: "):] for c in self.comments if c.startswith("#. type: ")), "")

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags


def _unquote(s: str) -> str:
    return re.sub(r'\\(["\\nt])', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), s)


def _quote(text: str) -> str:
    if "\n" not in text.rstrip("\n") and len(text) < 70:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    parts = re.findall(r"[^\n]*\n|[^\n]+$", text)
    return '""\n' + "\n".join('"' + p.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
                              for p in parts)


def parse(text: str) -> tuple[Entry, list[Entry]]:
    """(header, entries) of a PO file's text."""
    entries, cur, target = [], Entry(), None
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            if target:
                entries.append(cur)
            cur, target = Entry(), None
        elif line.startswith("#,"):
            cur.flags += [f.strip() for f in line[2:].split(",") if f.strip()]
        elif line.startswith("#| msgid "):
            cur.previous, target = _unquote(line[len("#| msgid "):].strip()[1:-1]), "previous"
        elif line.startswith('#| "'):
            cur.previous += _unquote(line[3:].strip()[1:-1])
        elif line.startswith("#~"):
            continue                                      # obsolete entries are dropped
        elif line.startswith("#"):
            cur.comments.append(line)
        elif line.startswith("msgid "):
            cur.msgid, cur.line, target = _unquote(line[6:].strip()[1:-1]), n, "msgid"
        elif line.startswith("msgstr "):
            cur.msgstr, target = _unquote(line[7:].strip()[1:-1]), "msgstr"
        elif line.startswith('"') and target in ("msgid", "msgstr"):
            setattr(cur, target, getattr(cur, target) + _unquote(line.strip()[1:-1]))
        else:
            raise InputError(f"line {n}: not PO file syntax: {line[:60]!r}. Fix: open and save the file "
                             "in Poedit, or export it again.")
    if target:
        entries.append(cur)
    if not entries or entries[0].msgid != "":
        raise InputError("no PO header. Fix: export the page again with scripts/po.py export.")
    return entries[0], entries[1:]


def write(header: Entry, entries: list[Entry]) -> str:
    out = []
    for e in [header] + entries:
        lines = list(e.comments)
        if e.flags:
            lines.append("#, " + ", ".join(e.flags))
        if e.previous is not None:
            lines += ["#| msgid " + q if i == 0 else "#| " + q for i, q in enumerate(_quote(e.previous).split("\n"))]
        lines += ["msgid " + _quote(e.msgid), "msgstr " + _quote(e.msgstr)]
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


def header_field(header: Entry, name: str) -> str:
    m = re.search(rf"^{re.escape(name)}: (.*)$", header.msgstr, flags=re.M)
    return m.group(1).strip() if m else ""


# --- po4a ---------------------------------------------------------------------------------------

def _need_po4a() -> None:
    if not shutil.which("po4a-translate"):
        raise InputError("po4a is not installed. Fix: on Debian, Ubuntu or WSL: sudo apt-get install po4a; "
                         "on macOS: brew install po4a (./scripts/test installs it when run as root).")


def _po4a(*args) -> None:
    proc = subprocess.run(list(args), capture_output=True, text=True)
    if proc.returncode != 0:
        raise InputError(f"{args[0]} failed: {(proc.stderr or proc.stdout).strip()[-400:]}")


def segments(markdown: str, name: str = "page.md") -> tuple[Entry, list[Entry]]:
    """The entries po4a makes of a Markdown text (paragraphs, headings, list items, description)."""
    with tempfile.TemporaryDirectory() as tmp:
        src, po = Path(tmp) / name, Path(tmp) / "page.po"
        src.write_text(markdown, encoding="utf-8")
        _po4a("po4a-updatepo", *OPTIONS, "-m", str(src), "-p", str(po))
        return parse(po.read_text(encoding="utf-8"))


def occurrences(markdown: str) -> list[Entry]:
    """Every entry of a text in the order it comes, once per place: a PO file lists a paragraph
    that occurs twice (a repeated "English original:") once, with both places."""
    _, entries = segments(markdown)
    out = []
    for e in entries:
        lines = [int(n) for c in e.comments if c.startswith("#:") for n in re.findall(r":(\d+)\b", c)]
        for n in lines or [0]:
            out.append((n, e))
    return [e for _, e in sorted(out, key=lambda x: x[0])]


def _raw(e: Entry) -> str:
    """The Markdown of a translation's entry as it stands in the page (marker put back)."""
    kind, text = e.kind, e.msgid
    if kind.startswith("Title "):
        return kind[len("Title "):] + " " + text + "\n"
    m = re.match(r"Bullet: '(.*)'$", kind)
    if m:
        return m.group(1) + text
    return text


def _signature(e: Entry) -> str:
    """What must be the same in an English entry and its translation: its kind, a heading's id,
    and whether it is indented (the rest of a block po4a split at a blank line)."""
    ids = re.findall(r"\{:?[^}]*#([A-Za-z0-9_-]+)", e.msgid) if e.kind.startswith("Title") else []
    indented = "indented" if e.msgid[:1] in (" ", "\t") else ""
    return f"{e.kind}|{' '.join(ids)}|{indented}"


def align(english: list[Entry], translation: list[Entry]) -> list[str]:
    """For each English entry, the translation's text for it (same kind, in order). A block the
    translation adds (the English original of a quotation, a translator's note) goes with the entry
    before it; an English entry the translation lacks gets ''."""
    out = [""] * len(english)
    sm = difflib.SequenceMatcher(None, [_signature(e) for e in english], [_signature(t) for t in translation],
                                 autojunk=False)
    last = -1
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        pairs = min(i2 - i1, j2 - j1) if op in ("equal", "replace") else 0
        for k in range(pairs):
            out[i1 + k] = translation[j1 + k].msgid
            last = i1 + k
        extra = translation[j1 + pairs:j2]
        if extra:
            if last < 0:
                last = 0
            out[last] = (out[last].rstrip("\n") + "\n\n" + "\n".join(_raw(t) for t in extra)).lstrip("\n")
        if i2 > i1 + pairs:
            last = i2 - 1 if not pairs else last
    return out


# --- export and import --------------------------------------------------------------------------

def _language(code: str):
    langs = load_languages()
    lang = next((l for l in langs if l.code == code), None)
    if not lang or code == SOURCE_LANG:
        raise InputError(f"no translation '{code}' in docs/languages.yml. Fix: use one of "
                         f"{', '.join(l.code for l in langs[1:])}.")
    return lang


def export_page(code: str, relpath: str, english_text: str | None = None) -> tuple[str, dict]:
    """The PO file's text for one page, and counts {translated, fuzzy, empty}. english_text: the
    English to export against (default: the page as it is now)."""
    _need_po4a()
    en_page = EN / relpath
    current = english_text if english_text is not None else read_text(en_page)
    header, entries = segments(current)
    for e in entries:   # what Poedit shows as the entry's place: the English page, not a temporary file
        e.comments = [re.sub(r"\S*/page\.md:", f"docs/{SOURCE_LANG}/{relpath}:", c) if c.startswith("#:") else c
                      for c in e.comments]
    page = DOCS / code / relpath
    if page.is_file():
        meta, _ = read_front_matter(page)
        found = english_versions.find(en_page, str(meta.get("source_hash") or ""))
        old = found[0].decode("utf-8-sig") if found else current
        old_entries = occurrences(old)
        tr_entries = occurrences(read_text(page))
        # gettext wants a translation to end with a line break exactly when its English does
        texts = [t.rstrip("\n") + "\n" * e.msgid.endswith("\n") if t else t
                 for e, t in zip(old_entries, align(old_entries, tr_entries))]
        # Old English -> current English, entry by entry: an entry the same in both keeps its
        # translation; one that changed gets the old translation, marked fuzzy, with the old English;
        # a new one stays empty.
        now = occurrences(current)
        sm = difflib.SequenceMatcher(None, [(e.kind, e.msgid) for e in old_entries],
                                     [(e.kind, e.msgid) for e in now], autojunk=False)
        found_for: dict = {}
        for op, i1, i2, j1, j2 in sm.get_opcodes():
            for k in range(j2 - j1):
                key = (now[j1 + k].kind, now[j1 + k].msgid)
                if key in found_for:
                    continue
                if op == "equal" and texts[i1 + k]:
                    found_for[key] = (texts[i1 + k], None)
                elif op == "replace" and i1 + k < i2 and old_entries[i1 + k].kind == key[0] and texts[i1 + k]:
                    found_for[key] = (texts[i1 + k], old_entries[i1 + k].msgid)
        for e in entries:
            text, previous = found_for.get((e.kind, e.msgid), ("", None))
            e.msgstr = text
            if previous is not None:
                e.previous = previous
                e.flags = ["fuzzy"] + e.flags
    header.flags = []
    header.msgstr = re.sub(r"^Language: .*$", f"Language: {code}", header.msgstr, flags=re.M)
    header.msgstr = re.sub(r"^Project-Id-Version: .*$", f"Project-Id-Version: docs/{code}/{relpath}",
                           header.msgstr, flags=re.M)
    header.msgstr += f"X-Source-Hash: {english_versions.fingerprint(current.encode('utf-8'))}\n"
    counts = {"translated": sum(1 for e in entries if e.msgstr and not e.fuzzy),
              "fuzzy": sum(1 for e in entries if e.fuzzy), "empty": sum(1 for e in entries if not e.msgstr)}
    return write(header, entries), counts


def _lost(english: str, translation: str) -> list[str]:
    """The heading ids ({#in-short}) and link targets of an English entry that its translation
    lacks, found as the page check finds them (parity.IDS, parity.LINK)."""
    ids, links = parity.IDS.findall(translation), parity.LINK.findall(translation)
    return ([f"{{#{i}}}" for i in parity.IDS.findall(english) if i not in ids]
            + [f"({t})" for t in parity.LINK.findall(english) if t not in links])


ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+\S")


def _lists(lines: list[str]) -> list[tuple[int, int, bool]]:
    """Each list of a page, in order: (first line, end, tight: no blank line between items)."""
    out, i = [], 0
    while i < len(lines):
        if not ITEM.match(lines[i]):
            i += 1
            continue
        tight, j = True, i + 1
        while j < len(lines):
            if ITEM.match(lines[j]) or (lines[j][:1] in (" ", "\t") and lines[j].strip()):
                j += 1
            elif not lines[j].strip() and j + 1 < len(lines) and ITEM.match(lines[j + 1]):
                tight, j = False, j + 1
            else:
                break
        out.append((i, j, tight))
        i = j
    return out


def tighten(master: str, output: str) -> str:
    """po4a writes a blank line after every list item; put lists back as tight as the English
    has them (a blank line between items changes the HTML)."""
    m_lists, lines = _lists(master.split("\n")), output.split("\n")
    o_lists = _lists(lines)
    if len(m_lists) != len(o_lists):       # a translation with a list of its own: all tight, as on this site
        m_lists = [(0, 0, True)] * len(o_lists)
    drop = {k for (_, _, tight), (oi, oj, _) in zip(m_lists, o_lists) if tight
            for k in range(oi + 1, oj) if not lines[k].strip() and k + 1 < oj and ITEM.match(lines[k + 1])}
    return "\n".join(line for k, line in enumerate(lines) if k not in drop)


def translate(english_text: str, po_text: str) -> str:
    """The page po4a writes from the English and a PO file, lists as tight as the English."""
    with tempfile.TemporaryDirectory() as tmp:
        src, po, out = Path(tmp) / "page.md", Path(tmp) / "page.po", Path(tmp) / "out.md"
        src.write_text(english_text, encoding="utf-8")
        po.write_text(po_text, encoding="utf-8")
        _po4a("po4a-translate", *OPTIONS, "-m", str(src), "-p", str(po), "-l", str(out), "-L", "UTF-8", "-k", "0")
        return tighten(english_text, out.read_text(encoding="utf-8"))


def _front_matter(meta: dict) -> str:
    return front_matter_text(meta, ("source_hash", "description", "title", *OWN_KEYS))


def import_po(po_path: Path) -> Path:
    _need_po4a()
    po_path = Path(po_path)
    text = read_text(po_path)
    try:
        header, entries = parse(text)
    except InputError as err:
        raise InputError(f"{rel(po_path)}:{err}") from None
    target = header_field(header, "Project-Id-Version")
    m = re.fullmatch(r"docs/([^/]+)/(.+\.md)", target)
    if not m:
        raise InputError(f"{rel(po_path)}: its header does not say which page it translates "
                         "(Project-Id-Version: docs/<lang>/<page>.md). Fix: export the page again.")
    code, relpath = m.groups()
    _language(code)
    en_page = EN / relpath
    english = read_text(en_page)
    exported = header_field(header, "X-Source-Hash")
    if exported != english_versions.fingerprint(english.encode("utf-8")):
        raise InputError(f"{rel(po_path)}: {rel(en_page)} has changed since this file was exported. Fix: export "
                         f"it again (.venv/bin/python scripts/po.py export {code} {rel(en_page)}) and open the new "
                         "file: your translations are kept, and only the changed paragraphs are marked fuzzy.")
    left = [e for e in entries if e.fuzzy or not e.msgstr]
    if left:
        where = ", ".join(f"line {e.line}{' (fuzzy)' if e.fuzzy else ''}" for e in left[:12])
        raise InputError(f"{rel(po_path)}: {len(left)} entr{'y' if len(left) == 1 else 'ies'} not translated or "
                         f"marked fuzzy: {where}{' ...' if len(left) > 12 else ''}. Fix: translate them, and in Poedit "
                         "untick 'Needs work' once a fuzzy one is right; save, then import again.")
    lost = [(e.line, kept) for e in entries for kept in _lost(e.msgid, e.msgstr)]
    if lost:
        where = "; ".join(f"line {n}: {kept}" for n, kept in lost[:12])
        raise InputError(f"{rel(po_path)}: {len(lost)} heading id(s) or link target(s) of the English are missing "
                         f"from the translation: {where}{' ...' if len(lost) > 12 else ''}. Fix: copy each into the "
                         "translation as it is in the English (ids and link targets stay in English; only the "
                         "words around them change), save, then import again.")
    for e in entries:
        e.flags = [f for f in e.flags if f != "fuzzy"]
    out = translate(english, write(header, entries))
    meta, body = read_front_matter_text(out)
    page = DOCS / code / relpath
    own = read_front_matter(page)[0] if page.is_file() else {}
    translator = re.sub(r"\s*<[^>]*>\s*$", "", header_field(header, "Last-Translator")).strip()
    meta.update({k: own[k] for k in OWN_KEYS if k in own})
    meta.setdefault("reviewed", False)
    if "translated_by" not in meta:
        if not translator or translator.upper().startswith("FULL NAME"):
            raise InputError(f"{rel(po_path)}: the file does not say who translated it. Fix: in Poedit, set your "
                             "name (Preferences) or the Last-Translator of the file (Translation > Properties), "
                             "save, and import again.")
        meta["translated_by"] = translator
    meta.setdefault("method", "human")
    meta["source_hash"] = source_hash(en_page)
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(_front_matter(meta) + body, encoding="utf-8")
    english_versions.keep(en_page)
    return page


def read_front_matter_text(text: str) -> tuple[dict, str]:
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "page.md"
        p.write_text(text, encoding="utf-8")
        return read_front_matter(p)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    ex = sub.add_parser("export", help="write po/<lang>/<page>.po")
    ex.add_argument("lang")
    ex.add_argument("pages", nargs="*", type=Path, help="English pages (default: all)")
    im = sub.add_parser("import", help="write docs/<lang>/<page>.md from a translated PO file")
    im.add_argument("files", nargs="+", type=Path)
    args = ap.parse_args()
    try:
        if args.cmd == "export":
            lang = _language(args.lang)
            pages = [p.resolve().relative_to(EN.resolve()).as_posix() for p in args.pages] if args.pages else \
                sorted(p.relative_to(EN).as_posix() for p in EN.rglob("*.md") if p.relative_to(EN).parts[0] != "includes")
            for relpath in pages:
                if not (EN / relpath).is_file():
                    raise InputError(f"docs/en/{relpath}: no such English page. Fix: give English pages, e.g. docs/en/index.md.")
                text, counts = export_page(lang.code, relpath)
                target = PO_DIR / lang.code / Path(relpath).with_suffix(".po")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
                print(f"{rel(target)}: {counts['translated']} translated, {counts['fuzzy']} fuzzy (changed in English), "
                      f"{counts['empty']} to translate")
            return 0
        for path in args.files:
            page = import_po(path)
            print(f"wrote {rel(page)} (stamped). Check it: .venv/bin/python scripts/parity.py "
                  f"{page.relative_to(DOCS).parts[0]}")
        return 0
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except ValueError as err:   # a page outside docs/en/
        print(f"error: {err}. Fix: give English pages under docs/en/.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
