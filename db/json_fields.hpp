#pragma once
// Typed fields of a parsed JSON object, for the readers of untrusted files (archives, bundles): each
// returns false, leaving `out` as it was, when the key is missing or holds another type.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "db/crypto.hpp"

namespace caisse::db {

// A string of exactly 2*n hex digits, decoded into out[0..n).
inline bool hex_field(const nlohmann::json& j, const char* key, std::uint8_t* out, std::size_t n) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() && from_hex(it->get_ref<const std::string&>(), out, n);
}

inline bool int_field(const nlohmann::json& j, const char* key, std::int64_t& v) {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_number_integer()) return false;
    v = it->get<std::int64_t>();
    return true;
}

inline bool str_field(const nlohmann::json& j, const char* key, std::string& v) {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return false;
    v = it->get<std::string>();
    return true;
}

}  // namespace caisse::db
