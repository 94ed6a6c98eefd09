#include "app/services/receipt.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <set>

#include "app/core/money.hpp"
#include "app/core/vat.hpp"
#include "drivers/utf8.hpp"

namespace caisse {
namespace {

using drivers::Align;
using drivers::Document;
using drivers::TextStyle;

TextStyle centred(bool bold = false) {
    TextStyle s;
    s.align = Align::centre;
    s.bold = bold;
    return s;
}

std::string money(std::int64_t cents) { return Money::cents(cents).format(); }

// "2,73" without the euro sign, for the columns of the VAT table.
std::string bare(std::int64_t cents) {
    std::string s = Money::cents(cents).format();
    const std::string suffix = "\u00A0€";
    if (s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0)
        s.resize(s.size() - suffix.size());
    return s;
}

// 1000 bp -> "10 %", 550 -> "5,5 %".
std::string rate_text(std::int64_t bp) {
    std::string s = std::to_string(bp / 100);
    if (bp % 100 != 0) {
        s += ',' + std::to_string((bp % 100) / 10);
        if (bp % 10 != 0) s += std::to_string(bp % 10);
    }
    return s + "\u00A0%";
}

// A, B, C... by increasing rate, as the VAT table lists them.
std::map<std::int64_t, char> vat_codes(const db::SaleRecord& sale) {
    std::set<std::int64_t> rates;
    for (const auto& l : sale.lines) rates.insert(l.vat_bp);
    std::map<std::int64_t, char> codes;
    char next = 'A';
    for (auto r : rates) codes[r] = next < 'Z' ? next++ : 'Z';
    return codes;
}

std::string method_label(const std::string& method, const i18n::Translator& t) {
    if (method == "cash") return t.translate("Cash");
    if (method == "card") return t.translate("Card");
    if (method == "cheque") return t.translate("Cheque");
    if (method == "voucher") return t.translate("Meal voucher");
    if (method == "transfer") return t.translate("Transfer");
    return method;
}

void header(Document& doc, const BusinessIdentity& b) {
    TextStyle brand = centred(true);
    brand.double_width = brand.double_height = true;
    if (!b.brand.empty()) doc.text(b.brand, brand);
    if (!b.legal_name.empty()) doc.text(b.legal_name, centred());
    if (!b.address.empty()) doc.text(b.address, centred());
    if (!b.siret.empty()) doc.text("SIRET " + b.siret, centred());
}

void duplicate_banner(Document& doc, std::int64_t number, const i18n::Translator& t) {
    TextStyle s = centred(true);
    s.double_width = true;
    s.invert = true;
    doc.text(t.translate("DUPLICATE No. {0}", {std::to_string(number)}), s);
}

// A training ticket (MODE ÉCOLE) says so at the top and the bottom, so that no one takes it for a
// receipt (fiscal-fr.md: a training ticket is not a valid receipt).
void training_banner(Document& doc, const i18n::Translator& t) {
    TextStyle s = centred(true);
    s.double_width = true;
    s.invert = true;
    doc.text(t.translate("TRAINING MODE"), s);
    doc.text(t.translate("Training ticket: not a valid receipt"), centred(true));
}

// An entrepreneur's brand: its name in bold, double height (double width too at the top of the
// ticket, like the group's brand), centred; its short line under it.
void brand_block(Document& doc, const ReceiptBrand& brand, bool top) {
    TextStyle s = centred(true);
    s.double_height = true;
    s.double_width = top;
    doc.text(brand.header, s);
    if (!brand.line.empty()) doc.text(brand.line, centred());
}

// The whole receipt as plain text, from its blocks: text as it is, "label  amount" rows, "--" for
// rules; pictures, cuts and drawer pulses leave nothing.
struct PlainText {
    std::string out;
    void line(const std::string& l) { out += l + '\n'; }
    void operator()(const drivers::TextBlock& b) { line(b.text); }
    void operator()(const drivers::RowBlock& b) { line(b.amount.empty() ? b.label : b.label + "  " + b.amount); }
    void operator()(const drivers::RuleBlock&) { line("--"); }
    void operator()(const drivers::QrBlock&) {}
    void operator()(const drivers::ImageBlock&) {}
    void operator()(const drivers::BarcodeBlock& b) { line(b.data); }
    void operator()(const drivers::FeedBlock&) {}
    void operator()(const drivers::CutBlock&) {}
    void operator()(const drivers::DrawerBlock&) {}
};

}  // namespace

std::map<std::int64_t, std::string> entrepreneur_marks(const std::map<std::int64_t, std::string>& names) {
    std::map<std::int64_t, std::string> marks;
    std::set<std::string> used;
    for (const auto& [id, name] : names) {
        std::string initials;
        bool word_start = true;
        for (char32_t cp : drivers::decode_utf8(name)) {
            if (cp == U' ' || cp == U'-') { word_start = true; continue; }
            if (word_start && initials.size() < 6) {
                // ASCII letters stay as they are; others keep their UTF-8 (the encoder maps them).
                drivers::append_utf8(initials, cp >= U'a' && cp <= U'z' ? cp - 32 : cp);
            }
            word_start = false;
        }
        if (initials.empty()) initials = "E";
        std::string mark = initials;
        for (int n = 2; used.count(mark); ++n) mark = initials + std::to_string(n);
        used.insert(mark);
        marks[id] = mark;
    }
    return marks;
}

std::string local_date_time(const std::string& at_utc) {
    std::tm tm{};
    if (at_utc.size() < 19 ||
        std::sscanf(at_utc.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                    &tm.tm_sec) != 6)
        return at_utc;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    const std::time_t t = timegm(&tm);
    std::tm local{};
    localtime_r(&t, &local);
    char buf[32];
    std::strftime(buf, sizeof buf, "%d/%m/%Y %H:%M", &local);
    return buf;
}

Document receipt_document(const ReceiptInput& in, const i18n::Translator& t) {
    const auto& sale = in.recorded.sale;
    Document doc;
    if (in.open_drawer) doc.drawer(2);
    if (in.training) training_banner(doc, t);
    if (in.duplicate_number) duplicate_banner(doc, *in.duplicate_number, t);
    if (in.logo) doc.image(*in.logo);
    header(doc, in.business);
    // The whole ticket is one entrepreneur's: their brand under the group's header.
    if (!sale.lines.empty() &&
        std::all_of(sale.lines.begin(), sale.lines.end(), [&](const auto& l) { return l.entrepreneur == sale.lines.front().entrepreneur; }))
        if (const auto brand = in.brands.find(sale.lines.front().entrepreneur); brand != in.brands.end()) {
            doc.rule();
            brand_block(doc, brand->second, true);
        }
    doc.rule();
    doc.row(local_date_time(in.recorded.at_utc), t.translate("Till {0}", {in.recorded.terminal}));
    doc.row(in.training ? t.translate("Training ticket No. {0}", {std::to_string(sale.ticket)})
                        : t.translate("Ticket No. {0}", {std::to_string(sale.ticket)}),
            t.translate("Cashier: {0}", {in.cashier}));
    doc.rule();

    const auto marks = entrepreneur_marks(in.entrepreneurs);
    const auto codes = vat_codes(sale);
    auto print_line = [&](const db::SaleLineRecord& l) {
        const auto mark = marks.find(l.entrepreneur);
        const std::string label = l.name + (mark != marks.end() ? " [" + mark->second + "]" : std::string());
        // Before the ticket discount's share: the lines add up to the subtotal, the discount is
        // shown once below it, and the total follows (the VAT table is on the shared-out amounts).
        doc.row(label, money(l.total + l.discount_share) + " " + std::string(1, codes.at(l.vat_bp)));
        if (l.quantity != 1) doc.text("  " + std::to_string(l.quantity) + " x " + money(l.unit_price));
        if (l.line_discount != 0) doc.row("  " + t.translate("Line discount"), money(-l.line_discount));
    };
    // Entrepreneurs in the order their first line was sold.
    std::vector<std::int64_t> sellers;
    for (const auto& l : sale.lines)
        if (std::find(sellers.begin(), sellers.end(), l.entrepreneur) == sellers.end()) sellers.push_back(l.entrepreneur);
    const bool branded = std::any_of(sellers.begin(), sellers.end(), [&](std::int64_t id) { return in.brands.count(id) != 0; });
    if (!branded || sellers.size() == 1) {
        for (const auto& l : sale.lines) print_line(l);
    } else {
        // Several entrepreneurs, one at least with a brand: each one's lines under its brand (or its
        // name), in the order sold within the group.
        for (std::size_t i = 0; i < sellers.size(); ++i) {
            const auto id = sellers[i];
            if (i > 0) doc.text("");
            if (const auto brand = in.brands.find(id); brand != in.brands.end()) {
                brand_block(doc, brand->second, false);
            } else {
                const auto name = in.entrepreneurs.find(id);
                doc.text(name != in.entrepreneurs.end() ? name->second : "#" + std::to_string(id), TextStyle{.bold = true});
            }
            for (const auto& l : sale.lines)
                if (l.entrepreneur == id) print_line(l);
        }
    }
    if (sale.discount != 0) {
        doc.rule();
        doc.row(t.translate("Subtotal"), money(sale.total + sale.discount));
        doc.row(t.translate("Discount"), money(-sale.discount));
    }
    doc.rule('=');
    TextStyle total_style;
    total_style.bold = true;
    total_style.double_height = true;
    doc.row(t.translate("TOTAL incl. VAT"), money(sale.total), total_style);
    doc.rule();

    // VAT table, one row per rate: "B 10 % HT 27,27 TVA 2,73 ...... 30,00". Rows rather than fixed
    // columns, so that it reads right on any paper width and wraps rather than overflows.
    doc.row(t.translate("VAT by rate"), t.translate("incl. VAT"));
    for (const auto& v : sale.vat) {
        const auto code = codes.find(v.rate);
        const std::string label = std::string(1, code != codes.end() ? code->second : '?') + " " + rate_text(v.rate) +
                                  " " + t.translate("excl. VAT {0}", {bare(v.ht)}) + " " + t.translate("VAT {0}", {bare(v.vat)});
        doc.row(label, bare(v.ttc));
    }
    doc.rule();
    for (const auto& p : sale.payments) doc.row(method_label(p.method, t), money(p.amount));
    if (sale.change != 0) doc.row(t.translate("Change given"), money(sale.change), TextStyle{.bold = true});
    // A meal voucher above the bill: no change; what the customer left is not part of the sale.
    if (sale.voucher_excess != 0) doc.row(t.translate("Voucher above the bill, left (no change)"), money(sale.voucher_excess));
    doc.text(t.translate("Net prices"));

    // Who sold what: the marks printed after each line.
    std::set<std::int64_t> present;
    for (const auto& l : sale.lines) present.insert(l.entrepreneur);
    doc.rule();
    for (auto id : present) {
        const auto name = in.entrepreneurs.find(id);
        const auto mark = marks.find(id);
        if (name != in.entrepreneurs.end() && mark != marks.end()) doc.text("[" + mark->second + "] " + name->second);
    }
    std::string fingerprint;
    static const char* hex = "0123456789abcdef";
    for (std::size_t i = 0; i < 8; ++i) {
        if (i > 0 && i % 2 == 0) fingerprint += ' ';
        fingerprint += hex[in.recorded.hash[i] >> 4];
        fingerprint += hex[in.recorded.hash[i] & 15];
    }
    doc.text(t.translate("Fingerprint: {0}", {fingerprint}), centred());
    if (!in.business.footer.empty()) doc.text(in.business.footer, centred());
    if (in.duplicate_number) duplicate_banner(doc, *in.duplicate_number, t);
    if (in.training) training_banner(doc, t);
    if (in.qr) doc.qr(receipt_qr_text(doc, in, t), 4);
    doc.cut();
    return doc;
}

std::string receipt_qr_text(const Document& receipt, const ReceiptInput& in, const i18n::Translator& t) {
    const std::string hash_line = "SHA-256 " + db::to_hex(in.recorded.hash);
    PlainText full;
    for (const auto& block : receipt.blocks) std::visit(full, block);
    if (full.out.size() + hash_line.size() <= kMaxReceiptQrBytes) return full.out + hash_line;
    // Too long for a QR a phone reads from paper or a screen (a big ticket): the header, one line
    // per item, the total, date, ticket number and the hash; the rest is on the paper.
    const auto& sale = in.recorded.sale;
    PlainText shortened;
    if (in.training) shortened.line(t.translate("TRAINING MODE"));
    if (!in.business.brand.empty()) shortened.line(in.business.brand);
    if (!in.business.legal_name.empty()) shortened.line(in.business.legal_name);
    if (!in.business.siret.empty()) shortened.line("SIRET " + in.business.siret);
    shortened.line(local_date_time(in.recorded.at_utc) + "  " + t.translate("Till {0}", {in.recorded.terminal}));
    shortened.line(t.translate("Ticket No. {0}", {std::to_string(sale.ticket)}));
    for (const auto& l : sale.lines) shortened.line(std::to_string(l.quantity) + " x " + l.name + "  " + money(l.total));
    shortened.line(t.translate("TOTAL incl. VAT") + "  " + money(sale.total));
    std::string text = shortened.out;
    // A ticket of hundreds of lines: the lines that fit, then "..." and the rest that matters.
    if (text.size() + hash_line.size() > kMaxReceiptQrBytes) {
        text.resize(kMaxReceiptQrBytes - hash_line.size() - 200);
        while (!text.empty() && text.back() != '\n') text.pop_back();
        text += "...\n" + t.translate("TOTAL incl. VAT") + "  " + money(sale.total) + "\n";
    }
    return text + hash_line;
}

Document refund_document(const RefundReceiptInput& in, const i18n::Translator& t) {
    const auto& r = in.recorded.refund;
    Document doc;
    header(doc, in.business);
    doc.rule();
    TextStyle title = centred(true);
    title.double_height = true;
    doc.text(r.cancel ? t.translate("CANCELLATION") : t.translate("REFUND"), title);
    doc.row(local_date_time(in.recorded.at_utc), t.translate("Till {0}", {in.recorded.terminal}));
    doc.row(t.translate("Refund No. {0}", {std::to_string(r.refund)}), t.translate("Cashier: {0}", {in.cashier}));
    doc.text(t.translate("Original ticket No. {0}", {std::to_string(r.ticket)}), TextStyle{.bold = true});
    doc.rule();
    const auto marks = entrepreneur_marks(in.entrepreneurs);
    for (const auto& rl : r.lines) {
        const auto& l = rl.line;
        const auto mark = marks.find(l.entrepreneur);
        doc.row(l.name + (mark != marks.end() ? " [" + mark->second + "]" : std::string()), money(l.total));
        doc.text("  " + std::to_string(l.quantity) + " x " + money(l.unit_price));
        if (l.line_discount + l.discount_share != 0) doc.row("  " + t.translate("Discount"), money(-(l.line_discount + l.discount_share)));
    }
    doc.rule('=');
    TextStyle total_style;
    total_style.bold = true;
    total_style.double_height = true;
    doc.row(t.translate("TOTAL incl. VAT"), money(r.total), total_style);
    doc.rule();
    doc.row(t.translate("VAT by rate"), t.translate("incl. VAT"));
    for (const auto& v : r.vat)
        doc.row(rate_text(v.rate) + " " + t.translate("excl. VAT {0}", {bare(v.ht)}) + " " + t.translate("VAT {0}", {bare(v.vat)}), bare(v.ttc));
    doc.rule();
    for (const auto& p : r.payments) doc.row(t.translate("Given back: {0}", {method_label(p.method, t)}), money(-p.amount), TextStyle{.bold = true});
    std::string fingerprint;
    static const char* hex = "0123456789abcdef";
    for (std::size_t i = 0; i < 8; ++i) {
        if (i > 0 && i % 2 == 0) fingerprint += ' ';
        fingerprint += hex[in.recorded.hash[i] >> 4];
        fingerprint += hex[in.recorded.hash[i] & 15];
    }
    doc.text(t.translate("Fingerprint: {0}", {fingerprint}), centred());
    if (!in.business.footer.empty()) doc.text(in.business.footer, centred());
    doc.cut();
    return doc;
}

Document day_report_document(const db::DayReport& r, const BusinessIdentity& business, const std::string& terminal,
                             const i18n::Translator& t, const std::string& voucher_excess_account) {
    Document doc;
    header(doc, business);
    doc.rule();
    TextStyle title = centred(true);
    title.double_height = true;
    doc.text(t.translate("Day report {0}", {r.date}), title);
    doc.row(t.translate("Till {0}", {terminal}), t.translate(i18n::count_msgid(r.tickets, "{0} ticket", "{0} tickets"), {std::to_string(r.tickets)}));
    if (r.refunds != 0)
        doc.row(t.translate(i18n::count_msgid(r.refunds, "{0} refund or cancellation", "{0} refunds and cancellations"), {std::to_string(r.refunds)}), money(r.refunds_total));
    doc.rule('=');
    doc.row(t.translate("TOTAL incl. VAT"), money(r.total), TextStyle{.bold = true, .double_height = true});
    doc.rule();
    doc.text(t.translate("By entrepreneur"), TextStyle{.bold = true});
    for (const auto& [name, cents] : r.by_entrepreneur) doc.row(name, money(cents));
    doc.rule();
    doc.row(t.translate("VAT by rate"), t.translate("incl. VAT"), TextStyle{.bold = true});
    for (const auto& [rate, v] : r.by_vat)
        doc.row(rate_text(rate) + " " + t.translate("excl. VAT {0}", {bare(v.ht)}) + " " + t.translate("VAT {0}", {bare(v.vat)}),
                bare(v.ttc));
    doc.rule();
    doc.text(t.translate("By tender"), TextStyle{.bold = true});
    for (const auto& [method, cents] : r.by_tender) doc.row(method_label(method, t), money(cents));
    // Its own line, never a sale: vouchers the customers left above their tickets.
    doc.row(t.translate("Vouchers above the bill (account {0})", {voucher_excess_account}), money(r.voucher_excess));
    doc.cut();
    return doc;
}

Document z_document(const db::DayClosure& z, const ZNames& names, const BusinessIdentity& business,
                    const std::string& terminal, const i18n::Translator& t) {
    auto name = [](const std::map<std::int64_t, std::string>& m, std::int64_t id) {
        auto it = m.find(id);
        return it == m.end() ? "#" + std::to_string(id) : it->second;
    };
    Document doc;
    header(doc, business);
    doc.rule();
    TextStyle title = centred(true);
    title.double_height = true;
    doc.text(t.translate("Z {0} of {1}", {std::to_string(z.z), z.date}), title);
    doc.row(t.translate("Till {0}", {terminal}), t.translate("session {0}", {std::to_string(z.session)}));
    doc.row(t.translate(i18n::count_msgid(z.totals.tickets, "{0} ticket", "{0} tickets"), {std::to_string(z.totals.tickets)}),
            z.tickets_range_text(t.translate("no ticket")));
    doc.rule('=');
    doc.row(t.translate("TOTAL incl. VAT"), money(z.totals.total), TextStyle{.bold = true, .double_height = true});
    doc.row(t.translate("Discounts"), money(z.totals.discounts));
    if (z.totals.refunds != 0)  // already in every amount, as negatives
        doc.row(t.translate(i18n::count_msgid(z.totals.refunds, "{0} refund or cancellation", "{0} refunds and cancellations"), {std::to_string(z.totals.refunds)}), money(z.totals.refunds_total));
    doc.rule();
    doc.text(t.translate("By tender"), TextStyle{.bold = true});
    for (const auto& [method, cents] : z.totals.by_tender) doc.row(method_label(method, t), money(cents));
    doc.row(t.translate("Vouchers above the bill (account {0})", {names.voucher_excess_account}), money(z.totals.voucher_excess));
    doc.rule();
    doc.row(t.translate("VAT by rate"), t.translate("incl. VAT"), TextStyle{.bold = true});
    for (const auto& [rate, v] : z.totals.by_vat)
        doc.row(rate_text(rate) + " " + t.translate("excl. VAT {0}", {bare(v.ht)}) + " " + t.translate("VAT {0}", {bare(v.vat)}),
                bare(v.ttc));
    doc.rule();
    doc.text(t.translate("By entrepreneur"), TextStyle{.bold = true});
    for (const auto& [id, cents] : z.totals.by_entrepreneur) doc.row(name(names.entrepreneurs, id), money(cents));
    doc.text(t.translate("By cashier"), TextStyle{.bold = true});
    for (const auto& [id, cents] : z.totals.by_cashier) doc.row(name(names.users, id), money(cents));
    doc.rule();
    doc.text(t.translate("Cash drawer"), TextStyle{.bold = true});
    doc.row(t.translate("Float"), money(z.float_cents));
    doc.row(t.translate("Cash in"), money(z.totals.cash_in));
    doc.row(t.translate("Cash out"), money(-z.totals.cash_out));
    doc.row(t.translate("Expected"), money(z.expected_cash));
    doc.row(t.translate("Counted"), money(z.counted_cash));
    doc.row(t.translate("Over/short"), money(z.over_short), TextStyle{.bold = true});
    if (!z.note.empty()) doc.text(z.note);
    doc.rule();
    doc.row(t.translate("Month to date"), money(z.month_total));
    doc.row(t.translate("Year to date"), money(z.year_total));
    doc.row(t.translate("Grand total"), money(z.grand_total), TextStyle{.bold = true});
    doc.row(t.translate("Grand total (absolute)"), money(z.grand_total_abs));
    if (!z.clock_backwards.empty())
        doc.text(t.translate("Clock set back {0} times during the session", {std::to_string(z.clock_backwards.size())}),
                 TextStyle{.bold = true});
    doc.rule();
    doc.text(t.translate("Fingerprint {0}", {db::to_hex(z.hash).substr(0, 16)}), centred());
    doc.cut();
    return doc;
}

Document test_page_document(const BusinessIdentity& business, const std::string& printer, const i18n::Translator& t) {
    Document doc;
    header(doc, business);
    doc.rule();
    TextStyle big = centred(true);
    big.double_width = big.double_height = true;
    doc.text(t.translate("Test page"), big);
    doc.text(printer, centred());
    doc.rule();
    doc.text("€ àâäçéèêëîïôöùûüÿœ ÀÂÇÉÈÊËÎÏÔÙÛÜŒ");
    doc.row(t.translate("Net prices"), Money::cents(123456).format());
    doc.text(t.translate("Bold"), TextStyle{.bold = true});
    doc.text(t.translate("Underlined"), TextStyle{.underline = true});
    doc.text(t.translate("Inverted"), TextStyle{.invert = true});
    doc.text(t.translate("Double size"), TextStyle{.double_width = true, .double_height = true});
    doc.text(t.translate("Right"), TextStyle{.align = Align::right});
    doc.rule();
    doc.text("Wolof: ŋ Ŋ ɓ ɗ ƴ");
    doc.text("العربية: كسكس بالخضار");
    doc.text("தமிழ்: தோசை");
    doc.rule();
    doc.qr("https://caisse-commune.example/test");
    doc.cut();
    return doc;
}

}  // namespace caisse
