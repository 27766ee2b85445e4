#!/usr/bin/env bash
# Smoke-test the FROZEN program in dist/sipalg-wizard/ (build it first: packaging/build_linux.sh).
#
#   bash packaging/smoke_test.sh [BUNDLE_DIR]
#
# Checks, each against the executables in the bundle, never the source tree:
#   1. --version of the wizard and the reflector print the package version; every bundled library
#      finds its dependencies (bundled or on the host);
#   2. the self-check finds the bundled profile, netaddr's OUI registry, the licence texts, and
#      that resources/ is the bundle's own (SIPALG_WIZARD_SELFCHECK=1, see sipalg_wizard/smoke.py);
#   3. the same self-check FAILS on a copy of the bundle whose data was removed (so this test can
#      fail when the frozen app cannot find its data);
#   4. the frozen reflector serves on loopback (with its compiled answer path) and `diagnose --json`
#      probes it: one JSON document with the contract's schema, probe tests run, the TLS test
#      answered (frozen OpenSSL and cryptography on both ends), and no "reflector_unreachable";
#   5. `decode` explains the support code that diagnose produced, and `witness ttl` (the deeper
#      test's helper, what the permission prompt relaunches) writes its JSON;
#   6. the GUI opens offscreen and saves a screenshot of its first page, without font warnings;
#   7. `agent-page` writes the support agent's page with its decoder tables and guide pictures.
# Steps 4-6 run inside a private network namespace (unshare --net, loopback only) when root, so
# nothing the diagnosis does (finding the router, provoking its MAC) can reach a real network;
# without root, step 4-5 are skipped with a note. Work files go to build/smoke/.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUNDLE=$(realpath -m "${1:-dist/sipalg-wizard}")
PY=${PYTHON:-python3}
command -v "$PY" >/dev/null || PY=.venv/bin/python

# Re-run inside a fresh network namespace with only loopback, when we can.
if [[ -z "${SMOKE_ISOLATED:-}" && $(id -u) -eq 0 ]] && command -v unshare >/dev/null \
    && unshare --net true 2>/dev/null; then
  exec unshare --net env SMOKE_ISOLATED=1 bash "$0" "$@"
fi
if [[ "${SMOKE_ISOLATED:-}" == 1 ]]; then
  ip link set lo up
fi

WORK="$ROOT/build/smoke"
rm -rf "$WORK" && mkdir -p "$WORK"
WIZ="$BUNDLE/sipalg-wizard"
REF="$BUNDLE/sipalg-reflector"
VERSION=$("$PY" packaging/buildinfo.py version)
passed=0
failed=0
REF_PID=""
trap '[[ -n "$REF_PID" ]] && kill "$REF_PID" 2>/dev/null' EXIT

ok()   { echo "PASS  $1"; passed=$((passed + 1)); }
bad()  { echo "FAIL  $1"; failed=$((failed + 1)); }
skip() { echo "SKIP  $1"; }

if [[ ! -x "$WIZ" ]]; then
  echo "smoke_test: no frozen program at $WIZ (run packaging/build_linux.sh first)" >&2
  exit 2
fi

# 1. versions
out=$("$WIZ" --version 2>&1)
[[ "$out" == "sipalg-wizard $VERSION" ]] && ok "wizard --version: $out" || bad "wizard --version: '$out' (want $VERSION)"
if [[ -x "$REF" ]]; then
  out=$("$REF" --version 2>&1)
  [[ "$out" == "sipalg-reflector $VERSION" ]] && ok "reflector --version: $out" \
    || bad "reflector --version: '$out'"
else
  bad "no sipalg-reflector executable in the bundle"
fi

# 1b. every bundled library finds its dependencies, in the bundle or on the host (the spec leaves
# out what every Linux desktop has: X11, fontconfig, GLib, D-Bus, libstdc++; see LINUX_HOST_LIBS)
if command -v ldd >/dev/null; then
  LIBS="$BUNDLE/_internal:$BUNDLE/_internal/PySide6/Qt/lib"
  : > "$WORK/ldd-missing.txt"
  while IFS= read -r -d '' f; do
    [[ $(head -c 4 "$f" | od -An -c | tr -d ' ') == 177ELF ]] || continue
    LD_LIBRARY_PATH="$LIBS" ldd "$f" 2>&1 | grep "not found" | sed "s|^|${f#"$BUNDLE"/}: |" \
      >> "$WORK/ldd-missing.txt"
  done < <(find "$BUNDLE" -type f \( -name '*.so*' -o -perm -u+x \) -print0)
  if [[ -s "$WORK/ldd-missing.txt" ]]; then
    bad "libraries not found (neither bundled nor on this host):"; sort -u "$WORK/ldd-missing.txt"
  else
    ok "every bundled library finds its dependencies"
  fi
fi

# 2. self-check: the frozen program finds its data
if SIPALG_WIZARD_SELFCHECK=1 "$WIZ" > "$WORK/selfcheck.json" 2> "$WORK/selfcheck.err"; then
  ok "self-check: profile, OUI registry, licences, resources inside the bundle"
else
  bad "self-check failed:"; cat "$WORK/selfcheck.json" "$WORK/selfcheck.err"
fi

# 3. ... and the self-check notices when the data is gone (hard-linked copy: fast, no extra space)
BROKEN="$WORK/broken-bundle"
cp -al "$BUNDLE" "$BROKEN"
rm -rf "$BROKEN/_internal/resources" "$BROKEN"/_internal/netaddr/eui/*.txt
if SIPALG_WIZARD_SELFCHECK=1 "$BROKEN/sipalg-wizard" > "$WORK/broken.json" 2>&1; then
  bad "self-check passed on a bundle without its data"
elif "$PY" - "$WORK/broken.json" <<'PY'
import json, sys
checks = json.load(open(sys.argv[1]))["checks"]
sys.exit(0 if not checks["profile"]["ok"] and not checks["oui"]["ok"] else 1)
PY
then
  ok "self-check fails on a bundle without resources/ and OUI data"
else
  bad "self-check on a broken bundle failed for the wrong reason:"; cat "$WORK/broken.json"
fi
rm -rf "$BROKEN"

# 4. reflector on loopback + diagnose --json through it
if [[ "${SMOKE_ISOLATED:-}" == 1 && -x "$REF" ]]; then
  "$REF" --host 127.0.0.1 --udp-port 25060 --tcp-port 25060 --control-udp-port 25070 \
    --control-tcp-port 25070 --tls-port 25061 --rate-limit 0 > "$WORK/reflector.log" 2>&1 &
  REF_PID=$!
  for _ in $(seq 1 100); do
    grep -q "ready" "$WORK/reflector.log" 2>/dev/null && break
    kill -0 "$REF_PID" 2>/dev/null || break
    sleep 0.2
  done
  if grep -q "ready" "$WORK/reflector.log"; then
    ok "frozen reflector listening on 127.0.0.1:25060"
    # the compiled answer path (sipalg_wizard/reflector/_fastreflect.c) must be in the bundle
    grep -q "compiled UDP answer path on" "$WORK/reflector.log" \
      && ok "frozen reflector uses its compiled answer path" \
      || bad "frozen reflector lacks its compiled answer path: $(grep -o 'compiled UDP answer path [^)]*' "$WORK/reflector.log")"
  else
    bad "frozen reflector did not start:"; cat "$WORK/reflector.log"
  fi
  start=$(date +%s%N)
  "$WIZ" diagnose --json --no-identify --timeout 15 --reflector 127.0.0.1:25060 \
    > "$WORK/diagnose.json" 2> "$WORK/diagnose.err"
  status=$?
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  if "$PY" - "$WORK/diagnose.json" "$status" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
status = int(sys.argv[2])
assert status in (0, 3, 4), f"exit status {status}"
assert doc["schema"] == "sipalg-wizard/diagnosis/1", doc.get("schema")
assert doc["verdict"] in ("alg_detected", "no_alg_detected", "inconclusive"), doc["verdict"]
assert doc["probe"]["reflector"] == "127.0.0.1:25060", doc["probe"]
assert doc["probe"]["tests"], "no probe tests"
codes = [f["code"] for f in doc["findings"]]
assert "reflector_unreachable" not in codes, codes
# TLS both ways through the frozen OpenSSL: the reflector's self-signed certificate is made by the
# bundled cryptography (the same x509 module identification parses router certificates with)
tls = [t for t in doc["probe"]["tests"] if t["transport"] == "tls"]
assert tls and all(t["outcome"] == "ok" for t in tls), tls
assert doc["support_code"], "no support code"
print(f"  verdict={doc['verdict']} exit={status} tests={len(doc['probe']['tests'])} findings={codes}")
PY
  then
    ok "diagnose --json against the frozen reflector (${ms} ms)"
  else
    bad "diagnose --json (exit $status):"; head -c 3000 "$WORK/diagnose.json"; cat "$WORK/diagnose.err"
  fi
  kill "$REF_PID" 2>/dev/null; wait "$REF_PID" 2>/dev/null; REF_PID=""

  # 5. decode the support code diagnose printed
  code=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["support_code"])' \
    "$WORK/diagnose.json" 2>/dev/null)
  if [[ -n "$code" ]] && "$WIZ" decode "$code" > "$WORK/decode.txt" 2>&1 \
      && grep -q "Verdict:" "$WORK/decode.txt"; then
    ok "decode $code"
  else
    bad "decode '$code':"; cat "$WORK/decode.txt"
  fi
  if "$WIZ" decode "NOT-A-CODE" > /dev/null 2>&1; then
    bad "decode accepted a bad code"
  else
    ok "decode rejects a mistyped code"
  fi

  # 5b. the deeper test's helper subcommand (what the permission prompt relaunches), on loopback
  if "$WIZ" witness ttl 127.0.0.1 --timeout 1 --output "$WORK/witness.json" 2> "$WORK/witness.err" \
      && "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["schema"] == "sipalg-wizard/ttl-witness/1" and d["hops"], d' \
         "$WORK/witness.json"; then
    ok "witness ttl writes its JSON"
  else
    bad "witness ttl:"; cat "$WORK/witness.err" "$WORK/witness.json" 2>/dev/null
  fi
else
  skip "reflector + diagnose + decode: need root for a private network namespace (unshare --net)"
fi

# 7. the support agent's page (its template and script come from the bundle's resources/)
if "$WIZ" agent-page --output "$WORK/agent.html" > "$WORK/agent-page.txt" 2>&1 \
    && grep -q 'id="agent-data"' "$WORK/agent.html" \
    && grep -q 'data:image/png;base64,' "$WORK/agent.html"; then
  ok "agent-page wrote $(stat -c %s "$WORK/agent.html") bytes"
else
  bad "agent-page:"; cat "$WORK/agent-page.txt"
fi

# 6. the GUI, offscreen, saves a screenshot of its first page and quits
SHOT="$WORK/gui-first-page.png"
QT_QPA_PLATFORM=offscreen SIPALG_WIZARD_SMOKE_SCREENSHOT="$SHOT" timeout 120 "$WIZ" \
  > "$WORK/gui.log" 2>&1
status=$?
if [[ $status -eq 0 ]] && "$PY" - "$SHOT" "$BUNDLE" <<'PY'
import json, sys
from pathlib import Path
shot, bundle = Path(sys.argv[1]), Path(sys.argv[2]).resolve()
assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
assert shot.stat().st_size > 5000, "suspiciously small screenshot"
facts = json.loads(Path(str(shot) + ".json").read_text())
assert facts["frozen"] and facts["saved"], facts
assert Path(facts["resources_dir"]).resolve().is_relative_to(bundle), facts
print(f"  {shot} ({shot.stat().st_size} bytes), window '{facts['window_title']}'")
PY
then
  ok "GUI opened offscreen and saved a screenshot"
else
  bad "GUI smoke (exit $status):"; tail -30 "$WORK/gui.log"
fi
# fonts come from the host's fontconfig (not bundled on Linux): no font complaints from Qt
if grep -E -i "fontconfig (error|warning)|cannot find font|QFontDatabase|no fonts" "$WORK/gui.log"; then
  bad "GUI: font problems (above)"
else
  ok "GUI: no font warnings"
fi

echo "smoke test: $passed checks passed, $failed checks failed (bundle $BUNDLE)"
[[ $failed -eq 0 ]]
