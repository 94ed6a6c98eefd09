#include "db/canonical_json.hpp"

#include <charconv>
#include <stdexcept>

#include "app/core/text.hpp"

namespace caisse::db {

namespace {
void check_value(const nlohmann::json& j) {
    switch (j.type()) {
        case nlohmann::json::value_t::number_float:
            throw std::invalid_argument("canonical JSON allows integers only");
        case nlohmann::json::value_t::string: {
            const auto& s = j.get_ref<const std::string&>();
            if (!valid_utf8_text(s)) throw std::invalid_argument("canonical JSON strings must be UTF-8 text");
            break;
        }
        case nlohmann::json::value_t::object:
            for (const auto& [k, v] : j.items()) {
                if (!valid_utf8_text(k)) throw std::invalid_argument("canonical JSON keys must be UTF-8 text");
                check_value(v);
            }
            break;
        case nlohmann::json::value_t::array:
            for (const auto& v : j) check_value(v);
            break;
        default:
            break;
    }
}
}  // namespace

std::string canonical_json(const nlohmann::json& j) {
    check_value(j);
    // nlohmann's object is a std::map: keys come out sorted by bytes; dump(-1) has no whitespace.
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
}

namespace {
// Ledger payloads nest two or three levels; a forged one nested a million deep must not exhaust the
// stack of the (recursive) checks below, so it is refused before it is parsed.
bool nesting_within(std::string_view text, int limit) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit) return false;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return true;
}
}  // namespace

bool is_canonical_json(std::string_view text) {
    if (!nesting_within(text, 32)) return false;
    try {
        auto j = nlohmann::json::parse(text);
        return canonical_json(j) == text;
    } catch (const std::exception&) {
        return false;
    }
}

void append_json_string(std::string& out, std::string_view s) {
    out += '"';
    // Fast path: most labels need no escape at all.
    std::size_t plain = 0;
    while (plain < s.size() && s[plain] != '"' && s[plain] != '\\' && static_cast<unsigned char>(s[plain]) >= 0x20) ++plain;
    out.append(s.data(), plain);
    for (char c : s.substr(plain)) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    static const char* hex = "0123456789abcdef";
                    out += "\\u00";
                    out += hex[(c >> 4) & 15];
                    out += hex[c & 15];
                } else {
                    out += c;
                }
        }
    }
    out += '"';
}

void JsonWriter::append_int(std::int64_t v) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, r.ptr);
}

}  // namespace caisse::db
