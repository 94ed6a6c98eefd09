#include "db/bundle/record_line.hpp"

#include <nlohmann/json.hpp>

#include "db/archive/lines.hpp"
#include "db/canonical_reader.hpp"
#include "db/json_fields.hpp"

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

std::optional<JournalRecord> parse_record_object(const nlohmann::json& j, const std::string& terminal) {
    JournalRecord r;
    r.terminal = terminal;
    if (!j.is_object() || j.size() != 7 || !int_field(j, "seq", r.seq) || !str_field(j, "kind", r.kind) ||
        !str_field(j, "at_utc", r.at_utc) || !str_field(j, "payload", r.payload) || !hex_field(j, "prev_hash", r.prev_hash.data(), 32) ||
        !hex_field(j, "hash", r.hash.data(), 32) || !j.contains("sig"))
        return std::nullopt;
    const nlohmann::json& sig = j["sig"];
    if (!sig.is_null()) {
        Signature s{};
        if (!sig.is_string() || !from_hex(sig.get_ref<const std::string&>(), s.data(), s.size())) return std::nullopt;
        r.sig = s;
    }
    return r;
}

std::optional<JournalRecord> read_any_record_line(std::string_view line, const std::string& terminal) {
    auto r = read_record_line(line, terminal);
    if (!r && line.size() <= kArchiveMaxLine) r = parse_record_object(nlohmann::json::parse(line, nullptr, false), terminal);
    return r;
}

}  // namespace caisse::db
