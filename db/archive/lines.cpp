#include "db/archive/lines.hpp"

#include "db/canonical_json.hpp"

namespace caisse::db {

namespace {
// The canonical JSON string of s (the escapes of canonical_json's append_json_string), copying the
// runs between escapes at once: a payload has a quote every few bytes, so byte-by-byte appends
// after the first escape would be the export's main cost.
void append_string_runs(std::string& out, std::string_view s) {
    static const char* hex = "0123456789abcdef";
    out += '"';
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                out += "\\u00";
                out += hex[(c >> 4) & 15];
                out += hex[c & 15];
        }
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}
}  // namespace

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
    append_string_runs(out, payload);
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
