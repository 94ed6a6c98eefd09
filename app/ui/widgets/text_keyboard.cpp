// The on-screen keyboard for short texts.
#include "app/ui/widgets/text_keyboard.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/touch_button.hpp"

namespace caisse::ui {
namespace {

// UTF-8 keys of each row: the letters, or (the "àé" key) the accented letters of French. Both
// layers have the same rows, so the keyboard is as tall with accents as without (every key stays on
// a 1024x768 screen).
const std::vector<std::vector<std::string>>& rows(bool accents) {
    static const std::vector<std::vector<std::string>> letters = {
        {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"},
        {"a", "z", "e", "r", "t", "y", "u", "i", "o", "p"},
        {"q", "s", "d", "f", "g", "h", "j", "k", "l", "m"},
        {"w", "x", "c", "v", "b", "n", "é", "è", "à", "ç"},
    };
    static const std::vector<std::vector<std::string>> accented = {
        {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"},
        {"é", "è", "ê", "ë", "à", "â", "ä", "ù", "û", "ü"},
        {"î", "ï", "ô", "ö", "ç", "œ", "æ", "ÿ", ".", "&"},
        {"w", "x", "c", "v", "b", "n", "(", ")", "/", ":"},
    };
    return accents ? accented : letters;
}

// The capital of a key (Maj): ASCII letters, and the accented ones of the rows above.
std::string upper(const std::string& key) {
    static const std::vector<std::pair<std::string, std::string>> pairs = {
        {"é", "É"}, {"è", "È"}, {"ê", "Ê"}, {"ë", "Ë"}, {"à", "À"}, {"â", "Â"}, {"ä", "Ä"}, {"ù", "Ù"}, {"û", "Û"},
        {"ü", "Ü"}, {"î", "Î"}, {"ï", "Ï"}, {"ô", "Ô"}, {"ö", "Ö"}, {"ç", "Ç"}, {"œ", "Œ"}, {"æ", "Æ"}, {"ÿ", "Ÿ"}};
    if (key.size() == 1 && key[0] >= 'a' && key[0] <= 'z') return std::string(1, static_cast<char>(key[0] - 'a' + 'A'));
    for (const auto& [lower, capital] : pairs)
        if (key == lower) return capital;
    return key;
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
    const bool shift = k.keyboard_shift, accents = k.keyboard_accents;
    for (const auto& row : rows(accents)) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i > 0) ImGui::SameLine();
            const std::string key = shift ? upper(row[i]) : row[i];
            // The id names the key, not its case: "kbd:a" types "A" under Maj.
            if (touch_button(k, "kbd:" + row[i], key, ImVec2(key_w, key_h), kWhite, kInk, k.fonts.bold) &&
                text.size() + key.size() <= max_bytes)
                text += key;
        }
    }
    const float wide = 2 * key_w + spacing;
    // Maj stays on until tapped again (SKUs are capitals); "àé" swaps the letters for the accented.
    if (touch_button(k, "kbd:shift", "Maj", ImVec2(key_w, key_h), shift ? kDark : kWhite, shift ? kWhite : kInk, k.fonts.bold))
        k.keyboard_shift = !shift;
    ImGui::SameLine();
    if (touch_button(k, "kbd:accents", accents ? "abc" : "àé", ImVec2(key_w, key_h), accents ? kDark : kWhite, accents ? kWhite : kInk,
                     k.fonts.bold))
        k.keyboard_accents = !accents;
    ImGui::SameLine();
    for (const char* p : {"'", "-", ","}) {
        if (touch_button(k, std::string("kbd:") + p, p, ImVec2(key_w, key_h), kWhite, kInk, k.fonts.bold) && text.size() < max_bytes)
            text += p;
        ImGui::SameLine();
    }
    if (touch_button(k, "kbd:space", " ", ImVec2(width - 5 * (key_w + spacing) - wide - spacing, key_h), kWhite) &&
        text.size() < max_bytes && !text.empty() && text.back() != ' ')
        text += ' ';
    ImGui::SameLine();
    if (touch_button(k, "kbd:back", "←", ImVec2(wide, key_h), kPaleRed, kRed, k.fonts.bold)) erase_last(text);
}

}  // namespace caisse::ui
