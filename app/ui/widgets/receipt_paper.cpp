// A receipt drawn as paper: white strip, ink text, QR modules as rectangles (runs of dark modules
// merged into one rectangle each).
#include "app/ui/widgets/receipt_paper.hpp"

#include <algorithm>
#include <cmath>

#include <imgui_internal.h>

#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/touch_button.hpp"

namespace caisse::ui {
namespace {

constexpr float kPaperPadding = 14;

ImFont* paper_font(const Kit& k) { return k.fonts.mono ? k.fonts.mono : k.fonts.body; }

// The symbol with its quiet zone, as wide as `side` allows (whole pixels a module, at least 2).
// Returns the rectangle drawn.
ImRect draw_qr(const drivers::QrMatrix& qr, ImVec2 at, float side) {
    const int modules = qr.size + 2 * drivers::kQrQuietZone;
    const float m = std::max(2.0f, std::floor(side / static_cast<float>(modules)));
    const float full = m * static_cast<float>(modules);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin(std::floor(at.x + (side - full) / 2), std::floor(at.y));
    dl->AddRectFilled(origin, ImVec2(origin.x + full, origin.y + full), kWhite);
    const float q = static_cast<float>(drivers::kQrQuietZone);
    for (int y = 0; y < qr.size; ++y) {
        for (int x = 0; x < qr.size;) {
            if (!qr.dark(x, y)) {
                ++x;
                continue;
            }
            int end = x;
            while (end < qr.size && qr.dark(end, y)) ++end;
            const ImVec2 a(origin.x + (q + static_cast<float>(x)) * m, origin.y + (q + static_cast<float>(y)) * m);
            dl->AddRectFilled(a, ImVec2(a.x + static_cast<float>(end - x) * m, a.y + m), IM_COL32(0, 0, 0, 255));
            x = end;
        }
    }
    return ImRect(origin, ImVec2(origin.x + full, origin.y + full));
}

}  // namespace

float receipt_paper_width(const Kit& k, int columns) {
    ImGui::PushFont(paper_font(k));
    const float w = ImGui::CalcTextSize(std::string(static_cast<std::size_t>(columns), 'M').c_str()).x;
    ImGui::PopFont();
    return w + 2 * k.px(kPaperPadding) + ImGui::GetStyle().ScrollbarSize;
}

void receipt_paper(Kit& k, const char* id, const std::vector<ScreenReceiptItem>& items, ImVec2 size, bool& scroll_to_qr,
                   std::string& shown_qr) {
    shown_qr.clear();
    ImGui::PushStyleColor(ImGuiCol_ChildBg, kWhite);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(k.px(kPaperPadding), k.px(kPaperPadding)));
    // The scrollbar always there: the QR code's size (from the width) must not change with it.
    ImGui::BeginChild(id, size, true, ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_AlwaysVerticalScrollbar);
    if (dragged_here(k, id)) ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
    ImGui::PushFont(paper_font(k));
    ImGui::PushStyleColor(ImGuiCol_Text, kInk);
    bool qr_done = false;
    for (const auto& item : items) {
        if (!item.qr) {
            ImGui::TextUnformatted(item.line.empty() ? " " : item.line.c_str());
            continue;
        }
        ImGui::Dummy(ImVec2(1, ImGui::GetTextLineHeight()));  // the paper's white above the symbol
        const float side = ImGui::GetContentRegionAvail().x;
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const ImRect drawn = draw_qr(*item.qr, at, side);
        ImGui::Dummy(ImVec2(side, drawn.GetHeight()));
        if (!qr_done) {
            qr_done = true;
            shown_qr = item.qr_data;
            ImRect clip = ImGui::GetCurrentWindowRead()->ClipRect;
            clip.Expand(0.5f);
            if (scroll_to_qr) {
                // A new strip knows its height only after its first frame (the scroll would be
                // clamped to 0): asked again until the QR code is in view or the strip scrolls.
                ImGui::SetScrollHereY(1.0f);
                if (clip.Contains(drawn) || (!ImGui::IsWindowAppearing() && ImGui::GetScrollMaxY() > 0)) scroll_to_qr = false;
            }
            if (!k.inert && clip.Contains(drawn)) k.drawing[std::string(id) + ":qr"] = Target{drawn.Min, drawn.Max};
        }
    }
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

}  // namespace caisse::ui
