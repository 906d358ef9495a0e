#!/usr/bin/env bash
# Puts mermaid.min.js (Mermaid 11.6.0) in .tools/mermaid/ (gitignored) for the browser tests, which
# render the Markdown plan's diagram with the real mermaid.js in headless Chromium. Mermaid ships
# inside the `diagram-renderer` wheel on PyPI, so pip fetches it; the version is pinned. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=.tools/mermaid
[ -s "$dest/mermaid.min.js" ] && { echo "mermaid.min.js already in $dest"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m pip download --no-deps --quiet --dest "$tmp" "diagram-renderer==2025.9.24.103"
mkdir -p "$dest"
python3 - "$tmp" "$dest" <<'PY'
import glob, sys, zipfile
wheel = glob.glob(sys.argv[1] + "/diagram_renderer-*.whl")[0]
with zipfile.ZipFile(wheel) as archive:
    data = archive.read("diagram_renderer/renderers/static/js/mermaid.min.js")
with open(sys.argv[2] + "/mermaid.min.js", "wb") as out:
    out.write(data)
print(f"mermaid.min.js ({len(data)} bytes) -> {sys.argv[2]}")
PY
