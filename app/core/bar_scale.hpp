#pragma once
// Chart bars from money (issue 11, item 5: the statement's charts on screen and on paper): the
// length of a bar in whole units (pixels, tenths of a point) from integer cents, so that no
// floating point touches an amount; the caller turns the result into its own unit at the very end.
#include <algorithm>
#include <cstdint>

namespace caisse {

// value / max of `full` units, rounded down: 0 when value <= 0 or max <= 0, `full` at most (a
// value above max is clipped). Exact for any int64 cents (the product is taken in 128 bits).
inline std::int64_t bar_length(std::int64_t value, std::int64_t max, std::int64_t full) {
    if (value <= 0 || max <= 0 || full <= 0) return 0;
    const __int128 l = static_cast<__int128>(std::min(value, max)) * full / max;
    return static_cast<std::int64_t>(l);
}

}  // namespace caisse
