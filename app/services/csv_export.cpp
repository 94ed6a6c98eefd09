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

// Names of users, entrepreneurs or categories by (terminal, id): this ledger's own table for its own
// terminal, the imported_* table for another till's (docs/bundle-format.md: ids are global to the
// ledger that made them, so entrepreneur 2 of the stall is not entrepreneur 2 here).
class Names {
public:
    Names(db::Database& db, std::string own_terminal, const char* own_table, const char* imported_table)
        : own_terminal_(std::move(own_terminal)) {
        auto own = db.prepare(std::string("SELECT id, name FROM ") + own_table);
        while (own.step()) own_[own.i64(0)] = own.str(1);
        // In seq order: the newest record of an id wins.
        auto imported = db.prepare(std::string("SELECT terminal, id, name FROM ") + imported_table + " ORDER BY terminal, seq");
        while (imported.step()) imported_[{imported.str(0), imported.i64(1)}] = imported.str(2);
    }
    // "#ID" when the id is unknown for that terminal (a bundle cut before its catalogue).
    std::string of(const std::string& terminal, std::int64_t id) const {
        if (terminal == own_terminal_) {
            if (auto it = own_.find(id); it != own_.end()) return it->second;
        } else if (auto it = imported_.find({terminal, id}); it != imported_.end()) {
            return it->second;
        }
        return "#" + std::to_string(id);
    }

private:
    std::string own_terminal_;
    std::map<std::int64_t, std::string> own_;
    std::map<std::pair<std::string, std::int64_t>, std::string> imported_;
};

const char* type_of(const db::ExportTicket& t) { return !t.refund ? "vente" : t.cancel ? "annulation" : "remboursement"; }

}  // namespace

std::string export_tickets_csv(Till& till, const std::string& from, const std::string& to) {
    check_period(from, to);
    auto& db = till.ledger().db();
    const Names users(db, till.ledger().terminal(), "users", "imported_users");
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
        csv.integer(t.session).text(users.of(t.terminal, t.user)).money(t.total).money(ht).money(vat).money(t.discount);
        for (const char* m : kMethods) csv.money(paid[m]);
        csv.money(t.change);
        csv.end_row();
    }
    return csv.str();
}

std::string export_lines_csv(Till& till, const std::string& from, const std::string& to) {
    check_period(from, to);
    auto& db = till.ledger().db();
    const Names ents(db, till.ledger().terminal(), "entrepreneurs", "imported_entrepreneurs");
    const Names cats(db, till.ledger().terminal(), "categories", "imported_categories");
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
            csv.text(ents.of(t.terminal, l.l.entrepreneur)).text(member_of(members, t.terminal, l.l.entrepreneur));
            csv.text(cats.of(t.terminal, l.l.category)).rate(VatRate{static_cast<std::int32_t>(l.l.vat_bp)});
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
