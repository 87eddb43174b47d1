"""Write a .gz copy beside every text asset under a folder, for hosts that serve precompressed files
(nginx gzip_static, Caddy precompressed, ...). Called by scripts/build_site.py for site/.

Run:  .venv/bin/python scripts/compress.py site
"""
from __future__ import annotations

import gzip
import sys
from pathlib import Path

TEXT = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".map"}


def gzip_tree(root: Path) -> int:
    count = 0
    for path in root.rglob("*"):
        if path.is_file() and path.suffix in TEXT and "downloads" not in path.relative_to(root).parts[:1]:
            data = path.read_bytes()
            with open(path.with_name(path.name + ".gz"), "wb") as out:
                with gzip.GzipFile(filename="", mode="wb", fileobj=out, compresslevel=9, mtime=0) as gz:
                    gz.write(data)
            count += 1
    return count


if __name__ == "__main__":
    print(gzip_tree(Path(sys.argv[1] if len(sys.argv) > 1 else "site")), "files compressed")
