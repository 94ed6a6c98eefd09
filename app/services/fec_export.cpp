#include "app/services/fec_export.hpp"

#include <algorithm>
#include <cctype>

#include "app/core/csv.hpp"
#include "app/core/latin9.hpp"
#include "app/core/message.hpp"
#include "app/core/money.hpp"
#include "app/core/vat.hpp"
#include "app/services/fec_invoices.hpp"
#include "app/services/till.hpp"
#include "db/records/export_reads.hpp"

namespace caisse {

namespace {

constexpr const char* kFields[] = {"JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib",
                                   "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit",
                                   "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise"};

std::string rate_code(std::int64_t bp) {
    std::string c = std::to_string(bp / 10);
    while (c.size() < 3) c.insert(c.begin(), '0');
    return c;
}

void check_account(const std::string& a) {
    if (a.empty() || a.size() > 20 || !std::all_of(a.begin(), a.end(), [](unsigned char c) { return std::isalnum(c); }))
        throw InputError("account \"{0}\" must be 1 to 20 letters or digits", a);
}

std::map<std::int64_t, std::string> parse_rate_accounts(const std::string& text) {
    std::map<std::int64_t, std::string> out;
    std::size_t start = 0;
    while (start <= text.size() && !text.empty()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        const std::string pair = text.substr(start, comma - start);
        const auto colon = pair.find(':');
        if (colon == std::string::npos) throw InputError("\"{0}\" is not RATE:ACCOUNT (e.g. 5.5:7071)", pair);
        const VatRate rate = VatRate::parse_percent(pair.substr(0, colon));
        const std::string account = pair.substr(colon + 1);
        check_account(account);
        out[rate.bp] = account;
        start = comma + 1;
    }
    return out;
}

std::string yyyymmdd(const std::string& iso) { return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2); }

// A text field: no separator, tab or line break inside (they would shift the columns).
std::string field_text(std::string s) {
    for (char& c : s)
        if (c == '\t' || c == '|' || c == '\r' || c == '\n') c = ' ';
    return s;
}

std::string tender_label(const std::string& method) {
    if (method == "cash") return "Caisse";
    if (method == "card") return "Cartes bancaires à encaisser";
    if (method == "cheque") return "Chèques à encaisser";
    if (method == "voucher") return "Titres-restaurant à encaisser";
    if (method == "transfer") return "Virements à recevoir";
    return method;
}

using fec::Entry;
using fec::Line;

// One entry's lines: tenders on the debit side (meal vouchers at their face value), HT and VAT per
// rate on the credit side, and the vouchers kept above the bill (no change is given on them) as a
// product of their own (a negative amount changes side). Zero amounts are left out.
Entry make_entry(const FecAccounts& acc, const std::map<std::string, std::int64_t>& tenders,
                 const std::vector<db::VatRecord>& vat, std::int64_t voucher_excess, FecExport& out) {
    Entry e;
    for (const auto& [method, amount] : tenders) {
        if (amount != 0) e.lines.push_back(Line{acc.tender_account(method), tender_label(method), amount, "", ""});
        out.tenders[method] += amount;
    }
    for (const auto& v : vat) {
        const std::string pct = VatRate{static_cast<std::int32_t>(v.rate)}.percent();
        if (v.ht != 0) e.lines.push_back(Line{acc.sales_account(v.rate), "Ventes TVA " + pct, -v.ht, "", ""});
        if (v.vat != 0) e.lines.push_back(Line{acc.vat_account(v.rate), "TVA collectée " + pct, -v.vat, "", ""});
        out.sales_ht[v.rate] += v.ht;
        out.vat[v.rate] += v.vat;
    }
    if (voucher_excess != 0) e.lines.push_back(Line{acc.voucher_excess, "Titres-restaurant au-delà de l'addition", -voucher_excess, "", ""});
    out.voucher_excess += voucher_excess;
    return e;
}

}  // namespace

std::string FecAccounts::tender_account(const std::string& method) const {
    auto it = tender.find(method);
    return it != tender.end() ? it->second : "471";  // an unknown method goes to a suspense account
}
std::string FecAccounts::sales_account(std::int64_t bp) const {
    auto it = sales.find(bp);
    return it != sales.end() ? it->second : "706" + rate_code(bp);
}
std::string FecAccounts::vat_account(std::int64_t bp) const {
    auto it = vat.find(bp);
    return it != vat.end() ? it->second : "44571" + rate_code(bp);
}

std::string checked_fec_setting(const std::string& key, const std::string& value) {
    if (key == "fec.accounts.sales" || key == "fec.accounts.vat") {
        parse_rate_accounts(value);
        return value;
    }
    if (!value.empty()) check_account(value);  // empty: back to the default
    return value;
}

FecAccounts fec_accounts(db::Ledger& ledger) {
    FecAccounts a;
    a.tender = {{"cash", "53"}, {"card", "512"}, {"cheque", "5112"}, {"voucher", "5115"}, {"transfer", "512"}};
    for (auto& [method, account] : a.tender)
        if (auto v = ledger.setting("fec.account." + method); v && !v->empty()) account = checked_fec_setting("fec.account." + method, *v);
    for (auto [key, account] : {std::pair{"fec.account.customer", &a.customer}, std::pair{"fec.account.deposit", &a.deposit},
                                std::pair{"fec.account.rounding", &a.rounding}})
        if (auto v = ledger.setting(key); v && !v->empty()) *account = checked_fec_setting(key, *v);
    if (auto v = ledger.setting("fec.accounts.sales")) a.sales = parse_rate_accounts(*v);
    if (auto v = ledger.setting("fec.accounts.vat")) a.vat = parse_rate_accounts(*v);
    if (auto v = ledger.setting("accounting.voucher_excess_account"); v && !v->empty()) a.voucher_excess = checked_fec_setting("fec.account.voucher", *v);
    return a;
}

FecExport export_fec(db::Ledger& ledger, const FecRequest& r) {
    check_date(r.from);
    check_date(r.to);
    if (r.to < r.from) throw InputError("the period ends ({0}) before it starts ({1})", r.to, r.from);
    if (r.separator != '\t' && r.separator != '|') throw InputError("the FEC separator is a tab or '|'");
    const FecAccounts acc = fec_accounts(ledger);
    FecExport out;
    std::vector<Entry> entries;
    if (r.grain == FecGrain::per_z) {
        for (const auto& z : db::day_closures_dated(ledger.db(), r.from, r.to)) {
            std::vector<db::VatRecord> vat;
            for (const auto& [rate, t] : z.z.totals.by_vat) vat.push_back(db::VatRecord{rate, t.ht, t.vat, t.ttc});
            // The Z's voucher tender is net of the excess (what the drawer's vouchers paid of the
            // tickets): the entry debits them at face value and credits the excess apart.
            auto tenders = z.z.totals.by_tender;
            if (z.z.totals.voucher_excess != 0) tenders["voucher"] += z.z.totals.voucher_excess;
            Entry e = make_entry(acc, tenders, vat, z.z.totals.voucher_excess, out);
            e.date = z.z.date;
            e.valid_date = z.closed_at.substr(0, 10);
            e.piece = z.terminal + "-Z" + std::to_string(z.z.z);
            e.text = "Z " + std::to_string(z.z.z) + " caisse " + z.terminal;
            entries.push_back(std::move(e));
        }
    } else {
        for (const auto& t : db::tickets_between(ledger.db(), r.from, r.to)) {
            std::map<std::string, std::int64_t> tenders;
            for (const auto& p : t.payments) tenders[p.method] += p.amount;
            if (t.change != 0) tenders["cash"] -= t.change;  // what stayed in the till
            Entry e = make_entry(acc, tenders, t.vat, t.voucher_excess, out);
            e.date = t.day;
            e.valid_date = t.at_utc.substr(0, 10);
            e.piece = t.terminal + (t.refund ? "-R" : "-T") + std::to_string(t.number);
            e.text = t.refund ? (t.cancel ? "Annulation ticket " : "Remboursement ticket ") + std::to_string(t.ticket) + " caisse " + t.terminal
                              : "Ticket " + std::to_string(t.number) + " caisse " + t.terminal;
            entries.push_back(std::move(e));
        }
    }
    // The catering invoices and the payments received on them (issue 14 item 7): sales journal VE,
    // bank journal BQ; the counter's entries stay as they were.
    for (auto& e : invoice_entries(ledger.db(), acc, r.from, r.to, out)) entries.push_back(std::move(e));
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.date < b.date; });
    const std::string sep(1, r.separator);
    std::string text;
    for (std::size_t i = 0; i < std::size(kFields); ++i) text += (i ? sep : "") + kFields[i];
    text += "\r\n";
    std::int64_t number = 0;
    for (const auto& e : entries) {
        if (e.lines.empty()) continue;  // a day that sold nothing: no entry
        Money balance;  // overflow-checked
        for (const auto& l : e.lines) balance += Money::cents(l.amount);
        if (balance != Money()) throw InputError("the entry {0} does not balance ({1}): run caisse verify", e.piece, balance.format());
        ++number;
        for (const auto& l : e.lines) {
            const std::int64_t debit = l.amount > 0 ? l.amount : 0, credit = l.amount < 0 ? -l.amount : 0;
            out.debit += debit;
            out.credit += credit;
            const std::string cells[] = {e.journal, field_text(e.journal_label), std::to_string(number), yyyymmdd(e.date), l.account,
                                         field_text(l.label), field_text(l.aux_num), field_text(l.aux_label), field_text(e.piece),
                                         yyyymmdd(e.piece_date.empty() ? e.date : e.piece_date), field_text(e.text),
                                         decimal_comma(debit), decimal_comma(credit), "", "", yyyymmdd(e.valid_date), "", ""};
            for (std::size_t i = 0; i < std::size(cells); ++i) text += (i ? sep : "") + cells[i];
            text += "\r\n";
            ++out.lines;
        }
    }
    out.entries = number;
    out.bytes = to_latin9(text);
    return out;
}

std::string fec_file_name(db::Ledger& ledger, const std::string& closing_date) {
    std::string siren;
    for (char c : ledger.setting("business.siret").value_or(""))
        if (c >= '0' && c <= '9' && siren.size() < 9) siren += c;
    if (siren.size() != 9) siren = "000000000";
    return siren + "FEC" + yyyymmdd(closing_date) + ".txt";
}

}  // namespace caisse
