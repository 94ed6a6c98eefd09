// Invoices, deposit invoices, credit notes and quotes as PDF (see invoice_pdf.hpp).
#include "app/services/invoice_pdf.hpp"

#include <algorithm>
#include <cctype>

#include "app/services/i18n.hpp"
#include "app/services/pdf_draw.hpp"

namespace caisse {

namespace {

using invoice::Document;
using invoice::Kind;
using invoice::PriceBasis;
using invoice::Totals;
using pdf::kGrey;
using pdf::kInk;
using pdf::Page;

// The documents are French whatever the user's language: a translator of its own.
const i18n::Translator& french() {
    static const i18n::Translator t = i18n::Translator::load("fr");
    return t;
}
std::string tr(std::string_view msgid) { return french().translate(msgid); }
template <class... A>
    requires(sizeof...(A) > 0)
std::string tr(std::string_view msgid, A&&... args) {
    return french().translate(Message{std::string(msgid), {MessageArg(std::forward<A>(args))...}});
}

constexpr double kMargin = 40;

std::string decimal_text(const invoice::Decimal& d) {
    std::string s = d.text();
    std::replace(s.begin(), s.end(), '.', ',');
    return s + "\xC2\xA0\xE2\x82\xAC";
}

std::string unit_text(const std::string& code) {
    if (code == "C62") return "";
    if (code == "HUR") return " h";
    if (code == "KGM") return " kg";
    if (code == "LTR") return " l";
    return " " + code;
}

// "854123767" -> "854 123 767", "85412376700014" -> "854 123 767 00014".
std::string siren_text(const std::string& s) {
    if (s.size() == 9) return s.substr(0, 3) + " " + s.substr(3, 3) + " " + s.substr(6);
    if (s.size() == 14) return siren_text(s.substr(0, 9)) + " " + s.substr(9);
    return s;
}

std::string iban_text(const std::string& iban) {
    std::string out;
    for (std::size_t i = 0; i < iban.size(); ++i) {
        if (i > 0 && i % 4 == 0) out += ' ';
        out += iban[i];
    }
    return out;
}

std::string identity(const invoice::Party& p) {
    std::string out;
    if (!p.siret.empty()) out = tr("SIRET {0}", siren_text(p.siret));
    else if (!p.siren.empty()) out = tr("SIREN {0}", siren_text(p.siren));
    return out;
}

std::string name_of(const EntrepreneurNames& names, std::int64_t id) {
    auto it = names.find(id);
    return it != names.end() && !it->second.empty() ? it->second : tr("no. {0}", id);
}

// Case-insensitive (ASCII) search, for the legal mentions the payment terms may already hold.
bool mentions(const std::string& text, const std::string& word) {
    auto lower = [](std::string s) {
        for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return s;
    };
    return lower(text).find(lower(word)) != std::string::npos;
}

enum class Paper { invoice, deposit, credit_note, quote };

std::string title_of(Paper p) {
    switch (p) {
        case Paper::invoice: return tr("Invoice");
        case Paper::deposit: return tr("Deposit invoice");
        case Paper::credit_note: return tr("Credit note");
        case Paper::quote: return tr("Quote");
    }
    return {};
}

class Drawing {
public:
    Drawing(const Document& doc, const Totals& totals, Paper paper, const EntrepreneurNames& names, cairo_t* cr)
        : doc_(doc), t_(totals), paper_(paper), names_(names),
          p_(cr, pdf::kA4Width, pdf::kA4Height, kMargin, [this](int n) { return footer(n); }) {}

    void header(const std::vector<std::pair<std::string, std::string>>& facts) {
        const auto& s = doc_.seller;
        const double mid = 320;
        // The seller, top left.
        Page& p = p_;
        double y = p.y;
        p.font(13, true);
        for (const auto& line : p.wrap(s.name, mid - kMargin - 10)) p.text_at(kMargin, y += 14, line);
        p.font(8.5);
        for (const std::string& line : {s.address, s.postcode + " " + s.city, identity(s), tr("VAT no. {0}", s.vat_number)})
            if (!line.empty()) p.text_at(kMargin, y += 11, line);
        // The title and the document's facts, top right.
        double ry = p.y;
        p.font(18, true, pdf::kAccent);
        p.right_at(p.right(), ry += 20, title_of(paper_));
        p.font(10, true);
        p.right_at(p.right(), ry += 15, tr("No. {0}", doc_.number));
        p.font(8.5);
        for (const auto& [label, value] : facts) {
            ry += 11;
            p.font(8.5, false, kGrey);
            const double w = p.width_of(value);
            p.right_at(p.right() - w - 4, ry, label);
            p.font(8.5);
            p.right_at(p.right(), ry, value);
        }
        p.y = std::max(y, ry) + 16;
        customer_box(mid);
    }

    void customer_box(double x) {
        Page& p = p_;
        const auto& c = doc_.customer;
        std::vector<std::pair<std::string, bool>> lines;  // text, bold
        lines.emplace_back(c.party.name, true);
        lines.emplace_back(c.party.address, false);
        lines.emplace_back(c.party.postcode + " " + c.party.city, false);
        if (c.party.country != "FR") lines.emplace_back(c.party.country, false);
        if (const auto id = identity(c.party); !id.empty()) lines.emplace_back(id, false);
        if (!c.party.vat_number.empty()) lines.emplace_back(tr("VAT no. {0}", c.party.vat_number), false);
        if (c.public_buyer) {
            lines.emplace_back(tr("Public buyer, invoiced through Chorus Pro"), false);
            if (!c.service_code.empty()) lines.emplace_back(tr("Service code: {0}", c.service_code), true);
            if (!c.commitment_number.empty()) lines.emplace_back(tr("Commitment no.: {0}", c.commitment_number), true);
        }
        const double w = p.right() - x, pad = 8;
        std::vector<std::pair<std::string, bool>> wrapped;
        for (const auto& [text, bold] : lines) {
            if (text.empty() || text == " ") continue;
            p.font(bold ? 9.5 : 8.5, bold);
            for (auto& l : p.wrap(text, w - 2 * pad)) wrapped.emplace_back(l, bold);
        }
        const double h = 14 + 12 * static_cast<double>(wrapped.size()) + pad;
        p.need(h);
        p.stroke_rect(x, p.y, w, h, pdf::kRule, 0.8);
        p.font(7.5, true, kGrey);
        double y = p.y + 12;
        p.text_at(x + pad, y, paper_ == Paper::quote ? tr("Customer") : tr("Invoiced to"));
        y += 2;
        for (const auto& [text, bold] : wrapped) {
            p.font(bold ? 9.5 : 8.5, bold);
            p.text_at(x + pad, y += 12, text);
        }
        p.y += h + 12;
    }

    // Lines of text under the header: references, notes.
    void facts(const std::vector<std::string>& lines) {
        for (const auto& l : lines) p_.paragraph(l, 8.5);
        if (!lines.empty()) p_.gap(8);
    }

    void lines_table() {
        Page& p = p_;
        const bool ttc = doc_.basis == PriceBasis::incl_vat;
        // Right edges of the figure columns; the description fills what is left.
        const double r_amount = p.right(), r_vat = r_amount - 72, r_ttc = r_vat - 40;
        const double r_ht = ttc ? r_ttc - 58 : r_vat - 40;
        const double r_qty = r_ht - 62, desc_w = r_qty - 42 - kMargin - 4;
        const bool any_cook = std::any_of(doc_.lines.begin(), doc_.lines.end(), [](const auto& l) { return l.entrepreneur_id != 0; });
        auto head = [&] {
            p.need(30);
            p.fill_rect(kMargin, p.y, p.right() - kMargin, 16, pdf::kBand);
            p.font(7.5, true, kGrey);
            const double b = p.y + 11;
            p.text_at(kMargin + 4, b, any_cook ? tr("Description (made by)") : tr("Description of the line"));
            p.right_at(r_qty - 4, b, tr("Qty"));
            p.right_at(r_ht - 4, b, tr("Unit price excl. VAT (short)"));
            if (ttc) p.right_at(r_ttc - 4, b, tr("Unit price incl. VAT (short)"));
            p.right_at(r_vat - 4, b, tr("VAT"));
            p.right_at(r_amount - 4, b, tr("Amount excl. VAT"));
            p.y += 18;
        };
        head();
        for (std::size_t i = 0; i < doc_.lines.size(); ++i) {
            const auto& l = doc_.lines[i];
            p.font(8.5);
            const auto desc = p.wrap(l.description, desc_w);
            const bool by = l.entrepreneur_id != 0;
            const double h = 11 * static_cast<double>(desc.size()) + (by ? 10 : 0) + 6;
            if (p.y + h > p.bottom()) {
                p.next();
                head();
            }
            double y = p.y + 10;
            p.font(8.5);
            const double first = y;
            for (const auto& d : desc) p.text_at(kMargin + 4, y, d), y += 11;
            if (by) {
                p.font(7.5, false, pdf::kAccent);
                p.text_at(kMargin + 12, y - 1, tr("made by {0}", name_of(names_, l.entrepreneur_id)));
            }
            p.font(8.5);
            p.right_at(r_qty - 4, first, quantity_text(l.quantity_milli) + unit_text(l.unit_code));
            p.right_at(r_ht - 4, first, decimal_text(t_.net_unit_price[i]));
            if (ttc) p.right_at(r_ttc - 4, first, l.unit_price.format());
            p.right_at(r_vat - 4, first, l.rate.percent());
            p.right_at(r_amount - 4, first, t_.line_net[i].format());
            p.y += h;
            p.hline(kMargin, p.right(), p.y - 2);
        }
        p.gap(10);
    }

    // The VAT breakdown (left) and the totals (right), side by side.
    void totals(bool with_due) {
        Page& p = p_;
        std::vector<std::tuple<std::string, std::string, bool>> rows;  // label, amount, bold
        rows.emplace_back(tr("Total excl. VAT"), t_.tax_basis.format(), false);
        rows.emplace_back(tr("Total VAT"), t_.tax_total.format(), false);
        rows.emplace_back(tr("Total incl. VAT"), t_.grand_total.format(), t_.rounding.value() == 0);
        if (t_.rounding.value() != 0) {
            rows.emplace_back(tr("Rounding to the agreed price"), t_.rounding.format(), false);
            rows.emplace_back(tr("Agreed total incl. VAT"), t_.agreed_total.format(), true);
        }
        if (with_due) {
            for (const auto& d : doc_.deposits)
                rows.emplace_back(tr("Deposit paid (invoice {0} of {1})", d.invoice.number, french_date(d.invoice.issue_date)),
                                  (Money() - d.amount).format(), false);
        }
        const std::size_t vat_rows = t_.vat.size() + 1;
        const double h = 13 * static_cast<double>(std::max(rows.size(), vat_rows) + 2) + 10;
        p.need(h);
        const double top = p.y;
        // VAT per rate.
        const double c0 = kMargin, c1 = kMargin + 98, c2 = c1 + 52, c3 = c2 + 64;
        p.fill_rect(kMargin, top, c3 - kMargin, 15, pdf::kBand);
        p.font(7.5, true, kGrey);
        p.text_at(c0 + 4, top + 10.5, tr("VAT rate (short)"));
        p.right_at(c1 - 4, top + 10.5, tr("Base excl. VAT"));
        p.right_at(c2 - 4, top + 10.5, tr("VAT"));
        p.right_at(c3 - 4, top + 10.5, tr("incl. VAT"));
        double y = top + 15;
        for (const auto& v : t_.vat) {
            y += 13;
            p.font(8.5);
            p.text_at(c0 + 4, y - 3, v.category == 'E' ? tr("{0} (exempt)", v.rate.percent()) : v.rate.percent());
            p.right_at(c1 - 4, y - 3, v.taxable.format());
            p.right_at(c2 - 4, y - 3, v.tax.format());
            p.right_at(c3 - 4, y - 3, (v.taxable + v.tax).format());
        }
        double left_end = y;
        if (!doc_.vat_exemption_reason.empty()) {
            const double keep = p.y;
            p.y = y + 2;
            p.paragraph(tr("VAT exemption: {0}", doc_.vat_exemption_reason), 7.5, false, kGrey, c0, c3 - c0);
            left_end = p.y;
            p.y = keep;
        }
        // Totals.
        const double x0 = 278, label_w = p.right() - 62 - x0;
        y = top;
        for (const auto& [label, amount, bold] : rows) {
            p.font(8.5, bold);
            const auto parts = p.wrap(label, label_w);
            for (std::size_t k = 0; k < parts.size(); ++k) {
                y += 13;
                p.text_at(x0, y - 3, parts[k]);
            }
            p.right_at(p.right() - 4, y - 3, amount);
        }
        if (with_due) {
            y += 5;
            p.fill_rect(x0 - 6, y, p.right() - x0 + 6, 20, pdf::kBand);
            p.font(10.5, true);
            const std::string label = paper_ == Paper::credit_note ? tr("Amount credited") : tr("Amount due");
            p.text_at(x0, y + 14, label);
            p.right_at(p.right() - 4, y + 14, t_.due.format());
            y += 20;
        }
        p.y = std::max(left_end, y) + 14;
    }

    void payment() {
        Page& p = p_;
        const auto& pay = doc_.payment;
        if (paper_ == Paper::credit_note) {  // nothing to pay: payment terms and bank details do not apply
            if (doc_.vat_on_receipts) p.paragraph(tr("VAT on receipts (TVA sur les encaissements)."), 8.5);
            return;
        }
        p.need(60);
        p.paragraph(tr("Payment"), 10, true);
        p.gap(2);
        p.paragraph(tr("Due date: {0}. Reference to give with the payment: {1}", french_date(doc_.due_date), doc_.number), 8.5, true);
        if (!pay.terms.empty()) p.paragraph(pay.terms, 8.5);
        if (!mentions(pay.terms, "nalit") && !mentions(pay.terms, "intérêts moratoires"))
            p.paragraph(doc_.customer.public_buyer
                            ? tr("Late payment: default interest at the European Central Bank's rate plus 8 points (Code de la commande publique, art. R2192-31).")
                            : tr("Late payment: penalties at the European Central Bank's rate plus 10 points (Code de commerce, art. L441-10)."),
                        8.5);
        const bool indemnity = mentions(pay.terms, "40 €") || mentions(pay.terms, "40\xC2\xA0€") || mentions(pay.terms, "40\xE2\x80\xAF€") ||
                               mentions(pay.terms, "40 eur");
        if (!indemnity) p.paragraph(tr("Fixed indemnity for recovery costs in case of late payment: 40 € (Code de commerce, art. D441-5)."), 8.5);
        if (!pay.iban.empty()) {
            std::string bank = tr("By transfer to IBAN {0}", iban_text(pay.iban));
            if (!pay.bic.empty()) bank = tr("{0}, BIC {1}", bank, pay.bic);
            if (!pay.account_name.empty()) bank = tr("{0}, account holder {1}", bank, pay.account_name);
            p.paragraph(bank, 8.5);
        }
        if (doc_.vat_on_receipts) p.paragraph(tr("VAT on receipts (TVA sur les encaissements)."), 8.5);
    }

    void acceptance_box(const QuoteDetails& q) {
        Page& p = p_;
        p.need(110);
        p.paragraph(tr("This quote is valid until {0}. To accept it, return it signed with the words \"Bon pour accord\".",
                       french_date(q.valid_until)),
                    8.5);
        p.gap(8);
        const double x = 300, w = p.right() - x, h = 80;
        p.stroke_rect(x, p.y, w, h, pdf::kRule, 0.8);
        p.font(7.5, true, kGrey);
        const double keep = p.y;
        p.y += 2;
        p.paragraph(tr("Date, signature and stamp of the customer, preceded by \"Bon pour accord\""), 7.5, true, kGrey, x + 8, w - 16);
        p.y = keep + h + 10;
        if (doc_.vat_on_receipts) p.paragraph(tr("VAT on receipts (TVA sur les encaissements)."), 8.5);
    }

    void finish_page() { p_.draw_footer(); }

    Page& page() { return p_; }

private:
    std::string footer(int n) const {
        const auto& s = doc_.seller;
        std::string who = s.name;
        if (const auto id = identity(s); !id.empty()) who = tr("{0}, {1}", who, id);
        if (!s.vat_number.empty()) who = tr("{0}, VAT no. {1}", who, s.vat_number);
        return tr("{0} — {1} {2}, page {3}", who, title_of(paper_), doc_.number, n);
    }

    const Document& doc_;
    const Totals& t_;
    Paper paper_;
    const EntrepreneurNames& names_;
    Page p_;
};

pdf::Metadata metadata(const Document& doc, Paper paper) {
    return pdf::Metadata{tr("{0} {1}", title_of(paper), doc.number), doc.seller.name,
                         tr("{0} {1}", title_of(paper), doc.customer.party.name), "Caisse Commune", doc.issue_date};
}

bool iso_date(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    const int m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

}  // namespace

std::string document_title(const invoice::Document& doc) {
    const Paper paper = doc.kind == Kind::deposit ? Paper::deposit : doc.kind == Kind::credit_note ? Paper::credit_note : Paper::invoice;
    return tr("{0} {1}", title_of(paper), doc.number);
}

std::string french_date(const std::string& iso) {
    if (!iso_date(iso)) return iso;
    return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

std::string quantity_text(std::int64_t q) {
    std::string out = q < 0 ? "-" : "";
    const std::uint64_t a = q < 0 ? 0 - static_cast<std::uint64_t>(q) : static_cast<std::uint64_t>(q);
    out += std::to_string(a / 1000);
    if (a % 1000 != 0) {
        std::string frac = std::to_string(a % 1000);
        frac.insert(0, 3 - frac.size(), '0');
        while (frac.back() == '0') frac.pop_back();
        out += ',' + frac;
    }
    return out;
}

std::string invoice_pdf(const invoice::Document& doc, const EntrepreneurNames& names, std::span<const VatRate> extra_rates) {
    invoice::validate(doc, extra_rates);
    const Totals totals = invoice::compute_totals(doc, extra_rates);
    const Paper paper = doc.kind == Kind::deposit ? Paper::deposit : doc.kind == Kind::credit_note ? Paper::credit_note : Paper::invoice;

    pdf::Canvas canvas(pdf::kA4Width, pdf::kA4Height, metadata(doc, paper));
    Drawing d(doc, totals, paper, names, canvas.cr());
    std::vector<std::pair<std::string, std::string>> facts = {{tr("Date:"), french_date(doc.issue_date)}};
    if (paper != Paper::credit_note) facts.emplace_back(tr("Due date:"), french_date(doc.due_date));
    d.header(facts);

    std::vector<std::string> refs;
    if (!doc.order_number.empty()) refs.push_back(tr("Order {0}, service on {1}", doc.order_number, french_date(doc.delivery_date)));
    else refs.push_back(tr("Service on {0}", french_date(doc.delivery_date)));
    if (doc.corrects) refs.push_back(tr("Credit note on invoice {0} of {1}", doc.corrects->number, french_date(doc.corrects->issue_date)));
    for (const auto& n : doc.notes) refs.push_back(n);
    d.facts(refs);
    d.lines_table();
    d.totals(true);
    d.payment();
    d.finish_page();
    return canvas.finish();
}

std::string quote_pdf(const invoice::Document& doc, const QuoteDetails& q, const EntrepreneurNames& names,
                      std::span<const VatRate> extra_rates) {
    if (doc.kind != Kind::invoice) throw InputError("a quote lists an order's lines: it cannot be a deposit invoice or a credit note");
    if (doc.number.empty()) throw InputError("the quote has no number");
    if (doc.seller.name.empty()) throw InputError("the quote has no seller name");
    if (doc.customer.party.name.empty()) throw InputError("the quote has no customer name");
    if (!iso_date(doc.issue_date)) throw InputError("the quote's date \"{0}\" is not a date (YYYY-MM-DD)", doc.issue_date);
    if (q.guests < 0) throw InputError("the number of guests cannot be negative ({0})", q.guests);
    if (!iso_date(q.service_date)) throw InputError("the date of service \"{0}\" is not a date (YYYY-MM-DD)", q.service_date);
    if (q.place.empty()) throw InputError("the quote has no place of service");
    if (!iso_date(q.valid_until)) throw InputError("the validity date \"{0}\" is not a date (YYYY-MM-DD)", q.valid_until);
    if (q.valid_until < doc.issue_date)
        throw InputError("the quote is valid until {0}, before its own date {1}", q.valid_until, doc.issue_date);
    const Totals totals = invoice::compute_totals(doc, extra_rates);

    pdf::Canvas canvas(pdf::kA4Width, pdf::kA4Height, metadata(doc, Paper::quote));
    Drawing d(doc, totals, Paper::quote, names, canvas.cr());
    d.header({{tr("Date:"), french_date(doc.issue_date)}, {tr("Valid until:"), french_date(q.valid_until)}});
    // Guests 0: a delivery or a service not counted per person.
    std::vector<std::string> refs = {q.guests > 0 ? tr("Service on {0} for {1} guests, at: {2}", french_date(q.service_date), q.guests, q.place)
                                                  : tr("Service on {0}, at: {1}", french_date(q.service_date), q.place)};
    for (const auto& n : doc.notes) refs.push_back(n);
    d.facts(refs);
    d.lines_table();
    d.totals(false);
    d.acceptance_box(q);
    d.finish_page();
    return canvas.finish();
}

}  // namespace caisse
