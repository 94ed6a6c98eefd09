// A question over the screen with two big answers.
#include "app/ui/widgets/modal.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>

#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/touch_button.hpp"
#include "app/ui/widgets/wrapped_text.hpp"

namespace caisse::ui {

void dim_behind(Kit&, const std::string& id) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, kDim);
    ImGui::Begin(("dim:" + id).c_str(), nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoInputs);
    ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
    ImGui::End();
    ImGui::PopStyleColor();
}

Answer modal(Kit& k, const std::string& id, const ModalText& text) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    // Dim what is behind: it cannot be touched while the question is open.
    dim_behind(k, id);
    const ImVec2 size(std::min(display.x - k.px(40), k.px(text.big ? 760 : 640)), 0);
    ImGui::SetNextWindowPos(ImVec2(display.x / 2, display.y / 2), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(size.x, 0), ImVec2(size.x, display.y));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, kModalBg);
    ImGui::PushStyleColor(ImGuiCol_Border, kDark);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, k.px(3));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(k.px(24), k.px(20)));
    ImGui::Begin(("modal:" + id).c_str(), nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
    ImGui::PushFont(k.fonts.large);
    ImGui::PushTextWrapPos(0);
    text_wrapped(text.title.c_str());
    ImGui::PopFont();
    ImGui::Spacing();
    if (!text.body.empty()) text_wrapped(text.body.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    const float gap = text.big ? k.px(60) : ImGui::GetStyle().ItemSpacing.x;
    const float half = (size.x - 2 * k.px(24) - gap) / 2;
    const float h = k.px(text.big ? 140 : 80);
    Answer answer = Answer::none;
    if (touch_button(k, id + "_no", text.no, ImVec2(half, h), 0, 0, k.fonts.large)) answer = Answer::no;
    ImGui::SameLine(0, gap);
    const ImU32 fill = text.yes_is_danger ? kRed : kGreen;
    if (!text.yes_armed) disabled_button(text.yes, ImVec2(half, h), k.fonts.large);
    else if (touch_button(k, id + "_yes", text.yes, ImVec2(half, h), fill, kWhite, k.fonts.large)) answer = Answer::yes;
    ImGui::End();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor(2);
    return answer;
}

}  // namespace caisse::ui
