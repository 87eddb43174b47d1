"""The translator's live preview (`./scripts/serve --lang es`, scripts/preview.py) in headless
Chromium, on a temporary copy of the project: a saved change shows without reloading by hand; a
change that does not build keeps the last good page and shows the error (file, line, fix); the
next good save clears it; the language menu and the English pages work."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import SITE, copy_project


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def preview(tmp_path_factory, site):
    root = tmp_path_factory.mktemp("preview")
    copy_project(root)
    shutil.copytree(SITE, root / "site", ignore=shutil.ignore_patterns("downloads"))   # the other languages, built
    port = _free_port()
    log = (root / "preview.log").open("w")
    proc = subprocess.Popen([sys.executable, "scripts/preview.py", "--lang", "es"], cwd=root, stdout=log,
                            stderr=subprocess.STDOUT, env=dict(os.environ, PORT=str(port)))
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        assert proc.poll() is None, (root / "preview.log").read_text()
        try:
            urllib.request.urlopen(url + "es/", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        pytest.fail("the preview did not start: " + (root / "preview.log").read_text())
    yield root, url
    proc.terminate()
    proc.wait(timeout=20)
    log.close()


def _wait(page, predicate, what: str, root, timeout=600):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    pytest.fail(f"{what}, after {timeout} s. Preview log:\n" + (root / "preview.log").read_text()[-3000:])


def test_a_saved_change_shows_by_itself_and_a_bad_one_keeps_the_last_good_page(preview, guarded):
    root, url = preview
    gp = guarded(block=False)     # the live page keeps its reload request open (GuardedPage)
    page = gp.page
    page.goto(url + "es/about/")
    h1 = page.locator("article h1")
    title = h1.inner_text().replace("¶", "").strip()
    source = root / "docs/es/about.md"
    text = source.read_text(encoding="utf-8")
    heading = next(line for line in text.splitlines() if line.startswith("# "))

    # 1. a good change: the open page reloads itself with it
    source.write_text(text.replace(heading, heading + " (vista previa)", 1), encoding="utf-8")
    _wait(page, lambda: "(vista previa)" in h1.inner_text(), "the page did not show the saved change", root)

    # 2. a change that does not build: the last good page stays, with the error, file and line
    bad = text.replace(heading, heading + " (vista previa)", 1) + "\n[roto](no-such-page.md)\n"
    source.write_text(bad, encoding="utf-8")
    line = len(bad.splitlines())
    error = page.locator("#preview-error")
    _wait(page, lambda: error.count() == 1, "no error shown for a broken link", root)
    assert f"docs/es/about.md:{line}" in error.inner_text() and "Fix:" in error.inner_text()
    assert "(vista previa)" in h1.inner_text(), "the last good page is no longer shown"

    # 3. fixed: the error goes, the page is as written
    source.write_text(text, encoding="utf-8")
    _wait(page, lambda: error.count() == 0 and h1.inner_text().replace("¶", "").strip() == title,
          "the error did not clear after the fix", root)
    assert gp.external == []


def test_language_menu_and_english_links_work_in_the_preview(preview, guarded):
    root, url = preview
    gp = guarded()
    page = gp.page
    page.goto(url + "es/standards/standard-1/")
    english = page.locator('a.md-select__link[hreflang="en"]')
    english.evaluate("a => a.click()")
    page.wait_for_url(url + "en/standards/standard-1/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("article h1").count() == 1
    chooser = guarded(java_script_enabled=False).page     # the language chooser at / lists the preview's language
    chooser.goto(url)
    assert chooser.locator('a[href="es/"]').count() == 1


def test_a_change_that_builds_but_fails_a_check_shows_a_yellow_box(preview, guarded):
    """A translated heading id builds (MkDocs does not mind) but breaks the links to it from other
    languages and fails parity.py: the preview says so at once, naming the file, the line and the fix."""
    root, url = preview
    gp = guarded(block=False)
    page = gp.page
    page.goto(url + "es/key-messages/")
    source = root / "docs/es/key-messages.md"
    text = source.read_text(encoding="utf-8")
    heading = next(line for line in text.splitlines() if line.startswith("## ") and "{#" in line)
    anchor = heading.split("{#", 1)[1].split("}", 1)[0]
    changed = text.replace(heading, heading.replace("{#" + anchor, "{#traducido"), 1)
    source.write_text(changed, encoding="utf-8")
    line = changed.splitlines().index(heading.replace("{#" + anchor, "{#traducido")) + 1
    box = page.locator("#preview-checks")
    _wait(page, lambda: box.count() == 1, "no yellow box for a translated heading id", root)
    said = box.inner_text()
    assert f"docs/es/key-messages.md:{line}:" in said and anchor in said and "traducido" in said and "Fix:" in said, said
    assert page.locator("#traducido").count() == 1, "the page itself was not updated"
    assert page.locator("#preview-error").count() == 0
    source.write_text(text, encoding="utf-8")
    _wait(page, lambda: box.count() == 0, "the yellow box did not clear after the fix", root)
    assert gp.external == []
