"""The built site in headless Chromium, per language: search, the language switcher, the notice on
untranslated pages, console errors and requests that would leave the machine."""
from __future__ import annotations

import re

import pytest

from conftest import CODES, LANGS, ROOT, built_pages, search_words

# A word used in each language's own pages and in no English page (the first of its search_words
# in docs/languages.yml): a search for it must find pages of that language, and only inside that
# language's site. A language with no translated page yet is searched for the English word.
SEARCH_WORDS = {lang.code: (search_words(lang) or ("",))[0] for lang in LANGS}


def test_every_language_has_a_search_word():
    missing = [code for code, word in SEARCH_WORDS.items() if not word]
    assert set(SEARCH_WORDS) == set(CODES) and not missing, \
        (f"docs/languages.yml: {missing} translate pages but have no search_words. Fix: add "
         "search_words: [word, other form], two forms of a word found only on that language's pages")


@pytest.mark.parametrize("code", CODES)
def test_search_finds_pages_in_that_language_only(code, server, guarded):
    word = SEARCH_WORDS[code]
    own = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs" / code).rglob("*.md"))
    lang = next(l for l in LANGS if l.code == code)
    assert word in own or not lang.search_words, f"{word!r} does not occur in docs/{code}/"
    if code != "en" and lang.search_words:
        english = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs" / "en").rglob("*.md"))
        assert word not in english, f"{word!r} also occurs in English pages; pick another word"
    gp = guarded()
    page = gp.page
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server + f"{code}/", wait_until="networkidle")
    assert _search_requests(requests) == ([], []), "the search index or worker loaded before any search"
    box = page.locator("input.md-search__input")
    box.click()   # desktop width: the search box is in the header
    box.press_sequentially(word, delay=60)
    # Playwright types characters outside the US layout (Arabic) as text input with no key
    # events; a real keyboard sends them. One key press gives Material's search its keyup.
    box.press("End")
    results = page.locator(".md-search-result__item a, a.md-search-result__link")
    results.first.wait_for(timeout=10000)
    index, worker = _search_requests(requests)
    assert index == [server + f"{code}/search/search_index.json"], f"index requests: {index}"
    assert len(worker) == 1, f"search worker requests: {worker}"
    hrefs = results.evaluate_all("els => els.map(e => e.href)")
    assert hrefs, f"no search results for {word!r} in {code}"
    for href in hrefs:
        assert href.startswith(server + f"{code}/"), f"result {href} is outside the {code} site"
    results.first.click()
    page.wait_for_load_state()
    assert page.url.startswith(server + f"{code}/")
    assert gp.console_errors == []
    assert gp.external == []


def _search_requests(urls: list[str]) -> tuple[list[str], list[str]]:
    """The requests for the search index and for Material's search worker, in order."""
    return ([u for u in urls if "/search/search_index." in u],
            [u for u in urls if "/assets/javascripts/workers/search." in u])


@pytest.mark.parametrize("code", CODES)
def test_search_loads_on_demand_with_a_visible_loading_state(code, server, guarded):
    """Search on demand (README): nothing of search loads with the page; the first focus on the
    search box starts the index, Material's "Initializing search" line shows while it loads, and
    once it is in, typing finds pages. The index is held back here to see the loading state."""
    gp = guarded()
    page = gp.page
    requests, held = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server + f"{code}/standards/standard-1/", wait_until="networkidle")
    page.wait_for_timeout(500)
    assert _search_requests(requests) == ([], [])
    meta = page.locator(".md-search-result__meta")
    initializing = meta.inner_text().strip()
    assert initializing, "Material's 'Initializing search' line is missing"
    page.route("**/search/search_index.json", lambda route: held.append(route))
    box = page.locator("input.md-search__input")
    box.focus()   # focus alone (a tap, or the / shortcut) starts the download
    page.wait_for_function("() => document.documentElement.classList.contains('search-loading')")
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(50)
    assert len(held) == 1, "focusing the search box did not request the index"
    assert meta.is_visible() and meta.inner_text().strip() == initializing
    box.press_sequentially(SEARCH_WORDS[code], delay=40)
    box.press("End")
    assert meta.inner_text().strip() == initializing   # still loading: no results yet, no error
    held[0].continue_()
    page.locator(".md-search-result__item a, a.md-search-result__link").first.wait_for(timeout=10000)
    assert meta.inner_text().strip() != initializing
    assert "search-loading" not in (page.locator("html").get_attribute("class") or "")
    index, worker = _search_requests(requests)
    assert len(index) == 1 and len(worker) == 1, (index, worker)
    assert gp.console_errors == []
    assert gp.external == []


@pytest.mark.parametrize("code", CODES)
def test_language_switcher_keeps_the_page(code, server, guarded):
    gp = guarded()
    page = gp.page
    path = "standards/standard-1/"
    page.goto(server + f"{code}/{path}")
    for other in LANGS:
        link = page.locator(f"a.md-select__link[hreflang={other.code}]")
        assert link.count() == 1
        assert link.get_attribute("href") and link.evaluate("a => a.href") == server + f"{other.code}/{path}"
    target = next(l for l in LANGS if l.code != code)
    page.locator(".md-header__option .md-select button").hover()
    page.locator(f"a.md-select__link[hreflang={target.code}]").click()
    page.wait_for_url(server + f"{target.code}/{path}")
    assert page.locator("html").get_attribute("lang") == target.code
    assert page.locator("body").get_attribute("dir") == target.dir
    assert gp.console_errors == []
    assert gp.external == []


def _url(md: str) -> str:
    """The page URL of a Markdown path, relative to its language root: 'standards/scope/', '' for the home page."""
    url = re.sub(r"(index)?\.md$", "", md)
    return url if url.endswith("/") or url == "" else url + "/"


def _untranslated(code: str, root=ROOT) -> list[str]:
    en, own = root / "docs" / "en", root / "docs" / code
    return sorted(p.relative_to(en).as_posix() for p in en.rglob("*.md")
                  if not (own / p.relative_to(en)).exists() and p.relative_to(en).parts[0] != "includes")


@pytest.mark.parametrize("code", [c for c in CODES if c != "en"])
def test_untranslated_page_says_so_in_the_readers_language(code, partial, partial_server, guarded):
    missing = _untranslated(code, partial)
    lang = next(l for l in LANGS if l.code == code)
    gp = guarded()
    page = gp.page
    assert missing, f"the partial copy has no untranslated {code} page"
    page.goto(partial_server + f"{code}/{_url(missing[0])}")
    notice = page.locator(".i18n-notice--untranslated")
    assert notice.is_visible()
    assert notice.get_attribute("lang") == code
    assert lang.strings["untranslated_body"] in notice.inner_text()
    assert page.locator("article").get_attribute("lang") == "en"
    assert page.locator("html").get_attribute("lang") == code
    assert gp.console_errors == []


@pytest.mark.parametrize("code", [c for c in CODES if c != "en"])
def test_translated_pages_say_they_are_unreviewed_unless_reviewed(code, site):
    from sitelib import read_front_matter
    for md in (ROOT / "docs" / code).rglob("*.md"):
        rel = md.relative_to(ROOT / "docs" / code)
        if rel.parts[0] == "includes":
            continue
        meta, _ = read_front_matter(md)
        out = site / code / _url(rel.as_posix()) / "index.html"
        html = out.read_text(encoding="utf-8")
        assert ("i18n-notice--unreviewed" in html) == (meta.get("reviewed") is not True), rel


@pytest.mark.parametrize("code", [c for c in CODES if c != "en"])
def test_english_fallback_pages_keep_the_english_tooltips(code, partial):
    """An untranslated page explains at least the terms its English original explains."""
    site = partial / "site"
    def abbrs(path):
        html = path.read_text(encoding="utf-8")
        article = html[html.index("<article"):html.index("</article>")]
        return set(re.findall(r"<abbr title=\"[^\"]+\">([^<]+)</abbr>", article))
    checked = 0
    for md in _untranslated(code, partial):
        url = _url(md)
        english = abbrs(site / "en" / url / "index.html")
        own = abbrs(site / code / url / "index.html")
        # covered by the same term, or by a longer one the language explains ("UN Women" for "UN")
        missing = {a for a in english if not any(a in b for b in own)}
        assert not missing, f"{code}/{url}: no tooltip for {sorted(missing)}"
        checked += bool(english)
    assert checked >= 5


@pytest.mark.parametrize("code", [l.code for l in LANGS if l.dir == "rtl"])
def test_citations_stay_whole_in_right_to_left_text(code, site):
    """A Latin citation inside Arabic text is isolated (dir="ltr"), so "n.d." keeps its final dot."""
    citations = loose = 0
    for page in (site / code).rglob("index.html"):
        for tag in re.findall(r'<a href="(?:\.\./)*references/#[^"]+"[^>]*>', page.read_text(encoding="utf-8")):
            citations += 1
            loose += 'dir="ltr"' not in tag
    assert citations > 100 and loose == 0, f"{loose} of {citations} citations in site/{code}/ are not isolated"


@pytest.mark.parametrize("code", [c for c in CODES if c != "en"])
def test_navigation_marks_english_titles_as_english(code, partial, partial_server, guarded):
    """In the menu, a link to a page shown in English carries lang="en"; a translated one does not."""
    missing = {_url(md) for md in _untranslated(code, partial)}
    gp = guarded()
    page = gp.page
    page.goto(partial_server + f"{code}/")
    links = page.locator(".md-nav--primary a.md-nav__link[href]")
    seen = 0
    for i in range(links.count()):
        a = links.nth(i)
        href = a.get_attribute("href")
        if href.startswith("#"):
            continue
        path = page.evaluate("h => new URL(h, location.href).pathname", href).removeprefix(f"/{code}/")
        assert (a.get_attribute("lang") == "en") == (path in missing), f"{code}: menu link to {path!r}"
        seen += 1
    assert seen >= 20 and missing


def test_root_page_lists_every_language_and_redirects(server, guarded):
    gp = guarded(locale="fr-FR")
    gp.page.goto(server)
    gp.page.wait_for_url(server + "fr/")
    gp2 = guarded(java_script_enabled=False)
    gp2.page.goto(server)
    for lang in LANGS:
        assert gp2.page.locator(f'a[href="{lang.code}/"]').count() == 1
    assert gp.external == [] and gp2.external == []


def test_pages_are_found(site):
    for code in CODES:
        assert len(built_pages(code)) >= 10, f"site/{code}/ has too few pages"
