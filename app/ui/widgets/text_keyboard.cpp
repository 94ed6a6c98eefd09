// The on-screen keyboard for short texts.
#include "app/ui/widgets/text_keyboard.hpp"

#include <algorithm>
#include <vector>

#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/touch_button.hpp"

namespace caisse::ui {
namespace {

// UTF-8 keys of each row.
const std::vector<std::vector<std::string>>& rows() {
    static const std::vector<std::vector<std::string>> r = {
        {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"},
        {"a", "z", "e", "r", "t", "y", "u", "i", "o", "p"},
        {"q", "s", "d", "f", "g", "h", "j", "k", "l", "m"},
        {"w", "x", "c", "v", "b", "n", "é", "è", "à", "ç"},
    };
    return r;
}

void erase_last(std::string& text) {
    if (text.empty()) return;
    std::size_t i = text.size() - 1;
    while (i > 0 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;  // back to the first byte of the character
    text.erase(i);
}

}  // namespace

void text_keyboard(Kit& k, std::string& text, float width, std::size_t max_bytes) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float key_w = std::max(k.px(kMinTarget), (width - 9 * spacing) / 10);
    const float key_h = k.px(kMinTarget + 4);
    for (const auto& row : rows()) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i > 0) ImGui::SameLine();
            if (touch_button(k, "kbd:" + row[i], row[i], ImVec2(key_w, key_h), kWhite, kInk, k.fonts.bold) &&
                text.size() + row[i].size() <= max_bytes)
                text += row[i];
        }
    }
    const float wide = 2 * key_w + spacing;
    for (const char* p : {"'", "-", ","}) {
        if (touch_button(k, std::string("kbd:") + p, p, ImVec2(key_w, key_h), kWhite, kInk, k.fonts.bold) && text.size() < max_bytes)
            text += p;
        ImGui::SameLine();
    }
    if (touch_button(k, "kbd:space", " ", ImVec2(width - 3 * (key_w + spacing) - wide - spacing, key_h), kWhite) &&
        text.size() < max_bytes && !text.empty() && text.back() != ' ')
        text += ' ';
    ImGui::SameLine();
    if (touch_button(k, "kbd:back", "←", ImVec2(wide, key_h), kPaleRed, kRed, k.fonts.bold)) erase_last(text);
}

}  // namespace caisse::ui
