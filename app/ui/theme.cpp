// Fonts (DejaVu, scaled) and the touch style of the till: big paddings, rounded tiles, light colours.
#include "app/ui/theme.hpp"

#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>

#include "app/services/assets.hpp"
#include "app/services/till.hpp"
#include "app/ui/widgets/colours.hpp"

namespace caisse::ui {

Fonts load_fonts(ImGuiIO& io, float scale) {
    const std::string dir = assets_dir() + "/fonts/";
    for (const char* f : {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono.ttf"})
        if (!std::filesystem::exists(dir + f)) throw std::runtime_error("font missing: " + dir + f);
    // Body text: Latin, Latin-1, Latin Extended-A/B (Wolof ŋ), IPA, combining marks, Vietnamese,
    // punctuation, €, arrows, shapes, dingbats (✕). Big digits and labels need less: Latin-1 and
    // Latin Extended-A, punctuation, €, arrows, the PIN dots ● ○ and the ✕ of buttons; a smaller
    // atlas starts faster and uses less memory. tests/ui/glyphs_test.cpp checks that every glyph of
    // the screens' strings and of the catalogues (assets/i18n/*.po) is in every font.
    static const ImWchar big_ranges[] = {0x0020, 0x017F, 0x2000, 0x206F, 0x20A0, 0x20CF, 0x2190, 0x21FF, 0x2212, 0x2212,
                                         0x25CB, 0x25CB, 0x25CF, 0x25CF, 0x2715, 0x2715, 0};
    static const ImWchar ranges[] = {0x0020, 0x024F, 0x0250, 0x02FF, 0x0300, 0x036F, 0x1E00, 0x1EFF,
                                     0x2000, 0x206F, 0x20A0, 0x20CF, 0x2190, 0x21FF, 0x2212, 0x2212, 0x25A0, 0x25FF,
                                     0x2700, 0x27BF, 0};
    ImFontConfig config;
    config.OversampleH = 1;  // the till's text does not move sub-pixel: no need to oversample
    config.OversampleV = 1;
    io.Fonts->Clear();
    Fonts fonts;
    fonts.body = io.Fonts->AddFontFromFileTTF((dir + "DejaVuSans.ttf").c_str(), 20.0f * scale, &config, ranges);
    fonts.bold = io.Fonts->AddFontFromFileTTF((dir + "DejaVuSans-Bold.ttf").c_str(), 20.0f * scale, &config, ranges);
    fonts.large = io.Fonts->AddFontFromFileTTF((dir + "DejaVuSans-Bold.ttf").c_str(), 30.0f * scale, &config, big_ranges);
    fonts.huge = io.Fonts->AddFontFromFileTTF((dir + "DejaVuSans-Bold.ttf").c_str(), 56.0f * scale, &config, big_ranges);
    fonts.mono = io.Fonts->AddFontFromFileTTF((dir + "DejaVuSansMono.ttf").c_str(), 17.0f * scale, &config, ranges);
    if (!fonts.body || !fonts.bold || !fonts.large || !fonts.huge || !fonts.mono) throw std::runtime_error("cannot load fonts from " + dir);
    io.FontDefault = fonts.body;
    io.Fonts->Build();  // alpha only: the window uploads it as one channel
    return fonts;
}

void apply_style(float scale) {
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    ImGui::StyleColorsLight(&style);
    style.WindowRounding = 0.0f;
    style.WindowBorderSize = 0.0f;
    style.FrameRounding = 8.0f;
    style.GrabRounding = 8.0f;
    style.ScrollbarSize = 24.0f;
    style.FramePadding = ImVec2(12.0f, 10.0f);
    style.ItemSpacing = ImVec2(10.0f, 10.0f);
    style.WindowPadding = ImVec2(12.0f, 12.0f);
    style.TouchExtraPadding = ImVec2(0.0f, 0.0f);  // first widget wins on overlap
    const auto colour = [](ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); };
    style.Colors[ImGuiCol_Text] = colour(kThemeText);
    style.Colors[ImGuiCol_WindowBg] = colour(kWindowBg);
    style.Colors[ImGuiCol_Button] = colour(kButton);
    style.Colors[ImGuiCol_ButtonActive] = colour(pressed_fill(kButton, kThemeText));
    // A touch screen has no hover: a hovered thing looks as it does untouched, so that nothing
    // stays lit where a finger lifted (issue 12 item 9; TillApp::prepare_input takes the pointer away).
    for (const auto& [hovered, normal] : {std::pair{ImGuiCol_ButtonHovered, ImGuiCol_Button}, std::pair{ImGuiCol_FrameBgHovered, ImGuiCol_FrameBg},
                                         std::pair{ImGuiCol_HeaderHovered, ImGuiCol_Header}, std::pair{ImGuiCol_TabHovered, ImGuiCol_Tab},
                                         std::pair{ImGuiCol_ScrollbarGrabHovered, ImGuiCol_ScrollbarGrab}})
        style.Colors[hovered] = style.Colors[normal];
    style.ScaleAllSizes(scale);
    ImGui::GetIO().MouseDragThreshold = 12.0f * scale;  // a tap with a shaky finger is still a tap
}

}  // namespace caisse::ui
