"""The hash step: find every inline <script> and <style> in the built pages and compute the sha256
hash a Content-Security-Policy needs to allow it; check that a page's policy allows all of them.

scripts/write_policy.py calls collect() after the pages are built, so every inline script is
covered whoever added it (Material, our templates, a later change); scripts/build_site.py calls
check() last, so a page changed after the hashes were taken fails the build, naming the page, the
script and the fix. Code no hash can allow (an onclick="..." attribute, a style="..." attribute,
a javascript: link) fails the check too.

Run:  .venv/bin/python scripts/csp_hashes.py [SITE_DIR]           each hash and where it is used
      .venv/bin/python scripts/csp_hashes.py --check [SITE_DIR]   exit 1, with the page, the script
                                                                  and the fix, if a page has inline
                                                                  code its policy does not allow
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import html
import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# <script type> values a browser runs; any other type (application/json, ld+json) is data.
JS_TYPES = {"", "text/javascript", "application/javascript", "text/ecmascript",
            "application/ecmascript", "module", "text/jscript"}
META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', re.I)
FIX_REBUILD = ("Fix: rebuild (./scripts/build) so the hash step sees the final pages; a step that "
               "changes pages must run before scripts/write_policy.py in scripts/build_site.py.")


@dataclass
class Inline:
    kind: str        # "script" or "style"
    page: Path
    line: int
    text: str

    @property
    def hash(self) -> str:
        # Browsers hash the text as parsed: UTF-8, line breaks normalised to \n.
        text = self.text.replace("\r\n", "\n").replace("\r", "\n")
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"

    def excerpt(self) -> str:
        one_line = " ".join(self.text.split())
        return one_line[:60] + ("…" if len(one_line) > 60 else "")


class _Scan(HTMLParser):
    def __init__(self, page: Path):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.inline: list[Inline] = []
        self.unhashable: list[str] = []   # where: what
        self._open: Inline | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        line = self.getpos()[0]
        for name, value in a.items():
            if name.startswith("on"):
                self.unhashable.append(f"{line}: <{tag} {name}=\"{value[:40]}\">: an event-handler "
                                       "attribute, which no hash can allow. Fix: move the code to a "
                                       "script file under overrides/assets/ and attach it with addEventListener.")
            elif name == "style":
                self.unhashable.append(f"{line}: <{tag} style=\"{value[:40]}\">: a style attribute, "
                                       "which the policy blocks (style-src has no 'unsafe-inline'). "
                                       "Fix: give the element a class and style it in overrides/assets/site.css.")
            elif name in ("href", "src", "action") and value.strip().lower().startswith("javascript:"):
                self.unhashable.append(f"{line}: <{tag} {name}=\"{value[:40]}\">: a javascript: URL, "
                                       "which no hash can allow. Fix: use a script file and addEventListener.")
        if tag == "script" and "src" not in a and a.get("type", "").strip().lower() in JS_TYPES:
            self._open = Inline("script", self.page, line, "")
        elif tag == "style":
            self._open = Inline("style", self.page, line, "")

    def handle_data(self, data):
        if self._open is not None:
            self._open.text += data

    def handle_endtag(self, tag):
        if self._open is not None and tag == self._open.kind:
            self.inline.append(self._open)
            self._open = None


def scan(page: Path) -> _Scan:
    parser = _Scan(page)
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return parser


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "downloads" not in p.relative_to(site).parts[:1])


def collect(site: Path) -> dict[str, list[str]]:
    """The hashes of every inline script and style under site/: {"script": [...], "style": [...]}, sorted."""
    found: dict[str, set[str]] = {"script": set(), "style": set()}
    for page in pages(site):
        for item in scan(page).inline:
            found[item.kind].add(item.hash)
    return {kind: sorted(hashes) for kind, hashes in found.items()}


def directive(policy: str, name: str) -> list[str] | None:
    """The sources of one directive of a policy string, or None when the policy lacks it."""
    for part in policy.split(";"):
        words = part.split()
        if words and words[0].lower() == name:
            return words[1:]
    return None


def allows(policy: str, item: Inline) -> bool:
    for name in (f"{item.kind}-src-elem", f"{item.kind}-src", "default-src"):
        sources = directive(policy, name)
        if sources is not None:
            if item.hash in sources:
                return True
            # 'unsafe-inline' counts only in a directive without hashes or nonces.
            return "'unsafe-inline'" in sources and not any(s.startswith(("'sha", "'nonce")) for s in sources)
    return True


def header_policy(site: Path) -> str | None:
    """The Content-Security-Policy that site/_headers (written by write_policy.py) sends with every page."""
    headers = site / "_headers"
    if not headers.is_file():
        return None
    for line in headers.read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("Content-Security-Policy:"):
            return line.split(":", 1)[1].strip()
    return None


def source(site: Path, page: Path) -> str:
    """' (The page is built from docs/es/about.md.)': the Markdown a built page most likely came from."""
    parts = page.relative_to(site).parts
    if len(parts) < 2 or parts[-1] != "index.html":
        return ""
    lang, path = parts[0], "/".join(parts[1:-1])
    for folder in (lang, "en"):
        for md in (f"{path}.md", f"{path}/index.md") if path else ("index.md",):
            if (ROOT / "docs" / folder / md).is_file():
                return f" (The page is built from docs/{folder}/{md}.)"
    return ""


def check(site: Path) -> list[str]:
    """Problems: inline code in a page that the page's policy (headers, and its <meta> if any) would block."""
    def rel(p: Path) -> str:
        try:
            return p.resolve().relative_to(ROOT).as_posix()
        except ValueError:
            return p.as_posix()
    sent = header_policy(site)
    if sent is None:
        return [f"{rel(site / '_headers')}: missing, or it has no Content-Security-Policy line. "
                "Fix: run ./scripts/build (scripts/write_policy.py writes it)."]
    problems = []
    for page in pages(site):
        text = page.read_text(encoding="utf-8")
        policies = [("the Content-Security-Policy in site/_headers and build/nginx/site.conf", sent)]
        meta = META_CSP.search(text)
        if meta:
            policies.append(("the page's <meta> Content-Security-Policy", html.unescape(meta.group(1))))
        scanned = scan(page)
        for where in scanned.unhashable:
            problems.append(f"{rel(page)}:{where}{source(site, page)}")
        for item in scanned.inline:
            for name, policy in policies:
                if not allows(policy, item):
                    problems.append(
                        f"{rel(page)}:{item.line}: inline {item.kind} \"{item.excerpt()}\" has hash "
                        f"{item.hash}, which {name} does not list, so browsers will not run it. "
                        + FIX_REBUILD)
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description="Hashes of the inline scripts and styles of the built site.")
    ap.add_argument("site", nargs="?", default=str(ROOT / "site"))
    ap.add_argument("--check", action="store_true", help="check every page against its policy")
    args = ap.parse_args()
    site = Path(args.site)
    if not site.is_dir():
        print(f"error: {site} is not a folder. Fix: build first (./scripts/build).", file=sys.stderr)
        return 1
    if args.check:
        problems = check(site)
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        if problems:
            return 1
        print(f"Every inline script and style in {len(pages(site))} pages is allowed by its policy.")
        return 0
    uses: dict[str, list[str]] = {}
    for page in pages(site):
        for item in scan(page).inline:
            uses.setdefault(f"{item.kind} {item.hash} {item.excerpt()}", []).append(page.relative_to(site).as_posix())
    for key, where in sorted(uses.items()):
        print(f"{key}\n    {len(where)} page(s), e.g. {where[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
