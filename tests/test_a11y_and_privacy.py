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
    gp = guarded(locale="de-DE")   # a language we do not have: the chooser stays on screen
    gp.page.goto(server)
    assert gp.page.url == server
    result = AXE.run(gp.page)
    assert result.violations_count == 0, result.generate_report()
