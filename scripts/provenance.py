"""What a translated page must say about itself in its front matter, and the check of it.

Every translated page (docs/<lang>/<path>.md, not English) records:

    source_hash: 1822cc77bd19      the English version it translates (scripts/translations.py stamp)
    reviewed: false                true only once a person fluent in the language has reviewed it
    method: ai-draft-checked       how it was made: human | ai-draft | ai-draft-checked
    translated_by: ...             who translated it (a name, a team, or "AI model (Claude)")
    checked_by: ...                optional: who checked it against the English
    reviewed_by: ...               the fluent reviewer; only with reviewed: true, and required then

The build (overrides/hooks/i18n.py) calls check() on every translated page and shows these in the
page footer, in the reader's language. Not run directly.
"""
from __future__ import annotations

import difflib
from pathlib import Path

from sitelib import InputError, read_text, rel

# front matter value -> the key of its sentence in docs/languages.yml strings
METHODS = {"human": "method_human", "ai-draft": "method_ai_draft", "ai-draft-checked": "method_ai_draft_checked"}
KNOWN_KEYS = {"source_hash", "description", "title", "reviewed", "method", "translated_by", "checked_by",
              "reviewed_by", "hide", "search", "template"}


def _line_of(path: Path, key: str) -> int:
    for i, line in enumerate(read_text(path).splitlines(), 1):
        if line.startswith(f"{key}:"):
            return i
    return 2


def check(path: Path, meta: dict) -> None:
    """Raise InputError (file, line, fix) if a translated page's provenance is missing or contradicts itself."""
    where = rel(path)
    for key in meta:
        if key not in KNOWN_KEYS:
            near = difflib.get_close_matches(key, sorted(KNOWN_KEYS), n=1)
            hint = f"did you mean '{near[0]}'?" if near else f"known keys: {', '.join(sorted(KNOWN_KEYS))}."
            raise InputError(f"{where}:{_line_of(path, key)}: unknown front matter key '{key}'. Fix: {hint}")
    method = meta.get("method")
    if method not in METHODS:
        line = _line_of(path, "method") if "method" in meta else 2
        raise InputError(f"{where}:{line}: front matter needs 'method:' set to one of {', '.join(METHODS)} "
                         f"(how this translation was made), not {method!r}. "
                         "Fix: 'method: human' if a person translated it; 'ai-draft' for a draft made with an AI model; "
                         "'ai-draft-checked' for such a draft checked against the English afterwards.")
    if not str(meta.get("translated_by") or "").strip():
        raise InputError(f"{where}:2: front matter needs 'translated_by:' (who translated this page). "
                         "Fix: add e.g. 'translated_by: Ana Pérez' (a name or a team).")
    reviewed, reviewer = meta.get("reviewed"), str(meta.get("reviewed_by") or "").strip()
    if reviewed not in (True, False):
        raise InputError(f"{where}:{_line_of(path, 'reviewed')}: 'reviewed:' must be true or false, not {reviewed!r}. "
                         "Fix: write 'reviewed: false' until a fluent speaker has reviewed the page.")
    if reviewed is True and not reviewer:
        raise InputError(f"{where}:{_line_of(path, 'reviewed')}: 'reviewed: true' but no 'reviewed_by:'. "
                         "Fix: add who reviewed it (e.g. 'reviewed_by: Ana Pérez'), or set 'reviewed: false'.")
    if reviewer and reviewed is not True:
        raise InputError(f"{where}:{_line_of(path, 'reviewed_by')}: 'reviewed_by:' is set but 'reviewed:' is not true. "
                         "Fix: set 'reviewed: true' if that person has reviewed the page, or remove 'reviewed_by:'.")
