"""The English syntheses as a reader relies on them: every summary page has its five parts, every
citation resolves to a References entry and every entry is cited, all 37 practice guidelines are
present, the prose reaches the readability bar, and no page links outside the site except the
references' own URLs."""
from __future__ import annotations

import re

import pytest

from conftest import CODES, ROOT, SITE
from readability import MIN_SCORE, score
from sitelib import read_front_matter

EN = ROOT / "docs" / "en"
NOT_SUMMARIES = {"index.md", "glossary.md", "references.md", "about.md", "downloads.md"}
SUMMARIES = sorted(p.relative_to(EN).as_posix() for p in EN.rglob("*.md")
                   if p.relative_to(EN).parts[0] != "includes" and p.relative_to(EN).as_posix() not in NOT_SUMMARIES)
GUIDELINES = {1: 5, 2: 6, 3: 6, 4: 6, 5: 5, 6: 5, 7: 4}
CITATION = re.compile(r"\]\(((?:\.\./)*)references\.md#([a-z0-9-]+)\)")


def test_there_are_summary_pages():
    assert len(SUMMARIES) >= 20


@pytest.mark.parametrize("page", SUMMARIES)
def test_summary_page_has_the_five_parts_in_order(page):
    _, body = read_front_matter(EN / page)
    h2 = re.findall(r"^## .*?\{#([a-z0-9-]+)\}\s*$", body, flags=re.M)
    for part in ("in-short", "key-points", "for-practice", "sources"):
        assert part in h2, f"{page}: no '## ... {{#{part}}}' section"
    i = [h2.index(p) for p in ("in-short", "key-points", "for-practice", "sources")]
    assert i == sorted(i) and i[0] == 0, f"{page}: parts out of order: {h2}"
    assert i[2] - i[1] >= 2, f"{page}: no detail section between Key points and practice"
    assert i[3] == len(h2) - 1, f"{page}: Sources must be the last section"
    sources = body.split("{#sources}", 1)[1]
    assert CITATION.search(sources), f"{page}: the Sources section cites nothing"


@pytest.mark.parametrize("page", SUMMARIES)
def test_summary_page_is_plain_enough(page):
    s, words = score(EN / page)
    assert words > 100
    assert s >= MIN_SCORE, f"{page}: Flesch Reading Ease {s:.1f} < {MIN_SCORE}"


def _reference_ids() -> set[str]:
    return set(re.findall(r"^\{:\s*#([a-z0-9-]+)\s*\}\s*$", (EN / "references.md").read_text(), flags=re.M))


def test_every_citation_resolves_and_every_reference_is_cited():
    refs = _reference_ids()
    assert len(refs) >= 20
    cited: set[str] = set()
    for page in EN.rglob("*.md"):
        if page.name == "references.md":
            continue
        for depth, rid in CITATION.findall(page.read_text(encoding="utf-8")):
            rel = page.relative_to(EN)
            assert depth == "../" * (len(rel.parts) - 1), f"{rel}: citation link depth wrong for #{rid}"
            assert rid in refs, f"{rel}: cites #{rid}, which is not on the References page"
            cited.add(rid)
    assert refs - cited == set(), f"References entries cited nowhere: {sorted(refs - cited)}"
    for source in ("home-office-2023", "gbv-aor-helpdesk-nd", "approaches-chart-nd", "un-women-2019", "rothman-2003"):
        assert source in cited


def test_all_37_guidelines_are_present_with_their_numbers():
    found = []
    for n, count in GUIDELINES.items():
        text = (EN / "standards" / f"standard-{n}.md").read_text(encoding="utf-8")
        for g in range(1, count + 1):
            assert re.search(rf"^### {n}\.{g} .*\{{#g{n}-{g}\}}", text, flags=re.M), f"guideline {n}.{g} missing"
            found.append(f"{n}.{g}")
        assert not re.search(rf"^### {n}\.{count + 1}\b", text, flags=re.M)
    assert len(found) == 37


def test_standard_6_uses_the_correct_wording():
    text = (EN / "standards" / "standard-6.md").read_text(encoding="utf-8")
    assert "delivered by staff who are skilled and supported in responding to domestic abuse" in text


@pytest.mark.parametrize("code", CODES)
def test_no_link_leaves_the_site_except_references(code):
    offenders = []
    for page in (SITE / code).rglob("*.html"):
        if page.name == "404.html":
            continue
        rel = page.relative_to(SITE / code).as_posix()
        for href in re.findall(r'<a [^>]*href="(https?://[^"]+)"', page.read_text(encoding="utf-8")):
            if not rel.startswith("references/"):
                offenders.append(f"{code}/{rel}: {href}")
    assert offenders == [], "\n".join(offenders[:20])


def test_every_abbreviation_is_in_the_glossary():
    glossary = (EN / "glossary.md").read_text(encoding="utf-8")
    abbrs = re.findall(r"^\*\[([^\]]+)\]:", (EN / "includes" / "abbreviations.md").read_text(encoding="utf-8"), flags=re.M)
    assert len(abbrs) >= 10
    missing = [a for a in abbrs if a.lower() not in glossary.lower()]
    assert missing == [], f"abbreviations with no glossary entry: {missing}"
