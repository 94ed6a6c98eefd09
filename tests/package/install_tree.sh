#!/usr/bin/env bash
# `cmake --install` into a fresh prefix works without root, and the installed caisse finds its data
# beside its bin/ (PREFIX/share/caisse-commune), not in the source tree: it runs from another folder
# with CAISSE_ASSETS unset, loads the demo catalogue and speaks French from the installed fr.po.
#   bash tests/package/install_tree.sh BUILD_DIR
set -euo pipefail
build=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
fail() { echo "FAILED: $*"; exit 1; }
for f in bin/caisse share/caisse-commune/demo/users.csv share/caisse-commune/i18n/fr.po \
         share/caisse-commune/fonts/DejaVuSans.ttf lib/udev/rules.d/60-caisse-commune-printers.rules \
         share/applications/org.caissecommune.Caisse.desktop share/metainfo/org.caissecommune.Caisse.metainfo.xml \
         share/icons/hicolor/scalable/apps/org.caissecommune.Caisse.svg share/bash-completion/completions/caisse \
         share/xsessions/caisse-commune-kiosk.desktop lib/systemd/user/caisse-commune-kiosk.service \
         share/doc/caisse-commune/copyright; do
  [ -e "$tmp/prefix/$f" ] || fail "not installed: $f"
done
[ -x "$tmp/prefix/libexec/caisse-commune/caisse-kiosk" ] || fail "no kiosk script"
grep -q "^Exec=$tmp/prefix/libexec/caisse-commune/caisse-kiosk\$" "$tmp/prefix/share/xsessions/caisse-commune-kiosk.desktop" ||
  fail "the kiosk session does not run the installed script"
run() { (cd "$tmp" && env -u CAISSE_ASSETS -u CAISSE_LANG HOME="$tmp" LANG=C.UTF-8 "$tmp/prefix/bin/caisse" "$@"); }
run --version | grep -q "^caisse (Caisse Commune) " || fail "caisse --version"
run init --db "$tmp/c.db" --terminal T1 --demo >/dev/null || fail "init --demo from the installed demo catalogue"
run verify --db "$tmp/c.db" >/dev/null || fail "verify"
msg=$(run sell --db "$tmp/c.db" --user Lucie --pin 1111 --item NOPE --pay cash 2>&1 || true)
grep -q "erreur" <<<"$msg" || fail "no French message from the installed fr.po: $msg"
# Without its share/ folder, the installed caisse must not fall back on the source tree.
mv "$tmp/prefix/share/caisse-commune" "$tmp/moved"
msg=$(run init --db "$tmp/d.db" --terminal T1 --demo 2>&1 || true)
grep -q "$tmp/prefix/share/caisse-commune/demo/users.csv" <<<"$msg" || fail "without share/, expected a missing-asset message naming it: $msg"
echo "ok: installed tree in $tmp/prefix runs on its own data"
