#pragma once
// Each entrepreneur's own header on receipts (issue 12 item 12): a brand name line and an optional
// short line, printed above that entrepreneur's lines (receipt.hpp). Kept like business.brand, as
// till settings (receipt.brand.<id>, receipt.brand_line.<id>), each change journaled in the chain
// as a `settings` event carrying the new text (docs/architecture.md, "Decisions").
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "app/services/receipt.hpp"  // ReceiptBrand
#include "app/services/till.hpp"

namespace caisse {

// A brand header is one line of a 58 mm receipt printed double size (16 characters) at most twice;
// the short line one line of an 80 mm receipt.
inline constexpr std::size_t kMaxBrandHeaderChars = 32;
inline constexpr std::size_t kMaxBrandLineChars = 48;

// Sets (or, with an empty header, removes) the receipt header of the entrepreneur named
// `entrepreneur` (names compared as everywhere: case, width and spaces folded). Manager role (or a
// manager's approval). The texts pass check_display_text: one line, valid UTF-8, no control or
// invisible formatting character, no space at either end, at most the lengths above. Throws
// InputError (unknown entrepreneur, bad text, role) before anything is stored; otherwise stores
// both keys and journals the change in one commit. Returns the entrepreneur's id.
std::int64_t set_entrepreneur_brand(Till& till, const Actor& by, const std::string& entrepreneur, const std::string& header,
                                    const std::string& line);

// Every entrepreneur's brand, by entrepreneur id; entrepreneurs without one are absent.
std::map<std::int64_t, ReceiptBrand> entrepreneur_brands(Till& till);

}  // namespace caisse
