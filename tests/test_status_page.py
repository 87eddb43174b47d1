"""The Translations page (translations/), as a reader sees it in each language: for every
translation, pages translated, reviewed, out of date and not yet translated, as
`translations.py status` counts them, with links that go to those pages."""
from __future__ import annotations

import re

import pytest

from conftest import LANGS, ROOT, SITE
import translation_status as ts


@pytest.mark.parametrize("code", [lang.code for lang in LANGS])
def test_every_language_has_the_status_page_in_its_own_words(code, site):
    lang = next(l for l in LANGS if l.code == code)
    html = (SITE / code / "translations" / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    assert re.search(rf"<h1[^>]*>{re.escape(lang.strings['status_title'])}", article)
    for key in ("status_language", "status_translated", "status_reviewed", "status_outdated", "status_missing"):
        assert f">{lang.strings[key]}</th>" in article, f"{code}: no column {lang.strings[key]!r}"
    about = (SITE / code / "about" / "index.html").read_text(encoding="utf-8")
    menu = re.search(r'<a href="\.\./translations/" class="md-nav__link"[^>]*>\s*<span class="md-ellipsis">\s*'
                     + re.escape(lang.strings["status_title"]), about)
    assert menu, f"{code}: the menu has no link to the Translations page"


def test_counts_and_links_are_what_a_reader_finds(partial, partial_server, guarded):
    """On the partial copy (every translation lacks some pages): each row has the counts that
    `status` gives, and a 'not yet translated' link opens that page, in English, with the notice."""
    langs = ts.load_languages(partial / "docs" / "languages.yml")
    gp = guarded()
    page = gp.page
    page.goto(partial_server + "es/translations/")
    rows = page.locator("article table tbody tr")
    assert rows.count() == len(langs) - 1
    import subprocess, sys
    out = subprocess.run([sys.executable, "scripts/translations.py", "status"], cwd=partial,
                         capture_output=True, text=True).stdout
    for i, lang in enumerate(langs[1:]):
        cells = [c.strip() for c in rows.nth(i).locator("th, td").all_inner_texts()]
        translated, total = map(int, cells[1].split(" / "))
        assert cells[0] == lang.name
        assert f"{lang.code} ({lang.name}): {translated}/{total} pages translated, {cells[2]} reviewed, " \
               f"{cells[4]} out of date" in out
        assert int(cells[5]) == total - translated > 0
    # the last list of the French section: its pages not yet translated
    lists = page.locator("xpath=//article//h3[preceding-sibling::h2[1][@id='fr']]")
    es = next(l for l in langs if l.code == "es")
    assert lists.last.inner_text().startswith(es.strings["status_missing"])
    link = lists.last.locator("xpath=following-sibling::ul[1]//a").first
    link.click()
    page.wait_for_load_state()
    assert page.url.startswith(partial_server + "fr/")
    assert page.locator(".i18n-notice--untranslated").is_visible()
    assert page.locator("article").get_attribute("lang") == "en"
    assert gp.console_errors == [] and gp.external == []
