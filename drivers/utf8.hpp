#pragma once
// UTF-8 for the printer: decoding that never fails (bad bytes become U+FFFD) and column wrapping.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace caisse::drivers {

std::u32string decode_utf8(std::string_view text);
void append_utf8(std::string& out, char32_t cp);
// Marks drawn on the previous character (accents typed as separate code points).
bool is_combining(char32_t cp);

// Number of columns text takes on a printer: code points, combining marks excluded.
int column_width(std::string_view text);
// Greedy wrap to `columns`: breaks at spaces (dropping them), cuts words longer than a line between
// characters, honours '\n'. Returns [begin, end) byte ranges of text; no byte other than break
// spaces is lost.
std::vector<std::pair<std::size_t, std::size_t>> wrap_spans(std::string_view text, int columns);
std::vector<std::string> wrap_columns(std::string_view text, int columns);

// "label ... amount" in `columns`: the amount ends the first line, the label wraps onto lines
// indented by `indent`. An amount too wide to share a line goes on its own line; `amount_alone`
// then tells the caller to right-align the last line.
struct RowLines {
    std::vector<std::string> lines;
    bool amount_alone = false;
};
RowLines layout_row(std::string_view label, std::string_view amount, int columns, int indent);

}  // namespace caisse::drivers
