#pragma once
// Wrapped text that never splits an amount: Dear ImGui's TextWrapped may break a line after a
// comma or a full stop, so "325,54 €" could end one line with "325," and start the next with "54 €"
// (seen in a newcomer's trial of the catering questions). Here lines break at plain spaces and at
// newlines only; money (Money::format) and French punctuation use no-break spaces, so they stay
// whole.
#include <string>
#include <string_view>

namespace caisse::ui {

// Where `text` breaks when its lines may be at most `fits(line)` wide: the text with the chosen
// plain spaces turned into newlines. A single word wider than a line stays whole on its own line.
// Pure (the measure is given), so it is tested without a window.
template <class Fits>
std::string wrap_at_spaces(std::string_view text, Fits fits) {
    std::string out(text);
    std::size_t line = 0;  // start of the current line in out
    while (line < out.size()) {
        const std::size_t nl = out.find('\n', line);
        const std::size_t para_end = nl == std::string::npos ? out.size() : nl;
        std::size_t end = line;  // end of the last word that fits on this line
        std::size_t next = line;
        for (;;) {
            const std::size_t space = out.find(' ', next);
            const std::size_t word_end = space == std::string::npos || space > para_end ? para_end : space;
            if (end == line || fits(std::string_view(out).substr(line, word_end - line))) end = word_end;
            else break;
            if (word_end == para_end) break;
            next = word_end + 1;
        }
        if (end >= para_end) {
            line = para_end + 1;
            continue;
        }
        out[end] = '\n';  // the plain space after the last word that fits
        line = end + 1;
    }
    return out;
}

// ImGui::TextWrapped("%s", text) that breaks at plain spaces only, within the current wrap position
// (PushTextWrapPos) or the content region's edge.
void text_wrapped(const char* text);

}  // namespace caisse::ui
