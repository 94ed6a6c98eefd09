// caisse customer add|list, caisse quote new|add-line|show|pdf|accept, caisse invoice
// new|deposit|credit|pay|show|pdf|facturx, caisse invoices [--unpaid] (issue 14, item 8): parse the text (amounts
// "1234,56", quantities "7,5", rates "5,5") into typed requests, call the catering services, print.
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>

#include <fmt/format.h>

#include "app/cli/cli_common.hpp"
#include "app/cli/commands.hpp"
#include "app/core/text.hpp"
#include "app/services/catering.hpp"
#include "app/services/catering_documents.hpp"
#include "app/services/catering_invoice.hpp"

namespace caisse::cli {

namespace {

// "60", "7,5", "0.250" as thousandths of a unit; InputError naming the option otherwise.
std::int64_t quantity_milli(const std::string& text) {
    std::int64_t whole = 0, frac = 0;
    int decimals = -1;
    for (char ch : text) {
        if (ch == ',' || ch == '.') {
            if (decimals >= 0) decimals = 9;
            else decimals = 0;
            continue;
        }
        if (ch < '0' || ch > '9' || decimals >= 3 || whole > 1'000'000'000) {
            decimals = 9;
            break;
        }
        if (decimals < 0) whole = whole * 10 + (ch - '0');
        else frac = frac * 10 + (ch - '0'), ++decimals;
    }
    if (text.empty() || decimals > 3 || text.front() == ',' || text.front() == '.')
        throw InputError("--quantity: \"{0}\" is not a quantity (e.g. 60 or 7,5; at most 3 decimals)", text);
    for (int d = std::max(decimals, 0); d < 3; ++d) frac *= 10;
    return whole * 1000 + frac;
}

std::string quantity_text(std::int64_t milli) {
    std::string s = std::to_string(milli / 1000);
    std::int64_t f = milli % 1000;
    if (f == 0) return s;
    std::string frac = fmt::format("{:03}", f);
    while (frac.back() == '0') frac.pop_back();
    return s + "," + frac;
}

ordered_json invoice_json(const db::InvoiceRecord& i) {
    ordered_json revenue = ordered_json::object();
    for (const auto& [id, cents] : i.revenue) revenue[std::to_string(id)] = cents;
    return {{"number", i.number},         {"kind", i.kind},           {"order", i.order},         {"customer", i.customer},
            {"issue_date", i.issue_date}, {"due_date", i.due_date},   {"corrects", i.corrects},   {"seq", i.seq},
            {"line_total", i.line_total}, {"tax_total", i.tax_total}, {"grand_total", i.grand_total},
            {"prepaid", i.prepaid},       {"rounding", i.rounding},   {"due", i.due},             {"revenue", revenue}};
}

ordered_json status_json(const InvoiceStatus& s) {
    ordered_json j = invoice_json(s.invoice);
    j["customer_name"] = s.customer;
    j["paid"] = s.paid.value();
    j["credited"] = s.credited.value();
    j["remaining"] = s.remaining.value();
    j["to_refund"] = s.to_refund.value();
    j["overdue"] = s.overdue;
    j["days_late"] = s.days_late;
    return j;
}

void print_invoice(const db::InvoiceRecord& i) {
    const char* what = i.kind == "deposit" ? "Deposit invoice {0} issued for order {1}: {2} due on {3}."
                       : i.kind == "credit_note" ? "Credit note {0} issued for order {1}: {2} credited to the customer, dated for {3}."
                                                 : "Invoice {0} issued for order {1}: {2} due on {3}.";
    std::cout << tr(what, i.number, i.order, eur(i.due), i.due_date) << "\n";  // a credit note gives back its BT-115, deposits deducted
    std::cout << "  " << tr("Total excl. VAT {0}, VAT {1}, total incl. VAT {2}", eur(i.line_total), eur(i.tax_total), eur(i.grand_total));
    if (i.prepaid != 0) std::cout << tr(", deposits deducted {0}", eur(i.prepaid));
    if (i.rounding != 0) std::cout << tr(", rounding {0}", eur(i.rounding));
    std::cout << "\n";
}

const char* kind_label(const std::string& kind) {
    return kind == "deposit" ? "deposit" : kind == "credit_note" ? "credit note" : "invoice";
}

struct CustomerOptions {
    std::string name, address, postcode, city, country = "FR", siren, siret, vat, service_code, commitment;
    bool public_buyer = false, no_service_code = false, no_commitment = false;
};

void register_customer(CLI::App& app) {
    auto common = std::make_shared<Common>();
    auto* group = app.add_subcommand("customer", tr("business and public customers of catering orders: add, list"));
    group->require_subcommand(1);
    {
        auto actor = std::make_shared<ActorOptions>();
        auto o = std::make_shared<CustomerOptions>();
        auto* add = with_db(group->add_subcommand("add", tr("add a customer (manager)")), *common);
        add_actor_options(add, *actor);
        add->add_option("--name", o->name, tr("legal name"))->required();
        add->add_option("--address", o->address, tr("street line"))->required();
        add->add_option("--postcode", o->postcode, tr("postcode"))->required();
        add->add_option("--city", o->city, tr("city"))->required();
        add->add_option("--country", o->country, tr("ISO country code (FR by default)"));
        add->add_option("--siren", o->siren, tr("SIREN, 9 digits"));
        add->add_option("--siret", o->siret, tr("SIRET, 14 digits (a public buyer's is required)"));
        add->add_option("--vat-number", o->vat, tr("intra-community VAT number, e.g. FR10854123767"));
        add->add_flag("--public-buyer", o->public_buyer, tr("a public buyer invoiced through Chorus Pro"));
        add->add_option("--service-code", o->service_code, tr("the public buyer's Chorus Pro service code"));
        add->add_option("--commitment", o->commitment, tr("the public buyer's commitment (purchase order) number"));
        add->add_flag("--no-service-code", o->no_service_code, tr("the public buyer requires no service code"));
        add->add_flag("--no-commitment", o->no_commitment, tr("the public buyer requires no commitment number"));
        add->add_flag("--json", common->json, tr("machine-readable output"));
        add->callback([=] {
            auto till = Till::open(common->db);
            invoice::Customer c;
            c.party = invoice::Party{o->name, o->address, o->postcode, o->city, o->country, o->siren, o->siret, o->vat};
            c.public_buyer = o->public_buyer;
            c.service_code_required = o->public_buyer && !o->no_service_code;
            c.commitment_required = o->public_buyer && !o->no_commitment;
            c.service_code = o->service_code;
            c.commitment_number = o->commitment;
            const auto r = add_customer(*till, sign_in(*till, *actor), c);
            if (common->json) print_json({{"id", r.id}, {"seq", r.seq}, {"name", c.party.name}, {"public_buyer", c.public_buyer}});
            else std::cout << tr("Customer {0} added: {1}.", r.id, c.party.name) << "\n";
        });
    }
    {
        auto* list = with_db(group->add_subcommand("list", tr("list the customers")), *common);
        list->add_flag("--json", common->json, tr("machine-readable output"));
        list->callback([=] {
            auto till = Till::open(common->db);
            const auto all = list_customers(*till);
            if (common->json) {
                ordered_json a = ordered_json::array();
                for (const auto& r : all) {
                    const auto& c = r.customer;
                    a.push_back({{"id", r.id}, {"name", c.party.name}, {"address", c.party.address}, {"postcode", c.party.postcode},
                                 {"city", c.party.city}, {"country", c.party.country}, {"siren", c.party.siren},
                                 {"siret", c.party.siret}, {"vat_number", c.party.vat_number}, {"public_buyer", c.public_buyer},
                                 {"service_code", c.service_code}, {"commitment_number", c.commitment_number}});
                }
                print_json(a);
                return;
            }
            for (const auto& r : all)
                std::cout << fmt::format("{:>4}  {}, {} {} {}{}\n", r.id, r.customer.party.name, r.customer.party.address,
                                         r.customer.party.postcode, r.customer.party.city,
                                         r.customer.public_buyer ? " [" + tr("public buyer") + "]" : "");
            if (all.empty()) std::cout << tr("No customer yet.") << "\n";
        });
    }
}

struct QuoteOptions {
    std::int64_t quote = 0, line = 0;
    std::string customer;  // a number or a name
    std::string guests = "0", service_date, place, valid_until, note;
    bool excl_vat = false;
    std::string sku, description, quantity, unit = "C62", price, vat, entrepreneur, output;
};

// --customer: a customer's number, or its name as name_key compares names ("mairie de bagnolet").
std::int64_t customer_id(Till& till, const std::string& text) {
    if (!text.empty() && text.size() <= 9 && text.find_first_not_of("0123456789") == std::string::npos) return std::stoll(text);
    const std::string key = name_key(text);
    for (const auto& c : list_customers(till))
        if (name_key(c.customer.party.name) == key) return c.id;
    throw InputError("--customer: no customer is named \"{0}\" (caisse customer list shows them with their numbers)", text);
}

std::int64_t guests_number(const std::string& text) {
    if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos)
        throw InputError("--guests: \"{0}\" is not a number of guests", text);
    return std::stoll(text);
}

// A recorded quote changed as `change` says, saved as a revision (quote.revise): what `quote set`,
// `set-line` and `remove-line` share. Prints what the quote holds now.
void revise_quote(Till& till, const Actor& by, std::int64_t quote, bool json,
                  const std::function<void(QuoteRequest&, std::vector<QuoteLineRequest>&)>& change) {
    const QuoteView v = quote_view(till, quote);
    QuoteRequest header = quote_request(v.quote);
    std::vector<QuoteLineRequest> lines;
    for (const auto& l : v.lines) lines.push_back(line_request(till, l));
    change(header, lines);
    save_quote(till, by, quote, header, lines);
    const QuoteView now = quote_view(till, quote);
    const std::int64_t total = now.totals ? now.totals->agreed_total.value() : 0;
    if (json)
        print_json({{"quote", quote}, {"lines", now.lines.size()}, {"guests", now.quote.guests},
                    {"service_date", now.quote.service_date}, {"agreed_total", total}});
    else
        std::cout << tr("Quote {0} changed: {1} lines, {2} guests on {3}, total incl. VAT {4}.", quote, now.lines.size(),
                        now.quote.guests, now.quote.service_date, eur(total))
                  << "\n";
}

void register_quote(CLI::App& app) {
    auto common = std::make_shared<Common>();
    auto* group = app.add_subcommand("quote", tr("quotes (devis) of catering orders: new, add-line, set, set-line, remove-line, list, show, pdf, accept"));
    group->require_subcommand(1);
    {
        auto actor = std::make_shared<ActorOptions>();
        auto o = std::make_shared<QuoteOptions>();
        auto* cmd = with_db(group->add_subcommand("new", tr("write a new quote for a customer (manager)")), *common);
        add_actor_options(cmd, *actor);
        cmd->add_option("--customer", o->customer, tr("the customer's number or name (caisse customer list)"))->required();
        cmd->add_option("--service-date", o->service_date, tr("date of the service, YYYY-MM-DD"))->required();
        cmd->add_option("--guests", o->guests, tr("number of guests"));
        cmd->add_option("--place", o->place, tr("where the service takes place"));
        cmd->add_option("--valid-until", o->valid_until, tr("last day the quote may be accepted, YYYY-MM-DD (default: 30 days)"));
        cmd->add_option("--note", o->note, tr("a note printed on the quote"));
        cmd->add_flag("--excl-vat", o->excl_vat, tr("unit prices agreed excluding VAT (default: including VAT)"));
        cmd->add_flag("--json", common->json, tr("machine-readable output"));
        cmd->callback([=] {
            auto till = Till::open(common->db);
            QuoteRequest r{customer_id(*till, o->customer), o->excl_vat ? invoice::PriceBasis::excl_vat : invoice::PriceBasis::incl_vat,
                           guests_number(o->guests), o->service_date, o->place, o->valid_until, o->note};
            const auto q = new_quote(*till, sign_in(*till, *actor), r);
            if (common->json) print_json({{"quote", q.id}, {"seq", q.seq}, {"customer", q.customer}, {"valid_until", q.valid_until}});
            else std::cout << tr("Quote {0} written for customer {1}, valid until {2}.", q.id, q.customer, q.valid_until) << "\n";
        });
    }
    {
        auto actor = std::make_shared<ActorOptions>();
        auto o = std::make_shared<QuoteOptions>();
        auto* cmd = with_db(group->add_subcommand("add-line", tr("add a line to a quote: from the catalogue (--sku) or free (manager)")),
                            *common);
        add_actor_options(cmd, *actor);
        cmd->add_option("--quote", o->quote, tr("the quote's number"))->required();
        cmd->add_option("--sku", o->sku, tr("a catalogue product: its name, price, VAT rate and entrepreneur"));
        cmd->add_option("--description", o->description, tr("what the line is (a free line)"));
        cmd->add_option("--quantity", o->quantity, tr("e.g. 60 (guests) or 7,5 (hours)"))->required();
        cmd->add_option("--unit", o->unit, tr("unit code: C62 (one, default), HUR (hour), KGM (kilo)"));
        cmd->add_option("--price", o->price, tr("unit price, e.g. 12,90 (incl. or excl. VAT as the quote)"));
        cmd->add_option("--vat", o->vat, tr("VAT rate in %, e.g. 10 or 5,5"));
        cmd->add_option("--entrepreneur", o->entrepreneur, tr("the entrepreneur who makes it"));
        cmd->add_flag("--json", common->json, tr("machine-readable output"));
        cmd->callback([=] {
            auto till = Till::open(common->db);
            QuoteLineRequest r;
            r.quote = o->quote;
            r.sku = o->sku;
            r.description = o->description;
            r.quantity_milli = quantity_milli(o->quantity);
            r.unit_code = o->unit;
            if (!o->price.empty()) r.unit_price = Money::parse(o->price);
            if (!o->vat.empty()) r.rate = VatRate::parse_percent(o->vat);
            r.entrepreneur = o->entrepreneur;
            const auto l = add_quote_line(*till, sign_in(*till, *actor), r);
            if (common->json)
                print_json({{"quote", l.quote}, {"line", l.line}, {"seq", l.seq}, {"description", l.description},
                            {"quantity_milli", l.quantity_milli}, {"unit_price", l.unit_price}, {"vat_bp", l.vat_bp},
                            {"entrepreneur", l.entrepreneur}});
            else
                std::cout << tr("Line {0} added to quote {1}: {2} x {3} {4}, VAT {5}.", l.line, l.quote, quantity_text(l.quantity_milli),
                                l.description, eur(l.unit_price), pct(l.vat_bp))
                          << "\n";
        });
    }
    {
        auto actor = std::make_shared<ActorOptions>();
        auto o = std::make_shared<QuoteOptions>();
        auto* cmd = with_db(group->add_subcommand("set", tr("change a quote not yet accepted: guests, dates, place, note, customer (manager)")),
                            *common);
        add_actor_options(cmd, *actor);
        cmd->add_option("--quote", o->quote, tr("the quote's number"))->required();
        auto* customer = cmd->add_option("--customer", o->customer, tr("the customer's number or name (caisse customer list)"));
        auto* guests = cmd->add_option("--guests", o->guests, tr("number of guests"));
        auto* service_date = cmd->add_option("--service-date", o->service_date, tr("date of the service, YYYY-MM-DD"));
        auto* place = cmd->add_option("--place", o->place, tr("where the service takes place"));
        auto* valid_until = cmd->add_option("--valid-until", o->valid_until, tr("last day the quote may be accepted, YYYY-MM-DD"));
        auto* note = cmd->add_option("--note", o->note, tr("a note printed on the quote"));
        cmd->add_flag("--json", common->json, tr("machine-readable output"));
        cmd->callback([=] {
            if (!*customer && !*guests && !*service_date && !*place && !*valid_until && !*note)
                throw InputError("quote set: say what changes (--guests, --service-date, --place, --valid-until, --note, --customer)");
            auto till = Till::open(common->db);
            revise_quote(*till, sign_in(*till, *actor), o->quote, common->json, [&](QuoteRequest& q, std::vector<QuoteLineRequest>&) {
                if (*customer) q.customer = customer_id(*till, o->customer);
                if (*guests) q.guests = guests_number(o->guests);
                if (*service_date) q.service_date = o->service_date;
                if (*place) q.place = o->place;
                if (*valid_until) q.valid_until = o->valid_until;
                if (*note) q.note = o->note;
            });
        });
    }
    {
        auto actor = std::make_shared<ActorOptions>();
        auto o = std::make_shared<QuoteOptions>();
        auto* cmd = with_db(group->add_subcommand("set-line", tr("change a line of a quote not yet accepted: quantity, price, description (manager)")),
                            *common);
        add_actor_options(cmd, *actor);
        cmd->add_option("--quote", o->quote, tr("the quote's number"))->required();
        cmd->add_option("--line", o->line, tr("the line's number (caisse quote show)"))->required();
        auto* quantity = cmd->add_option("--quantity", o->quantity, tr("e.g. 60 (guests) or 7,5 (hours)"));
        auto* price = cmd->add_option("--price", o->price, tr("unit price, e.g. 12,90 (incl. or excl. VAT as the quote)"));
        auto* description = cmd->add_option("--description", o->description, tr("what the line is"));
        cmd->add_flag("--json", common->json, tr("machine-readable output"));
        cmd->callback([=] {
            if (!*quantity && !*price && !*description) throw InputError("quote set-line: say what changes (--quantity, --price, --description)");
            auto till = Till::open(common->db);
            revise_quote(*till, sign_in(*till, *actor), o->quote, common->json, [&](QuoteRequest&, std::vector<QuoteLineRequest>& lines) {
                if (o->line < 1 || o->line > static_cast<std::int64_t>(lines.size()))
                    throw InputError("quote {0} has no line {1}", o->quote, o->line);
                auto& l = lines[static_cast<std::size_t>(o->line - 1)];
                if (*quantity) l.quantity_milli = quantity_milli(o->quantity);
                if (*price) l.unit_price = Money::parse(o->price);
                if (*description) l.description = o->description;
            });
        });
    }
    {
        auto actor = std::make_shared<ActorOptions>();
        auto o = std::make_shared<QuoteOptions>();
        auto* cmd = with_db(group->add_subcommand("remove-line", tr("remove a line of a quote not yet accepted (manager)")), *common);
        add_actor_options(cmd, *actor);
        cmd->add_option("--quote", o->quote, tr("the quote's number"))->required();
        cmd->add_option("--line", o->line, tr("the line's number (caisse quote show)"))->required();
        cmd->add_flag("--json", common->json, tr("machine-readable output"));
        cmd->callback([=] {
            auto till = Till::open(common->db);
            revise_quote(*till, sign_in(*till, *actor), o->quote, common->json, [&](QuoteRequest&, std::vector<QuoteLineRequest>& lines) {
                if (o->line < 1 || o->line > static_cast<std::int64_t>(lines.size()))
                    throw InputError("quote {0} has no line {1}", o->quote, o->line);
                lines.erase(lines.begin() + (o->line - 1));
            });
        });
    }
    {
        auto o = std::make_shared<QuoteOptions>();
        auto* cmd = with_db(group->add_subcommand("list", tr("every quote: customer, service date, guests, total, order")), *common);
        cmd->add_flag("--json", common->json, tr("machine-readable output"));
        cmd->callback([=] {
            auto till = Till::open(common->db);
            ordered_json all = ordered_json::array();
            for (const auto& q : list_quotes(*till)) {
                const QuoteView v = quote_view(*till, q.id);
                const std::int64_t total = v.totals ? v.totals->agreed_total.value() : 0;
                if (common->json) {
                    all.push_back({{"quote", q.id}, {"customer", v.customer.customer.party.name}, {"service_date", q.service_date},
                                   {"guests", q.guests}, {"valid_until", q.valid_until}, {"agreed_total", total},
                                   {"order", v.order ? ordered_json(v.order->id) : ordered_json(nullptr)}});
                    continue;
                }
                // Where each quote stands: an order, or a quote still open to the customer, or expired.
                const std::string where = v.order ? tr("order {0}", v.order->id)
                                          : q.valid_until < till->today() ? tr("quote expired on {0}", q.valid_until)
                                                                          : tr("quote valid until {0}", q.valid_until);
                std::cout << fmt::format("{:>4}  {}  {:>4}  {:>12}  {}  {}\n", q.id, q.service_date, q.guests, eur(total),
                                         v.customer.customer.party.name, where);
            }
            if (common->json) print_json(all);
            else if (all.empty() && list_quotes(*till).empty()) std::cout << tr("No quote yet.") << "\n";
        });
    }
    {
        auto o = std::make_shared<QuoteOptions>();
        auto* cmd = with_db(group->add_subcommand("show", tr("a quote's lines and totals")), *common);
        cmd->add_option("--quote", o->quote, tr("the quote's number"))->required();
        cmd->add_flag("--json", common->json, tr("machine-readable output"));
        cmd->callback([=] {
            auto till = Till::open(common->db);
            const auto v = quote_view(*till, o->quote);
            if (common->json) {
                ordered_json lines = ordered_json::array();
                for (const auto& l : v.lines)
                    lines.push_back({{"line", l.line}, {"description", l.description}, {"quantity_milli", l.quantity_milli},
                                     {"unit", l.unit_code}, {"unit_price", l.unit_price}, {"vat_bp", l.vat_bp},
                                     {"entrepreneur", l.entrepreneur}, {"sku", l.sku}});
                ordered_json j{{"quote", v.quote.id}, {"customer", v.customer.customer.party.name}, {"basis", v.quote.basis},
                               {"guests", v.quote.guests}, {"service_date", v.quote.service_date}, {"place", v.quote.place},
                               {"valid_until", v.quote.valid_until}, {"revised", v.quote.revised}, {"lines", lines},
                               {"order", v.order ? ordered_json(v.order->id) : ordered_json(nullptr)}};
                if (v.totals) {
                    j["line_total"] = v.totals->line_total.value();
                    j["tax_total"] = v.totals->tax_total.value();
                    j["agreed_total"] = v.totals->agreed_total.value();
                }
                print_json(j);
                return;
            }
            std::cout << tr("Quote {0} for {1}: {2} guests on {3}, valid until {4}", v.quote.id, v.customer.customer.party.name,
                            v.quote.guests, v.quote.service_date, v.quote.valid_until)
                      << "\n";
            std::map<std::int64_t, std::string> cooks;
            for (const auto& e : till->entrepreneurs()) cooks[e.id] = e.name;
            for (const auto& l : v.lines)  // each line with its cook: who makes it, whose revenue it is
                std::cout << fmt::format("  {:>3} {:>8} x {:>10}  {:>7}  {}  ({})\n", l.line, quantity_text(l.quantity_milli),
                                         eur(l.unit_price), pct(l.vat_bp), l.description,
                                         cooks.count(l.entrepreneur) ? cooks.at(l.entrepreneur) : std::to_string(l.entrepreneur));
            if (v.totals)
                std::cout << tr("Total excl. VAT {0}, VAT {1}, total incl. VAT {2}", eur(v.totals->line_total.value()),
                                eur(v.totals->tax_total.value()), eur(v.totals->agreed_total.value()))
                          << "\n";
            if (v.order) std::cout << tr("Accepted: order {0}.", v.order->id) << "\n";
        });
    }
    {
        auto o = std::make_shared<QuoteOptions>();
        auto* cmd = with_db(group->add_subcommand("pdf", tr("a quote as a PDF, with a box for the customer's agreement")), *common);
        cmd->add_option("--quote", o->quote, tr("the quote's number"))->required();
        cmd->add_option("--output", o->output, tr("file to write"))->required();
        cmd->callback([=] {
            auto till = Till::open(common->db);
            write_out(o->output, quote_pdf_of(*till, o->quote), *till);
            std::cout << tr("PDF of quote {0} written to {1}.", o->quote, o->output) << "\n";
        });
    }
    {
        auto actor = std::make_shared<ActorOptions>();
        auto o = std::make_shared<QuoteOptions>();
        auto* cmd = with_db(group->add_subcommand("accept", tr("the customer accepted a quote: it becomes an order (manager)")), *common);
        add_actor_options(cmd, *actor);
        cmd->add_option("--quote", o->quote, tr("the quote's number"))->required();
        cmd->add_flag("--json", common->json, tr("machine-readable output"));
        cmd->callback([=] {
            auto till = Till::open(common->db);
            const auto order = accept_quote(*till, sign_in(*till, *actor), o->quote);
            if (common->json) print_json({{"order", order.id}, {"quote", order.quote}, {"seq", order.seq}});
            else std::cout << tr("Quote {0} accepted: order {1}.", order.quote, order.id) << "\n";
        });
    }
}

struct InvoiceOptions {
    std::int64_t order = 0;
    std::string invoice, amount, percent, date, due, method = "transfer", reference, output;
    bool unpaid = false, xml_only = false;
};


void register_invoice(CLI::App& app) {
    auto common = std::make_shared<Common>();
    auto* group = app.add_subcommand("invoice", tr("invoices of catering orders: new, deposit, credit, pay, show, pdf, facturx"));
    group->require_subcommand(1);
    auto add_dates = [](CLI::App* cmd, InvoiceOptions& o) {
        cmd->add_option("--date", o.date, tr("issue date, YYYY-MM-DD (default: today)"));
        cmd->add_option("--due", o.due, tr("due date, YYYY-MM-DD (default: invoice.due_days after the issue date; for a deposit, the day of the service if that comes sooner)"));
    };
    {
        auto actor = std::make_shared<ActorOptions>();
        auto o = std::make_shared<InvoiceOptions>();
        auto* cmd = with_db(group->add_subcommand("new", tr("the final invoice of an order, its deposits deducted (manager)")), *common);
        add_actor_options(cmd, *actor);
        cmd->add_option("--order", o->order, tr("the order's number"))->required();
        add_dates(cmd, *o);
        cmd->add_flag("--json", common->json, tr("machine-readable output"));
        cmd->callback([=] {
            auto till = Till::open(common->db);
            const auto i = issue_invoice(*till, sign_in(*till, *actor), o->order, InvoiceDates{o->date, o->due});
            if (common->json) print_json(invoice_json(i));
            else print_invoice(i);
        });
    }
    {
        auto actor = std::make_shared<ActorOptions>();
        auto o = std::make_shared<InvoiceOptions>();
        auto* cmd = with_db(group->add_subcommand("deposit", tr("a deposit invoice for an order: an amount or a percentage (manager)")),
                            *common);
        add_actor_options(cmd, *actor);
        cmd->add_option("--order", o->order, tr("the order's number"))->required();
        auto* a = cmd->add_option("--amount", o->amount, tr("amount incl. VAT, e.g. 560,93"));
        auto* p = cmd->add_option("--percent", o->percent, tr("percentage of the order's total, e.g. 30"));
        a->excludes(p);
        add_dates(cmd, *o);
        cmd->add_flag("--json", common->json, tr("machine-readable output"));
        cmd->callback([=] {
            auto till = Till::open(common->db);
            invoice::DepositAsk ask;
            if (!o->amount.empty()) ask.amount = Money::parse(o->amount);
            else if (!o->percent.empty()) {
                // Parsed as a rate is, but named as what it is: a share of the order, 0,01 to 100 %.
                try {
                    ask.percent_bp = VatRate::parse_percent(o->percent).bp;
                } catch (const InputError&) {
                    ask.percent_bp = -1;
                }
                if (ask.percent_bp <= 0 || ask.percent_bp > 10000)
                    throw InputError("--percent: \"{0}\" is not a share of the order from 0,01 to 100 (e.g. 30)", o->percent);
            }
            else throw InputError("give the deposit's --amount or --percent");
            const auto i = issue_deposit(*till, sign_in(*till, *actor), o->order, ask, InvoiceDates{o->date, o->due});
            if (common->json) print_json(invoice_json(i));
            else print_invoice(i);
        });
    }
    {
        auto actor = std::make_shared<ActorOptions>();
        auto o = std::make_shared<InvoiceOptions>();
        auto* cmd = with_db(group->add_subcommand("credit", tr("a credit note giving an invoice back whole (manager)")), *common);
        add_actor_options(cmd, *actor);
        cmd->add_option("--invoice", o->invoice, tr("the invoice's number, e.g. F-2026-0001"))->required();
        add_dates(cmd, *o);
        cmd->add_flag("--json", common->json, tr("machine-readable output"));
        cmd->callback([=] {
            auto till = Till::open(common->db);
            const auto i = issue_credit_note(*till, sign_in(*till, *actor), o->invoice, std::nullopt, InvoiceDates{o->date, o->due});
            const InvoiceStatus corrected = invoice_status(*till, o->invoice);
            if (common->json) {
                ordered_json j = invoice_json(i);
                j["to_refund"] = corrected.to_refund.value();
                print_json(j);
                return;
            }
            print_invoice(i);
            if (corrected.to_refund > Money{})  // money received on what is now given back: the customer is owed it
                std::cout << tr("{0} was already received on {1}: pay it back to the customer (transfer or cheque).",
                                eur(corrected.to_refund.value()), o->invoice)
                          << "\n";
        });
    }
    {
        auto actor = std::make_shared<ActorOptions>();
        auto o = std::make_shared<InvoiceOptions>();
        auto* cmd = with_db(group->add_subcommand("pay", tr("money received against an invoice: transfer or cheque (manager)")), *common);
        add_actor_options(cmd, *actor);
        cmd->add_option("--invoice", o->invoice, tr("the invoice's number, e.g. F-2026-0001"))->required();
        cmd->add_option("--amount", o->amount, tr("amount received, e.g. 1308,82"))->required();
        cmd->add_option("--method", o->method, tr("transfer (default) or cheque"));
        cmd->add_option("--date", o->date, tr("day received, YYYY-MM-DD (default: today)"));
        cmd->add_option("--reference", o->reference, tr("the transfer's reference or the cheque's number"));
        cmd->add_flag("--json", common->json, tr("machine-readable output"));
        cmd->callback([=] {
            auto till = Till::open(common->db);
            // The French words are taken too: the help says "transfer (virement)".
            const bool cheque = o->method == "cheque" || o->method == "chèque";
            if (!cheque && o->method != "transfer" && o->method != "virement")
                throw InputError("--method: \"{0}\" is neither transfer nor cheque", o->method);
            PaymentRequest r{o->invoice, Money::parse(o->amount), cheque ? PaymentMethod::cheque : PaymentMethod::transfer,
                             o->date, o->reference};
            const auto p = record_invoice_payment(*till, sign_in(*till, *actor), r);
            const auto s = invoice_status(*till, p.invoice);
            if (common->json)
                print_json({{"invoice", p.invoice}, {"seq", p.seq}, {"amount", p.amount}, {"method", p.method}, {"date", p.day},
                            {"remaining", s.remaining.value()}});
            else
                std::cout << tr("Payment of {0} recorded on {1}; left to pay: {2}.", eur(p.amount), p.invoice, eur(s.remaining.value()))
                          << "\n";
        });
    }
    {
        auto o = std::make_shared<InvoiceOptions>();
        auto* cmd = with_db(group->add_subcommand("facturx", tr("an invoice's Factur-X (EN 16931): a PDF/A-3 carrying its CII XML")),
                            *common);
        cmd->add_option("--invoice", o->invoice, tr("the invoice's number, e.g. F-2026-0001"))->required();
        cmd->add_flag("--xml-only", o->xml_only, tr("write the CII XML (factur-x.xml) alone"));
        cmd->add_option("--output", o->output, tr("file to write"))->required();
        cmd->callback([=] {
            auto till = Till::open(common->db);
            if (o->xml_only) {
                write_out(o->output, invoice_cii_xml(*till, o->invoice), *till);
                std::cout << tr("Factur-X XML of {0} written to {1}.", o->invoice, o->output) << "\n";
            } else {
                write_out(o->output, invoice_facturx_of(*till, o->invoice), *till);
                std::cout << tr("Factur-X PDF of {0} written to {1}.", o->invoice, o->output) << "\n";
            }
        });
    }
    {
        auto o = std::make_shared<InvoiceOptions>();
        auto* cmd = with_db(group->add_subcommand("pdf", tr("an invoice, deposit invoice or credit note as a PDF")), *common);
        cmd->add_option("--invoice", o->invoice, tr("the invoice's number, e.g. F-2026-0001"))->required();
        cmd->add_option("--output", o->output, tr("file to write"))->required();
        cmd->callback([=] {
            auto till = Till::open(common->db);
            write_out(o->output, invoice_pdf_of(*till, o->invoice), *till);
            std::cout << tr("PDF of {0} written to {1}.", o->invoice, o->output) << "\n";
        });
    }
    {
        auto o = std::make_shared<InvoiceOptions>();
        auto* cmd = with_db(group->add_subcommand("show", tr("an invoice's totals and what is left to pay")), *common);
        cmd->add_option("--invoice", o->invoice, tr("the invoice's number, e.g. F-2026-0001"))->required();
        cmd->add_flag("--json", common->json, tr("machine-readable output"));
        cmd->callback([=] {
            auto till = Till::open(common->db);
            const auto s = invoice_status(*till, o->invoice);
            if (common->json) {
                print_json(status_json(s));
                return;
            }
            print_invoice(s.invoice);
            std::cout << "  " << tr("Paid {0}, credited {1}, left to pay {2}.", eur(s.paid.value()), eur(s.credited.value()),
                                    eur(s.remaining.value()))
                      << "\n";
        });
    }
}

void register_invoices(CLI::App& app) {
    auto common = std::make_shared<Common>();
    auto o = std::make_shared<InvoiceOptions>();
    auto* cmd = with_db(app.add_subcommand("invoices", tr("the invoices and what is left to pay on them, the overdue ones marked")), *common);
    cmd->add_flag("--unpaid", o->unpaid, tr("only the invoices with something left to pay"));
    cmd->add_flag("--json", common->json, tr("machine-readable output, amounts in cents"));
    cmd->callback([=] {
        auto till = Till::open(common->db);
        const auto list = o->unpaid ? unpaid_invoices(*till) : all_invoices(*till);
        if (common->json) {
            ordered_json a = ordered_json::array();
            for (const auto& s : list) a.push_back(status_json(s));
            print_json(a);
            return;
        }
        if (!list.empty())
            std::cout << fmt::format("{:<11}  {:<11} {:<10}  {:<24} {:>12} {:>12}\n", tr("Number"), tr("Kind"), tr("Due date"),
                                     tr("Customer"), tr("Amount"), tr("Left to pay"));
        for (const auto& s : list)
            std::cout << fmt::format("{}  {:<11} {}  {:<24} {:>12} {:>12}  {}\n", s.invoice.number, tr(kind_label(s.invoice.kind)),
                                     s.invoice.due_date, s.customer,
                                     eur(s.due.value()), eur(s.remaining.value()),
                                     s.overdue ? tr("overdue by {0} days", s.days_late) : std::string());
        if (list.empty()) std::cout << (o->unpaid ? tr("Nothing left to pay.") : tr("No invoice yet.")) << "\n";
    });
}

}  // namespace

void register_catering_commands(CLI::App& app) {
    register_customer(app);
    register_quote(app);
    register_invoice(app);
    register_invoices(app);
}

}  // namespace caisse::cli
