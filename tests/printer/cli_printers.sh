#!/usr/bin/env bash
# `caisse printers` against emulated devices (run under umockdev-run by ctest): the JSON contract and
# the text a person reads.
set -uo pipefail
caisse="$1"
failures=0
json=$("$caisse" printers --json) || { echo "FAIL: printers --json exited $?"; exit 1; }
python3 - "$json" <<'PY' || failures=$((failures + 1))
import json, sys
found = json.loads(sys.argv[1])
by_uri = {p["uri"]: p for p in found}
expected = {"usb:04b8:0e28:X5E9012345", "usb:0416:5011"}
assert expected <= set(by_uri), f"printers found: {sorted(by_uri)}"
assert not any(p["vendor"] == "0781" for p in found), "a USB stick was listed as a printer"
epson = by_uri["usb:04b8:0e28:X5E9012345"]
keys = ["uri", "vendor", "product", "manufacturer", "product_name", "serial", "bus", "address", "interface",
        "interface_class", "endpoint_out", "endpoint_in", "can_open", "problem", "fix"]
assert list(epson) == keys, f"keys: {list(epson)}"
assert (epson["vendor"], epson["product"], epson["interface_class"]) == ("04b8", "0e28", 7), epson
assert (epson["endpoint_out"], epson["endpoint_in"], epson["can_open"]) == ("0x01", "0x82", True), epson
clone = by_uri["usb:0416:5011"]
assert (clone["bus"], clone["address"], clone["endpoint_out"], clone["endpoint_in"]) == (2, 2, "0x03", "0x81"), clone
print("printers --json: ok")
PY
text=$(CAISSE_LANG=en "$caisse" printers) || { echo "FAIL: printers exited $?"; failures=$((failures + 1)); }
case "$text" in *"usb:04b8:0e28:X5E9012345  EPSON TM-T20III"*"ready: the till can open it"*) ;; *) echo "FAIL: text output: $text"; failures=$((failures + 1)) ;; esac
exit "$failures"
