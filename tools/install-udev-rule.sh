#!/usr/bin/env bash
# Installs the udev rule that lets the till open USB receipt printers (run as root). Does nothing,
# and says so, where there is no udev (a container, a CI machine).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
rule=60-caisse-commune-printers.rules
target=/etc/udev/rules.d/$rule
if [ "$(id -u)" -ne 0 ]; then echo "udev rule: not root, skipped (sudo bash tools/install-udev-rule.sh)"; exit 0; fi
if [ ! -d /etc/udev/rules.d ]; then
  mkdir -p /etc/udev/rules.d 2>/dev/null || { echo "udev rule: no /etc/udev here, skipped"; exit 0; }
fi
if ! cmp -s "$here/assets/udev/$rule" "$target" 2>/dev/null; then
  install -m 0644 "$here/assets/udev/$rule" "$target"
  echo "udev rule: installed $target"
fi
if command -v udevadm >/dev/null && udevadm control --reload-rules 2>/dev/null; then
  udevadm trigger --subsystem-match=usb --action=change 2>/dev/null || true
fi
