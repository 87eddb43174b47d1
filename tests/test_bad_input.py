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
])
def test_broken_internal_link_or_anchor(project, link, named):
    page = project / "docs/en/about.md"
    page.write_text(page.read_text() + f"\nSee [this]({link}).\n")
    code, out = build(project, "en")
    assert code == 1
    assert "docs/en/about.md" in out and named in out


def test_malformed_front_matter(project):
    page = project / "docs/es/index.md"
    text = page.read_text()
    page.write_text(text.replace("---\n", "---\ndescription: [no closing bracket\n", 1))
    code, out = build(project)
    assert code == 1
    assert "docs/es/index.md:2" in out and "malformed YAML" in out and "Fix:" in out


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
