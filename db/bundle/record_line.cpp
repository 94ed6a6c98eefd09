#include "db/bundle/record_line.hpp"

#include "db/canonical_reader.hpp"

namespace caisse::db {

std::optional<JournalRecord> read_record_line(std::string_view line, const std::string& terminal) {
    CanonicalReader in(line);
    JournalRecord r;
    r.terminal = terminal;
    if (!in.lit("{\"at_utc\":") || !in.str(r.at_utc) || !in.lit(",\"hash\":") || !in.hex_string(r.hash.data(), 32) ||
        !in.lit(",\"kind\":") || !in.str(r.kind) || !in.lit(",\"payload\":") || !in.str(r.payload) || !in.lit(",\"prev_hash\":") ||
        !in.hex_string(r.prev_hash.data(), 32) || !in.lit(",\"seq\":") || !in.i64(r.seq) || !in.lit(",\"sig\":"))
        return std::nullopt;
    if (!in.lit("null")) {
        Signature s{};
        if (!in.hex_string(s.data(), s.size())) return std::nullopt;
        r.sig = s;
    }
    if (!in.lit("}") || !in.done()) return std::nullopt;
    return r;
}

}  // namespace caisse::db
