#pragma once
// What the parts of verify share: the problem list every part adds to, and the records the chain
// scan hands to the per-kind checks. Internal to db/ (verify.hpp is the public face).
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "app/core/message.hpp"
#include "db/crypto.hpp"
#include "db/verify.hpp"

namespace caisse::db {

// Thread-safe: the chain workers add to it at once.
class Problems {
public:
    // rank orders problems of the same record: the chain's verdict (0) before the projections' (1).
    void add(const std::string& terminal, std::int64_t seq, Message reason, int rank = 0);
    void add(const std::string& terminal, std::int64_t seq, const char* reason, int rank = 0) {
        add(terminal, seq, Message{reason, {}}, rank);
    }
    // Records first, in chain order; ledger-wide problems (seq 0) after them.
    std::vector<VerifyProblem> sorted();

private:
    struct Ranked {
        VerifyProblem p;
        int rank;
    };
    std::mutex mu_;
    std::vector<Ranked> list_;
};

// A record of a kind other than sale, kept from the chain scan for the per-kind checks.
struct OtherRecord {
    std::string terminal;
    std::int64_t seq;
    std::string kind, payload;
    Hash hash;
};

// One terminal's chain as the scan saw it: first and last record, first and last ticket.
struct Span {
    bool empty = true;
    Hash first_prev{}, last_hash{};
    std::int64_t first_seq = 0, last_seq = 0, first_ticket = 0, last_ticket = 0;
    std::string first_at, last_at;  // at_utc of the first and last record
};

// Where each session of a terminal opens and, once its Z is recorded, closes (seqs; closed is
// INT64_MAX while open), from the sessions and day_closures projections (both checked against their
// records): a sale or cash move must fall inside its session.
struct SessionSpan {
    std::int64_t opened = 0, closed = INT64_MAX;
};
using SessionSpans = std::map<std::string, std::map<std::int64_t, SessionSpan>>;

// Names the first place a projection's rebuilt payload differs from the journal's, both values shown.
Message describe_mismatch(const std::string& projection, const std::string& journal, const std::string& table);

// 32 bytes of a BLOB as a Hash; zeros when the size is wrong (the caller reports that).
Hash to_hash(std::string_view b);

}  // namespace caisse::db
