"""Adding a language as a volunteer would: `scripts/translations.py new-language pt` in a temporary
copy of the project, then a build, then the copy's own tests for the new language, unchanged (no
test names a language: they read docs/languages.yml)."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

import conftest

def copy_project(target):
    return conftest.copy_project(target, extra=("tests",))


def run(root, *args, timeout=900):
    proc = subprocess.run([sys.executable, *args], cwd=root, capture_output=True, text=True, timeout=timeout)
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out, out
    return proc.returncode, out


@pytest.fixture(scope="module")
def with_pt(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("new-language"))
    code, out = run(root, "scripts/translations.py", "new-language", "pt")
    assert code == 0, out
    return root, out


def test_new_language_writes_everything_and_says_what_next(with_pt):
    root, out = with_pt
    for path in ("docs/pt/includes/abbreviations.md", "docs/data/reviews-i18n/pt.yml", "docs/data/terms/pt.yml"):
        assert (root / path).is_file() and path in out
    assert "./scripts/serve --lang pt" in out and "translations.py status pt" in out
    entry = (root / "docs/languages.yml").read_text(encoding="utf-8").split("- code: pt", 1)[1]
    assert "name: \"Português\"" in entry and "iso639_3: por" in entry and "search: pt" in entry
    assert "search_words: []" in entry
    marked = re.findall(r'^    (\w+): ".*"  # translate$', entry, flags=re.M)
    assert "untranslated_title" in marked and "read_english" in marked
    assert int(re.search(r"(\d+) are marked", out).group(1)) == entry.count("# translate")


def test_the_copy_builds_and_passes_its_tests_for_the_new_language(with_pt):
    """The browser checks (search, switcher, notices, menu marks, evidence table, axe) and the
    translation checks, for pt, as written for every language."""
    root, _ = with_pt
    code, out = run(root, "scripts/build_site.py", "--no-downloads", "--lang", "en", "--lang", "pt")
    assert code == 0, out
    home = (root / "site/pt/index.html").read_text(encoding="utf-8")
    assert 'href="../pt/" hreflang="pt" lang="pt" dir="ltr">Português</a>' in home, \
        "the home page's list of languages does not name the new language"
    code, out = run(root, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-k", "pt",
                    "tests/test_browser.py", "tests/test_translations.py", "tests/test_evidence.py",
                    "tests/test_content.py", "tests/test_status_page.py", timeout=1800)
    assert code == 0, out[-4000:]
    passed = int(re.search(r"(\d+) passed", out).group(1))
    assert passed >= 8 and " skipped" not in out, out[-2000:]


@pytest.mark.parametrize("code, says", [
    ("pt_BR", "'pt-BR'"),           # an underscore, as in a locale name
    ("Portuguese", "two-letter"),   # a name, not a code
    ("es", "already listed"),
])
def test_a_bad_code_says_what_to_use(code, says, tmp_path):
    root = copy_project(tmp_path)
    before = (root / "docs/languages.yml").read_text(encoding="utf-8")
    rc, out = run(root, "scripts/translations.py", "new-language", code)
    assert rc == 1 and says in out and "Fix:" in out, out
    assert (root / "docs/languages.yml").read_text(encoding="utf-8") == before
