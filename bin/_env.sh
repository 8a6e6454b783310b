# Sourced by bin/run-portal and bin/run-tests: makes .venv with the project's dependencies,
# reinstalling only when pyproject.toml changes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null || PYTHON=python3
VENV="${VENV:-$ROOT/.venv}"
if [ ! -x "$VENV/bin/python" ]; then
    echo "==> creating $VENV"
    "$PYTHON" -m venv "$VENV"
fi
STAMP="$VENV/.installed-$(sha256sum pyproject.toml | cut -c1-16)-${EXTRAS:-test,postgres}"
if [ ! -f "$STAMP" ]; then
    echo "==> installing Python dependencies into $VENV"
    if ! "$VENV/bin/pip" install -e ".[${EXTRAS:-test,postgres}]" >"$VENV/pip.log" 2>&1; then
        cat "$VENV/pip.log" >&2
        exit 1
    fi
    rm -f "$VENV"/.installed-*
    touch "$STAMP"
fi
export PATH="$VENV/bin:$PATH"
# The portal's own files (the SQLite database, uploads, PDFs): the settings create nothing.
mkdir -p "${VAR_DIR:-$ROOT/var}"

# Install Debian packages the caller needs (chromium, poppler-utils) when they are missing.
need_debian_packages() {
    local missing=()
    for pair in "$@"; do
        local cmd="${pair%%:*}" pkg="${pair##*:}"
        command -v "$cmd" >/dev/null || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "==> installing Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# WeasyPrint needs Pango (with HarfBuzz and libthai for Thai line breaking). The library list is
# read whole first: `ldconfig -p | grep -q` fails under pipefail when grep stops reading early.
libraries="$(ldconfig -p 2>/dev/null || true)"
case "$libraries" in
    *libpango-1.0.so*) ;;
    *) need_debian_packages pango-missing:libpango-1.0-0 pango-missing:libpangoft2-1.0-0 \
           pango-missing:libharfbuzz-subset0 ;;
esac
