"""Make the downloads of each language into site/downloads/ and list them in manifest.json:
the offline site as a ZIP (opens from the file system, search included), a PDF, and a ZIM file
for Kiwix. Called by scripts/build_site.py before the online sites (their Downloads page reads the
manifest). A missing PDF tool is reported plainly; the rest is still built.
"""
from __future__ import annotations

import datetime
import hashlib
import json
import shutil
import sys
import zipfile
from pathlib import Path

from sitelib import ROOT

DOWNLOADS = ROOT / "site" / "downloads"
OFFLINE = ROOT / "build" / "offline"
STEM = "perpetrator-interventions"


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


def build_all(chosen, langs, build_language) -> bool:
    import make_pdf
    import make_zim
    DOWNLOADS.mkdir(parents=True, exist_ok=True)
    manifest_path = DOWNLOADS / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.is_file() else []
    codes = {lang.code for lang in chosen}
    manifest = [m for m in manifest if m["lang"] not in codes and (DOWNLOADS / m["file"]).is_file()]
    pdf_problem = make_pdf.missing_tool()
    if pdf_problem:
        print(f"PDF skipped: {pdf_problem}", file=sys.stderr)
    ok = True
    for lang in chosen:
        folder = OFFLINE / lang.code
        shutil.rmtree(folder, ignore_errors=True)
        print(f"Building the offline copy of {lang.code} into {folder.relative_to(ROOT)}/")
        if not build_language(lang, langs, "offline", folder):
            ok = False
            continue
        z = DOWNLOADS / f"{STEM}-{lang.code}.zip"
        _zip(folder, z, lang.strings["offline_readme"])
        manifest.append(_entry(z, lang.code, "zip"))
        if not pdf_problem:
            pdf = DOWNLOADS / f"{STEM}-{lang.code}.pdf"
            make_pdf.build(lang, folder, pdf)
            manifest.append(_entry(pdf, lang.code, "pdf"))
        zim = DOWNLOADS / f"{STEM}-{lang.code}.zim"
        make_zim.build(lang, folder, zim)
        manifest.append(_entry(zim, lang.code, "zim"))
        print(f"  downloads for {lang.code}: " +
              ", ".join(f"{m['file']} ({m['bytes'] // 1024} KB)" for m in manifest if m["lang"] == lang.code))
    order = {lang.code: i for i, lang in enumerate(langs)}
    manifest.sort(key=lambda m: (order.get(m["lang"], 99), m["kind"]))
    manifest_path.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return ok
