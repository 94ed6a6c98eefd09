#!/usr/bin/env bash
# Catering orders through the CLI (issue 14, item 8): a customer, a quote with catalogue and free
# lines, accepted, a 30 % deposit, the final invoice deducting it, payments, the unpaid list; each
# bad input refused with one French line, exit 2 and nothing recorded; both verifiers accept the ledger.
set -uo pipefail
caisse="$1"
source_dir="$2"
export CAISSE_LANG=fr
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/c.db"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
json() { python3 -c "import json,sys; d=json.loads(sys.argv[1]); print($2)" "$3"; }
records() { sqlite3 "$db" "SELECT COUNT(*) FROM journal"; }
mgr=(--db "$db" --user Karim --pin 2345)

"$caisse" init --db "$db" --demo >/dev/null
"$caisse" settings --db "$db" --user Karim --pin 2345 --set "business.name=Les Fourneaux Communs (CAE)" \
  --set "business.address=12 rue des Cuisines" --set business.postcode=93100 --set business.city=Montreuil \
  --set business.siret=85412376700014 --set business.vat_number=FR10854123767 \
  --set "invoice.iban=FR76 3000 6000 0112 3456 7890 189" --set "invoice.bic=agri frpp" >/dev/null || fail "settings"
"$caisse" settings --db "$db" | grep -q "^invoice.iban = FR7630006000011234567890189$" ||
  fail "the IBAN typed as a bank slip prints it is not stored packed: $("$caisse" settings --db "$db" | grep iban)"
"$caisse" settings --db "$db" | grep -q "^invoice.bic = AGRIFRPP$" ||
  fail "the BIC is not stored packed in capitals: $("$caisse" settings --db "$db" | grep bic)"
out=$("$caisse" settings --db "$db" --user Karim --pin 2345 --set invoice.terms= 2>&1) && fail "empty invoice.terms taken"
[[ "$out" == *"payment terms"* || "$out" == *"conditions de paiement"* ]] || fail "an empty invoice.terms does not name the field: $out"

# 1. A public buyer, a quote of 60 guests ten days ahead, lines from the catalogue and free ones.
out=$("$caisse" customer add "${mgr[@]}" --name "Mairie de Bagnolet" --address "Place Salvador Allende" --postcode 93170 \
      --city Bagnolet --siret 21930048000015 --vat-number FR19219300480 --public-buyer --service-code FETES-CEREMONIES \
      --commitment EJ-2026-004512 --json) || fail "customer add: $out"
[ "$(json x 'd["id"]' "$out")" = 1 ] || fail "customer id: $out"
service=$(date -d "+10 days" +%F)
out=$("$caisse" quote new "${mgr[@]}" --customer 1 --guests 60 --service-date "$service" --place "Salle des fêtes" --json) ||
  fail "quote new: $out"
[ "$(json x 'd["quote"]' "$out")" = 1 ] || fail "quote number: $out"
line() { "$caisse" quote add-line "${mgr[@]}" --quote 1 "$@" >/dev/null || fail "add-line $*"; }
line --description "Buffet salé sénégalais, par personne" --quantity 60 --price 12,90 --vat 10 --entrepreneur "Aminata Diop"
line --description "Mezze et tajine, par personne" --quantity 60 --price 9,85 --vat 10 --entrepreneur "Fatima Benali"
line --description "Desserts, par personne" --quantity 60 --price 4,35 --vat 10 --entrepreneur "Rosa Quispe"
line --description "Livraison et installation" --quantity 1 --price 45 --vat 10 --entrepreneur "Fatima Benali"
line --description "Service en salle, 7,5 heures" --quantity 7,5 --unit HUR --price 26,50 --vat 20 --entrepreneur "Aminata Diop"
out=$("$caisse" quote show --db "$db" --quote 1 --json) || fail "quote show"
[ "$(json x 'd["agreed_total"]' "$out")" = 186975 ] || fail "the quote's total is not 1 869,75: $out"
out=$("$caisse" quote accept "${mgr[@]}" --quote 1) || fail "accept: $out"
case "$out" in *"Devis 1 accepté : commande 1."*) ;; *) fail "accept message: $out" ;; esac

# 1b. Each cook's production sheet on the printer (here the screen printer, whose preview is printed):
#     three cooks, their own lines, the guests, no prices.
sheets=$("$caisse" production-sheets --db "$db" --order 1 --printer screen:) || fail "production-sheets: $sheets"
[ "$(grep -c "Imprimé sur screen:" <<<"$sheets")" = 3 ] || fail "three sheets printed: $sheets"
for cook in "Aminata Diop" "Fatima Benali" "Rosa Quispe"; do grep -q "$cook" <<<"$sheets" || fail "no sheet for $cook: $sheets"; done
grep -q "60" <<<"$sheets" || fail "the guests are not on the sheets: $sheets"
grep -q "12,90" <<<"$sheets" && fail "a price on a kitchen sheet: $sheets"
out=$("$caisse" production-sheets --db "$db" --order 9 --printer screen: 2>&1); rc=$?
[ $rc = 2 ] && case "$out" in *"commande 9"*) true ;; *) false ;; esac || fail "an unknown order: exit $rc, $out"

# 2. The 30 % deposit, the final invoice deducting it: the worked example's figures to the cent.
before=$(records)
out=$("$caisse" invoice deposit "${mgr[@]}" --order 1 --percent 130 2>&1); rc=$?
[ $rc = 2 ] && case "$out" in *"--percent"*"130"*"part de la commande"*) true ;; *) false ;; esac ||
  fail "a deposit of 130 % is not named as a share of the order: exit $rc, $out"
[ "$(records)" = "$before" ] || fail "a refused deposit recorded something"
dep=$("$caisse" invoice deposit "${mgr[@]}" --order 1 --percent 30 --json) || fail "deposit: $dep"
[ "$(json x 'd["due"]' "$dep")" = 56093 ] || fail "deposit is not 560,93: $dep"
n1=$(json x 'd["number"]' "$dep")
case "$n1" in F-[0-9][0-9][0-9][0-9]-0001) ;; *) fail "first number: $n1" ;; esac
fin=$("$caisse" invoice new "${mgr[@]}" --order 1 --json) || fail "final: $fin"
n2=$(json x 'd["number"]' "$fin")
[ "$n2" = "${n1%0001}0002" ] || fail "second number: $n2"
[ "$(json x '[d[k] for k in ("line_total", "tax_total", "grand_total", "prepaid", "rounding", "due")]' "$fin")" = \
  "[168471, 18503, 186974, 56093, 1, 130882]" ] || fail "final totals: $fin"
unpaid=$("$caisse" invoices --db "$db" --unpaid --json) || fail "invoices --unpaid"
[ "$(json x '[(i["number"], i["remaining"]) for i in d]' "$unpaid")" = "[('$n1', 56093), ('$n2', 130882)]" ] ||
  fail "unpaid list: $unpaid"
out=$("$caisse" invoice pay "${mgr[@]}" --invoice "$n1" --amount 560,93 --reference "VIR 123") || fail "pay: $out"
case "$out" in *"Règlement de 560,93"*"reste à payer : 0,00"*) ;; *) fail "pay message: $out" ;; esac
"$caisse" invoice pay "${mgr[@]}" --invoice "$n2" --amount 1000 --method chèque >/dev/null || fail "pay by chèque (the French word)"
out=$("$caisse" invoices --db "$db" --unpaid) || fail "invoices text"
case "$out" in *"$n2"*"308,82"*) ;; *) fail "unpaid text: $out" ;; esac
case "$out" in *"$n1"*) fail "the paid deposit is still listed: $out" ;; esac

# The final invoice's Factur-X XML, valid against the published EN 16931 schema when it is at hand.
"$caisse" invoice facturx --db "$db" --invoice "$n2" --xml-only --output "$work/f.xml" >/dev/null || fail "facturx --xml-only"
grep -q '<ram:DuePayableAmount>1308.82</ram:DuePayableAmount>' "$work/f.xml" || fail "the XML lacks the amount due"
xsd="$source_dir/../shared/reference/facturx-en16931/Factur-X_EN16931.xsd"
if [ -f "$xsd" ] && command -v xmllint >/dev/null; then
  xmllint --noout --schema "$xsd" "$work/f.xml" 2>/dev/null || fail "the XML does not validate against $xsd"
else
  echo "SKIP: no Factur-X schema or xmllint: the XML is not validated"
fi

# The PDFs: the quote, the final invoice, its Factur-X PDF/A-3 carrying the XML.
"$caisse" quote pdf --db "$db" --quote 1 --output "$work/q.pdf" >/dev/null || fail "quote pdf"
"$caisse" invoice pdf --db "$db" --invoice "$n2" --output "$work/i.pdf" >/dev/null || fail "invoice pdf"
"$caisse" invoice facturx --db "$db" --invoice "$n2" --output "$work/fx.pdf" >/dev/null || fail "invoice facturx"
for f in q i fx; do [ "$(head -c 5 "$work/$f.pdf")" = "%PDF-" ] || fail "$f.pdf is not a PDF"; done
if command -v pdftotext >/dev/null; then
  pdftotext "$work/i.pdf" - | grep -q "$n2" || fail "the invoice PDF does not name $n2"
  pdftotext "$work/i.pdf" - | grep -q "Mairie de Bagnolet" || fail "the invoice PDF does not name the customer"
  pdftotext "$work/q.pdf" - | grep -q "DEV-1" || fail "the quote PDF does not name the quote"
fi
if command -v qpdf >/dev/null; then
  qpdf --list-attachments "$work/fx.pdf" | grep -q "factur-x.xml" || fail "the Factur-X PDF carries no factur-x.xml"
fi

# 3. Refusals: one French line, exit 2, nothing recorded.
expect() {  # expect "words" -- caisse args...
  local words="$1"; shift
  local before err rc
  before=$(records)
  err=$("$caisse" "$@" 2>&1 >/dev/null); rc=$?
  [ "$rc" -eq 2 ] || fail "($*): exit $rc, expected 2: $err"
  [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "($*): error is not one line: $err"
  case "$err" in *"$words"*) ;; *) fail "($*): message lacks \"$words\": $err" ;; esac
  [ "$(records)" = "$before" ] || fail "($*): something was recorded"
}
expect "déjà facturée" invoice new "${mgr[@]}" --order 1
expect "déjà facturée" invoice deposit "${mgr[@]}" --order 1 --amount 100
expect "code service" customer add "${mgr[@]}" --name "Mairie de Montreuil" --address "Place Jean Jaurès" --postcode 93100 \
  --city Montreuil --siret 21930048000015 --public-buyer --commitment EJ-1
expect "engagement" customer add "${mgr[@]}" --name "Mairie des Lilas" --address "96 rue de Paris" --postcode 93260 \
  --city "Les Lilas" --siret 21930048000015 --public-buyer --service-code SC
expect "inconnue" invoice pay "${mgr[@]}" --invoice F-2026-0999 --amount 10
expect "dépasse le reste à payer" invoice pay "${mgr[@]}" --invoice "$n2" --amount 400
expect "mal formé" invoice pay "${mgr[@]}" --invoice "$n2" --amount 12,3,4
expect "commande 7 est inconnue" invoice new "${mgr[@]}" --order 7
expect "inconnue" invoice pdf --db "$db" --invoice F-2026-0999 --output "$work/g.pdf"
expect "inconnu" quote pdf --db "$db" --quote 99 --output "$work/g.pdf"
expect "n'est pas une quantité" quote add-line "${mgr[@]}" --quote 1 --description X --quantity 1,2345 --price 1 --vat 10 \
  --entrepreneur "Aminata Diop"
expect "a été accepté" quote add-line "${mgr[@]}" --quote 1 --description X --quantity 1 --price 1 --vat 10 \
  --entrepreneur "Aminata Diop"
# A second order whose deposit would exceed its total.
"$caisse" quote new "${mgr[@]}" --customer 1 --service-date "$service" >/dev/null || fail "quote 2"
"$caisse" quote add-line "${mgr[@]}" --quote 2 --sku MAFE --quantity 10 >/dev/null || fail "catalogue line"
"$caisse" quote accept "${mgr[@]}" --quote 2 >/dev/null || fail "accept 2"
expect "dépasse ce qui reste" invoice deposit "${mgr[@]}" --order 2 --amount 95,01
out=$("$caisse" invoice deposit "${mgr[@]}" --order 2 --amount 95 --json) || fail "deposit of the whole order 2: $out"
[ "$(json x 'd["number"]' "$out")" = "${n1%0001}0003" ] || fail "third number: $out"
before=$(records)
err=$("$caisse" invoice new --db "$db" --user Lucie --pin 1111 --order 2 2>&1 >/dev/null); rc=$?
[ "$rc" -eq 2 ] || fail "a seller invoiced (exit $rc): $err"
[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM invoices")" = 3 ] || fail "a seller's invoice was recorded"

# Two processes issuing deposit invoices at once: the numbers stay gap-free.
"$caisse" quote new "${mgr[@]}" --customer 1 --service-date "$service" >/dev/null || fail "quote 3"
"$caisse" quote add-line "${mgr[@]}" --quote 3 --sku MAFE --quantity 20 >/dev/null || fail "quote 3 line"
"$caisse" quote accept "${mgr[@]}" --quote 3 >/dev/null || fail "accept 3"
writer() { for _ in 1 2 3 4; do "$caisse" invoice deposit "${mgr[@]}" --order 3 --amount 1 >/dev/null || echo refused; done; }
writer >"$work/w1" & writer >"$work/w2" & wait
[ ! -s "$work/w1" ] && [ ! -s "$work/w2" ] || fail "a concurrent deposit was refused"
[ "$(sqlite3 "$db" "SELECT group_concat(n, ',') FROM (SELECT n FROM invoices ORDER BY seq)")" = "1,2,3,4,5,6,7,8,9,10,11" ] ||
  fail "numbers under two writers: $(sqlite3 "$db" "SELECT group_concat(number, ' ') FROM invoices")"

# 3b. A quote changed before it is accepted (issue 14 item 8): each change a quote.revise record
#     holding all of it; an accepted quote cannot change.
"$caisse" quote new "${mgr[@]}" --customer 1 --guests 30 --service-date "$service" >/dev/null || fail "quote 4"
"$caisse" quote add-line "${mgr[@]}" --quote 4 --sku MAFE --quantity 30 >/dev/null || fail "quote 4 line 1"
"$caisse" quote add-line "${mgr[@]}" --quote 4 --description "Livraison" --quantity 1 --price 45 --vat 20 \
  --entrepreneur "Fatima Benali" >/dev/null || fail "quote 4 line 2"
out=$("$caisse" quote set "${mgr[@]}" --quote 4 --guests 40 --place "Gymnase" --json) || fail "quote set: $out"
[ "$(json x 'd["guests"]' "$out")" = 40 ] || fail "quote set guests: $out"
"$caisse" quote set-line "${mgr[@]}" --quote 4 --line 1 --quantity 40 >/dev/null || fail "set-line"
out=$("$caisse" quote remove-line "${mgr[@]}" --quote 4 --line 2) || fail "remove-line: $out"
case "$out" in *"Devis 4 modifié : 1 lignes, 40 convives"*) ;; *) fail "remove-line message: $out" ;; esac
out=$("$caisse" quote show --db "$db" --quote 4 --json) || fail "quote 4 show"
[ "$(json x '[(l["line"], l["quantity_milli"]) for l in d["lines"]]' "$out")" = "[(1, 40000)]" ] || fail "quote 4 lines: $out"
[ "$(json x 'd["place"]' "$out")" = "Gymnase" ] || fail "quote 4 place: $out"
[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM quote_revisions WHERE quote_id = 4")" = 3 ] || fail "three revisions of quote 4"
[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM quote_lines WHERE quote_id = 4")" = 2 ] || fail "the first lines of quote 4 are kept"
out=$("$caisse" quote list --db "$db" --json) || fail "quote list"
[ "$(json x '[(q["quote"], q["order"]) for q in d]' "$out")" = "[(1, 1), (2, 2), (3, 3), (4, None)]" ] || fail "quote list: $out"
out=$("$caisse" --lang en quote list --db "$db") || fail "quote list (text)"
[[ "$(grep '^   4 ' <<<"$out")" == *"quote valid until "* ]] || fail "quote list does not say where a quote not accepted stands: $out"
expect "a été accepté" quote remove-line "${mgr[@]}" --quote 1 --line 1
expect "pas de ligne 9" quote set-line "${mgr[@]}" --quote 4 --line 9 --quantity 1
expect "dites ce qui change" quote set "${mgr[@]}" --quote 4
expect "déjà passée" quote set "${mgr[@]}" --quote 4 --service-date 2020-01-01
expect "ligne 2" quote add-line "${mgr[@]}" --quote 4 --sku MAFE --quantity 0
expect "XYZ" quote add-line "${mgr[@]}" --quote 4 --description Heures --quantity 2 --unit XYZ --price 25 --vat 20 \
  --entrepreneur "Aminata Diop"
out=$("$caisse" quote new "${mgr[@]}" --customer "mairie de BAGNOLET" --service-date "$service" --json) ||
  fail "a customer named rather than numbered: $out"
[ "$(json x 'd["customer"]' "$out")" = 1 ] || fail "the customer named: $out"
expect "aucun client ne s'appelle" quote new "${mgr[@]}" --customer "Mairie de Paris" --service-date "$service"

# 3c. The FEC: invoices in journal VE (customer 411 with its auxiliary account, deposits on 4191),
#     payments in BQ; every entry balanced; the period report shows the invoices beside the Zs.
today=$(date +%F)
out=$("$caisse" export fec --db "$db" --from "$today" --to "$today" --out "$work/fec.txt" --json) || fail "export fec: $out"
[ "$(json x 'd["debit"] == d["credit"]' "$out")" = True ] || fail "the FEC does not balance: $out"
iconv -f ISO-8859-15 -t UTF-8 "$work/fec.txt" > "$work/fec-utf8.txt"
grep -q "^VE	Ventes sur factures	.*	411	Clients	.*-C1	Mairie de Bagnolet	$n2	" "$work/fec-utf8.txt" ||
  fail "no customer line of $n2 in the FEC: $(grep -m3 VE "$work/fec-utf8.txt")"
grep -q "	4191	Clients - avances et acomptes reçus	.*Acompte TVA 10" "$work/fec-utf8.txt" ||
  fail "no deposit account line: $(grep -m3 4191 "$work/fec-utf8.txt")"
[ "$(cut -f5,6 "$work/fec-utf8.txt" | sort -u | cut -f1 | uniq -d)" = "" ] ||
  fail "an account named two ways in the FEC: $(cut -f5,6 "$work/fec-utf8.txt" | sort -u)"
grep -q "^BQ	Encaissements factures	" "$work/fec-utf8.txt" || fail "no payment entry in the FEC"
out=$("$caisse" report period --db "$db" --month "${today:0:7}" --json) || fail "report period: $out"
[ "$(json x 'd["invoices"] >= 11 and d["invoiced_ttc"] > 0' "$out")" = True ] || fail "report period lacks the invoices: $out"

# 4. Both verifiers accept the ledger; a tampered invoice is caught by ours.
"$caisse" verify --db "$db" >/dev/null || fail "verify"
python3 "$source_dir/tests/verifier/verify_ledger.py" "$db" >/dev/null || fail "independent verifier"
cp "$db" "$work/t.db"
sqlite3 "$work/t.db" "DROP TRIGGER invoices_no_update; UPDATE invoices SET due = due - 1 WHERE number = '$n2'"
"$caisse" verify --db "$work/t.db" >/dev/null 2>&1 && fail "verify missed a tampered invoice"
python3 "$source_dir/tests/verifier/verify_ledger.py" "$work/t.db" >/dev/null 2>&1 && fail "the independent verifier missed a tampered invoice"

[ "$failures" -eq 0 ] && echo "catering: all checks passed"
exit $((failures > 0))
