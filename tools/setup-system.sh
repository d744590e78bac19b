#!/usr/bin/env bash
# Installs what Hotline Desk needs from Debian 12 and creates .venv with the project in it.
# Idempotent: only missing packages are installed, and the venv is refreshed when pyproject.toml changes.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  python3 python3-venv python3-dev build-essential
  # real SIP peers and the SIP front door
  kamailio sip-tester
  # production database path, started by the tests
  postgresql
  # a real audio device for PortAudio: private PulseAudio with a null sink
  pulseaudio pulseaudio-utils libasound2-plugins libportaudio2
  # Qt offscreen/Xvfb, screenshots, Chinese fonts
  xvfb xauth fonts-wqy-microhei libegl1 libgl1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4
  libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0
  libdbus-1-3 libfontconfig1
  # global hotkey tests press keys into Xvfb
  xdotool
  # prompts and tones generated at build time
  espeak-ng sox
  # seat installers built on Linux (make installer) and exercised under wine (tests/installer)
  nsis wixl msitools wine wine64 binutils
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "installing Debian packages: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

PYTHON="${PYTHON:-}"
if [ -z "$PYTHON" ]; then
  for candidate in python3.11 python3.12 python3; do
    if command -v "$candidate" >/dev/null; then PYTHON="$candidate"; break; fi
  done
fi

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.hotline-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test]"
  touch "$stamp"
fi
