#include "db/records/duplicate.hpp"

#include "db/ledger.hpp"

#include <nlohmann/json.hpp>

#include "db/canonical_json.hpp"

namespace caisse::db {

using nlohmann::json;

std::int64_t record_duplicate(Ledger& ledger, std::int64_t ticket, const std::string& at) {
    auto q = ledger.db().prepare("SELECT COALESCE(MAX(number), 0) + 1 FROM duplicates WHERE terminal = ?1");
    q.bind(1, ledger.terminal());
    q.step();
    const std::int64_t number = q.i64(0);
    auto a = ledger.append(kind::duplicate, canonical_json(json{{"number", number}, {"ticket", ticket}}), at);
    auto st = ledger.db().prepare("INSERT INTO duplicates(terminal, seq, number, ticket) VALUES (?1, ?2, ?3, ?4)");
    st.bind(1, a.terminal).bind(2, a.seq).bind(3, number).bind(4, ticket).run();
    return number;
}


std::vector<ProjectedKind> duplicate_projected_kinds() {
    return {{kind::duplicate, "SELECT terminal, seq, number, ticket FROM duplicates",
             [](Database&, Statement& s) { return json{{"number", s.i64(2)}, {"ticket", s.i64(3)}}; }}};
}

}  // namespace caisse::db
