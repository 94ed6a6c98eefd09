#pragma once
// Catering invoices (issue 14): the document, its EN 16931 totals, deposits, credit notes and the
// per-entrepreneur revenue. Pure: no I/O, no clock; integer cents (Money), basis points, thousandths
// of a unit. The Factur-X CII XML of a document is written by app/services/facturx.
//
// Amounts (all Money, integer cents). Quantities are thousandths of a unit (std::int64_t
// quantity_milli: 60 guests = 60'000, 7,5 hours = 7'500), so hours of staff and kilos are exact.
//
// Prices. A document's unit prices are either all excluding VAT (PriceBasis::excl_vat, a business
// customer's usual quote) or all including VAT (PriceBasis::incl_vat, the caterer's usual "12,90 €
// per guest"). EN 16931 computes from amounts excluding VAT, so:
//
//   excl_vat: line net BT-131 = round(quantity_milli * unit_price / 1000), halves away from zero.
//             The net unit price BT-146 is the unit price itself.
//   incl_vat: each line's agreed amount incl. VAT is t_i = round(quantity_milli * unit_price / 1000);
//             per VAT rate r the agreed total is T_r = sum of t_i at r. The rate's taxable amount
//             N_r (BT-116) is the largest N with N + round(N * r / 10000) <= T_r: the function
//             f(N) = N + round(N * r) increases by 1 or 2 cents per cent of N, so T_r is reached
//             exactly when it can be, and otherwise f(N_r) = T_r - 1 (the next N gives T_r + 1: no
//             net amount yields that total under BR-CO-17's rounding). N_r is then spread over the
//             rate's lines in proportion to their t_i by the largest-remainder method (ties to the
//             earlier line), which gives the line nets BT-131; the net unit price BT-146 is
//             BT-131 / quantity: 2 decimals when that is exact, else the fewest from 4 to 8 that make
//             quantity * price round back to BT-131 (net_unit_price()). EN 16931 sets no decimal
//             limit on BT-146; only BT-131 and the totals are in cents.
//
// Totals (EN 16931 business rules), computed by compute_totals():
//   BT-131 line net amounts, as above;
//   BT-116 VAT category taxable amount of rate r = sum of the line nets at r (BR-S-08, BR-E-08);
//   BT-117 VAT category tax amount = round(BT-116 * r / 10000), halves away from zero (BR-CO-17);
//   BT-106 sum of line net amounts = sum of BT-131 (BR-CO-10);
//   BT-107 / BT-108 document allowances / charges: none (0), so
//   BT-109 total without VAT = BT-106 - BT-107 + BT-108 = BT-106 (BR-CO-13);
//   BT-110 total VAT = sum of BT-117 (BR-CO-14);
//   BT-112 total with VAT = BT-109 + BT-110 (BR-CO-15);
//   BT-113 paid amount = the deposits deducted (their totals incl. VAT, BT-112 of each deposit
//          invoice), on a final invoice only;
//   BT-114 rounding amount = agreed total incl. VAT - BT-112: 0 under excl_vat; under incl_vat
//          0 or +1 cent per rate whose T_r cannot be reached (see above), so the customer pays the
//          agreed amount to the cent and never more VAT than the agreed total holds;
//   BT-115 amount due = BT-112 - BT-113 + BT-114 (BR-CO-16).
// A final invoice states the VAT of the whole order (its breakdown is the lines'), the deposits
// being deducted as paid amounts (BT-113) and referenced (BT-25); a credit note (type 381) carries
// positive amounts like the invoice it corrects.
//
// Deposits (acomptes): make_deposit() takes a percentage (basis points) or an amount incl. VAT of
// an order. The deposit D = round(agreed total * bp / 10000) (or the amount) is split over the
// order's VAT rates in proportion to each rate's total incl. VAT (largest remainder, ties to the
// higher rate), so the parts sum to D exactly; the deposit invoice has one line per rate priced incl.
// VAT (its BT-115 is D to the cent, BT-114 used as above when a part cannot be reached). Each rate's
// net is apportioned to the order's entrepreneurs in proportion to their line nets at that rate
// (largest remainder, ties to the lower entrepreneur id), for the CAPE split.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "app/core/money.hpp"
#include "app/core/vat.hpp"

namespace caisse::invoice {

// The document's type code (UNTDID 1001), BT-3.
enum class Kind {
    invoice,      // 380 commercial invoice (a final invoice when deposits are deducted)
    deposit,      // 386 prepayment invoice (facture d'acompte)
    credit_note,  // 381 credit note (avoir): the only correction, referencing the invoice it corrects
};
int type_code(Kind kind);  // 380, 386, 381

enum class PriceBasis { excl_vat, incl_vat };

// A company or public body. Identifiers are digits only (no spaces): SIREN 9, SIRET 14, both checked
// with the Luhn key (La Poste's SIRETs by their own rule). VAT number "FR" + 2 key digits + SIREN.
struct Party {
    std::string name;
    std::string address;         // street line
    std::string postcode;
    std::string city;
    std::string country = "FR";  // ISO 3166-1 alpha-2
    std::string siren;           // BT-30 / BT-47 (scheme 0002) when no SIRET is given
    std::string siret;           // BT-29 / BT-47 (scheme 0009); a public buyer's is required
    std::string vat_number;      // BT-31 / BT-48
};

// The customer. A public buyer (a city hall) is invoiced through Chorus Pro, which needs its SIRET,
// its service code when the buyer's directory entry requires one, and the commitment (engagement
// juridique) / purchase order number when the buyer requires one.
struct Customer {
    Party party;
    bool public_buyer = false;
    bool service_code_required = false;  // from the buyer (Chorus Pro directory)
    bool commitment_required = true;     // most public buyers require it
    std::string service_code;            // BT-10 buyer reference
    std::string commitment_number;       // BT-13 purchase order reference
};

// One line. entrepreneur_id: the member who made it (catalogue Entrepreneur id, > 0), 0 only on a
// deposit invoice's lines (their attribution is DepositPlan::revenue).
struct Line {
    std::string description;                 // BT-153 item name
    std::int64_t quantity_milli = 0;         // BT-129 in thousandths (> 0)
    std::string unit_code = "C62";           // BT-130, UN/ECE rec. 20: C62 one, HUR hour, KGM kilo
    Money unit_price;                        // per unit, excl. or incl. VAT by the document's basis
    VatRate rate;                            // BT-152, from the till's known list
    std::int64_t entrepreneur_id = 0;
};

// An invoice issued earlier: a deposit invoice deducted, the invoice a credit note corrects.
struct InvoiceRef {
    std::string number;      // its invoice number (BT-25)
    std::string issue_date;  // "YYYY-MM-DD" (BT-26)
};

// A deposit invoice already issued for the order, deducted on the final invoice.
struct DeductedDeposit {
    InvoiceRef invoice;
    Money amount;  // its total incl. VAT (its BT-112 + BT-114, what it asked for), > 0
};

// Payment by credit transfer (BG-16/BG-17): type code 58 (SEPA credit transfer) when the IBAN is a
// SEPA one, else 30.
struct Payment {
    std::string iban;          // BT-84, no spaces; checked (ISO 13616 mod 97)
    std::string bic;           // BT-86, optional
    std::string account_name;  // BT-85, optional
    std::string terms;         // BT-20: payment terms, penalties and the 40 EUR indemnity
};

struct Document {
    Kind kind = Kind::invoice;
    std::string number;          // BT-1
    std::string issue_date;      // BT-2, "YYYY-MM-DD"
    std::string due_date;        // BT-9, "YYYY-MM-DD", not before issue_date
    std::string delivery_date;   // BT-72: date of the service, "YYYY-MM-DD"
    std::string order_number;    // BT-14: our order (the accepted quote), optional
    Party seller;
    Customer customer;
    PriceBasis basis = PriceBasis::incl_vat;
    std::vector<Line> lines;
    std::vector<DeductedDeposit> deposits;    // final invoice, or the credit note giving one back whole
    std::optional<InvoiceRef> corrects;       // credit note only: the invoice it corrects
    std::string vat_exemption_reason;         // BT-120, required when a line is at 0 %
    // VAT on services is due when paid in France (TVA sur les encaissements: BT-8 = 72 "paid to
    // date"); false for a sale of goods or when the CAE opted for VAT on debits (no BT-8 written).
    bool vat_on_receipts = true;
    Payment payment;
    std::vector<std::string> notes;           // BT-22: the legal mentions printed on the invoice
};

// A decimal as text-ready integers: value / 10^decimals.
struct Decimal {
    std::int64_t value = 0;
    int decimals = 0;
    std::string text() const;  // "11.7273", "60", "-0.5": dot, no trailing zeros beyond 2 decimals
    bool operator==(const Decimal&) const = default;
};

struct VatLine {
    VatRate rate;     // BT-119
    char category;    // BT-118: 'S' standard/reduced rate, 'E' exempt (0 %)
    Money taxable;    // BT-116
    Money tax;        // BT-117
    Money agreed;     // incl_vat: T_r; excl_vat: taxable + tax
};

struct Totals {
    std::vector<Money> line_net;        // BT-131, one per line in order
    std::vector<Decimal> net_unit_price;  // BT-146, one per line in order
    std::vector<VatLine> vat;           // BG-23, highest rate first
    Money line_total;                   // BT-106
    Money allowances;                   // BT-107 (always 0 here)
    Money charges;                      // BT-108 (always 0 here)
    Money tax_basis;                    // BT-109
    Money tax_total;                    // BT-110
    Money grand_total;                  // BT-112
    Money prepaid;                      // BT-113
    Money rounding;                     // BT-114
    Money due;                          // BT-115
    Money agreed_total;                 // what the lines add up to incl. VAT (BT-112 + BT-114)
};

// The totals of a document's lines and deposits, by the rules above. Throws InputError when the
// lines are invalid (same checks as validate_lines) or the deposits exceed the total;
// MoneyOverflow past the Money range.
Totals compute_totals(const Document& doc, std::span<const VatRate> extra_rates = {});

// The line checks: at least one line, at most kMaxInvoiceLines; each with a description (display
// text), a quantity > 0 and <= kMaxInvoiceQuantityMilli, a unit price >= 0 and <=
// kMaxInvoiceUnitPriceCents, a known VAT rate (check_known_vat_rate with extra_rates), an
// entrepreneur on an invoice's lines (a deposit invoice's are per VAT rate, and a credit note's
// copy its invoice's). Throws InputError naming the line (1-based).
void validate_lines(const Document& doc, std::span<const VatRate> extra_rates = {});
// One line's checks of validate_lines, the line numbered `number` (1-based) in the messages; a line
// of kind `kind`'s document.
void validate_line(const Line& line, std::size_t number, Kind kind, std::span<const VatRate> extra_rates = {});

// Every check of an invoice before it is issued: validate_lines, number and dates, the seller's
// mentions (name, address, SIREN or SIRET, VAT number), the customer's (name, address; a public
// buyer's SIRET, service code and commitment number when required), identifiers' keys, the IBAN,
// the kind's references (a credit note names the invoice it corrects; no deposit on a deposit invoice),
// an exemption reason for 0 % lines, deposits not above the total. Throws InputError.
void validate(const Document& doc, std::span<const VatRate> extra_rates = {});

// The customer's part of validate(): name and address, identifiers' keys, a public buyer's SIRET,
// service code and commitment number when required. Throws InputError.
void validate_customer(const Customer& customer);

// A credit note may not give back more than is left of its invoice: throws InputError when
// credit.grand_total + credit.rounding exceeds invoice's agreed total minus what earlier credit
// notes already gave back (already_credited, >= 0).
void check_credit_note(const Totals& credit, const Totals& invoice, Money already_credited = Money());

// The net unit price (BT-146) that gives back line_net for quantity_milli: for d = 2 to 8 decimals,
// the first price that is exact (price * quantity = line_net), or from d = 4 on the first whose
// round(quantity * price) = line_net; trailing zeros past 2 decimals dropped. quantity_milli > 0
// (InputError otherwise).
Decimal net_unit_price(Money line_net, std::int64_t quantity_milli);

// The largest net amount N >= 0 whose total incl. VAT N + round(N * rate) does not exceed incl_vat
// (>= 0). Equal to incl_vat's total exactly whenever some N reaches it.
Money net_for_incl_vat(Money incl_vat, VatRate rate);

// How much of an order a deposit asks for: a percentage of its agreed total incl. VAT (basis points,
// 1..10000) or an amount incl. VAT (> 0, at most the agreed total).
struct DepositAsk {
    std::int32_t percent_bp = 0;  // used when amount is zero
    Money amount;
};

// D for an ask on an order whose agreed total incl. VAT is `agreed_total`: the amount asked, or
// round half up(agreed_total * bp / 10000), in cents. What make_deposit invoices, and what the
// screen names before it is issued. Throws InputError as make_deposit does.
Money deposit_amount(Money agreed_total, DepositAsk ask);

struct DepositPlan {
    Money amount;                                 // D, incl. VAT
    std::vector<Line> lines;                      // one per VAT rate of the order, priced incl. VAT
    std::map<std::int64_t, Money> revenue;        // entrepreneur id -> net amount, sums to BT-109
};

// The deposit for `order` (its lines: an invoice document, not yet issued; its deposits already
// deducted are not subtracted: ask for what this deposit is). line_label: the lines' description
// prefix, e.g. "Acompte 30 % sur la commande C-12"; each line gets " (TVA 10 %)" appended. Throws
// InputError on a bad ask (zero, negative, above 100 % or above the order's total).
DepositPlan make_deposit(const Document& order, DepositAsk ask, const std::string& line_label,
                         std::span<const VatRate> extra_rates = {});

// Revenue excl. VAT per entrepreneur of a document's own lines: the sum of their BT-131 by
// entrepreneur_id (a deposit invoice's lines, id 0, are left out: use DepositPlan::revenue). The
// values sum exactly to BT-109. For a final invoice the CAPE counts this minus what its deposits
// already counted (revenue_after_deposits); a credit note's (positive, like its invoice's) is
// revenue given back, which the CAPE subtracts.
std::map<std::int64_t, Money> entrepreneur_revenue(const Document& doc, const Totals& totals);

// What a final invoice adds to each entrepreneur's revenue once its deposit invoices were counted:
// final_revenue minus the sum of the deposits' revenue, per entrepreneur (may be 0, never dropped).
std::map<std::int64_t, Money> revenue_after_deposits(const std::map<std::int64_t, Money>& final_revenue,
                                                     std::span<const std::map<std::int64_t, Money>> deposits);

// Identifier checks, exposed for the customer forms: digits and Luhn key (SIREN 9, SIRET 14; La
// Poste's SIRETs 356000000xxxxx: digit sum multiple of 5), the IBAN's ISO 13616 mod-97 key.
bool valid_siren(std::string_view siren);
bool valid_siret(std::string_view siret);
bool valid_iban(std::string_view iban);

}  // namespace caisse::invoice
