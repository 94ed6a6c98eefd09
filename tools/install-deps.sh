#!/usr/bin/env bash
# Installs the Debian 12 packages Caisse Commune builds and tests with (run as root).
set -euo pipefail
packages=(
  cmake ninja-build g++ pkg-config git
  libsqlite3-dev libsodium-dev libssl-dev libcli11-dev nlohmann-json3-dev libfmt-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  sqlite3 python3 python3-cryptography openssl strace
  libusb-1.0-0-dev umockdev libumockdev-dev libharfbuzz-dev libstb-dev libutf8proc-dev
  fonts-dejavu-core fonts-noto-core fonts-symbola fonts-noto-color-emoji libfreetype-dev
  libimgui-dev libglfw3-dev libgl-dev xvfb xauth
  libcairo2-dev poppler-utils
  libxml2-dev libxml2-utils
  libqpdf-dev icc-profiles-free
  libqrencode-dev zbar-tools
  clang libclang-rt-14-dev
  dpkg-dev file help2man librsvg2-bin lintian desktop-file-utils appstream
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
fi
