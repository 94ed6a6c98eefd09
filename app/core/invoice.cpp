#include "app/core/invoice.hpp"

#include <algorithm>
#include <functional>

#include "app/core/calendar_day.hpp"
#include "app/core/cart.hpp"
#include "app/core/limits.hpp"
#include "app/core/text.hpp"

namespace caisse::invoice {

int type_code(Kind kind) {
    switch (kind) {
        case Kind::invoice: return 380;
        case Kind::deposit: return 386;
        case Kind::credit_note: return 381;
    }
    return 380;
}

std::string Decimal::text() const {
    const bool neg = value < 0;
    // value's magnitude as unsigned: INT64_MIN has no positive int64.
    const std::uint64_t mag = neg ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
    std::uint64_t scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    std::string out = neg ? "-" : "";
    out += std::to_string(mag / scale);
    if (decimals > 0) {
        std::string frac = std::to_string(mag % scale);
        frac.insert(0, static_cast<std::size_t>(decimals) - frac.size(), '0');
        while (frac.size() > 2 && frac.back() == '0') frac.pop_back();
        if (frac.size() < 2) frac += '0';  // money reads with two decimals at least
        out += '.' + frac;
    }
    return out;
}

namespace {

std::int64_t tax_of(std::int64_t net, VatRate rate) {  // BR-CO-17: round(net * rate), halves away
    return div_round_half_up(static_cast<__int128>(net) * rate.bp, 10000);
}

// The line's amount as priced: round(quantity_milli * unit_price / 1000), halves away from zero.
Money priced_amount(const Line& l) {
    return Money::cents(div_round_half_up(static_cast<__int128>(l.quantity_milli) * l.unit_price.value(), 1000));
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool luhn(std::string_view digits) {
    int sum = 0;
    bool twice = false;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        int d = *it - '0';
        if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
        twice = !twice;
    }
    return sum % 10 == 0;
}

void check_date(const std::string& date, const char* what) {
    bool ok = date.size() == 10;
    if (ok) {
        try {
            ok = add_days(date, 0) == date;
        } catch (const InputError&) {
            ok = false;
        }
    }
    if (!ok) throw InputError("{0} \"{1}\" is not a date (YYYY-MM-DD)", Message{what, {}}, date);
}

// Who an identifier or address belongs to, as a translatable word.
// The seller is this till: its mentions come from the settings business.* (named so the fix is found).
Message party_word(bool seller) { return Message{seller ? "the seller (settings business.*)" : "customer", {}}; }

// The mentions every party of an invoice carries: name and address.
void check_party_address(const Party& p, bool seller) {
    const Message who = party_word(seller);
    if (p.name.empty()) throw InputError("{0}: the name is missing", who);
    if (p.address.empty() || p.postcode.empty() || p.city.empty())
        throw InputError("{0}: the address (street, postcode, city) is incomplete", who);
    check_display_text(p.name, "name", kMaxBusinessFieldChars);
    check_display_text(p.address, "address", kMaxBusinessFieldChars);
    check_display_text(p.postcode, "postcode", 20);
    check_display_text(p.city, "city", kMaxBusinessFieldChars);
    if (p.country.size() != 2 || !std::all_of(p.country.begin(), p.country.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
        throw InputError("{0}: country \"{1}\" is not a two-letter ISO code such as FR", who, p.country);
}

void check_identifiers(const Party& p, bool seller) {
    const Message who = party_word(seller);
    if (!p.siren.empty() && !valid_siren(p.siren))
        throw InputError("{0}: SIREN \"{1}\" is not valid (9 digits with a correct key)", who, p.siren);
    if (!p.siret.empty() && !valid_siret(p.siret))
        throw InputError("{0}: SIRET \"{1}\" is not valid (14 digits with a correct key)", who, p.siret);
    if (!p.siren.empty() && !p.siret.empty() && p.siret.substr(0, 9) != p.siren)
        throw InputError("{0}: SIRET \"{1}\" does not start with the SIREN \"{2}\"", who, p.siret, p.siren);
    if (p.vat_number.empty()) return;
    const std::string& v = p.vat_number;
    bool ok = v.size() >= 4 && v.size() <= 14 && v[0] >= 'A' && v[0] <= 'Z' && v[1] >= 'A' && v[1] <= 'Z' &&
              std::all_of(v.begin() + 2, v.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'); });
    std::string vat_siren;
    if (ok && v.rfind("FR", 0) == 0) {  // FR + 2 key characters + SIREN
        vat_siren = v.size() == 13 ? v.substr(4) : std::string();
        ok = valid_siren(vat_siren);
        // The key: (12 + 3 * (SIREN mod 97)) mod 97, as two digits (letters: the newer key form).
        if (ok && all_digits(v.substr(2, 2)))
            ok = std::stoi(v.substr(2, 2)) == (12 + 3 * (std::stoll(vat_siren) % 97)) % 97;
    }
    if (!ok) throw InputError("{0}: VAT number \"{1}\" is not valid (e.g. FR12345678901, no spaces)", who, v);
    const std::string own = !p.siren.empty() ? p.siren : p.siret.substr(0, std::min<std::size_t>(9, p.siret.size()));
    if (!vat_siren.empty() && !own.empty() && own != vat_siren)
        throw InputError("{0}: VAT number \"{1}\" does not contain the SIREN", who, v);
}

std::string line_no(std::size_t i) { return std::to_string(i + 1); }

}  // namespace

bool valid_siren(std::string_view s) { return s.size() == 9 && all_digits(s) && luhn(s); }

bool valid_siret(std::string_view s) {
    if (s.size() != 14 || !all_digits(s)) return false;
    if (s.substr(0, 9) == "356000000") {  // La Poste: its establishments' SIRETs do not follow Luhn
        int sum = 0;
        for (char c : s) sum += c - '0';
        return sum % 5 == 0;
    }
    return luhn(s);
}

bool valid_iban(std::string_view iban) {
    if (iban.size() < 15 || iban.size() > 34) return false;
    for (std::size_t i = 0; i < iban.size(); ++i) {
        const char c = iban[i];
        const bool letter = c >= 'A' && c <= 'Z', digit = c >= '0' && c <= '9';
        if (i < 2 ? !letter : (i < 4 ? !digit : !(letter || digit))) return false;
    }
    // ISO 13616: move the first four characters to the end, letters as 10..35, the number mod 97 is 1.
    int rem = 0;
    const std::string moved = std::string(iban.substr(4)) + std::string(iban.substr(0, 4));
    for (char c : moved) {
        if (c >= 'A' && c <= 'Z') {
            const int v = c - 'A' + 10;
            rem = (rem * 100 + v) % 97;
        } else {
            rem = (rem * 10 + (c - '0')) % 97;
        }
    }
    return rem == 1;
}

Money net_for_incl_vat(Money incl_vat, VatRate rate) {
    const std::int64_t t = incl_vat.value();
    if (t < 0) throw InputError("an amount including VAT may not be negative");
    auto total = [rate](std::int64_t n) { return n + tax_of(n, rate); };
    std::int64_t n = static_cast<std::int64_t>(static_cast<__int128>(t) * 10000 / (10000 + rate.bp));
    while (total(n + 1) <= t) ++n;
    while (n > 0 && total(n) > t) --n;
    return Money::cents(n);
}

Decimal net_unit_price(Money line_net, std::int64_t quantity_milli) {
    if (quantity_milli <= 0) throw InputError("a quantity must be above zero");
    // price with d decimals = round(line_net_cents * 10^(d-2) * 1000 / quantity_milli)
    __int128 num = static_cast<__int128>(line_net.value()) * 1000;  // cents * 1000, then d - 2 more
    for (int d = 2; d <= 8; ++d) {
        if (d > 2) num *= 10;
        const std::int64_t price = div_round_half_up(num, quantity_milli);
        // back: round(quantity_milli / 1000 * price / 10^d) in cents = round(q * price / 10^(d+1))
        __int128 den = 10;
        for (int k = 0; k < d; ++k) den *= 10;
        __int128 back = static_cast<__int128>(quantity_milli) * price;
        // div_round_half_up takes an int64 denominator: 10^(d+1) <= 10^9 fits
        const std::int64_t cents = div_round_half_up(back, static_cast<std::int64_t>(den));
        const bool exact = static_cast<__int128>(price) * quantity_milli == num;
        if (exact || (d >= 4 && cents == line_net.value())) {
            Decimal out{price, d};
            while (out.decimals > 2 && out.value % 10 == 0) {  // "11.5000" -> "11.50"
                out.value /= 10;
                --out.decimals;
            }
            return out;
        }
    }
    throw InputError("no unit price with up to 8 decimals gives back line amount {0}", line_net.plain());
}

void validate_lines(const Document& doc, std::span<const VatRate> extra_rates) {
    if (doc.lines.empty()) throw InputError("an invoice needs at least one line");
    if (doc.lines.size() > kMaxInvoiceLines)
        throw InputError("an invoice has at most {0} lines, this one has {1}", kMaxInvoiceLines, doc.lines.size());
    for (std::size_t i = 0; i < doc.lines.size(); ++i) validate_line(doc.lines[i], i + 1, doc.kind, extra_rates);
}

void validate_line(const Line& l, std::size_t number, Kind kind, std::span<const VatRate> extra_rates) {
    const std::size_t i = number - 1;  // line_no(i) names it
    if (l.description.empty()) throw InputError("line {0} has no description", line_no(i));
    check_display_text(l.description, "line description", kMaxBusinessFieldChars);
    if (l.quantity_milli < 0) throw InputError("line {0}: the quantity is negative (a correction is a credit note)", line_no(i));
    if (l.quantity_milli == 0) throw InputError("line {0}: the quantity is zero", line_no(i));
    if (l.quantity_milli > kMaxInvoiceQuantityMilli)
        throw InputError("line {0}: the quantity is above {1}", line_no(i), kMaxInvoiceQuantityMilli / 1000);
    if (l.unit_price < Money())
        throw InputError("line {0}: the unit price is negative (a correction is a credit note)", line_no(i));
    if (l.unit_price > Money::cents(kMaxInvoiceUnitPriceCents))
        throw InputError("line {0}: the unit price is above {1}", line_no(i), Money::cents(kMaxInvoiceUnitPriceCents).format());
    if (l.unit_code.empty() || l.unit_code.size() > 3 ||
        !std::all_of(l.unit_code.begin(), l.unit_code.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }))
        throw InputError("line {0}: unit code \"{1}\" is not a UN/ECE code such as C62 or HUR", line_no(i), l.unit_code);
    try {
        check_known_vat_rate(l.rate, extra_rates);
    } catch (const InputError& e) {
        throw InputError("line {0}: {1}", line_no(i), e.message());
    }
    // A deposit invoice's lines are per VAT rate, and so are those of the credit note giving one
    // back: a credit note's lines are its invoice's (the service checks those it is given).
    if (kind == Kind::invoice && l.entrepreneur_id <= 0)
        throw InputError("line {0} belongs to no entrepreneur", line_no(i));
}

Totals compute_totals(const Document& doc, std::span<const VatRate> extra_rates) {
    validate_lines(doc, extra_rates);
    Totals t;
    const std::size_t n = doc.lines.size();
    t.line_net.assign(n, Money());
    std::map<std::int32_t, std::vector<std::size_t>, std::greater<>> by_rate;  // highest rate first
    for (std::size_t i = 0; i < n; ++i) by_rate[doc.lines[i].rate.bp].push_back(i);

    for (const auto& [bp, idx] : by_rate) {
        const VatRate rate{bp};
        VatLine v{rate, bp == 0 ? 'E' : 'S', Money(), Money(), Money()};
        if (doc.basis == PriceBasis::excl_vat) {
            for (auto i : idx) {
                t.line_net[i] = priced_amount(doc.lines[i]);
                v.taxable += t.line_net[i];
            }
            v.tax = Money::cents(tax_of(v.taxable.value(), rate));
            v.agreed = v.taxable + v.tax;
        } else {
            std::vector<std::int64_t> weights;
            for (auto i : idx) {
                const Money agreed = priced_amount(doc.lines[i]);
                v.agreed += agreed;
                weights.push_back(agreed.value());
            }
            v.taxable = net_for_incl_vat(v.agreed, rate);
            v.tax = Money::cents(tax_of(v.taxable.value(), rate));
            const auto nets = spread_largest_remainder(v.taxable.value(), weights);
            for (std::size_t k = 0; k < idx.size(); ++k) t.line_net[idx[k]] = Money::cents(nets[k]);
        }
        t.vat.push_back(v);
    }
    for (std::size_t i = 0; i < n; ++i) {
        t.line_total += t.line_net[i];  // BR-CO-10
        t.net_unit_price.push_back(doc.basis == PriceBasis::excl_vat ? Decimal{doc.lines[i].unit_price.value(), 2}
                                                                     : net_unit_price(t.line_net[i], doc.lines[i].quantity_milli));
    }
    for (const auto& v : t.vat) {
        t.tax_total += v.tax;  // BR-CO-14
        t.agreed_total += v.agreed;
    }
    t.tax_basis = t.line_total - t.allowances + t.charges;  // BR-CO-13
    t.grand_total = t.tax_basis + t.tax_total;              // BR-CO-15
    t.rounding = t.agreed_total - t.grand_total;            // BT-114: 0, or +1 cent per unreachable rate
    for (const auto& d : doc.deposits) {
        if (d.amount <= Money()) throw InputError("deposit {0}: its amount must be above zero", d.invoice.number);
        t.prepaid += d.amount;
    }
    if (t.prepaid > t.agreed_total)
        throw InputError("the deposits deducted ({0}) exceed the invoice's total ({1})", t.prepaid.format(),
                         t.agreed_total.format());
    t.due = t.grand_total - t.prepaid + t.rounding;  // BR-CO-16
    return t;
}

void validate_customer(const Customer& c) {
    check_party_address(c.party, false);
    check_identifiers(c.party, false);
    if (c.public_buyer) {
        if (c.party.siret.empty())
            throw InputError("customer \"{0}\" is a public buyer: Chorus Pro needs its SIRET", c.party.name);
        if (c.service_code_required && c.service_code.empty())
            throw InputError("customer \"{0}\" requires a Chorus Pro service code", c.party.name);
        if (c.commitment_required && c.commitment_number.empty())
            throw InputError("customer \"{0}\" requires a commitment (purchase order) number", c.party.name);
    }
    if (!c.service_code.empty()) check_display_text(c.service_code, "service code", 100);
    if (!c.commitment_number.empty()) check_display_text(c.commitment_number, "commitment number", 50);
}

void validate(const Document& doc, std::span<const VatRate> extra_rates) {
    validate_lines(doc, extra_rates);
    if (doc.number.empty()) throw InputError("the invoice needs a number");
    check_display_text(doc.number, "invoice number", 35);
    check_date(doc.issue_date, "issue date");
    check_date(doc.due_date, "due date");
    check_date(doc.delivery_date, "date of service");
    if (doc.due_date < doc.issue_date)
        throw InputError("the due date {0} is before the issue date {1}", doc.due_date, doc.issue_date);

    check_party_address(doc.seller, true);
    if (doc.seller.siren.empty() && doc.seller.siret.empty()) throw InputError("the seller needs a SIREN or SIRET");
    if (doc.seller.vat_number.empty()) throw InputError("the seller needs its VAT number");
    check_identifiers(doc.seller, true);

    validate_customer(doc.customer);

    if (doc.kind == Kind::credit_note) {
        if (!doc.corrects || doc.corrects->number.empty())
            throw InputError("a credit note must name the invoice it corrects");
        check_date(doc.corrects->issue_date, "date of the corrected invoice");
        if (doc.corrects->issue_date > doc.issue_date)
            throw InputError("a credit note cannot be dated before the invoice it corrects");
    } else if (doc.corrects) {
        throw InputError("only a credit note corrects an invoice");
    }
    // A credit note giving a final invoice back whole deducts the same deposits, so it cancels
    // exactly what that invoice charged (the deposits stay invoiced and paid).
    if (doc.kind == Kind::deposit && !doc.deposits.empty()) throw InputError("deposits are deducted on a final invoice only");
    for (const auto& d : doc.deposits) {
        if (d.invoice.number.empty()) throw InputError("a deducted deposit needs its invoice number");
        check_date(d.invoice.issue_date, "date of the deposit invoice");
    }
    const bool has_exempt = std::any_of(doc.lines.begin(), doc.lines.end(), [](const Line& l) { return l.rate.bp == 0; });
    if (has_exempt && doc.vat_exemption_reason.empty())
        throw InputError("lines at 0 % need the VAT exemption reason (the article of the law)");
    if (!valid_iban(doc.payment.iban))
        throw InputError("IBAN \"{0}\" is not valid (letters and digits, no spaces, correct key)", doc.payment.iban);
    if (!doc.payment.bic.empty() && doc.payment.bic.size() != 8 && doc.payment.bic.size() != 11)
        throw InputError("BIC \"{0}\" is not valid (8 or 11 characters)", doc.payment.bic);
    for (const auto& note : doc.notes) check_display_text(note, "invoice note", 2000, TextLines::multi);
    compute_totals(doc, extra_rates);  // deposits above the total
}

void check_credit_note(const Totals& credit, const Totals& invoice, Money already_credited) {
    if (already_credited < Money()) throw InputError("the amount already credited cannot be negative");
    const Money left = invoice.agreed_total - already_credited;
    const Money asked = credit.grand_total + credit.rounding;
    if (asked > left)
        throw InputError("the credit note ({0}) is larger than what is left of its invoice ({1})", asked.format(), left.format());
}

Money deposit_amount(Money agreed_total, DepositAsk ask) {
    Money d;
    if (ask.amount != Money()) {
        if (ask.amount < Money()) throw InputError("a deposit must be above zero");
        d = ask.amount;
    } else {
        if (ask.percent_bp <= 0 || ask.percent_bp > 10000)
            throw InputError("a deposit is a percentage above 0 and at most 100 %, not {0}", VatRate{ask.percent_bp}.percent());
        d = Money::cents(div_round_half_up(static_cast<__int128>(agreed_total.value()) * ask.percent_bp, 10000));
        if (d == Money()) throw InputError("a deposit must be above zero");
    }
    if (d > agreed_total) throw InputError("the deposit ({0}) is larger than the order ({1})", d.format(), agreed_total.format());
    return d;
}

DepositPlan make_deposit(const Document& order, DepositAsk ask, const std::string& line_label,
                         std::span<const VatRate> extra_rates) {
    const Totals ot = compute_totals(order, extra_rates);
    DepositPlan plan;
    plan.amount = deposit_amount(ot.agreed_total, ask);

    // D over the rates (highest first, as in ot.vat) in proportion to each rate's total incl. VAT.
    std::vector<std::int64_t> weights;
    for (const auto& v : ot.vat) weights.push_back(v.agreed.value());
    const auto parts = spread_largest_remainder(plan.amount.value(), weights);

    Document dep;
    dep.kind = Kind::deposit;
    dep.basis = PriceBasis::incl_vat;
    for (std::size_t k = 0; k < ot.vat.size(); ++k) {
        if (parts[k] == 0) continue;
        dep.lines.push_back(Line{line_label + " (TVA " + ot.vat[k].rate.percent() + ")", 1000, "C62",
                                 Money::cents(parts[k]), ot.vat[k].rate, 0});
    }
    const Totals dt = compute_totals(dep, extra_rates);
    // Each rate's net over the order's entrepreneurs, in proportion to their line nets at that rate.
    for (const auto& dv : dt.vat) {
        std::map<std::int64_t, std::int64_t> weight_of;  // ascending id: ties to the lower id
        for (std::size_t i = 0; i < order.lines.size(); ++i)
            if (order.lines[i].rate == dv.rate) weight_of[order.lines[i].entrepreneur_id] += ot.line_net[i].value();
        std::vector<std::int64_t> ids, w;
        for (const auto& [id, x] : weight_of) {
            ids.push_back(id);
            w.push_back(x);
        }
        // A rate whose order lines are all at 0 € asks for no deposit part, so w sums > 0 here.
        const auto shares = spread_largest_remainder(dv.taxable.value(), w);
        for (std::size_t k = 0; k < ids.size(); ++k) plan.revenue[ids[k]] += Money::cents(shares[k]);
    }
    plan.lines = std::move(dep.lines);
    return plan;
}

std::map<std::int64_t, Money> entrepreneur_revenue(const Document& doc, const Totals& totals) {
    std::map<std::int64_t, Money> out;
    for (std::size_t i = 0; i < doc.lines.size() && i < totals.line_net.size(); ++i)
        if (doc.lines[i].entrepreneur_id > 0) out[doc.lines[i].entrepreneur_id] += totals.line_net[i];
    return out;
}

std::map<std::int64_t, Money> revenue_after_deposits(const std::map<std::int64_t, Money>& final_revenue,
                                                     std::span<const std::map<std::int64_t, Money>> deposits) {
    std::map<std::int64_t, Money> out = final_revenue;
    for (const auto& d : deposits)
        for (const auto& [id, m] : d) out[id] -= m;
    return out;
}

}  // namespace caisse::invoice
