#!/usr/bin/env bash
# The .deb as a till's owner gets it (issue 13). Run as root on a Debian 12 machine (CI):
#   1. lintian (fails on errors, prints warnings), desktop-file-validate, appstreamcli validate;
#   2. apt-get install ./the.deb, then, as an ordinary user with a fresh HOME and from outside any
#      source tree: caisse --version, caisse init --demo on ~/.local/share/caisse-commune/caisse.db (the
#      desktop entry's ledger), a session, a sale, its receipt to screen:, caisse verify; and the
#      desktop entry's command under Xvfb in another fresh HOME, which must make that ledger itself;
#   3. apt-get purge, then /usr must hold exactly the files it held before the install.
#   bash tests/package/check_deb.sh build/package/caisse-commune_*.deb
set -euo pipefail
[ $# -eq 1 ] && [ -f "$1" ] || { echo "usage: $0 PACKAGE.deb" >&2; exit 2; }
deb=$(realpath "$1")
[ "$(id -u)" -eq 0 ] || { echo "package check: run as root (it installs the package)" >&2; exit 2; }
work=$(mktemp -d /tmp/caisse-package-check.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
fail() { echo "package check: FAILED: $*" >&2; exit 1; }

echo "--- lintian"
lintian --fail-on error --display-info --tag-display-limit 0 "$deb"
echo "--- the package's files"
dpkg-deb --contents "$deb" | awk '{print $1, $6, $7, $8}'
dpkg-deb -x "$deb" "$work/files"
echo "--- desktop-file-validate, appstreamcli validate"
desktop-file-validate "$work"/files/usr/share/applications/*.desktop "$work"/files/usr/share/xsessions/*.desktop
appstreamcli validate --no-net --pedantic "$work"/files/usr/share/metainfo/*.metainfo.xml
[ -s "$work/files/usr/share/man/man1/caisse.1.gz" ] || fail "no man page"
man_text=$(zcat "$work/files/usr/share/man/man1/caisse.1.gz")
! grep -q '??' <<<"$man_text" || fail "the man page lost accented letters (??): $(grep -m1 '??' <<<"$man_text")"
# An installed machine has no README: the man page must give every demo user's PIN.
while IFS=, read -r name role pin; do
  [ "$name" = name ] && continue
  grep -A1 "^\.B $name\$" <<<"$man_text" | grep -q "PIN $pin" || fail "the man page does not give $name's demo PIN ($pin)"
done < "$(dirname "$0")/../../assets/demo/users.csv"
for size in 48 64 128 256; do
  [ -s "$work/files/usr/share/icons/hicolor/${size}x${size}/apps/org.caissecommune.Caisse.png" ] || fail "no ${size}px icon"
done

echo "--- install"
usr_before="$work/usr-before" usr_after="$work/usr-after"
find /usr -xdev | sort > "$usr_before"
dpkg-query -W -f='${Package}\n' | sort > "$work/packages-before"
[ -z "$(dpkg-query -W -f='${Status}' caisse-commune 2>/dev/null | grep ' installed')" ] || fail "caisse-commune is already installed"
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$deb"
dpkg-query -W -f='${Package}\n' | sort > "$work/packages-after"
pulled=$(comm -13 "$work/packages-before" "$work/packages-after" | grep -vx caisse-commune || true)
[ -x /usr/bin/caisse ] || fail "/usr/bin/caisse is not there"

echo "--- run it as a user, from outside the source tree, fresh HOME"
home="$work/home"
mkdir -p "$home"
chown 65534:65534 "$home"
as_user() {
  (cd "$home" && setpriv --reuid=65534 --regid=65534 --clear-groups \
     env -i HOME="$home" PATH=/usr/bin:/bin LANG=C.UTF-8 "$@")
}
version=$(as_user caisse --version)
echo "$version"
[[ $version == "caisse (Caisse Commune) "* ]] || fail "caisse --version printed: $version"
db="$home/.local/share/caisse-commune/caisse.db"
as_user mkdir -p "$home/.local/share/caisse-commune"
init=$(as_user caisse init --db "$db" --terminal COMPTOIR-1 --demo)
echo "$init"
grep -q "Karim.*2345" <<<"$init" || fail "init --demo does not show the demo PINs"
as_user caisse session open --db "$db" --user Karim --pin 2345 --count "20x5,10x4,1x10"
ticket=$(as_user caisse sell --db "$db" --user Lucie --pin 1111 --item MAFE --item BISSAP --pay cash:20 --json |
           sed -n 's/.*"ticket": \([0-9]*\).*/\1/p')
[ -n "$ticket" ] || fail "the sale printed no ticket number"
receipt=$(as_user caisse receipt --db "$db" --ticket "$ticket" --printer screen:)
echo "$receipt"
grep -q "MAFE\|Maf" <<<"$receipt" || fail "the receipt does not show the dish sold"
as_user caisse verify --db "$db"
# French messages come from the installed catalogue: a French error proves it was found.
msg=$(as_user env CAISSE_LANG=fr caisse sell --db "$db" --user Lucie --pin 1111 --item NOPE --pay cash 2>&1 || true)
echo "$msg"
grep -qE "référence|aucune session" <<<"$msg" || fail "no French message: the installed fr.po was not read"

echo "--- the desktop entry, as the menu starts it, on a fresh HOME (under Xvfb)"
home="$work/home2"
mkdir -p "$home"
chown 65534:65534 "$home"
exec_line=$(sed -n 's/^Exec=//p' /usr/share/applications/org.caissecommune.Caisse.desktop)
# shellcheck disable=SC2086
as_user xvfb-run -a -s "-screen 0 1280x800x24" $exec_line --quit-after-frames 5
[ -s "$home/.local/share/caisse-commune/caisse.db" ] || fail "the desktop entry made no ledger in ~/.local/share/caisse-commune"
as_user caisse verify --db "$home/.local/share/caisse-commune/caisse.db"

echo "--- purge"
DEBIAN_FRONTEND=noninteractive apt-get purge -y caisse-commune
if [ -n "$pulled" ]; then
  echo "purging what the install pulled in: $pulled"
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get purge -y $pulled
fi
find /usr -xdev | sort > "$usr_after"
# Caches other packages' dpkg triggers rebuild when a .desktop or an icon comes or goes; they belong
# to those packages (desktop-file-utils, gtk-update-icon-cache), not to ours.
left=$(comm -13 "$usr_before" "$usr_after" |
         grep -vx '/usr/share/applications/mimeinfo.cache\|/usr/share/icons/hicolor/icon-theme.cache' || true)
gone=$(comm -23 "$usr_before" "$usr_after" || true)
[ -z "$left" ] || fail "left in /usr after the purge:
$left"
[ -z "$gone" ] || fail "gone from /usr after the purge (they were there before):
$gone"
echo "package check: OK ($(basename "$deb"): lintian without errors, installed, sold, verified, purged clean)"
