"""The translator's commands as a translator uses them, on a temporary copy of the project:
`stamp` (pages and evidence labels), `status` (and `status --check` for CI) and `diff`
(what changed in English, paragraph by paragraph, committed or not)."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import copy_project


@pytest.fixture
def project(tmp_path):
    copy_project(tmp_path)
    return tmp_path


def tr(project, *args):
    proc = subprocess.run([sys.executable, "scripts/translations.py", *args], cwd=project,
                          capture_output=True, text=True, timeout=120)
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out, out
    return proc.returncode, out


def fingerprint(path) -> str:
    import hashlib
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def test_stamp_records_the_evidence_data_version_in_the_labels_file(project):
    labels = project / "docs/data/reviews-i18n/es.yml"
    text = labels.read_text(encoding="utf-8")
    text = re.sub(r"^source_hash:.*\n", "", text, flags=re.M).replace("reviewed: false\n", "")
    labels.write_text(text, encoding="utf-8")
    code, out = tr(project, "stamp", "docs/data/reviews-i18n/es.yml")
    assert code == 0, out
    stamped = labels.read_text(encoding="utf-8")
    assert f"source_hash: {fingerprint(project / 'docs/data/reviews.yml')}\n" in stamped
    assert "\nreviewed: false\n" in stamped
    import yaml
    assert yaml.safe_load(stamped)["labels"]["col_year"] == "Año"


def test_stamp_adds_reviewed_false_to_existing_front_matter(project):
    page = project / "docs/es/about.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"^reviewed:.*\n", "", text, count=1, flags=re.M), encoding="utf-8")
    code, out = tr(project, "stamp", "docs/es/about.md")
    assert code == 0, out
    head = page.read_text(encoding="utf-8").split("\n---", 1)[0]
    assert "\nreviewed: false" in head and head.count("source_hash:") == 1


def test_stamp_on_a_page_saved_with_a_byte_order_mark_keeps_one_front_matter(project):
    page = project / "docs/es/about.md"
    page.write_bytes(b"\xef\xbb\xbf" + page.read_bytes())
    code, out = tr(project, "stamp", "docs/es/about.md")
    assert code == 0, out
    data = page.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf") and data.count(b"source_hash:") == 1 and data.startswith(b"---\n")


def test_stamp_refuses_a_path_it_cannot_stamp_and_says_what_it_takes(project):
    code, out = tr(project, "stamp", "docs/en/about.md")
    assert code == 1 and "Fix:" in out and "docs/data/reviews-i18n/<lang>.yml" in out


def test_status_counts_pages_and_the_evidence_labels_file_not_the_tooltips(project):
    code, out = tr(project, "new-language", "pt")
    assert code == 0, out
    pages = len([p for p in (project / "docs/en").rglob("*.md") if "includes" not in p.parts])
    code, out = tr(project, "status", "pt")
    assert code == 0, out
    assert f"pt (Português): 0/{pages} pages translated" in out
    assert "docs/data/reviews-i18n/pt.yml" in out and "abbreviations" not in out
    assert re.search(r"\d+ text\(s\) of its entry in docs/languages.yml are still marked '# translate' \(from line \d+\)", out)
    labels = (project / "docs/data/reviews-i18n/pt.yml").read_text(encoding="utf-8").splitlines()
    marks = sum(1 for line in labels if line.rstrip().endswith("# translate"))
    assert marks > 100 and f"{marks} text(s) of docs/data/reviews-i18n/pt.yml (the evidence table) are still marked" in out, out
    assert "unreviewed docs/data/reviews-i18n" not in " ".join(out.split()), "labels still in English shown as translated"


def test_status_check_fails_only_on_what_stops_the_build(project):
    code, out = tr(project, "new-language", "pt")          # a language with no page translated yet
    assert code == 0, out
    (project / "docs/fr/glossary.md").unlink(missing_ok=True)    # a page missing: normal
    code, out = tr(project, "status", "--check")
    assert code == 0, out
    page = project / "docs/es/about.md"                       # malformed front matter: stops the build
    page.write_text(page.read_text(encoding="utf-8").replace("---\n", "---\ndescription: [oops\n", 1), encoding="utf-8")
    code, out = tr(project, "status", "--check")
    assert code == 1 and "docs/es/about.md:2" in out and "Fix:" in out, out


def _git(project, *args):
    subprocess.run(["git", *args], cwd=project, check=True, capture_output=True)


def test_diff_shows_the_changed_paragraph_of_an_uncommitted_english_change(project):
    _git(project, "init", "-q")
    _git(project, "-c", "user.name=t", "-c", "user.email=t@t", "add", "docs")
    _git(project, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "start")
    en = project / "docs/en/about.md"
    es = project / "docs/es/about.md"
    text = en.read_text(encoding="utf-8")
    paragraph = next(p for p in text.split("\n\n") if len(p.split()) > 12 and not p.startswith(("#", "-", "*", "|", "{", "!")))
    word = paragraph.split()[5]
    en.write_text(text.replace(paragraph, paragraph.replace(word, "CHANGED", 1), 1), encoding="utf-8")
    code, out = tr(project, "diff", "docs/es/about.md")
    assert code == 0, out
    line = text[:text.index(paragraph)].count("\n") + 1
    assert "1 paragraph(s) changed" in out and f"Changed: English line {line}" in out
    assert f"[-{word}-] {{+CHANGED+}}" in out, out
    # stamped against that uncommitted English, then the English changes again: still found
    code, out = tr(project, "stamp", "docs/es/about.md")
    assert code == 0, out
    en.write_text(en.read_text(encoding="utf-8").replace("CHANGED", "CHANGED AGAIN", 1), encoding="utf-8")
    code, out = tr(project, "diff", "docs/es/about.md")
    assert code == 0 and "{+AGAIN+}" in out and "kept when it was stamped" in out, out


def test_a_language_without_materials_texts_left_out_of_a_commit_is_named_and_restored(project):
    """Material has no interface texts for Kiswahili: new-language writes them in overrides/.
    A pull request that leaves that file out gets an error with the fix, not a traceback, and
    running new-language again writes only what is missing."""
    rc, out = tr(project, "new-language", "sw", "--name", "Kiswahili", "--dir", "ltr", "--iso639-3", "swa")
    assert rc == 0, out
    texts = project / "overrides/partials/languages/sw.html"
    assert texts.is_file() and "overrides/partials/languages/sw.html" in out
    texts.unlink()
    labels = project / "docs/data/terms/sw.yml"
    labels.write_text(labels.read_text(encoding="utf-8") + "# mine\n", encoding="utf-8")
    before = (project / "docs/languages.yml").read_text(encoding="utf-8")
    line = before.splitlines().index("- code: sw") + 1
    proc = subprocess.run([sys.executable, "scripts/build_site.py", "--no-downloads", "--lang", "sw"],
                          cwd=project, capture_output=True, text=True, timeout=300)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1 and "Traceback" not in out, out
    assert f"docs/languages.yml:{line}:" in out and "overrides/partials/languages/sw.html is missing" in out, out
    assert "new-language sw again" in out, out
    rc, out = tr(project, "status", "--check")
    assert rc == 1 and "sw.html is missing" in out, out
    rc, out = tr(project, "new-language", "sw")
    assert rc == 0 and "overrides/partials/languages/sw.html" in out and "terms" not in out, out
    assert texts.is_file() and labels.read_text(encoding="utf-8").endswith("# mine\n")
    assert (project / "docs/languages.yml").read_text(encoding="utf-8") == before
    rc, out = tr(project, "status", "--check")
    assert rc == 0, out


def test_start_gives_a_page_that_builds_at_once_and_says_who_translates_it(project):
    rc, out = tr(project, "new-language", "pt")
    assert rc == 0, out
    rc, out = tr(project, "start", "docs/pt/about.md", "--by", "Ana Pérez")
    assert rc == 0 and "wrote docs/pt/about.md" in out, out
    meta = __import__("sitelib").read_front_matter(project / "docs/pt/about.md")[0]
    assert meta["translated_by"] == "Ana Pérez" and meta["method"] == "human" and meta["reviewed"] is False
    assert meta["source_hash"] == fingerprint(project / "docs/en/about.md")
    check = subprocess.run([sys.executable, "scripts/check_docs.py"], cwd=project, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    rc, out = tr(project, "start", "docs/pt/about.md", "--by", "Ana Pérez")
    assert rc == 1 and "already exists" in out and "Fix:" in out, out
    rc, out = tr(project, "start", "docs/pt/abuot.md", "--by", "Ana Pérez")
    assert rc == 1 and "did you mean docs/pt/about.md?" in out, out
