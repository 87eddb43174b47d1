"""The reviews data: it validates, each figure is backed by the digest's own sentence, and the
table, the evidence map and the cards in every language agree with it."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from conftest import CODES, ROOT, SITE
import evidence

DIGEST = ROOT.parent / "shared" / "sources" / "gbv-aor-helpdesk-evidence-digest-perpetrator-programmes-in-emergencies.txt"
REVIEWS = evidence.load_reviews()


def test_the_data_validates_and_has_the_twelve_reviews():
    assert len(REVIEWS) == 12
    assert sum(r["group"] == "duluth-cbt" for r in REVIEWS) == 10
    assert sum(r["group"] == "alternative" for r in REVIEWS) == 2


def test_each_figure_is_in_its_quoted_sentence():
    for r in REVIEWS:
        for field in evidence.FIGURES:
            if r[field] is None:
                continue
            quote = r["quotes"][field]
            figures = evidence.numbers_in(r[field]) if isinstance(r[field], str) else [r[field]]
            for fig in figures:
                fig = int(fig) if str(fig).isdigit() else fig
                assert evidence.figure_in_quote(fig, quote), f"{r['id']}.{field}: {fig} not in {quote!r}"


def test_figure_check_is_not_fooled():
    assert not evidence.figure_in_quote(13, "thirty studies")
    assert not evidence.figure_in_quote(3, "31 studies")
    assert evidence.figure_in_quote(3, "Only three of the studies")


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("’", "'").replace("“", '"').replace("”", '"')).strip()


def test_each_quote_is_in_the_digest():
    if not DIGEST.is_file():
        pytest.skip(f"{DIGEST} is absent (it sits beside the project in CI, not in a user's clone): "
                    "cannot compare the quotes with the digest here")
    digest = _norm(DIGEST.read_text(encoding="utf-8"))
    missing = [f"{r['id']}.{k}" for r in REVIEWS for k, q in r["quotes"].items() if _norm(q) not in digest]
    assert missing == []


def test_a_bad_record_fails_the_build_naming_review_and_field(tmp_path):
    for name in ("docs", "overrides", "scripts", "mkdocs.yml"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    data = tmp_path / "docs/data/reviews.yml"
    data.write_text(data.read_text().replace("studies_included: 19", "studies_included: many", 1))
    proc = subprocess.run([sys.executable, "scripts/build_site.py", "--lang", "en", "--no-downloads"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1 and "Traceback" not in out
    assert "review arias-2013, field studies_included" in out


def _reviews_page(code: str) -> str:
    return (SITE / code / "evidence" / "reviews" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", CODES)
def test_table_map_and_cards_agree_with_the_data(code):
    html = _reviews_page(code)
    rows = re.findall(r'<tr data-review="([a-z0-9-]+)">(.*?)</tr>', html, flags=re.S)
    assert [rid for rid, _ in rows] == [r["id"] for r in REVIEWS]
    for (rid, row), r in zip(rows, REVIEWS):
        cells = [unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td>(.*?)</td>", row, flags=re.S)]
        assert cells[2] == str(r["year"])
        if r["studies_included"] is not None:
            assert cells[4] == str(r["studies_included"])
        if r["randomised_trials"] is not None:
            assert cells[5] == str(r["randomised_trials"])
    svg = re.search(r"<svg[^>]*data-evidence=\"map\".*?</svg>", html, flags=re.S).group(0)
    assert re.search(r"<title id=\"[^\"]+\">[^<]+</title>", svg) and re.search(r"<desc id=\"[^\"]+\">[^<]+</desc>", svg)
    marks = re.findall(r'<g data-review="([a-z0-9-]+)" data-direction="([a-z]+)" data-studies="(\d*)">', svg)
    assert len(marks) == sum(max(1, len(r["models"])) for r in REVIEWS)
    by_id = {r["id"]: r for r in REVIEWS}
    for rid, direction, studies in marks:
        assert direction == by_id[rid]["direction"]
        assert studies == ("" if by_id[rid]["studies_included"] is None else str(by_id[rid]["studies_included"]))
    cards = re.findall(r'data-evidence="card" data-review="([a-z0-9-]+)"', html)
    assert cards == [r["id"] for r in REVIEWS]


def test_the_data_is_downloadable(site):
    for code in CODES:
        folder = SITE / code / "data"
        assert (folder / "reviews.json").is_file() and (folder / "reviews.csv").is_file()
        assert "CC BY 4.0" in (folder / "README.txt").read_text()
        csv_text = (folder / "reviews.csv").read_text()
        assert csv_text.count("\n") >= 13 and "quote_studies_included" in csv_text


@pytest.mark.parametrize("code", CODES)
def test_the_table_sorts_by_year_when_the_reader_clicks_the_header(code, server, guarded):
    gp = guarded()
    page = gp.page
    page.goto(server + f"{code}/evidence/reviews/")
    table = page.locator('table[data-evidence="table"]')
    years = lambda: [int(t) for t in table.locator("tbody tr td:nth-child(3)").all_inner_texts()]
    before = years()
    assert len(before) == len(REVIEWS) and before != sorted(before), "rows should start in the digest's order"
    header = table.locator("thead th").nth(2)
    for _ in range(2):                      # one click sorts, a second click reverses
        header.click()
        order = header.get_attribute("aria-sort")
        assert order in ("ascending", "descending"), f"{code}: no aria-sort after a click"
        assert years() == sorted(before, reverse=order == "descending"), f"{code}: not sorted {order}"
    assert gp.console_errors == [] and gp.external == []
