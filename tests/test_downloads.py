"""The downloads, used as a reader with no connection would: the offline ZIP opened from the file
system (navigation and search), the PDF (pdfinfo, pdftotext), the ZIM in kiwix-serve."""
from __future__ import annotations

import hashlib
import json
import re
import socket
import subprocess
import time
import urllib.parse
import urllib.request
import zipfile

import pytest

from conftest import CODES, LANGS, SITE
from test_browser import SEARCH_WORDS

DOWNLOADS = SITE / "downloads"
STEM = "perpetrator-interventions"


def test_manifest_lists_every_download_with_its_checksum():
    manifest = json.loads((DOWNLOADS / "manifest.json").read_text())
    assert {(m["lang"], m["kind"]) for m in manifest} == {(c, k) for c in CODES for k in ("zip", "pdf", "zim")}
    for m in manifest:
        data = (DOWNLOADS / m["file"]).read_bytes()
        assert len(data) == m["bytes"] and hashlib.sha256(data).hexdigest() == m["sha256"]
    page = (SITE / "en" / "downloads" / "index.html").read_text(encoding="utf-8")
    for m in manifest:
        assert m["sha256"] in page and f'href="../../downloads/{m["file"]}"' in page


@pytest.fixture(scope="module")
def unzipped(tmp_path_factory):
    out = {}
    for code in CODES:
        folder = tmp_path_factory.mktemp(f"offline-{code}")
        with zipfile.ZipFile(DOWNLOADS / f"{STEM}-{code}.zip") as z:
            z.extractall(folder)
        out[code] = folder / STEM
    return out


@pytest.mark.parametrize("code", CODES)
def test_offline_zip_works_from_the_file_system(code, unzipped, guarded):
    root = unzipped[code]
    lang = next(l for l in LANGS if l.code == code)
    assert lang.strings["offline_readme"] in (root / "README.txt").read_text(encoding="utf-8")
    assert not any(p.name == "index.html" and p.parent.name in CODES for p in root.rglob("index.html")), \
        "the ZIP must hold only its own language"
    gp = guarded()
    page = gp.page
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((root / "index.html").as_uri())
    assert page.locator("html").get_attribute("lang") == code
    # Follow three links through the navigation.
    for href, target in (("standards/index.html", "standards/index.html"),
                         ("standard-1.html", "standards/standard-1.html"),
                         ("../evidence/reviews.html", "evidence/reviews.html")):
        page.locator(f'nav.md-nav--primary a[href="{href}"]').first.click()
        page.wait_for_url(re.compile(re.escape(target) + "$"))
        assert page.locator("article h1").count() == 1
    # Search, in this language, and open a result.
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(SEARCH_WORDS[code], delay=60)
    box.press("End")  # key events for non-US-layout text, as a real keyboard sends (see test_browser)
    result = page.locator(".md-search-result__item a, a.md-search-result__link").first
    result.wait_for(timeout=15000)
    result.click()
    page.wait_for_load_state()
    assert page.url.startswith(root.as_uri())
    assert [u for u in requests if not u.startswith(("file://", "data:", "blob:"))] == []
    assert gp.external == []
    # The evidence map is inline SVG and the picture is there without any network.
    page.goto((root / "evidence" / "reviews.html").as_uri())
    assert page.locator("svg.ev-map title").count() >= 1


def _pdf_objects(pdf) -> bytes:
    """The PDF's bytes with every Flate stream decompressed (the catalog may sit in an object stream)."""
    import zlib
    raw = pdf.read_bytes()
    out = [raw]
    for m in re.finditer(rb"stream\r?\n", raw):
        try:
            out.append(zlib.decompressobj().decompress(raw[m.end():m.end() + 2_000_000]))
        except zlib.error:
            pass
    return b"".join(out)


def _run(*args) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("code", CODES)
def test_pdf_has_pages_language_words_and_guidelines(code, tmp_path):
    pdf = DOWNLOADS / f"{STEM}-{code}.pdf"
    info = _run("pdfinfo", str(pdf))
    pages = int(re.search(r"^Pages:\s+(\d+)", info, flags=re.M).group(1))
    assert pages >= 40
    lang = next(l for l in LANGS if l.code == code)
    assert lang.site_name in info
    assert re.search(r"^Tagged:\s+yes", info, flags=re.M), "the PDF is not tagged: screen readers cannot follow it"
    text = _run("pdftotext", "-layout", str(pdf), "-")
    for n, count in {1: 5, 2: 6, 3: 6, 4: 6, 5: 5, 6: 5, 7: 4}.items():
        for g in range(1, count + 1):
            assert f"{n}.{g}" in text
    word = SEARCH_WORDS[code]   # docs/languages.yml search_words; right-to-left text reads in order without -layout
    assert word in text or (lang.dir == "rtl" and word in _run("pdftotext", str(pdf), "-")), \
        f"{word!r} is not in the {code} PDF"
    assert f"/Lang ({code})".encode() in _pdf_objects(pdf), "the PDF does not declare its language"
    _run("pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "2", str(pdf), str(tmp_path / "p"))
    assert len(list(tmp_path.glob("p-*.png"))) == 2


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("code", CODES)
def test_zim_opens_and_searches_in_kiwix_serve(code):
    port = _free_port()
    zim = DOWNLOADS / f"{STEM}-{code}.zim"
    proc = subprocess.Popen(["kiwix-serve", "--address=127.0.0.1", f"--port={port}", str(zim)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(50):
            try:
                urllib.request.urlopen(base + "/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        lang = next(l for l in LANGS if l.code == code)
        home = urllib.request.urlopen(f"{base}/{zim.stem}/", timeout=10).read().decode()
        assert f'<html lang="{code}"' in home and lang.site_name in home
        word = urllib.parse.quote(SEARCH_WORDS[code])
        results = urllib.request.urlopen(f"{base}/search?content={zim.stem}&pattern={word}", timeout=10).read().decode()
        hits = re.findall(rf'href="/{zim.stem}/([^"]+\.html)"', results)
        assert hits, f"kiwix-serve found nothing for {SEARCH_WORDS[code]!r}"
        page = urllib.request.urlopen(f"{base}/{zim.stem}/{hits[0]}", timeout=10).read().decode()
        assert "<article" in page
    finally:
        proc.terminate()
        proc.wait(timeout=10)
