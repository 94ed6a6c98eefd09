#!/usr/bin/env bash
# Smoke test of the till's window: under a virtual X server (Xvfb, software OpenGL) the real binary
# opens a fresh demo ledger at 1280x800, draws 5 frames, writes a PNG of the last one and exits 0.
# The PNG must have the window's size and not be blank (more than a few colours).
#   tests/ui/smoke.sh CAISSE_BINARY [SOURCE_DIR]
set -uo pipefail
caisse="$1"
if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "SKIP: xvfb-run is missing (apt-get install xvfb xauth): the till window cannot be tested here"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$caisse" init --db "$work/l.db" --demo >/dev/null || fail "caisse init --demo"
png="$work/out.png"
# -a: a free display number, so that parallel tests do not collide.
xvfb-run -a -s "-screen 0 1280x800x24" \
  "$caisse" --db "$work/l.db" --size 1280x800 --screenshot "$png" --quit-after-frames 5 --timing \
  >"$work/stdout" 2>"$work/stderr"
rc=$?
cat "$work/stderr"
[ "$rc" -eq 0 ] || fail "caisse exited with $rc"
[ -s "$png" ] || fail "no screenshot at $png"
grep -q '^startup_ms=[0-9]' "$work/stderr" || fail "--timing printed no startup_ms"

# Size and number of colours, read with Python's zlib (no imaging library needed).
read -r width height colours < <(python3 - "$png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, width = 8, b"", 0
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
        assert depth == 8 and ctype in (2, 6), f"unexpected PNG format depth {depth} type {ctype}"
        bpp = 3 if ctype == 2 else 4
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
raw = zlib.decompress(idat)
stride = width * bpp
prev = bytearray(stride)
colours = set()
i = 0
for _ in range(height):
    f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
    i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]
        c = prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    colours.update(bytes(line[x:x + 3]) for x in range(0, stride, bpp))
    prev = line
print(width, height, len(colours))
PY
)
[ -n "${colours:-}" ] || fail "could not read $png"
echo "screenshot ${width}x${height}, $colours colours"
[ "$width" = 1280 ] && [ "$height" = 800 ] || fail "screenshot is ${width}x${height}, expected 1280x800"
[ "$colours" -gt 10 ] || fail "screenshot is blank ($colours colours)"
echo "ui smoke: the till window opened, drew and wrote a non-blank screenshot"
