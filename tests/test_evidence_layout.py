"""The evidence page in headless Chromium at a desktop width (1280 px) and a phone width (360 px),
in every language, right-to-left included: the "at a glance" table reads at a glance.

- 1280 px: every column of the table is visible without scrolling, inside its box.
- Both widths: no row is taller than about four lines of its text (four lines and a half, plus
  the cell's padding); no name breaks inside a word; the page itself never scrolls sideways.
- 360 px: the table scrolls inside its own box, and the review's name stays in view while it does.
- Both widths: the caution beside the couples-therapy finding is visible, in the table and in the
  map, right next to its mark and clear of every other mark.
"""
from __future__ import annotations

import pytest

from conftest import CODES

WIDTHS = (1280, 360)
MAX_LINES = 4.5

MEASURE = """() => {
  const table = document.querySelector('table[data-evidence=table]');
  const wrap = table.closest('.ev-table-wrap');
  const wb = wrap.getBoundingClientRect();
  const heads = [...table.querySelectorAll('thead th')].map(th => {
    const b = th.getBoundingClientRect();
    return {text: th.innerText.trim(), left: b.left, right: b.right};
  });
  const rows = [...table.querySelectorAll('tbody tr')].map(tr => {
    const cells = [...tr.cells];
    const worst = Math.max(...cells.map(td => {
      const cs = getComputedStyle(td);
      const pad = parseFloat(cs.paddingTop) + parseFloat(cs.paddingBottom);
      return (td.getBoundingClientRect().height - pad) / parseFloat(cs.lineHeight);
    }));
    return {review: tr.dataset.review, height: tr.getBoundingClientRect().height, lines: worst};
  });
  // A word broken across two lines has two client rects.
  const broken = [];
  for (const a of table.querySelectorAll('tbody td:nth-child(2) a')) {
    const walker = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const re = /\\S+/g; let m;
      while ((m = re.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
        if (range.getClientRects().length > 1) broken.push(m[0]);
      }
    }
  }
  return {wrapLeft: wb.left, wrapRight: wb.right, wrapClient: wrap.clientWidth, wrapScroll: wrap.scrollWidth,
          heads, rows, broken, pageWidth: document.documentElement.scrollWidth};
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("code", CODES)
def test_the_table_reads_at_a_glance(code, width, server, guarded):
    gp = guarded(viewport={"width": width, "height": 900})
    page = gp.page
    page.goto(server + f"{code}/evidence/reviews/")
    page.wait_for_load_state("networkidle")
    m = page.evaluate(MEASURE)
    assert m["pageWidth"] <= width, f"{code} at {width} px: the page scrolls sideways ({m['pageWidth']} px)"
    tall = [f"{r['review']}: {r['lines']:.1f} lines ({r['height']:.0f} px)" for r in m["rows"] if r["lines"] > MAX_LINES]
    assert tall == [], f"{code} at {width} px: rows taller than about four lines: {tall}"
    assert m["broken"] == [], f"{code} at {width} px: names broken inside a word: {m['broken']}"
    if width == 1280:
        assert m["wrapScroll"] <= m["wrapClient"], f"{code}: the table scrolls at 1280 px"
        hidden = [h["text"] for h in m["heads"] if h["left"] < m["wrapLeft"] - 1 or h["right"] > m["wrapRight"] + 1]
        assert hidden == [], f"{code} at 1280 px: columns out of view: {hidden}"
    else:
        # Its own scroll: swipe to the far end; the review's name is still in view.
        assert m["wrapScroll"] > m["wrapClient"]
        wrap = page.locator(".ev-table-wrap")
        wrap.evaluate("w => { w.scrollLeft = getComputedStyle(w).direction === 'rtl' ? -w.scrollWidth : w.scrollWidth; }")
        box = wrap.bounding_box()
        name = page.locator('tbody tr[data-review] td:nth-child(2)').first.bounding_box()
        assert box["x"] - 1 <= name["x"] and name["x"] + name["width"] <= box["x"] + box["width"] + 1, \
            f"{code} at 360 px: the review's name scrolls out of view"
        last = page.locator("thead th").last.bounding_box()
        assert box["x"] - 1 <= last["x"] and last["x"] + last["width"] <= box["x"] + box["width"] + 1, \
            f"{code} at 360 px: the last column cannot be scrolled into view"
    assert gp.console_errors == [] and gp.external == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("code", CODES)
def test_the_caution_is_beside_its_finding(code, width, server, guarded):
    gp = guarded(viewport={"width": width, "height": 900})
    page = gp.page
    page.goto(server + f"{code}/evidence/reviews/")
    cautions = page.locator("tbody [data-caveat]")
    assert cautions.count() >= 1
    for i in range(cautions.count()):
        caution = cautions.nth(i)
        rid = caution.get_attribute("data-caveat")
        caution.scroll_into_view_if_needed()
        assert caution.is_visible(), f"{code} at {width} px: the caution for {rid} is not visible in the table"
        row = page.locator(f'tbody tr[data-review="{rid}"]')
        assert row.locator("[data-caveat]").count() == 1
        # In the map: the note is drawn, clear of every other review's mark, and next to its own.
        near = page.evaluate("""rid => {
          const note = document.querySelector(`svg .ev-map-caveat[data-caveat="${rid}"] rect`).getBoundingClientRect();
          const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
          const others = [...document.querySelectorAll('svg g[data-review]')]
            .filter(g => g.dataset.review !== rid && hit(note, g.querySelector('polygon, circle').getBoundingClientRect()))
            .map(g => g.dataset.review);
          const own = document.querySelector(`svg g[data-review="${rid}"] polygon, svg g[data-review="${rid}"] circle`).getBoundingClientRect();
          const gap = Math.max(note.left - own.right, own.left - note.right, 0);
          return {others, gap, level: own.top + own.height / 2 >= note.top && own.top + own.height / 2 <= note.bottom,
                  width: note.width};
        }""", rid)
        assert near["others"] == [], f"{code} at {width} px: the caution covers {near['others']}"
        assert near["level"] and near["gap"] <= 12, f"{code} at {width} px: the caution is not beside its mark ({near})"
    assert gp.console_errors == [] and gp.external == []
