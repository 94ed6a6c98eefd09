// Every glyph the screens use is in the font atlas (issue 12 item 4): a character missing from a
// font's ranges is drawn as "?" (the PIN pad once showed "? ? ? ?"). The strings are every string
// literal of the UI code, every msgid and msgstr of the catalogues and amounts as Money formats
// them; any of them may be drawn in any of the fonts (a translated label in a big button), so each
// code point must be in each font the theme builds.
#include <gtest/gtest.h>

#include <imgui.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "app/core/money.hpp"
#include "app/ui/theme.hpp"

namespace caisse::ui::testing {
namespace {

const std::string kSource = CAISSE_SOURCE_DIR;

std::string read(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The code points of UTF-8 text (invalid bytes are skipped: the text checks live elsewhere).
std::vector<char32_t> code_points(const std::string& s) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        char32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
        for (int k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += static_cast<std::size_t>(n);
    }
    return out;
}

// The contents of the "..." literals of C++ source (escapes kept as written: \n is two ASCII
// characters, which every font has); comments skipped.
std::vector<std::string> literals(const std::string& text) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 2, "//") == 0) {
            i = text.find('\n', i);
            if (i == std::string::npos) break;
        } else if (text.compare(i, 2, "/*") == 0) {
            i = text.find("*/", i);
            if (i == std::string::npos) break;
        } else if (text[i] == '\'') {
            i += text[i + 1] == '\\' ? 3 : 2;  // a character literal: '"' must not open a string
        } else if (text[i] == '"') {
            std::string lit;
            for (++i; i < text.size() && text[i] != '"'; ++i) {
                if (text[i] == '\\') lit += text[i++];
                lit += text[i];
            }
            out.push_back(lit);
        }
    }
    return out;
}

// Strings the screens draw, by where they come from.
std::map<std::string, std::vector<std::string>> screen_strings() {
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& e : std::filesystem::recursive_directory_iterator(kSource + "/app/ui")) {
        const auto ext = e.path().extension();
        if (ext != ".cpp" && ext != ".hpp") continue;
        out[std::filesystem::relative(e.path(), kSource).string()] = literals(read(e.path()));
    }
    for (const auto& e : std::filesystem::directory_iterator(kSource + "/assets/i18n"))
        if (e.path().extension() == ".po") out[std::filesystem::relative(e.path(), kSource).string()] = {read(e.path())};
    out["Money::format"] = {Money::cents(123456789).format(), Money::cents(-5).format()};
    return out;
}

class Glyphs : public ::testing::Test {
protected:
    void SetUp() override {
        context_ = ImGui::CreateContext();
        fonts_ = load_fonts(ImGui::GetIO(), 1.0f);
    }
    void TearDown() override { ImGui::DestroyContext(context_); }
    ImGuiContext* context_ = nullptr;
    Fonts fonts_;
};

TEST_F(Glyphs, EveryGlyphTheScreensUseIsInEveryFont) {
    const std::map<std::string, ImFont*> fonts = {
        {"body", fonts_.body}, {"bold", fonts_.bold}, {"large", fonts_.large}, {"huge", fonts_.huge}, {"mono", fonts_.mono}};
    std::set<std::pair<std::string, char32_t>> missing;  // (font, code point), each said once
    std::size_t checked = 0;
    for (const auto& [where, strings] : screen_strings()) {
        for (const auto& s : strings) {
            for (const char32_t cp : code_points(s)) {
                if (cp < 0x20 || cp == 0x7F) continue;  // controls (newlines of the .po files) are not drawn
                ++checked;
                for (const auto& [name, font] : fonts) {
                    if (font->FindGlyphNoFallback(static_cast<ImWchar>(cp)) || !missing.emplace(name, cp).second) continue;
                    ADD_FAILURE() << where << ": U+" << std::hex << std::uppercase << static_cast<std::uint32_t>(cp)
                                  << " is not in the atlas of the " << name << " font (app/ui/theme.cpp ranges)";
                }
            }
        }
    }
    EXPECT_GT(checked, 10000u) << "the scan must find the screens' strings and the catalogue";
}

// The check can fail: a character no range holds is reported.
TEST_F(Glyphs, ACharacterOutsideTheRangesIsMissing) {
    EXPECT_EQ(fonts_.large->FindGlyphNoFallback(static_cast<ImWchar>(0x263A)), nullptr);  // ☺
    EXPECT_NE(fonts_.large->FindGlyphNoFallback(static_cast<ImWchar>(0x25CF)), nullptr);  // ● of the PIN pad
    EXPECT_NE(fonts_.huge->FindGlyphNoFallback(static_cast<ImWchar>(0x20AC)), nullptr);   // €
}

}  // namespace
}  // namespace caisse::ui::testing
