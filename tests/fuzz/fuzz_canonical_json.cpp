// Payloads read back from a ledger file are untrusted: the canonical check must never crash, and
// anything it accepts must be a fixed point of canonical serialisation.
#include <cstdint>
#include <string_view>

#include "db/canonical_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (caisse::db::is_canonical_json(text)) {
        if (caisse::db::canonical_json(nlohmann::json::parse(text)) != text) __builtin_trap();
    }
    return 0;
}
