// receipt.duplicate: the "DUPLICATA n°" printed is gap-free and names a ticket that exists.
#include <nlohmann/json.hpp>

#include "db/journal.hpp"
#include "db/records/record_verify.hpp"

namespace caisse::db {

void check_duplicates(Database& db, const std::vector<OtherRecord>& others, Problems& problems) {
    std::map<std::string, std::int64_t> last_number;
    auto ticket = db.prepare("SELECT 1 FROM sales WHERE terminal = ?1 AND ticket = ?2 AND seq < ?3");
    for (const auto& r : others) {  // in (terminal, seq) order
        if (r.kind != kind::duplicate) continue;
        std::int64_t number = 0, t = 0;
        try {
            const auto p = nlohmann::json::parse(r.payload);
            number = p.at("number").get<std::int64_t>();
            t = p.at("ticket").get<std::int64_t>();
        } catch (const std::exception&) {
            problems.add(r.terminal, r.seq, "receipt.duplicate payload is malformed");
            continue;
        }
        auto& last = last_number[r.terminal];
        if (number != last + 1) problems.add(r.terminal, r.seq, Message{"duplicate numbers jump from {0} to {1}", {last, number}});
        last = number;
        ticket.bind(1, r.terminal).bind(2, t).bind(3, r.seq);
        if (!ticket.step()) problems.add(r.terminal, r.seq, Message{"duplicate of ticket {0}, which was not recorded before it", {t}});
        ticket.reset();
    }
}

}  // namespace caisse::db
