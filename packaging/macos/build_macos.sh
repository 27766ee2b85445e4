#!/usr/bin/env bash
# Build "SIP ALG Wizard.app" and the DMG on macOS; sign and notarise when the secrets are set.
#
#   bash packaging/macos/build_macos.sh        # from the repository root, with the project installed
#
# Environment (all optional; without them the app is ad-hoc signed and not notarised, which is
# fine for testing but Gatekeeper will warn customers):
#   MACOS_CODESIGN_IDENTITY   "Developer ID Application: Name (TEAMID)", in the login keychain
#   APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD
#                             notarisation credentials (an app-specific password of APPLE_ID)
# Output: dist/SIP ALG Wizard.app and dist/sipalg-wizard-VERSION-macos.dmg
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-python}

"$PY" -m pip install --quiet --disable-pip-version-check -r packaging/requirements.txt
VERSION=$("$PY" packaging/buildinfo.py version)
APP_NAME=$("$PY" packaging/buildinfo.py app-name)
APP="dist/$APP_NAME.app"
DMG="dist/sipalg-wizard-$VERSION-macos.dmg"

# The spec signs every binary with MACOS_CODESIGN_IDENTITY (hardened runtime + entitlements) when
# it is set, and ad hoc otherwise.
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --workpath build/pyinstaller --distpath dist packaging/sipalg-wizard.spec

if [[ -n "${MACOS_CODESIGN_IDENTITY:-}" ]]; then
  codesign --force --timestamp --options runtime \
    --entitlements packaging/macos/entitlements.plist \
    --sign "$MACOS_CODESIGN_IDENTITY" "$APP"
  codesign --verify --deep --strict --verbose=2 "$APP"
else
  echo "build_macos: MACOS_CODESIGN_IDENTITY not set - skipping signing (ad-hoc signed app)"
fi

rm -f "$DMG"
dmgbuild -s packaging/macos/dmgbuild_settings.py -D app="$APP" "$APP_NAME" "$DMG"

if [[ -n "${MACOS_CODESIGN_IDENTITY:-}" ]]; then
  codesign --force --timestamp --sign "$MACOS_CODESIGN_IDENTITY" "$DMG"
fi
if [[ -n "${MACOS_CODESIGN_IDENTITY:-}" && -n "${APPLE_ID:-}" && -n "${APPLE_TEAM_ID:-}" \
      && -n "${APPLE_APP_PASSWORD:-}" ]]; then
  xcrun notarytool submit "$DMG" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
    --password "$APPLE_APP_PASSWORD" --wait
  xcrun stapler staple "$DMG"
else
  echo "build_macos: notarisation credentials not set - skipping notarisation"
fi

# The frozen program must at least start and find its data.
SIPALG_WIZARD_SELFCHECK=1 "$APP/Contents/MacOS/sipalg-wizard" > /dev/null
"$APP/Contents/MacOS/sipalg-wizard" --version
echo "build_macos: $DMG"
