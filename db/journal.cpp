#include "db/journal.hpp"

namespace caisse::db {

namespace {
void put_u32(Sha256& sha, std::size_t n) {
    const std::uint8_t b[4] = {static_cast<std::uint8_t>(n >> 24), static_cast<std::uint8_t>(n >> 16),
                               static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n)};
    sha.update(b, 4);
}
void put_str(Sha256& sha, std::string_view s) {
    put_u32(sha, s.size());
    sha.update(s);
}
}  // namespace

Hash record_hash(Sha256& sha, const std::uint8_t* prev_hash, std::string_view terminal, std::int64_t seq,
                 std::string_view kind, std::string_view at_utc, std::string_view payload) {
    sha.begin();
    sha.update(prev_hash, 32);
    put_str(sha, terminal);
    std::uint8_t s[8];
    for (int i = 0; i < 8; ++i) s[i] = static_cast<std::uint8_t>(static_cast<std::uint64_t>(seq) >> (56 - 8 * i));
    sha.update(s, 8);
    put_str(sha, kind);
    put_str(sha, at_utc);
    put_str(sha, payload);
    return sha.finish();
}

Hash record_hash(const JournalRecord& r) {
    Sha256 sha;
    return record_hash(sha, r.prev_hash.data(), r.terminal, r.seq, r.kind, r.at_utc, r.payload);
}

bool is_signed_kind(std::string_view k) { return k == kind::genesis; }

}  // namespace caisse::db
