#!/usr/bin/env bash
# CI hook: build the Linux bundle from a clean clone, smoke-test the frozen program, report its size.
#
#   bash packaging/ci_bundle.sh      # after `make test` has created .venv
#
# Fails if the build fails or any smoke check fails. The size is reported, not enforced.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
bash packaging/build_linux.sh
# the same smoke script CI runs on Windows and macOS (.github/workflows/ci.yml)
.venv/bin/python packaging/smoke_test.py --relocate "build/Programme für José"  # a customer-like path
.venv/bin/python packaging/measure_size.py --no-xz
echo "ci_bundle: build + smoke test + size in $(( $(date +%s) - start )) s"
