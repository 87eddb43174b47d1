"""Bad input fails the build with a message naming the file (and line) and the fix, never a
traceback. Each case runs the real build on a temporary copy of the project."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.fixture
def project(tmp_path):
    for name in ("docs", "overrides", "scripts", "mkdocs.yml", "headers.yml", "requirements.txt"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    return tmp_path


def build(project, *langs):
    args = [sys.executable, str(project / "scripts" / "build_site.py"), "--no-downloads"]
    for code in langs or ("en", "es"):
        args += ["--lang", code]
    proc = subprocess.run(args, cwd=project, capture_output=True, text=True, timeout=300)
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out, out
    return proc.returncode, out


def test_the_unchanged_copy_builds(project):
    code, out = build(project)
    assert code == 0, out


def test_translated_page_without_english_source(project):
    (project / "docs/es/no-such-page.md").write_text("---\nsource_hash: x\nreviewed: false\n---\n# Hola\n")
    code, out = build(project)
    assert code == 1
    assert "docs/es/no-such-page.md" in out and "no English source" in out and "Fix:" in out


def test_language_folder_not_in_the_list(project):
    (project / "docs/xx").mkdir()
    (project / "docs/xx/index.md").write_text("# Page\n")
    code, out = build(project)
    assert code == 1
    assert "docs/xx/" in out and "docs/languages.yml" in out and "Fix:" in out


@pytest.mark.parametrize("link, named", [
    ("no-such-page.md", "no-such-page.md"),                    # a page that does not exist
    ("glossary.md#no-such-anchor", "no-such-anchor"),          # a page that exists, an anchor that does not
    ("no-such-page.md#in-short", "no-such-page.md#in-short"),  # a page that does not exist, with an anchor
])
def test_broken_internal_link_or_anchor(project, link, named):
    page = project / "docs/en/about.md"
    page.write_text(page.read_text() + f"\nSee [this]({link}).\n")
    line = len(page.read_text().splitlines())
    code, out = build(project, "en")
    assert code == 1
    assert "docs/en/about.md" in out and named in out
    assert f"docs/en/about.md:{line}:" in out and "Fix:" in out, out


def test_misspelt_page_in_a_link_suggests_the_page_meant(project):
    page = project / "docs/es/about.md"
    page.write_text(page.read_text() + "\nVéase [esto](key-mesages.md#in-short).\n")
    line = len(page.read_text().splitlines())
    code, out = build(project, "es")
    assert code == 1
    assert f"docs/es/about.md:{line}:" in out and "goes to no page" in out, out
    assert "Did you mean 'key-messages.md'?" in out and "Fix:" in out, out


def test_broken_link_in_a_translation_names_its_line_and_the_nearest_anchor(project):
    page = project / "docs/es/about.md"
    page.write_text(page.read_text() + "\nVéase [esto](references.md#home-ofice-2023).\n")
    line = len(page.read_text().splitlines())
    code, out = build(project)
    assert code == 1
    assert f"docs/es/about.md:{line}:" in out and "Did you mean '#home-office-2023'" in out and "Fix:" in out, out


def test_misspelt_string_key_names_its_line_and_the_key_meant(project):
    path = project / "docs/languages.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    es = lines.index("- code: es")
    at = next(i for i in range(es, len(lines)) if lines[i].strip().startswith("untranslated_title:"))
    lines[at] = lines[at].replace("untranslated_title", "untranslated_titel")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out = build(project)
    assert code == 1
    assert f"docs/languages.yml:{at + 1}:" in out and "untranslated_titel" in out
    assert "did you mean 'untranslated_title'?" in out


def test_page_saved_with_a_byte_order_mark_builds_as_it_is(project):
    """Some Windows editors start a UTF-8 file with a byte-order mark: the page still builds,
    its front matter read, none of it shown on the page."""
    page = project / "docs/es/key-messages.md"
    page.write_bytes(b"\xef\xbb\xbf" + page.read_bytes())
    code, out = build(project)
    assert code == 0, out
    html = (project / "site/es/key-messages/index.html").read_text(encoding="utf-8")
    assert "source_hash" not in html and "translated_by:" not in html
    assert "i18n-provenance" in html


def test_failed_build_keeps_the_last_good_site(project):
    code, out = build(project, "es")
    assert code == 0, out
    home = project / "site/es/index.html"
    before = home.read_text(encoding="utf-8")
    page = project / "docs/es/about.md"
    page.write_text(page.read_text() + "\n[roto](no-such-page.md)\n")
    code, out = build(project, "es")
    assert code == 1 and "no-such-page.md" in out
    assert home.read_text(encoding="utf-8") == before, "a failed build must leave site/es/ as it was"


def test_building_one_new_language_updates_the_other_language_menus(project):
    code, out = build(project, "en", "es")
    assert code == 0, out
    proc = subprocess.run([sys.executable, "scripts/translations.py", "new-language", "pt"], cwd=project,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    code, out = build(project, "pt")
    assert code == 0, out
    for other in ("en", "es"):
        html = (project / f"site/{other}/standards/index.html").read_text(encoding="utf-8")
        assert 'hreflang="pt" class="md-select__link"' in html, f"site/{other}/'s language menu lacks pt"


def test_malformed_front_matter(project):
    page = project / "docs/es/index.md"
    text = page.read_text()
    page.write_text(text.replace("---\n", "---\ndescription: [no closing bracket\n", 1))
    code, out = build(project)
    assert code == 1
    assert "docs/es/index.md:2" in out and "malformed YAML" in out and "Fix:" in out


@pytest.mark.parametrize("value, says", [
    ('"Leer la "página" en inglés"', "did not find expected key"),   # a quote inside quoted text
    ('"Leer la página en inglés', "noticed on line"),                # a quote never closed
])
def test_a_quoting_slip_in_languages_yml_names_the_line_it_is_on(project, value, says):
    path = project / "docs/languages.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    es = lines.index("- code: es")
    at = next(i for i in range(es, len(lines)) if lines[i].strip().startswith("read_english:"))
    lines[at] = f"    read_english: {value}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out = build(project)
    assert code == 1
    assert f"docs/languages.yml:{at + 1}: malformed YAML" in out and says in out, out
    assert "Fix:" in out and "« »" in out, out


def test_translation_without_version_record(project):
    page = project / "docs/es/index.md"
    page.write_text(page.read_text().replace("source_hash:", "old_hash:", 1))
    code, out = build(project)
    assert code == 1
    assert "docs/es/index.md:1" in out and "source_hash" in out and "translations.py stamp" in out


def test_inline_code_the_security_policy_would_block(project):
    """An onclick attribute or a style attribute cannot be allowed by a hash: the build says where and how to fix it."""
    page = project / "docs/en/about.md"
    page.write_text(page.read_text() + '\n<button type="button" onclick="alert(1)">Hi</button>\n\n'
                    'A red paragraph.\n{ style="color: red" }\n')
    code, out = build(project, "en")
    assert code == 1
    assert "site/en/about/index.html" in out and "docs/en/about.md" in out
    assert 'onclick="alert(1)"' in out and "addEventListener" in out
    assert 'style="color: red"' in out and "site.css" in out


def test_headers_yml_that_would_allow_inline_scripts(project):
    policy = project / "headers.yml"
    policy.write_text(policy.read_text().replace("script-src: [\"'self'\",", "script-src: [\"'self'\", \"'unsafe-inline'\",", 1))
    code, out = build(project, "en")
    assert code == 1
    assert "headers.yml" in out and "'unsafe-inline'" in out and "Fix:" in out
