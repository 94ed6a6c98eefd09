// Projection rows of an imported record, from its payload: one branch per record kind. The columns
// are those each kind's writer fills (docs/ledger-format.md, "Projections"); verify rebuilds every
// payload from these rows, so a branch that drifted from its writer is caught by the tests.
#include "db/records/replay.hpp"

#include <nlohmann/json.hpp>

#include "app/core/money.hpp"  // InputError
#include "db/canonical_json.hpp"
#include "db/ledger.hpp"
#include "db/records/catalogue.hpp"
#include "db/records/catering.hpp"
#include "db/records/refund.hpp"
#include "db/records/sale_reader.hpp"

namespace caisse::db {

namespace {

using nlohmann::json;

std::int64_t num(const json& p, const char* key) { return p.at(key).get<std::int64_t>(); }
std::string text(const json& p, const char* key) { return p.at(key).get<std::string>(); }
std::int64_t flag(const json& p, const char* key) { return p.at(key).get<bool>() ? 1 : 0; }

void bind_optional(Statement& st, int i, const json& p, const char* key) {
    const auto it = p.find(key);
    if (it == p.end() || it->is_null()) st.bind_null(i);
    else st.bind(i, it->get<std::int64_t>());
}

void cash_count_rows(Ledger& ledger, const JournalRecord& r, const json& p) {
    const auto it = p.find("count");
    if (it == p.end()) return;
    auto& st = ledger.cached("INSERT INTO cash_counts(terminal, seq, cents, pieces) VALUES (?1, ?2, ?3, ?4)");
    for (const auto& c : *it) st.bind(1, r.terminal).bind(2, r.seq).bind(3, num(c, "cents")).bind(4, num(c, "pieces")).run();
}

void replay_json_kind(Ledger& ledger, const JournalRecord& r, const json& p) {
    const std::string& k = r.kind;
    if (k == kind::genesis) {
        PublicKey key{};
        if (!from_hex(text(p, "public_key"), key.data(), key.size()))
            throw InputError("terminal {0} seq {1}: the genesis record's public key is not 64 hex digits", r.terminal, r.seq);
        auto& st = ledger.cached("INSERT INTO terminals(terminal, public_key, seq) VALUES (?1, ?2, ?3)");
        st.bind(1, r.terminal).bind_blob(2, key.data(), key.size()).bind(3, r.seq).run();
    } else if (k == kind::entrepreneur) {
        auto& st = ledger.cached("INSERT INTO imported_entrepreneurs(terminal, seq, id, name, colour) VALUES (?1, ?2, ?3, ?4, ?5)");
        st.bind(1, r.terminal).bind(2, r.seq).bind(3, num(p, "id")).bind(4, text(p, "name")).bind(5, text(p, "colour")).run();
    } else if (k == kind::category) {
        auto& st = ledger.cached("INSERT INTO imported_categories(terminal, seq, id, name) VALUES (?1, ?2, ?3, ?4)");
        st.bind(1, r.terminal).bind(2, r.seq).bind(3, num(p, "id")).bind(4, text(p, "name")).run();
    } else if (k == kind::user) {
        auto& st = ledger.cached("INSERT INTO imported_users(terminal, seq, id, name, role) VALUES (?1, ?2, ?3, ?4, ?5)");
        st.bind(1, r.terminal).bind(2, r.seq).bind(3, num(p, "id")).bind(4, text(p, "name")).bind(5, text(p, "role")).run();
    } else if (k == kind::user_role) {
        auto& st = ledger.cached("INSERT INTO user_roles(terminal, seq, user_id, role, by_id) VALUES (?1, ?2, ?3, ?4, ?5)");
        st.bind(1, r.terminal).bind(2, r.seq).bind(3, num(p, "id")).bind(4, text(p, "role")).bind(5, num(p, "by")).run();
    } else if (k == kind::product) {
        auto& st = ledger.cached(
            "INSERT INTO imported_products(terminal, seq, sku, name, price, vat_bp, entrepreneur_id, category_id, picture, "
            "open_price, active, names) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
        st.bind(1, r.terminal).bind(2, r.seq).bind(3, text(p, "sku")).bind(4, text(p, "name")).bind(5, num(p, "price"));
        st.bind(6, num(p, "vat")).bind(7, num(p, "entrepreneur")).bind(8, num(p, "category")).bind(9, text(p, "picture"));
        st.bind(10, flag(p, "open_price")).bind(11, flag(p, "active")).bind(12, names_column(p)).run();  // names: schema 12
    } else if (k == kind::session_open) {
        // opened_by is a user of that till (imported_users), not of this one: the import writes with
        // foreign keys off (db/bundle/import.cpp).
        auto& st = ledger.cached("INSERT INTO sessions(terminal, id, seq, opened_by, day, float) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        st.bind(1, r.terminal).bind(2, num(p, "id")).bind(3, r.seq).bind(4, num(p, "opened_by")).bind(5, text(p, "day"));
        st.bind(6, num(p, "float")).run();
        cash_count_rows(ledger, r, p);
    } else if (k == kind::cash_move) {
        auto& st = ledger.cached(
            "INSERT INTO cash_moves(terminal, seq, session_id, user_id, amount, reason, entrepreneur_id) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        st.bind(1, r.terminal).bind(2, r.seq).bind(3, num(p, "session")).bind(4, num(p, "user")).bind(5, num(p, "amount"));
        st.bind(6, text(p, "reason"));
        bind_optional(st, 7, p, "entrepreneur");
        st.run();
    } else if (k == kind::duplicate) {
        auto& st = ledger.cached("INSERT INTO duplicates(terminal, seq, number, ticket) VALUES (?1, ?2, ?3, ?4)");
        st.bind(1, r.terminal).bind(2, r.seq).bind(3, num(p, "number")).bind(4, num(p, "ticket")).run();
    } else if (k == kind::event) {
        auto& st = ledger.cached(
            "INSERT INTO events(terminal, seq, code, user_id, approver_id, action, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        st.bind(1, r.terminal).bind(2, r.seq).bind(3, text(p, "code"));
        bind_optional(st, 4, p, "user");
        bind_optional(st, 5, p, "approver");
        st.bind(6, text(p, "action")).bind(7, text(p, "detail")).run();
    } else if (k == kind::training_sale) {
        auto& st = ledger.cached(
            "INSERT INTO training_sales(terminal, seq, ticket, session_id, user_id, day, discount, total, \"change\", lines, "
            "payments, vat, voucher_excess) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
        st.bind(1, r.terminal).bind(2, r.seq).bind(3, num(p, "ticket")).bind(4, num(p, "session")).bind(5, num(p, "user"));
        st.bind(6, text(p, "day")).bind(7, num(p, "discount")).bind(8, num(p, "total")).bind(9, num(p, "change"));
        st.bind(10, canonical_json(p.at("lines"))).bind(11, canonical_json(p.at("payments"))).bind(12, canonical_json(p.at("vat")));
        st.bind(13, p.contains("voucher_excess") ? num(p, "voucher_excess") : 0);  // schema 11, key absent when 0
        st.run();
    } else if (k == kind::closure_day) {
        auto& st = ledger.cached(
            "INSERT INTO day_closures(terminal, seq, z, session_id, date, total, grand_total, grand_total_abs, over_short) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        st.bind(1, r.terminal).bind(2, r.seq).bind(3, num(p, "z")).bind(4, num(p, "session")).bind(5, text(p, "date"));
        st.bind(6, num(p, "total")).bind(7, num(p, "grand_total")).bind(8, num(p, "grand_total_abs")).bind(9, num(p, "over_short")).run();
        cash_count_rows(ledger, r, p);
    } else if (k == kind::closure_month || k == kind::closure_year) {
        auto& st = ledger.cached(
            "INSERT INTO period_closures(terminal, seq, kind, number, period, first_z, last_z, total) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        st.bind(1, r.terminal).bind(2, r.seq).bind(3, std::string(k == kind::closure_month ? "month" : "year"));
        st.bind(4, num(p, "number")).bind(5, text(p, "period")).bind(6, num(p, "first_z")).bind(7, num(p, "last_z"));
        st.bind(8, num(p, "total")).run();
    } else if (k == kind::member) {
        auto& st = ledger.cached(
            "INSERT INTO members(terminal, seq, id, name, colour, cape_start, cape_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        st.bind(1, r.terminal).bind(2, r.seq).bind(3, text(p, "id")).bind(4, text(p, "name")).bind(5, text(p, "colour"));
        st.bind(6, text(p, "cape_start")).bind(7, text(p, "cape_end")).run();
    } else if (k == kind::member_link) {
        auto& st = ledger.cached("INSERT INTO member_links(terminal, seq, entrepreneur_id, member_id) VALUES (?1, ?2, ?3, ?4)");
        st.bind(1, r.terminal).bind(2, r.seq).bind(3, num(p, "entrepreneur")).bind(4, text(p, "member")).run();
    } else if (k == kind::charge) {
        auto& st = ledger.cached(
            "INSERT INTO charges(terminal, seq, day, ttc, vat, category, supplier, entrepreneur_id, cash_move_seq, user_id) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
        st.bind(1, r.terminal).bind(2, r.seq).bind(3, text(p, "date")).bind(4, num(p, "ttc")).bind(5, num(p, "vat"));
        st.bind(6, text(p, "category")).bind(7, text(p, "supplier"));
        bind_optional(st, 8, p, "entrepreneur");
        bind_optional(st, 9, p, "cash_move");
        st.bind(10, num(p, "user")).run();
    } else if (k == kind::hours) {
        auto& st = ledger.cached(
            "INSERT INTO hours(terminal, seq, day, entrepreneur_id, minutes, user_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        st.bind(1, r.terminal).bind(2, r.seq).bind(3, text(p, "date")).bind(4, num(p, "entrepreneur")).bind(5, num(p, "minutes"));
        st.bind(6, num(p, "user")).run();
    } else if (k == kind::cape_rule) {
        auto& st = ledger.cached(
            "INSERT INTO cape_rules(terminal, seq, split, charge_key, contribution_per_month, contribution_bp, employer_bp, "
            "employee_bp, user_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        st.bind(1, r.terminal).bind(2, r.seq).bind(3, text(p, "split")).bind(4, text(p, "charge_key"));
        st.bind(5, num(p, "contribution_per_month")).bind(6, num(p, "contribution_bp")).bind(7, num(p, "employer_bp"));
        st.bind(8, num(p, "employee_bp")).bind(9, num(p, "user")).run();
    } else {
        throw InputError("terminal {0} seq {1}: records of kind \"{2}\" are unknown to this version of caisse: upgrade caisse "
                         "to import this bundle; nothing was imported",
                         r.terminal, r.seq, r.kind);
    }
}

}  // namespace

void replay_projection(Ledger& ledger, const JournalRecord& r, const SaleRecord* sale) {
    try {
        // The hot kind parsed into its record type and projected by its own writer's code.
        if (r.kind == kind::sale && sale) {
            project_sale(ledger, r.terminal, r.seq, *sale);
        } else if (r.kind == kind::sale) {
            auto read = read_sale_payload_fast(r.payload);
            project_sale(ledger, r.terminal, r.seq, read ? *read : sale_from_payload(r.payload));
        } else if (r.kind == kind::refund) {
            project_refund(ledger, r.terminal, r.seq, refund_from_payload(r.payload));
        } else if (project_catering(ledger.db(), r.terminal, r.seq, r.kind, r.payload)) {
            // customer.add, quote.*, invoice.issue, payment.add: db/records/catering.cpp
        } else {
            replay_json_kind(ledger, r, json::parse(r.payload));
        }
    } catch (const json::exception&) {
        throw InputError("terminal {0} seq {1}: the {2} record's payload lacks a field of its kind or holds one of the wrong "
                         "type; nothing was imported",
                         r.terminal, r.seq, r.kind);
    }
}

}  // namespace caisse::db
