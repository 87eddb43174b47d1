"""The "edit this page" link, built with REPO_URL set, as a reader sees it: on a translated page it
opens that page's source in the reader's language in the repository's web editor; on a page still
in English it opens a new file at the path the translation needs, beside a link to the English
source. Without REPO_URL there is no such link."""
from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading

import pytest

from conftest import SITE, copy_project

REPO = "https://github.com/example/perpetrator-site"


@pytest.fixture(scope="module")
def with_repo(tmp_path_factory):
    root = tmp_path_factory.mktemp("edit-link")
    copy_project(root)
    (root / "docs/es/about.md").unlink()          # a page still in English
    proc = subprocess.run([sys.executable, "scripts/build_site.py", "--no-downloads", "--lang", "en", "--lang", "es"],
                          cwd=root, capture_output=True, text=True, timeout=900,
                          env=dict(os.environ, REPO_URL=REPO))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root / "site"))
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield root, f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def test_translated_page_links_to_its_own_source(with_repo, guarded):
    root, url = with_repo
    page = guarded().page
    page.goto(url + "es/standards/standard-1/")
    link = page.get_by_role("link", name="Editar esta página")
    assert link.get_attribute("href") == f"{REPO}/edit/main/docs/es/standards/standard-1.md"
    assert (root / "docs/es/standards/standard-1.md").is_file()


def test_page_in_english_links_to_a_new_file_and_the_english_source(with_repo, guarded):
    root, url = with_repo
    page = guarded().page
    page.goto(url + "es/about/")
    new = page.get_by_role("link", name="Traducir esta página").get_attribute("href")
    assert new.startswith(f"{REPO}/new/main/docs/es?filename=about.md&value=")
    from urllib.parse import parse_qs, urlparse
    start = parse_qs(urlparse(new).query)["value"][0]      # the new file's front matter, ready
    import hashlib
    fingerprint = hashlib.sha256((root / "docs/en/about.md").read_bytes()).hexdigest()[:12]
    assert start.startswith(f"---\nsource_hash: {fingerprint}\nreviewed: false\nmethod: human\n")
    assert page.get_by_role("link", name="texto en inglés").get_attribute("href") == \
        f"{REPO}/blob/main/docs/en/about.md"
    assert page.locator("p.i18n-edit").get_attribute("lang") == "es"
    page.goto(url + "en/about/")
    assert page.get_by_role("link", name="Edit this page").get_attribute("href") == \
        f"{REPO}/edit/main/docs/en/about.md"


def test_no_edit_link_without_repo_url(site):
    html = (SITE / "es" / "standards" / "standard-1" / "index.html").read_text(encoding="utf-8")
    assert "i18n-edit" not in html
