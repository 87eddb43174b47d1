"""The translations as a reader relies on them: each language keeps to its term base, every
translated page matches its English page where it must (ids, links, guideline numbers, numbers,
tables, length), every translated page says in its footer how it was made and by whom, and the
"not yet reviewed" line leaves the page itself on a phone's first screen."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from conftest import LANGS, ROOT, search_words
import parity
import terms
from sitelib import read_front_matter

TRANSLATIONS = [lang for lang in LANGS if lang.code != "en"]
PAGES = [(lang.code, p.relative_to(ROOT / "docs" / lang.code).as_posix())
         for lang in TRANSLATIONS for p in parity.translated_pages(lang.code)]


def _url(md: str) -> str:
    url = re.sub(r"(index)?\.md$", "", md)
    return url if url.endswith("/") or url == "" else url + "/"


@pytest.mark.parametrize("code", [lang.code for lang in TRANSLATIONS])
def test_pages_use_the_term_base_not_its_rejected_variants(code):
    hits = terms.check(code)
    assert hits == [], "\n".join(str(h) for h in hits)


def test_term_base_catches_a_rejected_variant(tmp_path, monkeypatch):
    """The check itself: a page that says "hay que" for "should" is caught, with file and line."""
    docs = tmp_path / "docs"
    (docs / "data" / "terms").mkdir(parents=True)
    (docs / "data" / "terms" / "es.yml").write_text('- en: should\n  use: debería\n  avoid: ["hay que"]\n', encoding="utf-8")
    (docs / "es").mkdir()
    (docs / "es" / "p.md").write_text("# Título\n\nPor eso hay que ofrecer apoyo.\n"
                                      "[Normas](standards/index.md) \"hay que\" en inglés no cuenta.\n", encoding="utf-8")
    monkeypatch.setattr(terms, "DOCS", docs)
    monkeypatch.setattr(terms, "TERMS", docs / "data" / "terms")
    hits = terms.check("es")
    assert [(h.line, h.variant) for h in hits] == [(3, "hay que")]
    assert "p.md:3" in str(hits[0]) and "debería" in str(hits[0])


@pytest.mark.parametrize("code,page", PAGES, ids=[f"{c}/{p}" for c, p in PAGES])
def test_translated_page_matches_its_english_page(code, page):
    problems = parity.compare(ROOT / "docs" / code / page, code)
    assert problems == [], "\n".join(problems)


def test_parity_catches_a_dropped_number_and_table_row(tmp_path):
    en = "# T {#t}\n\nIn 12 of 27 studies.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    tr = "# T {#t}\n\nEn 12 estudios.\n\n| a | b |\n|---|---|\n"
    assert parity.numbers(en, "en") != parity.numbers(tr, "es")
    assert parity.tables(en) == [3] and parity.tables(tr) == [2]
    assert parity.numbers("27.6 %", "en") == parity.numbers("27,6 %", "es")


# Languages with at least one translated page (one just added has none yet: nothing to check).
TRANSLATING = [lang.code for lang in TRANSLATIONS if parity.translated_pages(lang.code)]


@pytest.mark.parametrize("code", TRANSLATING)
def test_every_translated_page_says_how_it_was_made(code, site):
    lang = next(l for l in LANGS if l.code == code)
    s = lang.strings
    checked = 0
    for page in parity.translated_pages(code):
        rel = page.relative_to(ROOT / "docs" / code).as_posix()
        meta, _ = read_front_matter(page)
        html = (site / code / _url(rel) / "index.html").read_text(encoding="utf-8")
        footer = re.search(r'<footer class="i18n-provenance" id="about-this-translation">(.*?)</footer>', html, re.S)
        assert footer, f"{code}/{rel}: no 'about this translation' footer"
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", footer.group(1)))
        method = s[{"human": "method_human", "ai-draft": "method_ai_draft",
                    "ai-draft-checked": "method_ai_draft_checked"}[meta["method"]]]
        assert method.split(".")[0] in text, f"{code}/{rel}: footer does not say how it was made"
        assert str(meta["source_hash"]) in text
        assert str(meta["translated_by"]) in text
        if meta.get("reviewed") is True:
            assert str(meta["reviewed_by"]) in text
        else:
            assert s["nobody_yet"] in text, f"{code}/{rel}: footer must say nobody has reviewed it"
        checked += 1
    assert checked == len(parity.translated_pages(code)) >= 1
    english = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert "i18n-provenance" not in english


@pytest.mark.parametrize("code", TRANSLATING)
def test_unreviewed_line_leaves_the_page_on_a_phones_first_screen(code, server, guarded):
    """On a 360 x 640 phone, an unreviewed translation shows its title and the start of its text
    on the first screen; the "not yet reviewed" notice is one line, not a box."""
    pages = [p for p in parity.translated_pages(code) if read_front_matter(p)[0].get("reviewed") is not True]
    if not pages:
        pytest.fail(f"every {code} page is reviewed: point this test at an unreviewed page in a temporary copy")
    rel = "standards/standard-1.md" if (ROOT / "docs" / code / "standards/standard-1.md") in pages else \
        pages[0].relative_to(ROOT / "docs" / code).as_posix()
    gp = guarded(viewport={"width": 360, "height": 640})
    page = gp.page
    page.goto(server + f"{code}/{_url(rel)}")
    line = page.locator(".i18n-notice--unreviewed")
    assert line.count() == 1
    box = line.bounding_box()
    assert box["height"] <= 48, f"the unreviewed notice is {box['height']} px tall: it should be one quiet line"
    h1 = page.locator("article h1").bounding_box()
    first = page.locator("article h1 ~ p").first.bounding_box()
    assert h1["y"] + h1["height"] <= 640, "the title is not on the first screen"
    assert first["y"] + 40 <= 640, f"the first paragraph starts at {first['y']} px: below a 640-px first screen"
    # the link in the line goes to the footer that says who made and checked the translation
    line.locator("a.i18n-line__what").click()
    assert page.locator("#about-this-translation").is_visible()


class _ArticleText(HTMLParser):
    """The article's own right-to-left text; content in an element with its own direction or
    language (an isolated citation, an English original, code) becomes one neutral mark."""

    VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source"}

    def __init__(self):
        super().__init__()
        self.depth = 0          # inside <article>
        self.stack = []         # per open element: is it isolated?
        self.parts = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self.depth += 1
        if tag in self.VOID or not self.depth:
            return
        isolated = tag != "article" and ("dir" in a or "lang" in a or tag in ("code", "pre", "svg", "script", "style"))
        if isolated and not any(self.stack):
            self.parts.append("\u2068")
        self.stack.append(isolated)

    def handle_endtag(self, tag):
        if tag in self.VOID or not self.depth or not self.stack:
            return
        self.stack.pop()
        if tag == "article":
            self.depth -= 1
        if tag in ("p", "li", "td", "th", "h1", "h2", "h3", "dd", "dt", "div", "blockquote"):
            self.parts.append("\n")

    def handle_data(self, data):
        if self.depth and not any(self.stack):
            self.parts.append(data)


# A Latin word, then (after a space or a closing bracket) a number: two runs that the bidi
# algorithm joins, so the number shows on the Latin side. "v3.0" or a hash is one token, not this.
LATIN_THEN_DIGIT = re.compile(r"[A-Za-z](?:[)\]][ \u00a0]*|[ \u00a0]+)\d")


@pytest.mark.parametrize("code", [lang.code for lang in TRANSLATIONS if lang.dir == "rtl"])
def test_no_digit_straight_after_latin_text_in_right_to_left_pages(code, site):
    """In Arabic text, "Helpdesk 12 مراجعة" shows the 12 on the wrong side: a number after Latin
    text needs an isolate, a right-to-left mark (U+200F) or rewording."""
    found = []
    for page in parity.translated_pages(code):
        rel = page.relative_to(ROOT / "docs" / code).as_posix()
        parser = _ArticleText()
        parser.feed((site / code / _url(rel) / "index.html").read_text(encoding="utf-8"))
        for line in "".join(parser.parts).splitlines():
            for m in LATIN_THEN_DIGIT.finditer(line):
                found.append(f"{code}/{rel}: …{line[max(0, m.start() - 25):m.end() + 15]}…")
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("code", [lang.code for lang in LANGS])
def test_search_finds_a_word_and_another_form_of_it(code, server, guarded):
    """Each language's own search finds its pages for a word of that language and for another
    form of it (plural and singular), and every result stays inside that language's site.
    The words are in docs/languages.yml (search_words)."""
    lang = next(l for l in LANGS if l.code == code)
    words = search_words(lang)   # a language with no translated page yet: the English words
    assert len(words) == 2, (f"docs/languages.yml ({code}): add search_words: [word, other form], "
                             "two forms of a word found only on this language's pages")
    if lang.search_words:
        own = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs" / code).rglob("*.md"))
        for word in lang.search_words:
            assert word in own, f"{word!r} (search_words) does not occur in docs/{code}/"
    if code != "en" and lang.search_words:
        english = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs" / "en").rglob("*.md"))
        assert lang.search_words[0] not in english, f"{lang.search_words[0]!r} also occurs in English pages"
    gp = guarded()
    page = gp.page
    for word in words:
        page.goto(server + f"{code}/")
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially(word, delay=40)
        box.press("End")   # Arabic is typed as text input with no key events; one key gives the keyup
        results = page.locator(".md-search-result__item a, a.md-search-result__link")
        results.first.wait_for(timeout=10000)
        hrefs = results.evaluate_all("els => els.map(e => e.href)")
        assert hrefs, f"no results for {word!r} in {code}"
        assert all(h.startswith(server + f"{code}/") for h in hrefs), f"{word!r}: a result outside {code}/"
    assert gp.console_errors == [] and gp.external == []


def _title(md) -> str:
    _, body = read_front_matter(md)
    return re.search(r"^# (.+?)\s*(?:\{[^}]*\})?\s*$", body, flags=re.M).group(1).strip()


def _squash(text: str) -> str:
    import unicodedata
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


@pytest.mark.parametrize("code", TRANSLATING)
def test_downloads_carry_the_translated_pages(code, site):
    """The PDF and the Kiwix file of a language hold its translated pages, not the English ones:
    the translated title of every translated page is in the PDF's text (pdftotext), and the ZIM's
    copy of standard 4 is the translated page."""
    import subprocess
    import zipfile
    from libzim.reader import Archive
    downloads = site / "downloads"
    pdf_text = _squash(subprocess.run(["pdftotext", str(downloads / f"perpetrator-interventions-{code}.pdf"), "-"],
                                      capture_output=True, text=True, check=True).stdout)
    pages = parity.translated_pages(code)
    # Word by word: pdftotext may give a right-to-left title's number or Latin run in another order.
    missing = [p.relative_to(ROOT / "docs" / code).as_posix() for p in pages
               if not all(w in pdf_text for w in re.findall(r"[^\W\d_]{3,}", _squash(_title(p))))]
    assert len(pages) >= 5 and missing == [], f"translated titles not in the {code} PDF: {missing}"
    four = ROOT / "docs" / code / "standards" / "standard-4.md"
    if four.is_file():
        zim = Archive(str(downloads / f"perpetrator-interventions-{code}.zim"))
        html = bytes(zim.get_entry_by_path("standards/standard-4.html").get_item().content).decode("utf-8")
        assert _squash(_title(four)) in _squash(re.sub(r"<[^>]+>", "", html))
        assert '<article class="md-content__inner md-typeset" lang="en"' not in html
        with zipfile.ZipFile(downloads / f"perpetrator-interventions-{code}.zip") as z:
            name = next(n for n in z.namelist() if n.endswith("standards/standard-4.html"))
            assert _title(four).split(":")[0] in z.read(name).decode("utf-8")
