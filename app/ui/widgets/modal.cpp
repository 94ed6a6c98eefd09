// A question over the screen with two big answers.
#include "app/ui/widgets/modal.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>

#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/touch_button.hpp"

namespace caisse::ui {

Answer modal(Kit& k, const std::string& id, const ModalText& text) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    // Dim what is behind: it cannot be touched while the question is open.
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(display);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0, 0, 0, 90));
    ImGui::Begin(("dim:" + id).c_str(), nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoInputs);
    ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
    ImGui::End();
    ImGui::PopStyleColor();
    const ImVec2 size(std::min(display.x - k.px(40), k.px(640)), 0);
    ImGui::SetNextWindowPos(ImVec2(display.x / 2, display.y / 2), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(size.x, 0), ImVec2(size.x, display.y));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(250, 248, 244, 255));
    ImGui::PushStyleColor(ImGuiCol_Border, kDark);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, k.px(3));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(k.px(24), k.px(20)));
    ImGui::Begin(("modal:" + id).c_str(), nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
    ImGui::PushFont(k.fonts.large);
    ImGui::PushTextWrapPos(0);
    ImGui::TextWrapped("%s", text.title.c_str());
    ImGui::PopFont();
    ImGui::Spacing();
    if (!text.body.empty()) ImGui::TextWrapped("%s", text.body.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    const float half = (size.x - 2 * k.px(24) - ImGui::GetStyle().ItemSpacing.x) / 2;
    Answer answer = Answer::none;
    if (touch_button(k, id + "_no", text.no, ImVec2(half, k.px(80)), 0, 0, k.fonts.large)) answer = Answer::no;
    ImGui::SameLine();
    if (touch_button(k, id + "_yes", text.yes, ImVec2(half, k.px(80)), text.yes_is_danger ? kRed : kGreen, kWhite, k.fonts.large))
        answer = Answer::yes;
    ImGui::End();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor(2);
    return answer;
}

}  // namespace caisse::ui
