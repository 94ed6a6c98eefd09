#pragma once
// UTF-8 for the printer: decoding that never fails (bad bytes become U+FFFD) and column wrapping.
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace caisse::drivers {

// Decodes the code point at text[i] and moves i past it (bad bytes: U+FFFD, one byte).
char32_t next_code_point_slow(std::string_view text, std::size_t& i);
[[gnu::always_inline]] inline char32_t next_code_point(std::string_view text, std::size_t& i) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    if (b0 < 0x80) {
        ++i;
        return b0;
    }
    return next_code_point_slow(text, i);
}

std::u32string decode_utf8(std::string_view text);
void decode_utf8(std::string_view text, std::u32string& out);  // into a reused buffer
void append_utf8(std::string& out, char32_t cp);
// Marks drawn on the previous character (accents typed as separate code points).
inline bool is_combining(char32_t cp) {
    if (cp < 0x0300) return false;  // the common case, checked first
    return (cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
           (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F);
}

// Number of columns text takes on a printer: code points, combining marks excluded.
int column_width(std::string_view text);
// Greedy wrap to `columns`: breaks at spaces (dropping them), cuts words longer than a line between
// characters, honours '\n'. Returns [begin, end) byte ranges of text; no byte other than break
// spaces is lost.
std::vector<std::pair<std::size_t, std::size_t>> wrap_spans(std::string_view text, int columns);
std::vector<std::string> wrap_columns(std::string_view text, int columns);

// "label ... amount" in `columns`: the amount ends the first line, the label wraps onto lines
// indented by `indent`. An amount too wide to share a line goes on its own line, right-aligned.
// Calls emit(line, right_aligned) for each printed line; `line` lives in `scratch` until the next call.
template <class Emit>
void layout_row(std::string_view label, std::string_view amount, int columns, int indent, std::string& scratch, Emit&& emit) {
    const int amount_w = column_width(amount);
    const int label_room = columns - amount_w - 1;
    if (label_room < 8) {
        for (const auto& [b, e] : wrap_spans(label, columns)) emit(label.substr(b, e - b), false);
        for (const auto& [b, e] : wrap_spans(amount, columns)) emit(amount.substr(b, e - b), true);
        return;
    }
    const auto spans = wrap_spans(label, label_room);
    const std::string_view head = label.substr(spans[0].first, spans[0].second - spans[0].first);
    scratch.assign(head);
    scratch.append(static_cast<std::size_t>(columns - column_width(head) - amount_w), ' ');
    scratch.append(amount);
    emit(std::string_view(scratch), false);
    if (spans.size() < 2) return;
    const std::size_t pad = static_cast<std::size_t>(std::clamp(indent, 0, columns / 4));
    const std::string_view rest = label.substr(spans[1].first);
    for (const auto& [b, e] : wrap_spans(rest, columns - static_cast<int>(pad))) {
        scratch.assign(pad, ' ');
        scratch.append(rest.substr(b, e - b));
        emit(std::string_view(scratch), false);
    }
}

}  // namespace caisse::drivers
