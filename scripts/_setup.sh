# Shared set-up for scripts/build, scripts/serve and scripts/test. Sourced, not run.
# Creates .venv from requirements.txt on a fresh machine (and again whenever requirements.txt
# changes), and sets the environment every build uses.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NO_MKDOCS_2_WARNING=1       # Material 9.8.1 prints an end-of-life notice otherwise
export PYTHONDONTWRITEBYTECODE=1

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "error: Python 3.11 or newer is needed ('$PYTHON' is missing or older)." >&2
  echo "Fix: install python3 (3.11+) and python3-venv, or set PYTHON=/path/to/python3.11." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ] || ! cmp -s requirements.txt .venv/requirements.installed; then
  echo "Setting up .venv from requirements.txt ..."
  "$PYTHON" -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
  cp requirements.txt .venv/requirements.installed
fi

# Debian packages: install them when we are root and they are missing; otherwise say how.
need_debian() {  # need_debian COMMAND-or-/ABSOLUTE/FILE PACKAGE [PACKAGE...]
  local cmd="$1"; shift
  if [ "${cmd:0:1}" = / ]; then [ -e "$cmd" ] && return 0; else command -v "$cmd" >/dev/null 2>&1 && return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian packages: $* ..."
    if [ -z "${_APT_UPDATED:-}" ]; then apt-get update -qq; _APT_UPDATED=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "error: '$cmd' is missing. Fix: sudo apt-get install $*" >&2
    return 1
  fi
}
