#!/usr/bin/env bash
# CI hook: build the Linux bundle from a clean clone, smoke-test the frozen program, report its size.
#
#   bash packaging/ci_bundle.sh      # after `make test` has created .venv
#
# build_linux.sh, smoke_test.py (on a copy in a non-ASCII folder), install_test.py linux (the
# release's test of the unpacked tarball), measure_size.py.
#
# Fails if the build fails or any smoke check fails. The size is reported, not enforced.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
bash packaging/build_linux.sh
# the same smoke script CI runs on Windows and macOS (.github/workflows/ci.yml)
.venv/bin/python packaging/smoke_test.py --relocate "build/Programme für José"  # a customer-like path
# the release's Linux install test, on an uncompressed tarball (xz would take a minute of CPU)
version=$(.venv/bin/python packaging/buildinfo.py version)
tar -C dist -cf "build/sipalg-wizard-$version-linux.tar" sipalg-wizard
.venv/bin/python packaging/install_test.py linux "build/sipalg-wizard-$version-linux.tar"
rm -f "build/sipalg-wizard-$version-linux.tar"
.venv/bin/python packaging/measure_size.py --no-xz
echo "ci_bundle: build + smoke test + size in $(( $(date +%s) - start )) s"
