#!/usr/bin/env bash
# `make installer`: every seat installer, built on Linux, into installer/build/out/ (Linux bundle in
# installer/build/linux/dist/hotline-desk/). Downloads (PyPI only) are cached in installer/build/cache/.
#   installer/build.sh              all of it, release compression (solid LZMA for setup.exe)
#   VERSION=0.2.0 installer/build.sh  another version number (N.N.N) than pyproject.toml's
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
VERSION_ARGS=()
if [ -n "${VERSION:-}" ]; then VERSION_ARGS=(--version "$VERSION"); fi
for tool in makensis wixl msibuild msiinfo objdump; do
  command -v "$tool" >/dev/null || { echo "missing $tool: run tools/setup-system.sh" >&2; exit 1; }
done
t0=$(date +%s)
$PY -m installer.payload
$PY -m installer.msi "${VERSION_ARGS[@]}"
$PY -m installer.nsis "${VERSION_ARGS[@]}"
$PY -m installer.linux_bundle
echo "installers built in $(( $(date +%s) - t0 )) s:"
ls -l installer/build/out/*.msi installer/build/out/*.exe
du -sh installer/build/linux/dist/hotline-desk
