"""The reviews data: it validates, each figure and each coding is backed by the digest's own
sentence (or marked as our reading), a comparison with another treatment is never shown as an
effect against no treatment, and the table, the evidence map and the cards in every language agree
with it."""
from __future__ import annotations

import copy
import csv
import io
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from conftest import CODES, ROOT, SITE
import evidence
from sitelib import InputError, load_yaml

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
    missing = [f"{r['id']}.{k}" for r in REVIEWS for k, q in r["quotes"].items()
               for one in evidence.quote_list(q) if _norm(one) not in digest]
    assert missing == []


def test_a_bad_record_fails_the_build_naming_review_and_field(tmp_path):
    for name in ("docs", "overrides", "scripts", "mkdocs.yml", "headers.yml"):
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


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def _i18n(code: str) -> dict:
    return evidence.load_i18n(code, REVIEWS)


def _tr(r: dict, field: str, i18n: dict):
    return evidence.text(r, field, i18n)


@pytest.mark.parametrize("code", CODES)
def test_table_map_and_cards_agree_with_the_data(code):
    html = _reviews_page(code)
    L = _i18n(code)["labels"]
    i18n = _i18n(code)
    rows = re.findall(r'<tr data-review="([a-z0-9-]+)">(.*?)</tr>', html, flags=re.S)
    assert [rid for rid, _ in rows] == [r["id"] for r in REVIEWS]
    for (rid, row), r in zip(rows, REVIEWS):
        raw = re.findall(r"<td([^>]*)>(.*?)</td>", row, flags=re.S)
        cells = [_text(c) for _, c in raw]
        assert len(cells) == 8, f"{code}/{rid}: {cells}"
        assert _text(evidence.name_of(r)) == cells[1]
        assert cells[2] == str(r["year"])
        assert cells[5] == L["kind"][r["kind"]]
        studies_attr, studies_html = raw[6]
        assert f'data-sort="{-1 if r["studies_included"] is None else r["studies_included"]}"' in studies_attr
        if r["studies_included"] is not None:
            assert cells[6].startswith(str(r["studies_included"])) or \
                L["unit"][r["studies_unit"]].replace("{n}", str(r["studies_included"])) in cells[6]
        rcts = re.findall(r'data-rcts="(\d+)"', studies_html)
        assert rcts == ([] if r["randomised_trials"] is None else [str(r["randomised_trials"])])
        for m in r["models"]:
            assert L["model"][m] in cells[7]
        assert cells[3].startswith(L["direction"][r["direction"]])
        if r["comparator"]:
            assert _tr(r, "comparator", i18n)[1:] in cells[4]
        else:
            assert cells[4] == L["compared"][r["compared_with"]]
        if r["caveat"]:
            assert _text(_tr(r, "caveat", i18n)) in cells[3]
    svg = re.search(r"<svg[^>]*data-evidence=\"map\".*?</svg>", html, flags=re.S).group(0)
    assert re.search(r"<title id=\"[^\"]+\">[^<]+</title>", svg) and re.search(r"<desc id=\"[^\"]+\">[^<]+</desc>", svg)
    marks = re.findall(r'<g data-review="([a-z0-9-]+)" data-direction="([a-z-]+)" data-compared="([a-z-]+)" '
                       r'data-studies="(\d*)">', svg)
    assert len(marks) == sum(max(1, len(r["models"])) for r in REVIEWS)
    by_id = {r["id"]: r for r in REVIEWS}
    for rid, direction, compared, studies in marks:
        assert direction == by_id[rid]["direction"]
        assert compared == by_id[rid]["compared_with"]
        assert studies == ("" if by_id[rid]["studies_included"] is None else str(by_id[rid]["studies_included"]))
    cards = re.findall(r'data-evidence="card" data-review="([a-z0-9-]+)">(.*?)</dl></div>', html, flags=re.S)
    assert [rid for rid, _ in cards] == [r["id"] for r in REVIEWS]
    for (rid, card), r in zip(cards, REVIEWS):
        text = _text(card)
        assert L["kind"][r["kind"]] in text and L["direction"][r["direction"]] in text, rid
        assert _text(_tr(r, "digest_summary", i18n)) in text, f"{code}/{rid}: digest_summary not in the card"
        for item in _tr(r, "limitations", i18n):
            assert _text(item) in text, f"{code}/{rid}: limitation {item!r} not in the card"
        if r["caveat"]:
            assert _text(_tr(r, "caveat", i18n)) in text
        for f in r["inferred"]:
            assert L["field"][f] in text


def _up_to_date(code: str) -> bool:
    """A translated reviews page made from the current English page (its notice says otherwise)."""
    from sitelib import read_front_matter, source_hash
    page = ROOT / "docs" / code / "evidence" / "reviews.md"
    return code == "en" or (page.is_file() and read_front_matter(page)[0].get("source_hash")
                            == source_hash(ROOT / "docs/en/evidence/reviews.md"))


@pytest.mark.parametrize("code", CODES)
def test_each_review_is_shown_once_in_full(code):
    """Long text is in each review's section, not in the table: the digest's summary of a review
    and the limitations it names appear once on the page (the review's card). A translation made
    from an older English page (flagged 'out of date' on the page) may still repeat them in its
    text until it is updated; its table must not."""
    html = _reviews_page(code)
    i18n = _i18n(code)
    table = _text(re.search(r'<table class="ev-table".*?</table>', html, flags=re.S).group(0))
    article = _text(html[html.index("<article"):html.index("</article>")])
    for r in REVIEWS:
        summary = _text(_tr(r, "digest_summary", i18n))
        assert summary not in table, f"{code}/{r['id']}: the digest's summary is in the table"
        for item in _tr(r, "limitations", i18n):
            assert _text(item) not in table, f"{code}/{r['id']}: a limitation is in the table"
        if _up_to_date(code):
            assert article.count(summary) == 1, f"{code}/{r['id']}: the summary is not shown exactly once"


# --- A comparison with another treatment is never shown as an effect against no treatment ----

def test_every_review_follows_the_coding_rules():
    """One rule for all twelve (docs/data/reviews.yml, top): better-than-other only with
    other-treatment, an absolute direction never with other-treatment, 'positive' only against no
    treatment, a named comparator and a caveat for every comparison with another treatment, and a
    quote (or an 'inferred' entry with notes) behind every coded field."""
    problems = [(r["id"], field, msg) for r in REVIEWS for field, msg in evidence.coding_errors(r)]
    assert problems == []
    for r in REVIEWS:
        said = " ".join(evidence.quote_list(r["quotes"].get("direction")) + evidence.quote_list(r["quotes"].get("compared_with")))
        if evidence.COMPARATIVE.search(said):
            assert r["compared_with"] == "other-treatment", r["id"]
        if r["compared_with"] == "other-treatment":
            assert r["direction"] not in evidence.ABSOLUTE, f"{r['id']}: shown as an effect against no treatment"
            assert r["caveat"] and r["comparator"], r["id"]
        if r["direction"] == "positive":
            assert r["compared_with"] == "no-treatment", r["id"]


def test_couples_therapy_is_coded_as_a_comparison_with_standard_treatment():
    k = next(r for r in REVIEWS if r["id"] == "karakurt-2016")
    assert (k["direction"], k["compared_with"]) == ("better-than-other", "other-treatment")
    assert "Duluth or CBT" in k["comparator"] and "safety" in k["caveat"] and "certain" in k["caveat"]
    assert not any(r["direction"] == "positive" for r in REVIEWS), "no review in the digest is positive against no treatment"


def test_the_coding_rules_catch_a_comparison_shown_as_an_effect(tmp_path):
    """However the mistake is made, loading the data fails and names the review and the field."""
    data = load_yaml(evidence.REVIEWS)
    k = next(i for i, r in enumerate(data) if r["id"] == "karakurt-2016")
    cases = {
        "direction": dict(direction="positive"),                                     # the original error
        "compared_with": dict(direction="mixed", compared_with="not-stated", comparator=None),  # comparison hidden
        "caveat": dict(caveat=None),                                                 # no caveat at the mark
        "comparator": dict(comparator=None),                                         # compared with what?
    }
    import yaml
    for field, change in cases.items():
        bad = copy.deepcopy(data)
        bad[k].update(change)
        path = tmp_path / f"reviews-{field}.yml"
        path.write_text(yaml.safe_dump(bad, allow_unicode=True, sort_keys=False), encoding="utf-8")
        with pytest.raises(InputError) as err:
            evidence.load_reviews(path)
        assert f"review karakurt-2016, field {field}:" in str(err.value) and "Fix:" in str(err.value), str(err.value)
    # and 'positive' for a review whose effect was not measured against no treatment
    bad = copy.deepcopy(data)
    a = next(r for r in bad if r["id"] == "akoensi-2012")
    a["direction"] = "positive"
    path = tmp_path / "reviews-akoensi.yml"
    path.write_text(yaml.safe_dump(bad, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(InputError, match="review akoensi-2012, field direction:"):
        evidence.load_reviews(path)


def test_a_coded_field_without_a_quote_must_be_marked_as_our_reading(tmp_path):
    import yaml
    data = load_yaml(evidence.REVIEWS)
    r = next(r for r in data if r["id"] == "nesset-2019")
    del r["quotes"]["models"]
    path = tmp_path / "reviews.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(InputError, match="review nesset-2019, field models: no quotes.models and not listed in inferred"):
        evidence.load_reviews(path)
    r["inferred"] = ["models"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(InputError, match="review nesset-2019, field notes:"):
        evidence.load_reviews(path)        # inferred without saying how it was read
    r["notes"] += " models: read from the title (group CBT)."
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert len(evidence.load_reviews(path)) == 12


@pytest.mark.parametrize("code", CODES)
def test_the_map_shows_the_comparison_and_caveat_at_the_mark(code):
    """In the built map of every language, each review compared with another treatment has its
    mark drawn as 'better than another treatment' and, right beside it, a box that says what it was
    compared with, not with no treatment, and the caveat; the mark's own title says so too."""
    html = _reviews_page(code)
    i18n = _i18n(code)
    L = i18n["labels"]
    svg = re.search(r"<svg[^>]*data-evidence=\"map\".*?</svg>", html, flags=re.S).group(0)
    flagged = [r for r in REVIEWS if evidence.caveat_lines(r, i18n)]
    assert any(r["compared_with"] == "other-treatment" for r in flagged)
    for r in flagged:
        expected = _text(L["caveat"] + " " + " ".join(evidence.caveat_lines(r, i18n)))
        boxes = re.findall(rf'<g class="ev-map-caveat" data-caveat="{r["id"]}">(.*?)</g>', svg, flags=re.S)
        marks = re.findall(rf'<g data-review="{r["id"]}"[^>]*>(.*?)</g>', svg, flags=re.S)
        assert len(boxes) == len(marks) >= 1, f"{code}/{r['id']}: one caveat box per mark"
        for box, mark in zip(boxes, marks):
            assert _text(box) == expected, f"{code}/{r['id']}: {_text(box)!r}"
            if r["comparator"]:
                assert _text(L["vs_other"].replace("{comparator}", _tr(r, "comparator", i18n))) in _text(box)
            assert _text(_tr(r, "caveat", i18n)) in _text(mark), f"{code}/{r['id']}: the mark's title lacks the caveat"
            # Beside the mark: the box's rectangle spans the mark's height and starts next to it.
            rx, ry, rw, rh = (float(v) for v in re.search(
                r'<rect x="([\d.-]+)" y="([\d.-]+)" width="([\d.-]+)" height="([\d.-]+)"', box).groups())
            pts = [tuple(map(float, p.split(","))) for p in re.search(r'points="([^"]+)"', mark).group(1).split()]
            mx = [p[0] for p in pts]
            my = sum(p[1] for p in pts) / len(pts)
            assert ry <= my <= ry + rh, f"{code}/{r['id']}: the caveat is not level with its mark"
            gap = min(abs(rx - max(mx)), abs(min(mx) - (rx + rw)))
            assert gap <= 12, f"{code}/{r['id']}: the caveat is {gap} units from its mark"
        if r["compared_with"] == "other-treatment":
            assert re.search(rf'<g data-review="{r["id"]}" data-direction="better-than-other"', svg)


def test_the_english_page_keeps_the_digests_hedges():
    """Vigurs: 'seemed to show some increased effect' covers both completion and recidivism;
    the data keeps McGinn's 'for many' and each review's own hedge words."""
    page = (ROOT / "docs/en/evidence/reviews.md").read_text(encoding="utf-8")
    vigurs = page[page.index("{#vigurs-2015}"):page.index("{#arias-2013}")]
    sentence = next(s for s in re.split(r"(?<=[.])\s", vigurs) if "seemed to" in s)
    assert "some increased effect" in sentence and "completing" in sentence and "recidivism" in sentence
    for r in REVIEWS:
        said = " ".join(evidence.quote_list(r["quotes"]["direction"])).lower()
        for hedge in ("for many", "at best", "often", "slightly", "some promising", "limited",
                      "insufficient", "inconclusive", "mixed"):
            if hedge in said:
                assert hedge in r["digest_summary"].lower(), f"{r['id']}: digest_summary drops {hedge!r}"


def test_kinds_are_the_digests_own_words():
    by_id = {r["id"]: r for r in REVIEWS}
    assert by_id["esquivel-santovena-2016"]["kind"] != "systematic review"
    assert by_id["mcginn-2016"]["kind"] == "systematic narrative review"
    assert "review of reviews" in by_id["murphy-2010"]["kind"] and "recent studies" in by_id["murphy-2010"]["kind"]
    for r in REVIEWS:
        if r["kind"].startswith("systematic") or r["kind"] == "meta-analysis" or "meta-analysis" in r["kind"]:
            q = " ".join(evidence.quote_list(r["quotes"].get("kind"))).lower()
            assert ("systematic" in q) == r["kind"].startswith("systematic"), r["id"]
            assert ("meta-analy" in q) == ("meta-analysis" in r["kind"]), r["id"]


def test_the_data_is_downloadable(site):
    for code in CODES:
        folder = SITE / code / "data"
        assert (folder / "reviews.json").is_file() and (folder / "reviews.csv").is_file()
        assert "CC BY 4.0" in (folder / "README.txt").read_text()
        csv_text = (folder / "reviews.csv").read_text()
        assert csv_text.count("\n") >= 13 and "quote_studies_included" in csv_text
        rows = {row["id"]: row for row in csv.DictReader(io.StringIO(csv_text))}
        k = rows["karakurt-2016"]
        assert (k["direction"], k["compared_with"]) == ("better-than-other", "other-treatment")
        assert k["caveat"] and k["comparator"] and k["quote_compared_with"]
        assert "positive" not in {row["direction"] for row in rows.values()}
        readme = (folder / "README.txt").read_text()
        assert "better-than-other" in readme and "not an effect against no treatment" in readme


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
