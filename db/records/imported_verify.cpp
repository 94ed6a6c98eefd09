#include "db/records/imported_verify.hpp"

#include <nlohmann/json.hpp>

#include "db/journal.hpp"
#include "db/records/catalogue.hpp"

namespace caisse::db {

using nlohmann::json;

std::vector<ProjectedKind> imported_projected_kinds() {
    return {
        {kind::entrepreneur, "SELECT terminal, seq, colour, id, name FROM imported_entrepreneurs",
         [](Database&, Statement& s) { return json{{"colour", s.str(2)}, {"id", s.i64(3)}, {"name", s.str(4)}}; },
         "imported_entrepreneurs"},
        {kind::category, "SELECT terminal, seq, id, name FROM imported_categories",
         [](Database&, Statement& s) { return json{{"id", s.i64(2)}, {"name", s.str(3)}}; }, "imported_categories"},
        {kind::user, "SELECT terminal, seq, id, name, role FROM imported_users",
         [](Database&, Statement& s) { return json{{"id", s.i64(2)}, {"name", s.str(3)}, {"role", s.str(4)}}; }, "imported_users"},
        {kind::product,
         "SELECT terminal, seq, active, category_id, entrepreneur_id, name, open_price, picture, price, sku, vat_bp, names "
         "FROM imported_products",
         product_payload_from_row, "imported_products"},
    };
}

void check_imported_sides(Database& db, const std::string& local_terminal, Problems& problems) {
    if (local_terminal.empty()) return;  // reported already
    auto has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'imported_products'");
    const bool imported = has.step();
    for (const char* table : {"entrepreneurs", "categories", "users", "product_versions"}) {
        auto st = db.prepare(std::string("SELECT terminal, seq FROM ") + table + " WHERE terminal <> ?1 ORDER BY terminal, seq LIMIT 1");
        st.bind(1, local_terminal);
        if (st.step())
            problems.add(st.str(0), st.i64(1),
                         Message{"a row of {0} belongs to terminal {1}, not to this till ({2}): another till's catalogue and users "
                                 "go to the imported tables",
                                 {table, st.str(0), local_terminal}});
    }
    if (!imported) return;
    for (const char* table : {"imported_entrepreneurs", "imported_categories", "imported_users", "imported_products"}) {
        auto st = db.prepare(std::string("SELECT seq FROM ") + table + " WHERE terminal = ?1 ORDER BY seq LIMIT 1");
        st.bind(1, local_terminal);
        if (st.step())
            problems.add(local_terminal, st.i64(0),
                         Message{"a row of {0} belongs to this till's own terminal {1}: its catalogue and users go to its own tables",
                                 {table, local_terminal}});
    }
}

}  // namespace caisse::db
