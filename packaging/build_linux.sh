#!/usr/bin/env bash
# Build the Linux onedir bundle (dist/sipalg-wizard/) from packaging/sipalg-wizard.spec.
#
#   bash packaging/build_linux.sh          # needs .venv with the project installed (make test does it)
#
# Installs the build tools from packaging/requirements.txt into .venv (not runtime dependencies),
# then runs PyInstaller with its work files in build/pyinstaller/. Nothing is cached outside the
# repository; --clean makes every build start from scratch, as on a fresh CI clone.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-.venv/bin/python}
if [[ ! -x "$PY" ]]; then
  echo "build_linux: $PY not found; run 'make test' (or create .venv and pip install -e .) first" >&2
  exit 2
fi

"$PY" -m pip install --quiet --disable-pip-version-check -r packaging/requirements.txt

start=$(date +%s)
rm -rf dist/sipalg-wizard
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --workpath build/pyinstaller --distpath dist packaging/sipalg-wizard.spec
# Qt's Linux wheels bring ICU's 32 MB data library; keep the parts the wizard can use.
for lib in dist/sipalg-wizard/_internal/PySide6/Qt/lib/libicudata.so.*; do
  [[ -f "$lib" && ! -L "$lib" ]] && "$PY" packaging/icu_trim.py "$lib"
done
echo "build_linux: built dist/sipalg-wizard in $(( $(date +%s) - start )) s"
