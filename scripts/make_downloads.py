"""The downloads of each language in site/downloads/, listed in manifest.json: the offline site as a
ZIP (opens from the file system, search included), a PDF, and a ZIM file for Kiwix, each made from
the language's offline copy (build/offline/<lang>/). And the list of downloads on the online
Downloads pages.

Called by scripts/build_site.py, which runs make() for each file in parallel with the other steps
of the build, then write_manifest() and fill_pages(): the Downloads page of every language lists
every language's files, so it is filled in once they all exist. Nothing is made twice: when a
language's offline copy, texts, these scripts, the tools' versions and the date are what they were
for the files already in site/downloads/ (build/downloads-cache/), those files are kept. overrides/hooks/downloads.py uses
render() too, with the manifest there is at build time (`mkdocs serve`, `--no-downloads`).
A missing PDF tool is reported plainly by build_site.py; the rest is still built.
"""
from __future__ import annotations

import datetime
import hashlib
import html
import json
import posixpath
import re
import zipfile
from pathlib import Path

from sitelib import ROOT

DOWNLOADS = ROOT / "site" / "downloads"
MANIFEST = DOWNLOADS / "manifest.json"
OFFLINE = ROOT / "build" / "offline"
STEM = "perpetrator-interventions"
KINDS = ("zip", "pdf", "zim")
# The list on a Downloads page sits between these two comments, so that it can be filled in again.
BEGIN, END = "<!-- downloads:begin -->", "<!-- downloads:end -->"


def _zip(folder: Path, target: Path, readme: str) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr(f"{STEM}/README.txt", readme + "\n")
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.name.endswith(".gz"):
                z.write(path, f"{STEM}/{path.relative_to(folder).as_posix()}")


def _entry(path: Path, lang: str, kind: str) -> dict:
    return {"lang": lang, "kind": kind, "file": path.name, "bytes": path.stat().st_size,
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "date": datetime.date.today().isoformat()}


def make(kind: str, lang) -> dict:
    """Make one download (zip, pdf or zim) of a language from build/offline/<lang>/; its manifest entry."""
    folder = OFFLINE / lang.code
    target = DOWNLOADS / f"{STEM}-{lang.code}.{kind}"
    DOWNLOADS.mkdir(parents=True, exist_ok=True)
    if kind == "zip":
        _zip(folder, target, lang.strings["offline_readme"])
    elif kind == "pdf":
        import make_pdf
        make_pdf.build(lang, folder, target)
    elif kind == "zim":
        import make_zim
        make_zim.build(lang, folder, target)
    else:
        raise ValueError(kind)
    return _entry(target, lang.code, kind)


CACHE = ROOT / "build" / "downloads-cache"


def fingerprint(lang) -> str:
    """What a language's downloads are made from: its offline copy (every file), the language's
    texts, the scripts that make them, WeasyPrint's and libzim's versions and today's date (on
    the PDF's cover and in the manifest)."""
    from dataclasses import asdict
    from importlib.metadata import PackageNotFoundError, version
    h = hashlib.sha256(datetime.date.today().isoformat().encode())
    h.update(json.dumps(asdict(lang), sort_keys=True, ensure_ascii=False).encode())
    for script in ("make_downloads.py", "make_pdf.py", "make_zim.py", "site_pages.py", "sitelib.py"):
        h.update((ROOT / "scripts" / script).read_bytes())
    for package in ("weasyprint", "pydyf", "libzim"):
        try:
            h.update(version(package).encode())
        except PackageNotFoundError:
            pass
    folder = OFFLINE / lang.code
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def unchanged(lang, kinds) -> list[dict] | None:
    """The manifest entries of this language's downloads if the last build made them from the same
    inputs (fingerprint) and the files are still the ones it made; else None."""
    record = CACHE / f"{lang.code}.json"
    if not record.is_file():
        return None
    data = json.loads(record.read_text(encoding="utf-8"))
    if data.get("fingerprint") != fingerprint(lang) or sorted(data.get("kinds", [])) != sorted(kinds):
        return None
    for entry in data["entries"]:
        path = DOWNLOADS / entry["file"]
        if not path.is_file() or path.stat().st_size != entry["bytes"] or \
                hashlib.sha256(path.read_bytes()).hexdigest() != entry["sha256"]:
            return None
    return data["entries"]


def remember(lang, kinds, entries: list[dict]) -> None:
    """Record what this language's downloads were made from (see unchanged)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    (CACHE / f"{lang.code}.json").write_text(json.dumps(
        {"fingerprint": fingerprint(lang), "kinds": sorted(kinds), "entries": entries}, indent=1), encoding="utf-8")


def write_manifest(entries: list[dict], rebuilt: set[str], langs) -> list[dict]:
    """manifest.json: the new entries, and those of languages not rebuilt whose files are still there."""
    old = json.loads(MANIFEST.read_text(encoding="utf-8")) if MANIFEST.is_file() else []
    kept = [m for m in old if m["lang"] not in rebuilt and (DOWNLOADS / m["file"]).is_file()]
    order = {lang.code: i for i, lang in enumerate(langs)}
    manifest = sorted(kept + entries, key=lambda m: (order.get(m["lang"], 99), m["kind"]))
    DOWNLOADS.mkdir(parents=True, exist_ok=True)
    MANIFEST.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def render(lang, langs, entries: list[dict] | None, page_dest: str) -> str:
    """The list of downloads (format, file, size, date, SHA-256) on the page written to page_dest
    (e.g. 'downloads/index.html') of a language's online site, between BEGIN and END."""
    s, e = lang.strings, html.escape
    by_code = {other.code: other for other in langs}
    if not entries:
        return f"{BEGIN}<p>{e(s['dl_none'])}</p>{END}"
    # From the page to site/downloads/: up to the language root, then one level more.
    base = posixpath.relpath("../downloads", posixpath.dirname(page_dest) or ".")
    kinds = {"zip": s["dl_zip"], "pdf": s["dl_pdf"], "zim": s["dl_zim"]}

    def table(rows, name):
        head = "".join(f'<th scope="col">{e(h)}</th>' for h in
                       (s["dl_format"], s["dl_file"], s["dl_size"], s["dl_date"], s["dl_sha"]))
        body = "".join(
            f'<tr><td>{e(kinds[r["kind"]])}</td>'
            f'<td><a href="{base}/{e(r["file"])}" download hreflang="{r["lang"]}">{e(r["file"])}</a></td>'
            f'<td>{_size(r["bytes"])}</td><td>{e(r["date"])}</td><td class="dl-sha">{r["sha256"]}</td></tr>'
            for r in rows)
        return (f'<div class="md-typeset__table" role="region" tabindex="0" aria-label="{e(s["dl_file"])}: {e(name)}">'
                f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")

    mine = [r for r in entries if r["lang"] == lang.code]
    others = [r for r in entries if r["lang"] != lang.code and r["lang"] in by_code]
    out = f"<h3 id=\"this-language\">{e(s['dl_this'])}</h3>\n{table(mine, lang.name) if mine else e(s['dl_none'])}\n"
    if others:
        out += f"<h3 id=\"other-languages\">{e(s['dl_other'])}</h3>\n"
        for code in dict.fromkeys(r["lang"] for r in others):
            other = by_code[code]
            out += f'<h4 lang="{code}" dir="{other.dir}">{e(other.name)}</h4>\n' + \
                   table([r for r in others if r["lang"] == code], other.name) + "\n"
    return f"{BEGIN}\n{out}{END}"


LIST = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)


def fill_pages(site: Path, langs, entries: list[dict]) -> int:
    """Write the list of downloads into every online Downloads page under site/ (every language
    lists every language's files). Returns the number of pages filled."""
    filled = 0
    for lang in langs:
        for page in sorted((site / lang.code).rglob("*.html")) if (site / lang.code).is_dir() else []:
            text = page.read_text(encoding="utf-8")
            if BEGIN not in text:
                continue
            dest = page.relative_to(site / lang.code).as_posix()
            new = LIST.sub(lambda _: render(lang, langs, entries, dest), text)
            if new != text:
                page.write_text(new, encoding="utf-8")
                filled += 1
    return filled
