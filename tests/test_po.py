"""PO files for translation tools (scripts/po.py, with Debian's po4a): every page, untranslated and
translated, exported and imported back gives the same HTML; when the English changes, only the
changed paragraph comes back fuzzy, with the old English beside it; an import that is not finished
says which entries are left; a new page imported from Poedit says who translated it."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

import markdown
import pytest
import yaml

from conftest import LANGS, ROOT, copy_project
import english_versions
import parity
import po
from sitelib import read_front_matter, read_text

EN = ROOT / "docs" / "en"
EN_PAGES = sorted(p.relative_to(EN).as_posix() for p in EN.rglob("*.md") if p.relative_to(EN).parts[0] != "includes")
TRANSLATED = [(lang.code, p.relative_to(ROOT / "docs" / lang.code).as_posix())
              for lang in LANGS[1:] for p in parity.translated_pages(lang.code)]


def _html(body: str) -> str:
    """A page's body as MkDocs renders it (the project's Markdown extensions, without the tooltips)."""
    cfg = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    exts, conf = [], {}
    for e in cfg["markdown_extensions"]:
        name, opts = (next(iter(e.items())) if isinstance(e, dict) else (e, None))
        if name != "pymdownx.snippets":
            exts.append(name)
            conf[name] = opts or {}
    return markdown.markdown(body, extensions=exts, extension_configs=conf)


@pytest.fixture(scope="module", autouse=True)
def po4a():
    if not shutil.which("po4a-translate"):
        pytest.fail("po4a is missing. Fix: apt-get install po4a (./scripts/test does this when run as root).",
                    pytrace=False)


@pytest.mark.parametrize("relpath", EN_PAGES)
def test_untranslated_page_exported_and_imported_gives_the_same_html(relpath):
    """Exported for a language that lacks it, every entry 'translated' as its English, imported."""
    english = read_text(EN / relpath)
    header, entries = po.segments(english)
    for e in entries:
        e.msgstr = e.msgid
    out = po.translate(english, po.write(header, entries))
    (m0, b0), (m1, b1) = po.read_front_matter_text(english), po.read_front_matter_text(out)
    assert _html(b1) == _html(b0) and m1.get("description") == m0.get("description")


@pytest.mark.parametrize("code,relpath", TRANSLATED, ids=[f"{c}/{p}" for c, p in TRANSLATED])
def test_translated_page_exported_and_imported_gives_the_same_html(code, relpath):
    page = ROOT / "docs" / code / relpath
    meta, body = read_front_matter(page)
    found = english_versions.find(EN / relpath, str(meta.get("source_hash") or ""))
    english = found[0].decode("utf-8-sig") if found else read_text(EN / relpath)   # the version it translates
    text, counts = po.export_page(code, relpath, english_text=english)
    assert counts["fuzzy"] == 0 and counts["empty"] == 0, counts
    m1, b1 = po.read_front_matter_text(po.translate(english, text))
    assert _html(b1) == _html(body) and m1.get("description") == meta.get("description")


@pytest.fixture
def project(tmp_path):
    copy_project(tmp_path)
    return tmp_path


def run(project, *args):
    proc = subprocess.run([sys.executable, "scripts/po.py", *args], cwd=project, capture_output=True, text=True,
                          timeout=300)
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out, out
    return proc.returncode, out


def test_a_changed_english_paragraph_comes_back_fuzzy_and_alone(project):
    en = project / "docs/en/key-messages.md"
    es = project / "docs/es/key-messages.md"
    subprocess.run([sys.executable, "scripts/translations.py", "stamp", "docs/es/key-messages.md"], cwd=project,
                   check=True, capture_output=True)                                # es matches the English now
    text = read_text(en)
    paragraph = next(p for p in text.split("\n\n") if len(p.split()) > 15 and p[:1].isalpha())
    en.write_text(text.replace(paragraph, paragraph.replace(" ", " really ", 1), 1), encoding="utf-8")
    code, out = run(project, "export", "es", "docs/en/key-messages.md")
    assert code == 0 and "1 fuzzy (changed in English), 0 to translate" in out, out
    po_file = project / "po/es/key-messages.po"
    header, entries = po.parse(read_text(po_file))
    fuzzy = [e for e in entries if e.fuzzy]
    assert len(fuzzy) == 1 and "really" in fuzzy[0].msgid and "really" not in fuzzy[0].previous
    assert fuzzy[0].msgstr, "the old translation is offered for the changed paragraph"
    assert all(e.msgstr for e in entries)
    # not finished: the import says which entry is left, by its line in the PO file
    code, out = run(project, "import", "po/es/key-messages.po")
    assert code == 1 and f"line {fuzzy[0].line} (fuzzy)" in out and "Fix:" in out, out
    before = read_front_matter(es)[0]
    # the translator checks it and clears "needs work": the import writes the page, stamped
    po_file.write_text(read_text(po_file).replace("#, fuzzy, ", "#, "), encoding="utf-8")
    code, out = run(project, "import", "po/es/key-messages.po")
    assert code == 0, out
    meta, _ = read_front_matter(es)
    assert meta["source_hash"] == english_versions.fingerprint(en.read_bytes())
    assert {k: meta.get(k) for k in po.OWN_KEYS} == {k: before.get(k) for k in po.OWN_KEYS}


def test_a_new_page_from_poedit_says_who_translated_it(project):
    subprocess.run([sys.executable, "scripts/translations.py", "new-language", "pt"], cwd=project, check=True,
                   capture_output=True)
    code, out = run(project, "export", "pt", "docs/en/index.md")
    assert code == 0 and "0 translated" in out, out
    po_file = project / "po/pt/index.po"
    subprocess.run(["msgen", "-o", str(po_file), str(po_file)], check=True)   # as if every entry were translated
    code, out = run(project, "import", "po/pt/index.po")
    assert code == 1 and "Last-Translator" in out and "Fix:" in out, out      # Poedit not yet told the name
    text = read_text(po_file).replace("Last-Translator: FULL NAME <EMAIL@ADDRESS>", "Last-Translator: Ana Pérez <ana@example.org>")
    po_file.write_text(text, encoding="utf-8")
    code, out = run(project, "import", "po/pt/index.po")
    assert code == 0, out
    meta, _ = read_front_matter(project / "docs/pt/index.md")
    assert meta["translated_by"] == "Ana Pérez" and meta["method"] == "human" and meta["reviewed"] is False
    check = subprocess.run([sys.executable, "scripts/check_docs.py"], cwd=project, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def test_an_import_after_the_english_changed_asks_for_a_new_export(project):
    code, out = run(project, "export", "fr", "docs/en/about.md")
    assert code == 0, out
    en = project / "docs/en/about.md"
    en.write_text(read_text(en) + "\nA new closing sentence.\n", encoding="utf-8")
    code, out = run(project, "import", "po/fr/about.po")
    assert code == 1 and "has changed since this file was exported" in out and "po.py export fr" in out, out
    assert re.search(r"your translations are kept", out)


def test_an_import_that_lost_a_heading_id_or_link_says_where(project):
    """Poedit shows a heading's id and a link's target as text to translate: a translator may drop
    or translate them. The import refuses, naming the PO line; Poedit's 'place' is the English page."""
    code, out = run(project, "export", "es", "docs/en/key-messages.md")
    assert code == 0, out
    po_file = project / "po/es/key-messages.po"
    text = read_text(po_file)
    assert "#: docs/en/key-messages.md:" in text and "/tmp" not in text
    header, entries = po.parse(text)
    heading = next(e for e in entries if "{#" in e.msgstr)
    link = next(e for e in entries if "](" in e.msgstr and e is not heading)
    target = re.search(r"\]\(([^)\s]+)", link.msgstr).group(1)
    heading.msgstr = re.sub(r"\s*\{[^}]*\}", "", heading.msgstr)
    link.msgstr = link.msgstr.replace(f"]({target}", "](referencias.md", 1)
    po_file.write_text(po.write(header, entries), encoding="utf-8")
    before = read_text(project / "docs/es/key-messages.md")
    code, out = run(project, "import", "po/es/key-messages.po")
    assert code == 1 and "2 heading id(s) or link target(s)" in out, out
    assert f"line {heading.line}: {{#" in out and f"line {link.line}: ({target})" in out and "Fix:" in out, out
    assert read_text(project / "docs/es/key-messages.md") == before
