"""Every built page of every language, in headless Chromium: zero axe-core violations, zero console
errors, and no request to any host but 127.0.0.1; no cookies set."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import CODES, built_pages

AXE = Axe()


@pytest.mark.parametrize("code", CODES)
def test_every_page_is_accessible_and_private(code, server, guarded):
    gp = guarded()
    page = gp.page
    failures = []
    pages = built_pages(code)
    assert pages
    for path in pages:
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
        result = AXE.run(page)
        for v in result.response["violations"]:
            nodes = "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                              for n in v["nodes"][:3])
            failures.append(f"{path}: {v['id']} ({v['impact']}): {v['help']} [{nodes}]")
    assert failures == [], "\n".join(failures)
    assert gp.console_errors == []
    assert gp.external == [], f"requests left the machine: {gp.external[:5]}"
    assert gp.context.cookies() == []


def test_root_chooser_is_accessible(server, guarded):
    locale = next(l for l in ("de-DE", "sw-KE", "is-IS") if l.split("-")[0] not in CODES)
    gp = guarded(locale=locale)    # a language we do not have: the chooser stays on screen
    gp.page.goto(server)
    assert gp.page.url == server
    result = AXE.run(gp.page)
    assert result.violations_count == 0, result.generate_report()


@pytest.mark.parametrize("code", CODES)
def test_no_page_scrolls_sideways_on_a_phone(code, server, guarded):
    """At 360 px, wide tables and the evidence map scroll inside their own box; the page does not."""
    gp = guarded(viewport={"width": 360, "height": 780})
    page = gp.page
    wide = []
    for path in built_pages(code):
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide.append(f"{path}: {width} px")
    assert wide == [], "pages wider than a 360-px phone:\n" + "\n".join(wide)
