"""Make the ZIM file of one language for Kiwix from its built offline copy, with a full-text
index in that language, using the libzim package.

Called by scripts/make_downloads.py. By hand:
    .venv/bin/python scripts/make_zim.py LANG      (after ./scripts/build; writes build/LANG.zim)
Check it: kiwix-serve --port 8080 build/LANG.zim  (Debian package kiwix-tools)
"""
from __future__ import annotations

import datetime
import io
import mimetypes
import sys
from pathlib import Path

from libzim.writer import Creator, FileProvider, Hint, Item

from site_pages import build_by_hand, pages


class _File(Item):
    def __init__(self, path: str, source: Path, title: str, front: bool):
        super().__init__()
        self.path, self.source, self.title, self.front = path, source, title, front

    def get_path(self):
        return self.path

    def get_title(self):
        return self.title

    def get_mimetype(self):
        if self.source.suffix == ".js":
            return "application/javascript"
        return mimetypes.guess_type(self.source.name)[0] or "application/octet-stream"

    def get_contentprovider(self):
        return FileProvider(str(self.source))

    def get_hints(self):
        return {Hint.FRONT_ARTICLE: self.front, Hint.COMPRESS: self.source.suffix not in (".png", ".zip")}


def _icon() -> bytes:
    """A plain 48x48 PNG in the site's colour (ZIM files carry an illustration)."""
    from PIL import Image
    buf = io.BytesIO()
    Image.new("RGB", (48, 48), (74, 42, 107)).save(buf, "PNG")
    return buf.getvalue()


def build(lang, folder: Path, target: Path) -> None:
    titles = {p["html"]: p["title"] for p in pages(folder)}
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    with Creator(str(target)).config_indexing(True, lang.iso639_3) as creator:
        creator.set_mainpath("index.html")
        creator.add_illustration(48, _icon())
        for key, value in (("Name", f"perpetrator-interventions_{lang.code}"), ("Title", lang.site_name[:30]),
                           ("Description", lang.site_description.strip()[:80]), ("Language", lang.iso639_3),
                           ("Creator", lang.site_name), ("Publisher", lang.site_name),
                           ("Date", datetime.date.today().isoformat())):
            creator.add_metadata(key, value)
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.name.endswith(".gz") or path.name == "404.html":
                continue
            rel = path.relative_to(folder).as_posix()
            front = rel in titles
            creator.add_item(_File(rel, path, titles.get(rel, ""), front))


if __name__ == "__main__":
    build_by_hand(build, "zim", sys.argv)
