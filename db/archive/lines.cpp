#include "db/archive/lines.hpp"

#include "db/canonical_json.hpp"

namespace caisse::db {

void append_hex(std::string& out, std::string_view bytes) {
    static const char* hex = "0123456789abcdef";
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        out += hex[c >> 4];
        out += hex[c & 15];
    }
}

void append_record_line(std::string& out, std::int64_t seq, std::string_view kind, std::string_view at_utc,
                        std::string_view payload, std::string_view prev_hash, std::string_view hash,
                        std::optional<std::string_view> sig) {
    out += "{\"at_utc\":";
    append_json_string(out, at_utc);
    out += ",\"hash\":\"";
    append_hex(out, hash);
    out += "\",\"kind\":";
    append_json_string(out, kind);
    out += ",\"payload\":";
    append_json_string(out, payload);
    out += ",\"prev_hash\":\"";
    append_hex(out, prev_hash);
    out += "\",\"seq\":";
    out += std::to_string(seq);
    out += ",\"sig\":";
    if (sig) {
        out += '"';
        append_hex(out, *sig);
        out += '"';
    } else {
        out += "null";
    }
    out += "}\n";
}

}  // namespace caisse::db
