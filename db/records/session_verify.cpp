// The session rules (docs/ledger-format.md, "How to verify", rule 10): gap-free session ids, the
// float equal to its count, cash moves inside their session. Sales are checked against the same
// spans as they are scanned (records/sale_verify).
#include <nlohmann/json.hpp>

#include "db/journal.hpp"
#include "db/records/record_verify.hpp"

namespace caisse::db {

SessionSpans session_spans(Database& db) {
    SessionSpans out;
    for (auto st = db.prepare("SELECT terminal, id, seq FROM sessions"); st.step();) out[st.str(0)][st.i64(1)].opened = st.i64(2);
    for (auto st = db.prepare("SELECT terminal, session_id, seq FROM day_closures"); st.step();) {
        auto& s = out[st.str(0)][st.i64(1)];
        if (s.opened == 0) s.opened = INT64_MAX;  // closed but never opened: nothing falls inside
        s.closed = st.i64(2);
    }
    return out;
}

void check_sessions(const std::vector<OtherRecord>& others, const SessionSpans& spans, Problems& problems) {
    std::map<std::string, std::int64_t> last_id;
    for (const auto& r : others) {  // in (terminal, seq) order
        if (r.kind != kind::session_open && r.kind != kind::cash_move) continue;
        try {
            const auto p = nlohmann::json::parse(r.payload);
            if (r.kind == kind::session_open) {
                const auto id = p.at("id").get<std::int64_t>();
                auto& last = last_id[r.terminal];
                if (id != last + 1) problems.add(r.terminal, r.seq, Message{"session ids jump from {0} to {1}", {last, id}});
                last = id;
                if (p.contains("count")) {
                    __int128 value = 0;
                    for (const auto& c : p.at("count")) value += static_cast<__int128>(c.at("cents").get<std::int64_t>()) * c.at("pieces").get<std::int64_t>();
                    if (value != p.at("float").get<std::int64_t>())
                        problems.add(r.terminal, r.seq, "session float differs from the value of its count");
                }
                continue;
            }
            const auto session = p.at("session").get<std::int64_t>();
            const auto own = spans.find(r.terminal);
            const SessionSpan* s = nullptr;
            if (own != spans.end())
                if (auto it = own->second.find(session); it != own->second.end()) s = &it->second;
            if (!s || s->opened > r.seq || s->closed < r.seq)
                problems.add(r.terminal, r.seq, Message{"cash move names session {0}, which is not open at this point of the chain", {session}});
        } catch (const std::exception&) {
            problems.add(r.terminal, r.seq, Message{"{0} payload is malformed", {r.kind}});
        }
    }
}

}  // namespace caisse::db
