// The small kinds rebuilt as JSON from each projection row, compared with the record it came from.
#include <set>

#include "db/canonical_json.hpp"
#include "db/records/projected_kind.hpp"
#include "db/records/record_verify.hpp"

namespace caisse::db {

void check_projected_kinds(Database& db, const std::vector<OtherRecord>& others, Problems& problems) {
    std::map<std::pair<std::string, std::int64_t>, const OtherRecord*> by_key;
    for (const auto& r : others) by_key[{r.terminal, r.seq}] = &r;
    for (const auto& t : projected_kinds()) {
        std::set<std::pair<std::string, std::int64_t>> seen;
        auto rows = db.prepare(t.sql);
        while (rows.step()) {
            const std::string terminal = rows.str(0);
            const std::int64_t seq = rows.i64(1);
            seen.emplace(terminal, seq);
            auto it = by_key.find({terminal, seq});
            if (it == by_key.end() || it->second->kind != t.kind) {
                problems.add(terminal, seq, Message{"projection row points at seq {0}, which is not a {1} record", {seq, t.kind}});
                continue;
            }
            try {
                const std::string rebuilt = canonical_json(t.payload(db, rows));
                if (rebuilt != it->second->payload)
                    problems.add(terminal, seq, describe_mismatch(rebuilt, it->second->payload, std::string(t.kind)));
            } catch (const std::exception&) {
                // Bytes that are not UTF-8 text, or values of the wrong type: a problem, never a crash.
                problems.add(terminal, seq, Message{"projection row of the {0} record holds values that are not valid text or numbers", {t.kind}});
            }
        }
        for (const auto& r : others)
            if (r.kind == t.kind && !seen.count({r.terminal, r.seq}))
                problems.add(r.terminal, r.seq, Message{"{0} record has no projection row", {t.kind}});
    }
}

}  // namespace caisse::db
