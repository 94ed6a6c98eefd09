#include "db/journal.hpp"

namespace caisse::db {

Hash record_hash(Sha256& sha, const std::uint8_t* prev_hash, std::string_view terminal, std::int64_t seq,
                 std::string_view kind, std::string_view at_utc, std::string_view payload) {
    sha.begin();
    write_framing(sha, prev_hash, terminal, seq, kind, at_utc, payload);
    return sha.finish();
}

Hash record_hash(const JournalRecord& r) {
    Sha256 sha;
    return record_hash(sha, r.prev_hash.data(), r.terminal, r.seq, r.kind, r.at_utc, r.payload);
}

bool is_signed_kind(std::string_view k) {
    return k == kind::genesis || k == kind::closure_day || k == kind::closure_month || k == kind::closure_year;
}

}  // namespace caisse::db
