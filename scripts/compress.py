"""Write a .gz copy beside every text asset under a folder, for hosts that serve precompressed files
(nginx gzip_static, Caddy precompressed, ...). Called by scripts/build_site.py for site/.

Nothing is compressed twice: a .gz newer than its file is kept (a language not rebuilt), and a file
whose bytes were already compressed in this run (Material's scripts, styles and source maps, the
same in every language) reuses those bytes.

Run:  .venv/bin/python scripts/compress.py site
"""
from __future__ import annotations

import gzip
import hashlib
import io
import sys
from pathlib import Path

TEXT = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".map"}


def gzip_tree(root: Path) -> int:
    """Compress what needs it; returns the number of .gz files written."""
    done: dict[bytes, bytes] = {}
    count = 0
    for path in root.rglob("*"):
        if not path.is_file() or path.suffix not in TEXT or "downloads" in path.relative_to(root).parts[:1]:
            continue
        target = path.with_name(path.name + ".gz")
        if target.is_file() and target.stat().st_mtime >= path.stat().st_mtime:
            continue
        data = path.read_bytes()
        key = hashlib.sha256(data).digest()
        if key not in done:
            out = io.BytesIO()
            with gzip.GzipFile(filename="", mode="wb", fileobj=out, compresslevel=9, mtime=0) as gz:
                gz.write(data)
            done[key] = out.getvalue()
        target.write_bytes(done[key])
        count += 1
    return count


if __name__ == "__main__":
    print(gzip_tree(Path(sys.argv[1] if len(sys.argv) > 1 else "site")), "files compressed")
