#pragma once
#include <string_view>

namespace caisse {
// True when s is well-formed UTF-8 (no overlongs, no surrogates) with no control characters other
// than tab, CR and LF. Everything from outside passes through this before it reaches the ledger.
bool valid_utf8_text(std::string_view s);
}  // namespace caisse
