// The small kinds rebuilt as JSON from each projection row, compared with the record it came from.
#include <optional>
#include <set>

#include "db/canonical_json.hpp"
#include "db/records/projected_kind.hpp"
#include "db/records/record_verify.hpp"

namespace caisse::db {

void check_projected_kinds(Database& db, const std::vector<OtherRecord>& others, Problems& problems) {
    check_projected_list(db, others, problems, projected_kinds());
}

void check_projected_list(Database& db, const std::vector<OtherRecord>& others, Problems& problems,
                          const std::vector<ProjectedKind>& kinds) {
    std::map<std::pair<std::string, std::int64_t>, const OtherRecord*> by_key;
    for (const auto& r : others) by_key[{r.terminal, r.seq}] = &r;
    std::map<std::string_view, std::set<std::pair<std::string, std::int64_t>>> seen;  // per kind, over all its tables
    for (const auto& t : kinds) {
        auto& kind_seen = seen[t.kind];
        if (!t.needs_table.empty()) {
            auto exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
            exists.bind(1, t.needs_table);
            if (!exists.step()) continue;
        }
        std::optional<Statement> prepared;
        try {
            prepared.emplace(db.prepare(t.sql));
        } catch (const SqliteError&) {
            // A ledger of an older schema read as it is (no members tables before schema 8): its
            // records of the kind, if any, are reported below as lacking their rows; the schema check
            // reports a table missing from a current schema.
            continue;
        }
        auto& rows = *prepared;
        while (rows.step()) {
            const std::string terminal = rows.str(0);
            const std::int64_t seq = rows.i64(1);
            if (!kind_seen.emplace(terminal, seq).second) {
                problems.add(terminal, seq, Message{"the {0} record has more than one projection row", {t.kind}});
                continue;
            }
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
    }
    for (const auto& [kind, kind_seen] : seen)
        for (const auto& r : others)
            if (r.kind == kind && !kind_seen.count({r.terminal, r.seq}))
                problems.add(r.terminal, r.seq, Message{"{0} record has no projection row", {kind}});
}

}  // namespace caisse::db
