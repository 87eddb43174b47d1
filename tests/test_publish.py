"""The site as it is published, under its security policy (headers.yml):

- served by Debian's real nginx with the generated build/nginx/site.conf, and
- as the <meta> variant (./scripts/build --csp-meta) served by Python's server, as GitHub Pages would.

In headless Chromium, on every page of every language: no Content-Security-Policy violation
(securitypolicyviolation events), no console error, no policy warning; and the same checks the
rest of the suite makes of search, the language switcher and the evidence table, plus the
tooltips, pass under the policy. A click on an outside link from the References page sends no
Referer. Over HTTP, from nginx: every response carries the headers and no cookie, .gz copies go
to clients that accept gzip, fingerprinted files are cached for a year and pages briefly, and a
missing page gets its language's 404 page with status 404.
"""
from __future__ import annotations

import functools
import gzip
import http.client
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

import test_browser
import test_evidence
from conftest import CODES, ROOT, SITE, _QuietHandler, built_pages
from test_bad_input import project  # noqa: F401  (a fixture: a temporary copy of the project)

sys.path.insert(0, str(ROOT / "scripts"))
import csp_hashes  # noqa: E402
import serve_nginx  # noqa: E402
import write_policy  # noqa: E402

POLICY = write_policy.load_policy()
HOSTS = ["nginx", "meta_server"]
POLICY_WARNING = re.compile(r"Content.Security.Policy|Permissions.Policy|Referrer.Policy", re.I)


def sent_headers() -> dict[str, str]:
    """The headers site/_headers sends with every file (the record the build wrote)."""
    out, block = {}, False
    for line in (SITE / "_headers").read_text(encoding="utf-8").splitlines():
        if line.startswith("/"):
            block = line.endswith("/*")
        elif block and line.startswith("  "):
            name, value = line.strip().split(":", 1)
            out[name] = value.strip()
    return out


@pytest.fixture(scope="session")
def meta_server(site, tmp_path_factory):
    """The <meta> variant: a copy of the site with the policy put in every page exactly as
    ./scripts/build --csp-meta does, served by Python's server (which sends no such headers)."""
    copy = tmp_path_factory.mktemp("meta") / "site"
    skip = lambda folder, names: [n for n in names if n.endswith(".gz")   # noqa: E731
                                  or (Path(folder) == site and n == "downloads")]
    shutil.copytree(site, copy, ignore=skip)
    csp = write_policy.csp(POLICY, csp_hashes.collect(copy), meta=True)
    write_policy.put_meta(copy, POLICY["headers"]["Referrer-Policy"], csp)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(copy)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def tracking(guarded):
    """A guarded-page factory that remembers what it made, to check them all afterwards."""
    made = []

    def make(**context_args):
        gp = guarded(**context_args)
        made.append(gp)
        return gp
    return make, made


def assert_clean(pages):
    for gp in pages:
        assert gp.csp_violations == [], "policy violations:\n" + "\n".join(gp.csp_violations)
        assert gp.console_errors == [], gp.console_errors
        warnings = [w for w in gp.console_warnings if POLICY_WARNING.search(w)]
        assert warnings == [], warnings


# --- the policy itself ---------------------------------------------------------------------------

def test_the_policy_is_strict():
    csp = sent_headers()["Content-Security-Policy"]
    script = csp_hashes.directive(csp, "script-src")
    assert script[:2] == ["'self'", "'report-sample'"] and len(script) > 2
    assert all(s.startswith("'sha256-") for s in script[2:])
    assert csp_hashes.directive(csp, "default-src") == ["'self'"]
    assert csp_hashes.directive(csp, "frame-ancestors") == ["'none'"]
    assert csp_hashes.directive(csp, "object-src") == ["'none'"]
    for word in ("'unsafe-inline'", "'unsafe-eval'", "http:", "https:", "*"):
        assert word not in csp.split(), f"{word} in the Content-Security-Policy"
    headers = sent_headers()
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    features = [f.strip() for f in headers["Permissions-Policy"].split(",")]
    assert len(features) >= 10 and all(f.endswith("=()") for f in features)
    assert "geolocation=()" in features and "camera=()" in features and "microphone=()" in features


def test_every_inline_script_of_the_build_is_allowed():
    assert csp_hashes.check(SITE) == []


# --- over HTTP, from nginx ------------------------------------------------------------------------

def fetch(base: str, path: str, **headers) -> tuple[int, dict[str, str], list[str], bytes]:
    url = urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    conn.request("GET", "/" + path, headers=headers)
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    cookies = resp.headers.get_all("Set-Cookie") or []
    return resp.status, {k.lower(): v for k, v in resp.getheaders()}, cookies, body


def cache_rule(path: str) -> str:
    return next(r["value"] for r in POLICY["cache"] if re.search(r["pattern"], path))


def test_every_response_carries_the_headers_and_no_cookie(nginx):
    expected = {k.lower(): v for k, v in sent_headers().items()}
    files = [p for p in SITE.rglob("*") if p.is_file() and not p.name.endswith(".gz")
             and p.name != "_headers" and p.stat().st_size < 5_000_000]
    urls = [p.relative_to(SITE).as_posix() for p in files]
    urls += [p for code in CODES for p in built_pages(code)] + [""]
    problems = []
    for path in urls:
        status, headers, cookies, _ = fetch(nginx, path)
        if status != 200:
            problems.append(f"/{path}: status {status}")
        for name, value in expected.items():
            if headers.get(name) != value:
                problems.append(f"/{path}: {name} is {headers.get(name)!r}")
        if cookies:
            problems.append(f"/{path}: sets a cookie: {cookies}")
        want = cache_rule("/" + path)
        if headers.get("cache-control") != want:
            problems.append(f"/{path}: Cache-Control {headers.get('cache-control')!r}, want {want!r}")
    assert len(urls) > 400
    assert problems == [], "\n".join(problems[:20])


def test_fingerprinted_files_are_cached_long_and_pages_briefly(nginx):
    bundles = sorted(SITE.glob("*/assets/javascripts/bundle.*.min.js"))
    assert bundles
    _, headers, _, _ = fetch(nginx, bundles[0].relative_to(SITE).as_posix())
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    for path in ("en/", "es/standards/standard-1/", "en/search/search_index.json"):
        _, headers, _, _ = fetch(nginx, path)
        age = int(re.search(r"max-age=(\d+)", headers["cache-control"]).group(1))
        assert age <= 600, f"/{path}: {headers['cache-control']}"


def test_gzip_copies_go_to_clients_that_accept_gzip(nginx):
    checked = 0
    for gz in sorted(SITE.rglob("*.gz")):
        original = gz.with_name(gz.name[:-3])
        path = original.relative_to(SITE).as_posix()
        status, headers, _, body = fetch(nginx, path, **{"Accept-Encoding": "gzip, deflate"})
        assert status == 200 and headers.get("content-encoding") == "gzip", f"/{path}: not sent gzipped"
        assert "accept-encoding" in headers.get("vary", "").lower(), f"/{path}: no Vary: Accept-Encoding"
        assert gzip.decompress(body) == original.read_bytes(), f"/{path}: the .gz copy is stale"
        status, headers, _, body = fetch(nginx, path)
        assert "content-encoding" not in headers and body == original.read_bytes(), f"/{path}: gzip to a client without it"
        checked += 1
    assert checked > 300


@pytest.mark.parametrize("code", CODES)
def test_a_missing_page_gets_its_languages_404_page(code, nginx, guarded):
    status, headers, cookies, body = fetch(nginx, f"{code}/no-such-page/")
    assert status == 404
    assert body == (SITE / code / "404.html").read_bytes()
    assert headers["content-security-policy"] == sent_headers()["Content-Security-Policy"] and not cookies
    gp = guarded()
    response = gp.page.goto(nginx + f"{code}/no-such-page/")
    assert response.status == 404
    assert gp.page.locator("html").get_attribute("lang") == code
    assert gp.page.locator("h1").first.inner_text().startswith("404")
    gp.console_errors = [e for e in gp.console_errors if "404 (Not Found)" not in e]   # the page's own status
    assert_clean([gp])


def test_a_path_outside_every_language_gets_the_english_404(nginx):
    status, _, _, body = fetch(nginx, "no-such-folder/")
    assert status == 404 and body == (SITE / "404.html").read_bytes()


# --- in the browser, on both kinds of host ------------------------------------------------------

@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("host", HOSTS)
def test_every_page_runs_under_the_policy(host, code, request, guarded):
    base = request.getfixturevalue(host)
    gp = guarded()
    paths = built_pages(code) + [f"{code}/404.html"]
    not_run = []
    for path in paths:
        gp.page.goto(base + path)
        gp.page.wait_for_load_state("networkidle")
        # Material's first inline script defines __md_get; if the policy had blocked it, it would be missing.
        if gp.page.evaluate("typeof __md_get") != "function":
            not_run.append(path)
    assert not_run == [], f"Material's inline scripts did not run on {not_run}"
    assert_clean([gp])
    assert gp.external == []
    assert gp.context.cookies() == []
    print(f"{host} {code}: {len(paths)} pages, {len(gp.csp_violations)} violations")


@pytest.mark.parametrize("host", HOSTS)
def test_the_language_chooser_runs_under_the_policy(host, request, guarded):
    base = request.getfixturevalue(host)
    gp = guarded(locale="es-ES")
    gp.page.goto(base)
    gp.page.wait_for_url(base + "es/")       # its inline script ran and sent us on
    gp2 = guarded(locale="de-DE")             # a language we do not have: the list stays, styled
    gp2.page.goto(base)
    assert gp2.page.locator("a").first.evaluate("a => getComputedStyle(a).borderTopStyle") == "solid"
    assert_clean([gp, gp2])


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("host", HOSTS)
def test_search_switcher_and_evidence_table_work_under_the_policy(host, code, request, guarded):
    """The suite's own checks of search, the switcher and the table sorter, on this host."""
    base = request.getfixturevalue(host)
    make, made = tracking(guarded)
    test_browser.test_search_finds_pages_in_that_language_only(code, base, make)
    test_browser.test_language_switcher_keeps_the_page(code, base, make)
    test_evidence.test_the_table_sorts_by_year_when_the_reader_clicks_the_header(code, base, make)
    assert len(made) == 3
    assert_clean(made)


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("host", HOSTS)
def test_tooltips_work_under_the_policy(host, code, request, guarded):
    base = request.getfixturevalue(host)
    gp = guarded()
    gp.page.goto(base + f"{code}/standards/standard-1/")
    term = gp.page.locator("article abbr[title]").first
    title = term.get_attribute("title")
    term.hover()
    tip = gp.page.locator(".md-tooltip2--active")
    tip.wait_for(timeout=5000)
    assert tip.is_visible() and " ".join(title.split())[:40] in " ".join(tip.inner_text().split())
    assert_clean([gp])


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("host", HOSTS)
def test_outside_link_from_references_sends_no_referer(host, code, request, guarded):
    base = request.getfixturevalue(host)
    gp = guarded()
    page = gp.page
    page.goto(base + f"{code}/references/")
    link = page.locator('article a[href^="https://"]').first
    target = link.get_attribute("href")
    elsewhere = lambda url: urlparse(url).hostname == urlparse(target).hostname   # noqa: E731
    seen = []

    def answer(route):   # stands in for the other site: records what the browser sent it
        seen.append(route.request.all_headers())
        route.fulfill(status=200, content_type="text/html", body="<title>elsewhere</title>")
    page.route(elsewhere, answer)
    link.click()
    page.wait_for_url(elsewhere)
    assert len(seen) == 1
    assert "referer" not in seen[0], f"{target} was told {seen[0]['referer']}"
    # The same click from a local page without the policy does send a Referer: the check can see one.
    control = base + "no-policy-control.html"
    page.route(control, lambda r: r.fulfill(status=200, content_type="text/html",
                                            body=f'<a href="{target}">out</a>'))
    page.goto(control)
    page.click("a")
    page.wait_for_url(elsewhere)
    assert seen[1].get("referer", "").startswith(base[:-1]), "the control click sent no Referer"
    assert gp.csp_violations == []


# --- bad input: a hash that no longer matches its script ----------------------------------------

@pytest.fixture
def tampered(tmp_path):
    """A copy of one built page whose palette script was changed after the hashes were taken."""
    copy = tmp_path / "site"
    page = copy / "en" / "about" / "index.html"
    page.parent.mkdir(parents=True)
    shutil.copy(SITE / "_headers", copy / "_headers")
    text = (SITE / "en" / "about" / "index.html").read_text(encoding="utf-8")
    assert 'var palette=__md_get("__palette")' in text
    page.write_text(text.replace('var palette=__md_get("__palette")', 'var palette=__md_get("__palette2")'),
                    encoding="utf-8")
    return copy


def test_a_changed_inline_script_fails_the_check_naming_it_and_the_fix(tampered):
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "csp_hashes.py"), "--check", str(tampered)],
                          capture_output=True, text=True, timeout=60)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1 and "Traceback" not in out, out
    assert "en/about/index.html" in out and 'var palette=__md_get("__palette2")' in out
    assert "not run it" in out and "Fix: rebuild (./scripts/build)" in out


def test_a_changed_inline_script_is_blocked_and_reported_by_the_browser(tampered, guarded, tmp_path):
    """The violation listener works: served by nginx with the policy, the changed script is refused."""
    port = serve_nginx.free_port()
    proc = serve_nginx.start(port, tmp_path / "run", root=tampered)
    try:
        gp = guarded()
        gp.page.goto(f"http://127.0.0.1:{port}/en/about/")
        gp.page.wait_for_load_state("networkidle")
        assert any(v.startswith("/en/about/: script-src-elem") and "__palette2" in v for v in gp.csp_violations), \
            gp.csp_violations
        assert any("Content Security Policy" in e for e in gp.console_errors), gp.console_errors
    finally:
        serve_nginx.stop(proc)


# --- the opt-in <meta> build in a subfolder, served as DEPLOY.md says ----------------------------

def test_a_subfolder_build_with_the_meta_policy_works_under_nginx(project, guarded, tmp_path):  # noqa: F811
    port = serve_nginx.free_port()
    base = f"http://127.0.0.1:{port}/dv/"
    proc = subprocess.run([sys.executable, str(project / "scripts" / "build_site.py"), "--no-downloads",
                           "--lang", "en", "--csp-meta"], cwd=project, capture_output=True, text=True,
                          timeout=600, env={**os.environ, "SITE_URL": base})
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0 and "Traceback" not in out, out
    site = project / "site"
    for page in csp_hashes.pages(site):
        assert '<meta http-equiv="Content-Security-Policy"' in page.read_text(encoding="utf-8"), page
    assert "\n/dv/*\n" in (site / "_headers").read_text(encoding="utf-8")
    nginx = serve_nginx.start(port, tmp_path / "run", site_conf=project / "build" / "nginx" / "site.conf")
    try:
        status, headers, _, _ = fetch(base, "dv/en/")
        assert status == 200 and "content-security-policy" in headers
        status, _, _, body = fetch(base, "dv/en/no-such-page/")
        assert status == 404 and body == (site / "en" / "404.html").read_bytes()
        gp = guarded()
        for path in ("en/", "en/evidence/reviews/", "en/no-such-page/"):
            gp.page.goto(base + path)
            gp.page.wait_for_load_state("networkidle")
            assert gp.page.evaluate("typeof __md_get") == "function", path
            # Material's stylesheet loaded from the subfolder: the header is not unstyled
            assert gp.page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky", path
        gp.console_errors = [e for e in gp.console_errors if "404 (Not Found)" not in e]
        assert_clean([gp])
        assert gp.external == []
    finally:
        serve_nginx.stop(nginx)
