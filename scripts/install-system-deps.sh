#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the wizard and its tests need, and only those missing:
#  - Python's venv and pip;
#  - Qt's runtime libraries for the desktop (xcb) and offscreen platforms, plus fonts;
#  - iproute2, nftables, iptables for the network-namespace lab; sip-tester (sipp) for tests;
#  - a C compiler with zlib's and OpenSSL's headers for the reflector's compiled answer path;
#  - chromium, the browser the agent page's test drives headless (Playwright uses it, never its own).
# Runs apt-get through sudo when not root. On other systems it only says what to install.
set -euo pipefail

PACKAGES=(
  python3-venv python3-pip
  libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3 libxkbcommon0
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
  libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xkb1 libx11-xcb1
  fonts-dejavu-core
  iproute2 iputils-ping nftables iptables sip-tester
  gcc libc6-dev zlib1g-dev libssl-dev
  chromium
)

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "Not a Debian/Ubuntu system: install Qt 6's runtime libraries and Python 3.11+ yourself."
  exit 0
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

SUDO=""
[[ $(id -u) -eq 0 ]] || SUDO="sudo"
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
