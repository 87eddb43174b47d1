"""Serve the built site with Debian's real nginx on 127.0.0.1, using the generated server block
build/nginx/site.conf as it is (only its listen lines are replaced), so what is tested and tried
locally is what a server runs. Used by ./scripts/serve --nginx and by the tests' nginx fixture.

nginx runs in the foreground as our own child process, with its pid file, logs and temporary
files in build/nginx/run/ (or the folder given), so it needs no root and touches nothing in /etc.

Run:  ./scripts/serve --nginx                                  (builds first; installs nginx as root)
      .venv/bin/python scripts/serve_nginx.py [--port 8000]    (after a build)
"""
from __future__ import annotations

import argparse
import grp
import os
import pwd
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX = "/usr/sbin/nginx"
SITE_CONF = ROOT / "build" / "nginx" / "site.conf"
MIME_TYPES = "/etc/nginx/mime.types"


class ServeError(Exception):
    """Something missing to run nginx; the message says what and the fix."""


def main_conf(run: Path, site_conf: str, port: int, root: Path | None = None) -> str:
    """A complete nginx.conf: the generated server block listening on 127.0.0.1:port."""
    server = re.sub(r"^\s*listen [^\n]*\n", "", site_conf, flags=re.M)
    server = server.replace("server {", f"server {{\n    listen 127.0.0.1:{port};", 1)
    if root is not None:
        server = re.sub(r'^(\s*)root "[^"]*";', lambda m: f'{m.group(1)}root "{root}";', server, count=1, flags=re.M)
    served = Path(re.search(r'^\s*root "([^"]*)";', server, re.M).group(1))
    user = ""
    if os.geteuid() == 0:
        # nginx started as root hands requests to workers as "nobody"; serve as the files' owner instead.
        st = served.stat()
        user = f"user {pwd.getpwuid(st.st_uid).pw_name} {grp.getgrgid(st.st_gid).gr_name};"
    temp = "\n".join(f"    {kind}_temp_path {run / 'tmp' / kind};"
                     for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""# Written by scripts/serve_nginx.py for a local run; the server block is build/nginx/site.conf.
{user}
worker_processes 1;
pid {run / 'nginx.pid'};
error_log {run / 'error.log'} warn;
events {{ worker_connections 64; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    access_log {run / 'access.log'};
    sendfile on;
{temp}

{server}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(port: int, run: Path, root: Path | None = None, site_conf: Path = SITE_CONF) -> list[str]:
    """Write run/nginx.conf, have nginx check it, and return the command that runs it in the foreground."""
    if not Path(NGINX).is_file():
        raise ServeError(f"{NGINX} is missing. Fix: apt-get install nginx "
                         "(./scripts/serve --nginx and ./scripts/test do this when run as root).")
    if not site_conf.is_file():
        raise ServeError(f"{site_conf.relative_to(ROOT)} is missing. Fix: build first (./scripts/build).")
    (run / "tmp").mkdir(parents=True, exist_ok=True)
    conf = run / "nginx.conf"
    conf.write_text(main_conf(run, site_conf.read_text(encoding="utf-8"), port, root), encoding="utf-8")
    args = [NGINX, "-p", str(run), "-e", str(run / "error.log"), "-c", str(conf)]
    test = subprocess.run(args + ["-t", "-q"], capture_output=True, text=True)
    if test.returncode != 0:
        raise ServeError(f"nginx rejects {conf}:\n{test.stderr.strip()}\n"
                         "Fix: correct headers.yml or scripts/write_policy.py, and rebuild.")
    return args + ["-g", "daemon off;"]


def start(port: int, run: Path, root: Path | None = None, site_conf: Path = SITE_CONF) -> subprocess.Popen:
    """Start nginx in the foreground as a child process and wait until it answers; the caller stops it."""
    proc = subprocess.Popen(prepare(port, run, root, site_conf), stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServeError(f"nginx stopped at once: {proc.stderr.read().strip()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc
        except OSError:
            time.sleep(0.1)
    stop(proc)
    raise ServeError(f"nginx did not answer on 127.0.0.1:{port} within 10 s; see {run / 'error.log'}.")


def stop(proc: subprocess.Popen) -> None:
    """Stop the nginx we started (its master process ends its worker)."""
    if proc.poll() is None:
        proc.terminate()   # SIGTERM: nginx's fast shutdown
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main() -> int:
    ap = argparse.ArgumentParser(description="Serve site/ with nginx and the generated configuration.")
    ap.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
    args = ap.parse_args()
    try:
        command = prepare(args.port, ROOT / "build" / "nginx" / "run")
    except ServeError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"nginx serves site/ on http://127.0.0.1:{args.port}/ with build/nginx/site.conf  (Ctrl+C to stop)",
          flush=True)
    os.execv(command[0], command)   # nginx itself gets Ctrl+C


if __name__ == "__main__":
    sys.exit(main())
