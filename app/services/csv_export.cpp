#include "app/services/csv_export.hpp"

#include <map>

#include "app/core/csv.hpp"
#include "app/core/vat.hpp"
#include "app/services/members.hpp"
#include "db/records/event.hpp"
#include "db/records/export_reads.hpp"

namespace caisse {

namespace {

constexpr const char* kMethods[] = {"cash", "card", "cheque", "voucher", "transfer"};

void check_period(const std::string& from, const std::string& to) {
    check_date(from);
    check_date(to);
    if (to < from) throw InputError("the period ends ({0}) before it starts ({1})", to, from);
}

// (terminal, id) -> name of the users, entrepreneurs or categories table.
std::map<std::pair<std::string, std::int64_t>, std::string> names_of(db::Database& db, const char* table) {
    auto st = db.prepare(std::string("SELECT terminal, id, name FROM ") + table);
    std::map<std::pair<std::string, std::int64_t>, std::string> out;
    while (st.step()) out[{st.str(0), st.i64(1)}] = st.str(2);
    return out;
}

std::string name_in(const std::map<std::pair<std::string, std::int64_t>, std::string>& names, const std::string& terminal,
                    std::int64_t id) {
    // Ids of users, entrepreneurs and categories are global to a ledger: look up by id when the
    // terminal that recorded it is another (the demo's rows, a ledger's own terminal).
    if (auto it = names.find({terminal, id}); it != names.end()) return it->second;
    for (const auto& [k, v] : names)
        if (k.second == id) return v;
    return "#" + std::to_string(id);
}

const char* type_of(const db::ExportTicket& t) { return !t.refund ? "vente" : t.cancel ? "annulation" : "remboursement"; }

}  // namespace

std::string export_tickets_csv(Till& till, const std::string& from, const std::string& to) {
    check_period(from, to);
    auto& db = till.ledger().db();
    const auto users = names_of(db, "users");
    FrenchCsv csv;
    for (const char* h : {"Caisse", "Numéro", "Type", "Ticket d'origine", "Jour", "Heure (UTC)", "Session", "Vendeur",
                          "Total TTC", "Total HT", "TVA", "Remise", "Espèces", "Carte", "Chèque", "Titre-restaurant",
                          "Virement", "Rendu"})
        csv.text(h);
    csv.end_row();
    for (const auto& t : db::tickets_between(db, from, to)) {
        std::int64_t ht = 0, vat = 0;
        for (const auto& v : t.vat) {
            ht += v.ht;
            vat += v.vat;
        }
        std::map<std::string, std::int64_t> paid;
        for (const auto& p : t.payments) paid[p.method] += p.amount;
        paid["cash"] -= t.change;  // what stayed in the till
        csv.text(t.terminal).integer(t.number).text(type_of(t)).integer(t.ticket).text(t.day).text(t.at_utc.substr(11, 8));
        csv.integer(t.session).text(name_in(users, t.terminal, t.user)).money(t.total).money(ht).money(vat).money(t.discount);
        for (const char* m : kMethods) csv.money(paid[m]);
        csv.money(t.change);
        csv.end_row();
    }
    return csv.str();
}

std::string export_lines_csv(Till& till, const std::string& from, const std::string& to) {
    check_period(from, to);
    auto& db = till.ledger().db();
    const auto ents = names_of(db, "entrepreneurs"), cats = names_of(db, "categories");
    const MemberMap members = member_map(db);
    FrenchCsv csv;
    for (const char* h : {"Caisse", "Numéro", "Type", "Jour", "Ligne", "Article", "Produit", "Entrepreneur", "Membre",
                          "Catégorie", "TVA %", "Quantité", "Prix unitaire TTC", "Remise ligne", "Part de la remise du ticket",
                          "Total TTC"})
        csv.text(h);
    csv.end_row();
    for (const auto& t : db::tickets_between(db, from, to))
        for (const auto& l : t.lines) {
            csv.text(t.terminal).integer(t.number).text(type_of(t)).text(t.day).integer(l.line).text(l.l.sku).text(l.l.name);
            csv.text(name_in(ents, t.terminal, l.l.entrepreneur)).text(member_of(members, t.terminal, l.l.entrepreneur));
            csv.text(name_in(cats, t.terminal, l.l.category)).rate(VatRate{static_cast<std::int32_t>(l.l.vat_bp)});
            csv.integer(l.l.quantity).money(l.l.unit_price).money(l.l.line_discount).money(l.l.discount_share).money(l.l.total);
            csv.end_row();
        }
    return csv.str();
}

std::string export_catalogue_french_csv(Till& till) {
    FrenchCsv csv;
    for (const char* h : {"Article", "Produit", "Prix TTC", "TVA %", "Entrepreneur", "Catégorie", "Prix libre", "Actif", "Image"})
        csv.text(h);
    csv.end_row();
    for (const auto& r : till.catalogue_rows()) {
        csv.text(r.sku).text(r.name).money(r.price).rate(r.vat).text(r.entrepreneur).text(r.category);
        csv.text(r.open_price ? "oui" : "non").text(r.active ? "oui" : "non").text(r.picture);
        csv.end_row();
    }
    return csv.str();
}

void journal_export(Till& till, const std::string& what) {
    if (till.ledger().read_only()) return;
    try {
        till.journal(db::event_code::export_, std::nullopt, "export", what);
    } catch (const InputError&) {
        // No key (an auditor's copy): nothing can be recorded here, the export still works.
    }
}

}  // namespace caisse
