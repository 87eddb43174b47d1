"""The English text a translation was made from, found by the fingerprint it records
(`source_hash`): in git's history (any branch, committed or not yet pushed), or in the local copy
that `translations.py stamp` keeps of every English version it stamps against (build/english/),
so that a change to the English need not be committed first.

Used by `translations.py diff` and the PO export (scripts/po.py). Not run directly.
"""
from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

from sitelib import ROOT, rel

KEPT = ROOT / "build" / "english"


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def keep(en_page: Path) -> None:
    """Keep a copy of the English page as it is now, under its fingerprint."""
    data = en_page.read_bytes()
    KEPT.mkdir(parents=True, exist_ok=True)
    (KEPT / f"{fingerprint(data)}.md").write_bytes(data)


def _git(*args) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True)


def find(en_page: Path, wanted: str) -> tuple[bytes, str] | None:
    """(the English page's bytes at fingerprint `wanted`, where it was found), or None."""
    if not wanted:
        return None
    path = Path(en_page)
    if path.is_file() and fingerprint(path.read_bytes()) == wanted:
        return path.read_bytes(), "the current English page"
    kept = KEPT / f"{wanted}.md"
    if kept.is_file():
        return kept.read_bytes(), f"the copy kept when it was stamped ({rel(kept)})"
    where = rel(path)
    log = _git("log", "--all", "--format=%H %cs", "--", where)
    if log.returncode != 0:
        return None      # not a git checkout, or git missing
    for line in log.stdout.decode().split("\n"):
        if not line.strip():
            continue
        commit, date = line.split()
        old = _git("show", f"{commit}:{where}")
        if old.returncode == 0 and fingerprint(old.stdout) == wanted:
            return old.stdout, f"commit {commit[:10]} of {date}"
    return None
