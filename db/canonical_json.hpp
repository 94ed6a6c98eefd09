#pragma once
// Canonical JSON (docs/ledger-format.md): UTF-8, object keys sorted by bytes, no whitespace,
// integers only, minimal string escapes. The same value always gives the same bytes.
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace caisse::db {

// Serialises j canonically; throws std::invalid_argument on floats or invalid UTF-8.
std::string canonical_json(const nlohmann::json& j);

// True when text parses as JSON and re-serialises canonically to exactly the same bytes.
bool is_canonical_json(std::string_view text);

// Appends a JSON string literal with the canonical escapes.
void append_json_string(std::string& out, std::string_view s);

// A fast writer for the hot record kinds; the caller writes keys in sorted order.
class JsonWriter {
public:
    explicit JsonWriter(std::string& out) : out_(out) {}
    JsonWriter& open() { sep(); out_ += '{'; first_ = true; return *this; }
    JsonWriter& close() { out_ += '}'; first_ = false; return *this; }
    JsonWriter& open_array(std::string_view key) { this->key(key); out_ += '['; first_ = true; return *this; }
    JsonWriter& close_array() { out_ += ']'; first_ = false; return *this; }
    JsonWriter& field(std::string_view k, std::int64_t v) { key(k); append_int(v); return *this; }
    JsonWriter& field(std::string_view k, std::string_view v) { key(k); append_json_string(out_, v); return *this; }

private:
    void sep() { if (!first_) out_ += ','; first_ = false; }
    void key(std::string_view k) { sep(); append_json_string(out_, k); out_ += ':'; }
    void append_int(std::int64_t v);
    std::string& out_;
    bool first_ = true;
};

}  // namespace caisse::db
